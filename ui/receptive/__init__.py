"""The receptive field, layer by layer (issue 13): point at a cell of a stack's last layer, and every earlier
layer lights the cells it depends on, down to the input picture, in the browser with no server round trip.

Python sends the stack's geometry (kernel_size, stride, padding, dilation per layer), every grid's size, a
gray picture of the input and the translated texts (payload.py); the browser walks the field back on every
hover with the arithmetic of `playground.receptive.field_per_layer`. Only a click (or Enter) goes back.

The HTML, CSS and JS live beside this file and are registered once, at import. They are fixed code:
everything that comes from the learner travels in `data` and is set with textContent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
import streamlit as st

from .payload import build_payload, sentence  # noqa: F401  (sentence: the page's server-side text)

_HERE = Path(__file__).parent
NAME = "conv_playground_receptive"

_mount = st.components.v2.component(
    NAME,
    html=(_HERE / "receptive.html").read_text(encoding="utf-8"),
    css=(_HERE / "receptive.css").read_text(encoding="utf-8"),
    js=(_HERE / "receptive.js").read_text(encoding="utf-8"),
)


def receptive(image: np.ndarray, layers: list, *, lang: str, selected: tuple[int, int], key: str,
              present: bool = False, on_select: Callable[[tuple[int, int]], None] | None = None
              ) -> tuple[int, int] | None:
    """Draw the input and every layer's grid; return the last-layer cell the learner just clicked, or None.

    image:    (H, W) or (H, W, 3), the stack's input (drawn gray).
    layers:   `playground.shapes.Layer`s or dicts {kind, kernel_size, stride, padding, dilation}, input first.
    selected: the page's chosen cell of the last layer; the field rests there when the pointer leaves.
    on_select: optional callback(cell), run before the script on the rerun a click causes (one rerun per click).
    present:  presentation mode (`ui.display.present()`): larger grids and text.

    Hover, drag and arrow keys run in the browser and cause no rerun. AppTest does not run the browser code:
    the page writes `sentence(...)` for the selected cell on the server too.
    """
    data = build_payload(image, layers, lang=lang, selected=selected, present=present)
    shape = tuple(data["sizes"][-1])
    result = _mount(data=data, key=key, on_clicked_change=lambda: _clicked_callback(key, on_select, shape))
    return _cell(getattr(result, "clicked", None), shape)


def _cell(value, shape: tuple[int, int]) -> tuple[int, int] | None:
    """A trigger value from the browser, [i, j], as a cell of the last layer; anything else is None."""
    if (isinstance(value, (list, tuple)) and len(value) == 2 and all(type(v) is int for v in value)
            and 0 <= value[0] < shape[0] and 0 <= value[1] < shape[1]):
        return int(value[0]), int(value[1])
    return None


def _clicked_callback(key: str, on_select, shape: tuple[int, int]) -> None:
    cell = _cell(st.session_state[key].get("clicked"), shape) if key in st.session_state else None
    if cell is not None and on_select is not None:
        on_select(cell)
