"""Channels & filters: one filter = one kernel per input channel; many filters = a stack of maps."""

import streamlit as st

from playground import figures
from playground.kernels import rgb_filters
from playground.lessons import channel_lesson, stack_lesson
from ui import controls as c
from ui.display import image_caption, keep_last, show_map
from ui.state import current_image
from ui.text import T

# Pure, so cached: a learner toggling a setting back and forth gets the result back at once.
cached_channel_lesson = st.cache_data(channel_lesson, max_entries=8, ttl=900, show_spinner=False)
st.title(T("channels_title"))
image_caption()
_, img = current_image()

a, b, col_c, d = st.columns(4)
n_filters = c.slider("n_filters", T("n_filters"), 1, 16, 4, where=a)
size = c.radio("filter_size", T("kernel_size"), [3, 5], where=b)
bias = c.number("ch_bias", T("bias"), -255.0, 255.0, 0.0, step=1.0, where=col_c)
pool = c.radio("ch_pool", T("pool_after"), [1, 2], where=d,
               format_func=lambda p: T("pool_none") if p == 1 else T("pool_2x2_max"))

lesson = keep_last("channels", lambda: cached_channel_lesson(img, rgb_filters(n_filters, size), bias=bias, pool=pool))
if lesson is None:
    st.stop()

st.subheader(T("one_filter_title"))
st.caption(T("one_filter_help", k=size))
cols = st.columns(3)
for ch, col in enumerate(cols):
    with col:
        name = T(("channel_r", "channel_g", "channel_b")[ch])
        show_map(lesson.filters[0, ch], f"{T('kernel')} · {name}", key=f"k_{ch}", signed=True)
        show_map(lesson.partial[ch], f"{name} ∗ {T('kernel')}", key=f"partial_{ch}")
s1, s2 = st.columns(2)
with s1:
    show_map(lesson.summed, T("sum_of_channels"), key="summed")
with s2:
    show_map(lesson.first_map, T("plus_bias", b=bias), key="first_map")
st.info(T("kernel_vs_filter", c=3, k=size))

st.subheader(T("stack_title"))
H, W, C = lesson.stack_shape
st.markdown(T("stack_shape", h=H, w=W, c=C))
st.plotly_chart(figures.stack_3d(lesson.stack, title=f"(H, W, C) = ({H}, {W}, {C})"), key="stack3d")
st.image([figures.raster(m, upscale_to=96, max_side=96) for m in lesson.stack], caption=[f"#{k}" for k in range(C)],
         width=96)

st.subheader(T("layers_title"))
l1, l2, l3, l4 = st.columns(4)
n_layers = c.slider("n_layers", T("n_layers"), 1, 4, 2, where=l1)
k = c.radio("layers_k", T("kernel_size"), [3, 5], 5, where=l2)
grow = c.slider("layers_f", T("filters_first"), 2, 16, 6, where=l3)
with_pool = c.toggle("layers_pool", T("pool_each"), where=l4)
H0, W0 = img.shape[:2]
layers = [dict(kernel_size=k, filters=grow + 4 * n, pool=2 if with_pool else 1) for n in range(n_layers)]
stack = keep_last("stack", lambda: stack_lesson((H0, W0, 1 if img.ndim == 2 else 3), layers))
if stack is not None:
    names = [T("block_input") if r.kind == "input" else f"{T('block_' + r.kind)} {r.label}" for r in stack.rows]
    st.plotly_chart(figures.shape_flow(names, [r.shape for r in stack.rows]), key="flow")
    st.markdown(" → ".join(f"`{r.shape[0]}×{r.shape[1]}×{r.shape[2]}`" for r in stack.rows))
    f = stack.field
    st.markdown(T("receptive_field", h=f.height, w=f.width, top=f.top, left=f.left))
    cf = stack.field_clipped
    show_map(img if img.ndim == 2 else img.mean(axis=2), T("receptive_on_input"), key="rf_map",
             rects=[(cf.top, cf.left, cf.bottom, cf.right, figures.WINDOW)])
