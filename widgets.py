"""Compatibility names for pages not yet moved to the ui/ package (ui.text, ui.state, ui.display, ui.controls)."""

from ui.display import feature_map_rows, keep_last, shape_text, show_error, show_map  # noqa: F401
from ui.state import current_image, set_image  # noqa: F401
from ui.text import T, class_label, lang  # noqa: F401
