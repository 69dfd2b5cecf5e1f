"""Convolution: one kernel slides over the image; every number of one step written out."""

import streamlit as st

from playground import figures
from playground.lessons import conv_lesson
from widgets import T, current_image, float_in, go_to_cell, int_in, link, one_of, image_caption, keep_last, kernel_editor, show_map, size_formulas, step_controls

st.title(T("conv_title"))
image_caption()
_, img = current_image()

link("stride", int_in(1, 4))
link("dilation", int_in(1, 3))
link("pad_kind", one_of(["number", "valid", "same"]))
link("pad", int_in(0, 3))
link("pad_mode", one_of(["zeros", "reflect", "replicate", "circular"]))
link("bias", float_in(-255, 255))
link("act", one_of(["none", "relu"]))
controls, kernel_col = st.columns([2, 1])
with controls:
    a, b, c = st.columns(3)
    stride = a.slider(T("stride"), 1, 4, 1, key="stride", help=T("stride_help"))
    dilation = a.slider(T("dilation"), 1, 3, 1, key="dilation", help=T("dilation_help"))
    pad_kind = b.radio(T("padding"), ["number", "valid", "same"], key="pad_kind", horizontal=True, format_func=lambda k: T(f"pad_{k}"))
    amount = b.slider(T("padding_amount"), 0, 3, 0, key="pad",
                      disabled=pad_kind != "number")
    mode = b.selectbox(T("padding_mode"), ["zeros", "reflect", "replicate", "circular"], key="pad_mode", format_func=lambda m: T(f"mode_{m}"))
    bias = c.number_input(T("bias"), -255.0, 255.0, 0.0, step=1.0, key="bias")
    activation = c.radio(T("activation"), ["none", "relu"], key="act", horizontal=True,
                         format_func=lambda k: T(f"act_{k}"))
with kernel_col:
    kernel = keep_last("kernel", kernel_editor)
if kernel is None:
    st.stop()
padding = amount if pad_kind == "number" else pad_kind
settings = dict(stride=stride, padding=padding, dilation=dilation, padding_mode=mode, bias=bias,
                activation=activation)

cell = st.session_state.get("conv_cell", (0, 0))
lesson = keep_last("conv", lambda: conv_lesson(img, kernel, at=cell, **settings))
if lesson is None:
    st.stop()
size_formulas(lesson.size_h, lesson.size_w)

st.subheader(T("step_title"))
OH, OW = lesson.output.shape
i, j = step_controls(OH, OW, key="conv_step")
if (i, j) != tuple(lesson.at):  # the slider moved: recompute only the trace
    lesson = conv_lesson(img, lesson.kernel, at=(i, j), **settings)
st.session_state["conv_cell"] = lesson.at
tr = lesson.trace
r0, c0 = tr.origin
span_h, span_w = tr.rows[-1] - r0, tr.cols[-1] - c0
cols = st.columns(3)
with cols[0]:
    show_map(lesson.padded, T("input_padded"), key="conv_in",
             rects=[(r0, c0, r0 + span_h, c0 + span_w, figures.WINDOW)])
with cols[1]:
    clicked = show_map(lesson.output, T("feature_map"), key="conv_out", clickable=True,
                       rects=[(*lesson.at, *lesson.at, figures.RESULT)])
    if clicked and clicked != tuple(lesson.at):
        go_to_cell("conv_step", *clicked, OW)
with cols[2]:
    show_map(lesson.activated, T("after_activation", act=T(f"act_{activation}")), key="conv_act")

st.markdown(T("cell_value", i=lesson.at[0], j=lesson.at[1]))
w1, w2, w3 = st.columns(3)
with w1:
    show_map(tr.window[0], T("window"), key="conv_window", marks=tr.pad_mask)
with w2:
    show_map(tr.kernel[0], "× " + T("kernel"), key="conv_kernel", signed=True)
with w3:
    show_map(tr.products[0], "= " + T("products"), key="conv_products", signed=True)
st.code(tr.formula, language=None, wrap_lines=True)
if tr.pad_mask.any():
    st.caption(T("window_reads_padding", n=int(tr.pad_mask.sum())))

with st.expander(T("animation_title"), expanded=False):
    st.caption(T("animation_help"))
    st.plotly_chart(figures.conv_animation(lesson.padded, lesson.kernel, lesson.output, stride=stride,
                                           dilation=dilation, title_in=T("input_padded"),
                                           title_out=T("feature_map")), key="conv_anim")

st.subheader(T("coverage_title"))
st.caption(T("coverage_help", n=lesson.never_seen))
c1, c2 = st.columns(2)
with c1:
    show_map(lesson.coverage, T("coverage_with"), key="cov_pad", signed=False, zrange=(0, lesson.coverage.max()))
with c2:
    show_map(lesson.coverage_unpadded, T("coverage_without"), key="cov_nopad", signed=False,
             zrange=(0, lesson.coverage.max()))
