"""Convolution: one kernel slides over the image; every number of one step written out."""

import streamlit as st

from playground import figures
from playground.export import conv_layer_keras_code, conv_layer_torch_code, npy_bytes, png_bytes
from ui import cached
from ui import controls as c
from ui import page
from ui.display import charts_of_the_cell, downloads, image_caption, keep_last, main_columns, present, show_map
from ui.explorer import explorer
from ui.state import current_image
from ui.text import T, lang

st.title(T("conv_title"))
image_caption()
_, img = current_image()

controls, kernel_col = st.columns([2, 1])
with controls:
    a, b, col_c = st.columns(3)
    stride = c.slider("stride", T("stride"), 1, 4, 1, where=a, help=T("stride_help"))
    dilation = c.slider("dilation", T("dilation"), 1, 3, 1, where=a, help=T("dilation_help"))
    pad_kind = c.radio("pad_kind", T("padding"), ["number", "valid", "same"], where=b, format_func=lambda k: T(f"pad_{k}"))
    amount = c.slider("pad", T("padding_amount"), 0, 3, 0, where=b, disabled=pad_kind != "number")
    mode = c.selectbox("pad_mode", T("padding_mode"), ["zeros", "reflect", "replicate", "circular"], where=b,
                       format_func=lambda m: T(f"mode_{m}"))
    bias = c.number("bias", T("bias"), -255.0, 255.0, 0.0, step=1.0, where=col_c)
    activation = c.radio("act", T("activation"), ["none", "relu"], where=col_c, format_func=lambda k: T(f"act_{k}"))
with kernel_col:
    kernel = keep_last("kernel", c.kernel_editor)
if kernel is None:
    page.stop()  # (not st.stop(): app.py still writes the address and the lesson link)
settings = dict(stride=stride, padding=amount if pad_kind == "number" else pad_kind, dilation=dilation,
                padding_mode=mode, bias=bias, activation=activation)

lesson = keep_last("conv", lambda: cached.conv(img, kernel, **settings))
if lesson is None:
    page.stop()  # (not st.stop(): app.py still writes the address and the lesson link)
at, tr, revealed = c.stepper(lesson, "conv")
# In the browser: hover/drag moves the window, products and sum with no rerun; a click selects the cell here.
if revealed:  # a quiz shows no map before Check: the explorer's grid would give the size and values away
    explorer(lesson, kind="conv", lang=lang(), selected=at, key="conv_explorer", quiz=False,
             on_select=lambda cell: c.select_cell("conv", cell), present=present())
r0, c0 = tr.origin
span_h, span_w = tr.rows[-1] - r0, tr.cols[-1] - c0
big = present()  # a projector: the input is the main picture, numbers and ticks enlarged everywhere
with charts_of_the_cell(revealed, key="conv_charts") as unfolded:  # (folded beside the explorer)
    if unfolded:  # folded: nothing below is built, so a rerun beside the explorer skips these charts
        c.step_controls(lesson, "conv")
        left, right = main_columns(1)
        with left:
            show_map(lesson.padded, T("input_padded"), key="conv_in", marks=lesson.pad_mask, main=True,
                     rects=[(r0, c0, r0 + span_h, c0 + span_w, figures.WINDOW)])
        with right:
            if revealed:
                show_map(lesson.output, T("feature_map"), key="conv_out", beside=True,
                         rects=[(*at, *at, figures.RESULT)],
                         on_click=lambda cell: c.select_cell("conv", cell))  # a click selects the cell: one rerun
            else:
                st.info(T("quiz_hidden_map"))
        st.markdown(T("cell_value", i=at[0], j=at[1]))
        shown = [tr.window[0], tr.kernel[0]] + ([tr.products[0]] if revealed else [])
        st.plotly_chart(figures.heatmap_row(shown, [T("window"), "× " + T("kernel"), "= " + T("products")][:len(shown)],
                                            signed=[None, True, True][:len(shown)],
                                            marks=[tr.pad_mask, None, None][:len(shown)], present=big),
                        key="conv_trace", width="content", config={"displayModeBar": False})
        if revealed:
            st.code(tr.formula_in(lang()), language=None, wrap_lines=True)
        if tr.pad_mask.any():
            st.caption(T("window_reads_padding", n=int(tr.pad_mask.sum())))
        if revealed and c.toggle("conv_play", T("animation_title")):  # built only when asked for (~50 ms of frames)
            st.caption(T("anim_help_where", n=figures.ANIMATION_CROP[big]))
            # the whole maps: the crop is placed where the image has content (a corner of a photo is often flat)
            frames = cached.conv_animation(lesson.padded, lesson.kernel, lesson.output, stride, dilation,
                                           T("input_padded"), T("anim_feature_map"), big)
            st.plotly_chart(frames, key="conv_anim", width="content" if big else "stretch")

if revealed and activation == "none":
    st.caption(T("no_activation"))
elif revealed:
    show_map(lesson.activated, T("after_activation", act=T(f"act_{activation}")), key="conv_act", beside=True)

if c.toggle("show_coverage", T("coverage_title"), help=T("coverage_toggle_help")):
    st.caption(T("coverage_help", n=lesson.never_seen))
    corner = 24  # edge effects live at the border: show the top-left corner, cell by cell
    if max(lesson.coverage.shape) > corner:
        st.caption(T("coverage_corner", n=corner))
    top = max(float(lesson.coverage.max()), 1.0)
    st.plotly_chart(figures.heatmap_row([lesson.coverage[:corner, :corner], lesson.coverage_unpadded[:corner, :corner]],
                                        [T("coverage_with"), T("coverage_without")], signed=[False, False],
                                        zranges=[(0, top), (0, top)], height=360, present=big),
                    key="conv_coverage", width="content", config={"displayModeBar": False})

if revealed:
    st.subheader(T("exports_title"))
    layer = dict(bias=bias, **lesson.settings)
    downloads("conv_dl", [  # made when clicked, not on every rerun
        ("dl_map_png", lambda: png_bytes(figures.raster(lesson.output, upscale_to=1)), "feature_map.png"),
        ("dl_kernel_npy", lambda: npy_bytes(lesson.kernel), "kernel.npy"),
        ("dl_torch", lambda: conv_layer_torch_code(lesson.kernel, **layer), "conv_layer_pytorch.py"),
        ("dl_keras", lambda: conv_layer_keras_code(lesson.kernel, **layer), "conv_layer_keras.py")])
