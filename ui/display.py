"""Display: maps, errors in the learner's language, the last good result, formulas, downloads."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

import numpy as np
import streamlit as st

from playground import figures, samples
from playground._args import InputError

from .state import current_image, learner
from .text import T, plain


def shape_text(img: np.ndarray) -> str:
    """(H, W, 1) or (H, W, 3), as learners write an image's shape."""
    return f"({img.shape[0]}, {img.shape[1]}, {1 if img.ndim == 2 else img.shape[2]})"


def image_name(label: str) -> str:
    """A sample's name in the learner's language; 'pixels', 'drawing', 'link' translated; a file name shown literally."""
    if label in samples.SAMPLES:
        return T(f"sample_{label}")
    if label in ("pixels", "drawing", "link"):
        return T(f"image_from_{label}")
    return plain(label, 60)


def image_caption() -> None:
    """One line under a page title: which image, which shape, and where to change it."""
    label, img = current_image()
    st.caption(T("using_image", name=image_name(label), shape=shape_text(img)))


def show_error(e: Exception) -> None:
    """A bad setting as one sentence in the learner's language (never a traceback)."""
    if isinstance(e, InputError):
        st.error(T(e.key, **{k: plain(v, 60) for k, v in e.values.items()}), icon="⚠️")  # values may be pasted text
    else:
        st.error(T("error_generic", detail=plain(e, 200)), icon="⚠️")


def keep_last(name: str, compute):
    """compute() -> result; on bad input show why and return the last good result (or None)."""
    try:
        result = compute()
    except ValueError as e:
        show_error(e)
        if f"last_{name}" in st.session_state:
            st.caption(T("showing_previous"))
        return st.session_state.get(f"last_{name}")
    st.session_state[f"last_{name}"] = result
    return result


def clicked_cell(event) -> tuple[int, int] | None:
    """The (row, col) a click on a clickable heatmap selected, if any (an event, or its state in st.session_state)."""
    try:
        points = (event["selection"]["points"] if isinstance(event, dict) else event.selection.points) if event else []
    except (AttributeError, KeyError, TypeError):
        return None
    for p in points:
        if "x" in p and "y" in p:
            return int(round(p["y"])), int(round(p["x"]))
    return None


DISPLAY_SIDE = 320
# Presentation mode is made for a 1920 px wide projector: a page's main map is drawn MAIN_SIDE px on its
# longer side (at least half the width), in a column wide enough to hold it (main_columns); a map beside
# it BESIDE_SIDE px (its colour bar and ticks still fit the narrower column).
MAIN_SIDE = 960
BESIDE_SIDE = 520


def present() -> bool:
    """True in presentation mode (the sidebar toggle, ?present=1): figures are drawn for a projector."""
    return bool(learner().get("present", False))


def main_columns(n_side: int = 1) -> list:
    """Columns for a page's main map and n_side maps beside it: equal columns, or in presentation mode a
    first column wide enough for MAIN_SIDE px (3/5 of the page at 1920 px)."""
    if present():
        return st.columns([3] + [2 / n_side] * n_side)
    return st.columns(1 + n_side)


@contextmanager
def charts_of_the_cell(explorer_shown: bool, key: str) -> Iterator[bool]:
    """Where a page draws its selected cell server-side (maps, trace, formula); yields whether to draw them.

    Beside the browser explorer, which shows the same numbers live, they fold into a closed expander, so the page
    says everything once, and a folded expander builds nothing: every rerun beside the explorer (a slider, a
    click) skips those charts, and opening it is one rerun (Streamlit's lazy expander, on_change="rerun").
    Open when there is no explorer (a quiz before Check) and on a projector (the big picture stays in view)."""
    if not explorer_shown or present():
        with st.container():
            yield True
        return
    box = st.expander(T("cell_charts"), key=key, on_change="rerun")
    with box:
        yield bool(box.open)


def show_map(a: np.ndarray, title: str, *, key: str, rects: list[tuple] = (), marks: np.ndarray | None = None,
             clickable: bool = False, signed: bool | None = None,
             zrange: tuple[float, float] | None = None, main: bool = False,
             beside: bool = False, on_click: Callable[[tuple[int, int]], None] | None = None,
             origin: tuple[int, int] = (0, 0)) -> tuple[int, int] | None:
    """A map as a heatmap when small (hover values, clicks) or as a fast picture when big.

    In presentation mode numbers, ticks and cells are enlarged; `main` (the page's main picture) draws
    the map MAIN_SIDE px on its longer side, `beside` (a map in the column next to it) BESIDE_SIDE px.
    The figure keeps its own width (cells stay square and clicks land where they are drawn).
    """
    clickable = clickable or on_click is not None
    big = present()
    side = (MAIN_SIDE if main else BESIDE_SIDE if beside else None) if big else None
    if figures.is_small(a):
        fig = figures.heatmap(a, title=title, rects=rects, marks=marks, clickable=clickable, signed=signed,
                              zrange=zrange, present=big, side=side, height=480 if big else 320, origin=origin)
        def clicked() -> None:  # runs before the script: this very rerun draws the new cell (one rerun per click)
            cell = clicked_cell(st.session_state.get(key))
            if cell is not None and 0 <= cell[0] < a.shape[0] and 0 <= cell[1] < a.shape[1]:
                on_click(cell)

        on_select = clicked if on_click is not None else "rerun" if clickable else "ignore"
        event = st.plotly_chart(fig, key=key, on_select=on_select, width="content",
                                selection_mode="points", config={"displayModeBar": False})
        return clicked_cell(event) if clickable else None
    # A big map is shown at most DISPLAY_SIDE px wide in its column anyway: thin it for display (exact
    # values stay in the heatmaps and traces), and send JPEG: a 512² PNG costs ~50 ms to encode.
    side = side or DISPLAY_SIDE
    picture = figures.raster(a, signed=signed, zrange=zrange, rects=rects, max_side=side,
                             upscale_to=side if big else 256)
    st.image(picture, caption=title, output_format="JPEG", width="stretch" if big else "content")
    return None


def feature_map_rows(layers: list[tuple[str, np.ndarray]], *, per_layer: int = 16) -> None:
    """Every layer's feature maps (C, H, W) of one image, a row of pictures per layer with its shape."""
    for name, maps in layers:
        c, h, w = maps.shape
        st.caption(f"{name} — (H, W, C) = ({h}, {w}, {c})")
        st.image([figures.raster(m, upscale_to=84) for m in maps[:per_layer]], width=56)


def size_formulas(size_h, size_w, coverage: np.ndarray | None = None) -> None:
    """The output-size formula for H and W with the learner's numbers, and what happens when it does not fit.

    coverage: (H, W) windows per image pixel (a ConvLesson's); when given, the sentence says how many
    of the image's last rows/columns the dropped remainder leaves unread, which is 0 when it was padding.
    """
    st.markdown(f"**{T('output_size')}** — H: `{size_h.formula}` → **{size_h.size}**, "
                f"W: `{size_w.formula}` → **{size_w.size}**")
    def unread(axis: str) -> int | None:  # the image's last rows/columns no window reads (None: not known)
        if coverage is None:
            return None
        read = coverage.sum(axis=1 if axis == "H" else 0) > 0  # (H,) or (W,): is the row/column read at all
        return len(read) - (int(np.flatnonzero(read)[-1]) + 1 if read.any() else 0)

    bad = [(axis, s, unread(axis), "rows" if axis == "H" else "cols")
           for axis, s in (("H", size_h), ("W", size_w)) if not s.fits]
    if len(bad) == 2 and (bad[0][1].exact, bad[0][1].size, bad[0][2]) == (bad[1][1].exact, bad[1][1].size, bad[1][2]):
        bad = [("H, W", size_h, bad[0][2], "both")]  # a square case: one sentence for both axes
    for axis, s, n, lines in bad:
        exact = f"{s.exact:.2f}".rstrip("0").rstrip(".")  # as the formula above writes it
        said = T("does_not_fit", axis=axis, exact=exact, size=s.size)
        if n is not None:
            said += " " + (T("does_not_fit_padding") if n == 0 else T(f"does_not_fit_{lines}{'_1' if n == 1 else ''}", n=n))
        st.warning(said)


def downloads(key: str, items: list[tuple[str, object, str]]) -> None:
    """A row of download buttons: (label key, data or a callable that makes it on click, file name)."""
    for col, (label, data, name) in zip(st.columns(len(items)), items):
        col.download_button(T(label), data, name, key=f"{key}_{name}")


def with_box(img: np.ndarray, r0: int, c0: int, r1: int, c1: int) -> np.ndarray:
    """A copy of an RGB picture (H, W, 3) with rows r0..r1, columns c0..c1 outlined in orange (2 px on big pictures)."""
    out = img.copy()
    t = 1 if max(img.shape[:2]) < 100 else 2
    colour = np.array([255, 140, 0], np.uint8)
    out[r0:r0 + t, c0:c1 + 1] = colour
    out[max(r1 - t + 1, 0):r1 + 1, c0:c1 + 1] = colour
    out[r0:r1 + 1, c0:c0 + t] = colour
    out[r0:r1 + 1, max(c1 - t + 1, 0):c1 + 1] = colour
    return out
