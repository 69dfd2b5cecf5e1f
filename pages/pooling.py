"""Pooling: max / average / min / global; which cell won, and two experiments."""

import streamlit as st

from playground import figures
from playground.export import png_bytes
from playground.lessons import pool_lesson
from ui import controls as c
from ui.display import downloads, image_caption, keep_last, show_map
from ui.state import current_image
from ui.text import T

# Pure, so cached: a learner toggling a setting back and forth gets the result back at once.
cached_pool_lesson = st.cache_data(pool_lesson, max_entries=8, ttl=900, show_spinner=False)
st.title(T("pool_title"))
image_caption()
_, img = current_image()

a, b, col_c = st.columns(3)
mode = c.selectbox("pool_mode", T("pool_mode"), ["max", "avg", "min", "global_avg", "global_max"], where=a,
                   format_func=lambda m: T(f"pool_{m}"))
is_global = mode.startswith("global")
window = c.slider("pool_k", T("pool_window"), 1, 4, 2, where=b, disabled=is_global)
stride = c.slider("pool_s", T("stride"), 1, 4, 2, where=b, disabled=is_global)
padding = c.slider("pool_p", T("padding_amount"), 0, 2, 0, where=col_c, disabled=is_global, help=T("pool_padding_help"))
noise = c.slider("pool_noise", T("noise_level"), 0, 80, 20, where=col_c)

settings = dict(kernel_size=window, stride=stride, padding=padding, mode=mode, noise=float(noise))
lesson = keep_last("pool", lambda: cached_pool_lesson(img, **settings))
if lesson is None:
    st.stop()
at, tr, revealed = c.stepper(lesson, "pool", sizes=not is_global)
kh, kw = tr.window.shape
r0, c0 = tr.origin[0] - (0 if is_global else padding), tr.origin[1] - (0 if is_global else padding)
left, right = st.columns(2)
with left:
    rects = [(r0, c0, r0 + kh - 1, c0 + kw - 1, figures.WINDOW)]
    if revealed and tr.winner is not None:  # (a quiz keeps the winner hidden until Check)
        rects.append((r0 + tr.winner[0], c0 + tr.winner[1], r0 + tr.winner[0], c0 + tr.winner[1], figures.RESULT))
    show_map(lesson.image, T("input"), key="pool_in", rects=rects)
with right:
    if revealed:
        clicked = show_map(lesson.output, T("pooled"), key="pool_out", clickable=True, rects=[(*at, *at, figures.RESULT)])
        if clicked and clicked != tuple(at):
            c.go_to_cell("pool_cell", *clicked)
    else:
        st.info(T("quiz_hidden_map"))
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
if revealed:
    downloads("pool_dl", [("dl_pooled_png", lambda: png_bytes(figures.raster(lesson.output, upscale_to=1)), "pooled.png")])
