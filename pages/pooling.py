"""Pooling: max / average / min / global; which cell won, and two experiments."""

import streamlit as st

from playground import figures
from playground.lessons import pool_lesson
from playground.export import png_bytes
from widgets import (T, current_image, downloads, go_to_cell, image_caption, int_in, keep_last, link, one_of,
                     show_map, stepper)

# Pure, so cached: a learner toggling a setting back and forth gets the result back at once.
cached_pool_lesson = st.cache_data(pool_lesson, max_entries=8, ttl=900, show_spinner=False)
st.title(T("pool_title"))
image_caption()
_, img = current_image()

link("pool_mode", one_of(["max", "avg", "min", "global_avg", "global_max"]))
link("pool_k", int_in(1, 4))
link("pool_s", int_in(1, 4))
link("pool_p", int_in(0, 2))
a, b, c = st.columns(3)
mode = a.selectbox(T("pool_mode"), ["max", "avg", "min", "global_avg", "global_max"], key="pool_mode", format_func=lambda m: T(f"pool_{m}"))
is_global = mode.startswith("global")
window = b.slider(T("pool_window"), 1, 4, 2, key="pool_k", disabled=is_global)
stride = b.slider(T("stride"), 1, 4, 2, key="pool_s", disabled=is_global)
padding = c.slider(T("padding_amount"), 0, 2, 0, key="pool_p", disabled=is_global,
                   help=T("pool_padding_help"))
noise = c.slider(T("noise_level"), 0, 80, 20, key="pool_noise")

settings = dict(kernel_size=window, stride=stride, padding=padding, mode=mode, noise=float(noise))
lesson = keep_last("pool", lambda: cached_pool_lesson(img, **settings))
if lesson is None:
    st.stop()
at, tr, revealed = stepper(lesson, "pool", sizes=not is_global)
OW = lesson.output.shape[1]
kh, kw = tr.window.shape
r0, c0 = tr.origin[0] - (0 if is_global else padding), tr.origin[1] - (0 if is_global else padding)
left, right = st.columns(2)
with left:
    rects = [(r0, c0, r0 + kh - 1, c0 + kw - 1, figures.WINDOW)]
    if tr.winner is not None:
        rects.append((r0 + tr.winner[0], c0 + tr.winner[1], r0 + tr.winner[0], c0 + tr.winner[1], figures.RESULT))
    show_map(lesson.image, T("input"), key="pool_in", rects=rects)
with right:
    clicked = show_map(lesson.output, T("pooled"), key="pool_out", clickable=True,
                       rects=[(*at, *at, figures.RESULT)])
    if clicked and clicked != tuple(at):
        go_to_cell("pool_step", *clicked, OW)
st.markdown(T("cell_value", i=at[0], j=at[1]))
if revealed:
    st.code(tr.formula, language=None, wrap_lines=True)
if revealed and tr.winner is not None:
    st.caption(T("winner", r=tr.origin[0] + tr.winner[0], c=tr.origin[1] + tr.winner[1]))

st.subheader(T("experiments"))
e1, e2 = st.columns(2)
e1.metric(T("shift_metric"), f"{lesson.shifted_change:.0%}")
e1.caption(T("shift_help"))
e2.metric(T("noise_metric_max"), f"{lesson.noise_max:.1f}")
e2.metric(T("noise_metric_avg"), f"{lesson.noise_avg:.1f}")
e2.caption(T("noise_help"))
downloads("pool_dl", [("dl_pooled_png", lambda: png_bytes(figures.raster(lesson.output, upscale_to=1)), "pooled.png")])
