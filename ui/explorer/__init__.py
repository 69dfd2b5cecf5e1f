"""The browser explorer (issue 13): the sliding window follows the pointer, with no server round trip.

Python computes the numbers once (`playground` lessons) and sends compact bytes (payload.py); the
browser draws the padded input, the map, the window, the kernel over it, the products and the
written-out sum, exactly as `trace_conv` / `trace_pool` write them, on every hover, drag or animation
frame. Only a click goes back to Python.

The HTML, CSS and JS live beside this file and are registered once, at import. They are fixed code:
everything that comes from the learner or the lesson travels in `data` and is set with textContent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
import streamlit as st

from playground.i18n import t

from .payload import Spec, build_payload, read_payload, spec_of  # noqa: F401  (read_payload: tests, notebooks)

_HERE = Path(__file__).parent
NAME = "conv_playground_explorer"

_mount = st.components.v2.component(
    NAME,
    html=(_HERE / "explorer.html").read_text(encoding="utf-8"),
    css=(_HERE / "explorer.css").read_text(encoding="utf-8"),
    js=(_HERE / "explorer.js").read_text(encoding="utf-8"),
)

LABEL_KEYS = ("ex_input", "ex_output_conv", "ex_output_pool", "ex_zoom", "ex_window", "ex_kernel", "ex_products",
              "ex_bias", "ex_partial", "ex_play", "ex_pause", "ex_prev", "ex_next", "ex_speed", "ex_position",
              "ex_hint", "ex_padding", "ex_winner", "ex_winner_min", "ex_average", "ex_hidden", "trace_pad")


def labels(lang: str, spec: Spec) -> dict[str, str]:
    """Every text the browser shows, translated here (the browser only fills {i}, {j} and {c})."""
    out = {k: t(k, lang) for k in LABEL_KEYS}
    out["ex_cell"] = t("ex_cell", lang, i="{i}", j="{j}")
    out["ex_channel"] = t("ex_channel", lang, c="{c}")
    out["channels"] = [t(k, lang) for k in ("channel_r", "channel_g", "channel_b")]
    if spec.padded.shape[0] == 1:  # one channel: its sum is the whole sum, not a part of one
        out["ex_partial"] = t("ex_sum", lang)
    elif spec.padded.shape[0] == 3 and np.ptp(np.nan_to_num(spec.padded), axis=0).any():  # R, G, B not all equal
        out["ex_zoom"] = t("ex_zoom_rgb", lang)  # (a gray picture in RGB writes one number per cell: no order to say)
    if spec.kind == "conv":
        pad = str(spec.pads[0]) if len(set(spec.pads)) == 1 else "/".join(str(p) for p in spec.pads)  # t/b/l/r
        out["settings"] = t("ex_settings", lang, s=_axes(spec.stride), d=_axes(spec.dilation), p=pad,
                            m=t(f"mode_{spec.mode}", lang))
    else:
        out["settings"] = t("ex_pool_settings", lang, k=f"{spec.ksize[0]}×{spec.ksize[1]}", s=_axes(spec.stride),
                            p=str(spec.pads[0]))
    return out


def _axes(pair: tuple[int, int]) -> str:
    return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]}×{pair[1]}"


def explorer(lesson, *, kind: str, lang: str, selected: tuple[int, int], key: str, quiz: bool = False,
             on_select: Callable[[tuple[int, int]], None] | None = None, stride: int = 1,
             padding: int = 0, present: bool = False) -> tuple[int, int] | None:
    """Draw the in-browser explorer for a lesson; return the output cell the learner just clicked, or None.

    lesson:   a `ConvLesson` (kind="conv"), a `PoolLesson` (kind="pool"), or a `ChannelLesson`
              (kind="conv": the RGB input, filter 0's three kernels, partial sums and bias; pass the
              `stride` and `padding` it was computed with, since ChannelLesson does not record them).
    lang:     "en" or "ko": every label is translated here and sent as data.
    selected: the page's current output cell (i, j); the window rests there when the pointer leaves.
    key:      a unique widget key per page (e.g. "conv_explorer"); the component keeps its place across reruns.
    on_select: optional callback(cell), run before the script on the rerun a click causes: set the page's
              selected cell there and this very run already draws it (one rerun per click, no st.rerun()).
    present:  presentation mode (`ui.display.present()`, a projector at 1920×1080): larger maps (about 1.7×),
              numbers in cells >= 20 px, labels >= 16 px and the formula >= 20 px; normal mode is unchanged.
    quiz:     True while the learner has not answered: the selected cell's value, products and formula are
              never computed or drawn in the browser, and its colour is not sent.

    Hover, drag, play, step and scrub run in the browser and cause no rerun. A click on a cell of the map
    (or of the input) causes exactly one rerun, in which this returns that (i, j); on other runs it
    returns None. The page should then make (i, j) its selected cell (best in on_select, as the pages do).
    AppTest does not run the browser code: keep the server-side stepper as the fallback.
    """
    spec = spec_of(lesson, kind, stride=stride, padding=padding)
    shape = spec.output.shape
    data = build_payload(spec, labels=labels(lang, spec), lang=lang, selected=selected, quiz=quiz,
                         present=present)
    result = _mount(data=data, key=key, on_clicked_change=lambda: _clicked_callback(key, on_select, shape))
    return _cell(getattr(result, "clicked", None), shape)


def _cell(value, shape: tuple[int, int]) -> tuple[int, int] | None:
    """A trigger value from the browser, [i, j], as a cell inside the map; anything else is None."""
    if (isinstance(value, (list, tuple)) and len(value) == 2 and all(type(v) is int for v in value)
            and 0 <= value[0] < shape[0] and 0 <= value[1] < shape[1]):
        return int(value[0]), int(value[1])
    return None


def _clicked_callback(key: str, on_select, shape: tuple[int, int]) -> None:
    cell = _cell(st.session_state[key].get("clicked"), shape) if key in st.session_state else None
    if cell is not None and on_select is not None:
        on_select(cell)
