"""Channels & filters: one filter = one kernel per input channel; many filters = a stack of maps."""

import numpy as np
import streamlit as st

from playground import figures
from playground._args import InputError
from playground.kernels import colour_opponent_filter, kernel_text, parse_kernel, rgb_filters
from playground.lessons import stack_lesson
from playground.receptive import field_per_layer, layer_sizes, stack_layers
from ui import cached
from ui import controls as c
from ui import state
from ui.display import image_caption, keep_last, present, show_error, show_map
from ui.explorer import explorer
from ui.receptive import receptive
from ui.receptive import sentence as rf_sentence
from ui.state import current_image
from ui.text import T, lang

CHANNELS = ("r", "g", "b")


def kernel_key(size: int, ch: str) -> str:
    """One linked text per kernel size and channel: a 3×3 edit survives a look at the 5×5 filter."""
    return f"ch_k{size}_{ch}"


def preset_texts(size: int) -> list[str]:
    return [kernel_text(k) for k in colour_opponent_filter(size)]


def reset_kernels(size: int) -> None:
    for ch, text in zip(CHANNELS, preset_texts(size)):
        state.put(kernel_key(size, ch), text)


def channel_kernel(text: str, size: int, name: str) -> np.ndarray:
    """A typed kernel -> (size, size), or InputError: the filter's kernels all have the filter's size."""
    k = parse_kernel(text)
    if k.shape != (size, size):
        raise InputError(f"the {name} kernel must be {size}×{size}; got {k.shape}", "ch_kernel_shape",
                         channel=name, k=size, h=k.shape[0], w=k.shape[1])
    return k


def is_gray(img: np.ndarray) -> bool:
    """True when R, G and B are equal copies (a gray image, or a colour file holding a gray picture)."""
    return img.ndim == 2 or bool((img[..., 0] == img[..., 1]).all() and (img[..., 1] == img[..., 2]).all())


def stack_error(shape: tuple[int, int, int], layers: list[dict]) -> str:
    """Which layer of a refused stack cannot be built, and why, in plain words (stack_lesson's own shapes)."""
    before = shape
    for n, layer in enumerate(layers, start=1):
        try:
            after_conv = stack_lesson(shape, layers[:n - 1] + [dict(layer, pool=1)]).rows[-1].shape
        except InputError:
            k = layer["kernel_size"]
            return T("ch_stack_conv_too_big", n=n, k=k, h=before[0], w=before[1])
        try:
            before = stack_lesson(shape, layers[:n]).rows[-1].shape
        except InputError:
            q = layer["pool"]
            return T("ch_stack_pool_too_big", n=n, q=q, h=after_conv[0], w=after_conv[1])
    return ""


def show_lesson(lesson, names: list[str]) -> None:
    """Filter 0 channel by channel (kernels, partial maps, sum, + bias), then the stack of all filters."""
    # In the browser: pointing at a cell moves filter 0's window over R, G and B at once, with each channel's
    # products and partial sum, and their sum + bias (no rerun; a click keeps the cell). channel_lesson
    # convolves with stride 1 and no padding.
    explorer(lesson, kind="conv", lang=lang(), selected=c.linked_cell("ch_cell", *lesson.first_map.shape), key="ch_explorer",
             stride=1, padding=0, present=present(), on_select=lambda cell: state.put("ch_cell", cell))
    cols = st.columns(3)
    for ch, (name, col) in enumerate(zip(names, cols)):
        with col:
            show_map(lesson.filters[0, ch], f"{T('kernel')} · {name}", key=f"k_{ch}", signed=True)
            show_map(lesson.partial[ch], f"{name} ∗ {T('kernel')}", key=f"partial_{ch}")
    s1, s2 = st.columns(2)
    with s1:
        show_map(lesson.summed, T("sum_of_channels"), key="summed")
    with s2:
        show_map(lesson.first_map, T("plus_bias", b=lesson.bias), key="first_map")
    st.info(T("kernel_vs_filter", c=3, k=lesson.filters.shape[-1]))

    st.subheader(T("stack_title"))
    H, W, C = lesson.stack_shape
    st.markdown(T("stack_shape", h=H, w=W, c=C))
    st.plotly_chart(figures.stack_3d(lesson.stack, title=f"(H, W, C) = ({H}, {W}, {C})", present=present()), key="stack3d")
    st.image([figures.raster(m, upscale_to=96, max_side=96) for m in lesson.stack], caption=[f"#{k}" for k in range(C)],
             width=96)


def show_receptive_field(img: np.ndarray, geo: list) -> None:
    """The chosen last-layer cell's field: one sentence (server side, AppTest reads it), then every layer's grid
    in the browser, where pointing at a cell of the last layer lights its field down to the input (no rerun)."""
    try:
        oh, ow = layer_sizes(img.shape[:2], geo)[-1]
    except InputError:  # a previous stack that does not fit this image: its shapes above say enough
        return
    cell = c.linked_cell("rf_cell", oh, ow)  # in the lesson link, like every other setting
    st.markdown(rf_sentence(field_per_layer(img.shape[:2], geo, cell), lang()))
    receptive(img, geo, lang=lang(), selected=cell, key="rf_explorer", present=present(),
              on_select=lambda c: state.put("rf_cell", c))


st.title(T("channels_title"))
image_caption()
_, img = current_image()

a, b, col_c, d = st.columns(4)
n_filters = c.slider("n_filters", T("n_filters"), 1, 16, 4, where=a)
size = c.radio("filter_size", T("kernel_size"), [3, 5], where=b)
bias = c.number("ch_bias", T("bias"), -255.0, 255.0, 0.0, step=1.0, where=col_c)
pool_names = {1: T("pool_none"), 2: T("pool_2x2_max")}  # looked up now: the widget keeps this language's labels
pool = c.radio("ch_pool", T("pool_after"), [1, 2], where=d, format_func=pool_names.get)

st.subheader(T("one_filter_title"))
st.caption(T("one_filter_help", k=size) + " " + T("ch_preset_help"))
if is_gray(img):
    st.caption(T("ch_gray_copies"))
names = [T(f"channel_{ch}") for ch in CHANNELS]
cols = st.columns(3)
kernels: list[np.ndarray | None] = []
for ch, name, text, col in zip(CHANNELS, names, preset_texts(size), cols):
    typed = c.text_area(kernel_key(size, ch), f"{T('kernel')} · {name}", text, max_chars=2000, where=col,
                        parse=lambda raw: kernel_text(parse_kernel(raw)), height=68 + 22 * size,
                        help=T("kernel_values_help"))
    try:
        kernels.append(channel_kernel(typed, size, name))
    except InputError as e:
        with col:
            show_error(e)
        kernels.append(None)
st.button(T("ch_reset_kernels"), key="ch_reset", on_click=reset_kernels, args=(size,))


def compute():
    filters = rgb_filters(n_filters, size)
    filters[0] = np.stack(kernels)  # filter 0 is the learner's: one kernel per input channel
    try:
        return cached.channels(img, filters, bias=bias, pool=pool)
    except InputError:
        if pool > 1:  # say why the pooling cannot be applied (the maps without it are valid)
            maps = cached.channels(img, filters, bias=bias, pool=1).stack
            raise InputError("pooling window larger than the maps", "ch_pool_too_big", q=pool, h=maps.shape[1],
                             w=maps.shape[2]) from None
        raise


if any(k is None for k in kernels):  # the error is under its box: the last good maps stay
    lesson = st.session_state.get("last_channels")
    if lesson is not None:
        st.caption(T("showing_previous"))
else:
    lesson = keep_last("channels", compute)

if lesson is not None:  # (none yet: the error says why; the layer stack below still works)
    show_lesson(lesson, names)

st.subheader(T("layers_title"))
l1, l2, l3, l4 = st.columns(4)
n_layers = c.slider("n_layers", T("n_layers"), 1, 4, 2, where=l1)
k = c.radio("layers_k", T("kernel_size"), [3, 5], 5, where=l2)
grow = c.slider("layers_f", T("filters_first"), 2, 16, 6, where=l3)
with_pool = c.toggle("layers_pool", T("pool_each"), where=l4)
H0, W0 = img.shape[:2]
input_shape = (H0, W0, 1 if img.ndim == 2 else 3)
layers = [dict(kernel_size=k, filters=grow + 4 * n, pool=2 if with_pool else 1) for n in range(n_layers)]
try:
    stack = stack_lesson(input_shape, layers)
    st.session_state["last_stack"] = stack
    st.session_state["last_stack_layers"] = layers
except InputError:
    st.error(stack_error(input_shape, layers), icon="⚠️")
    stack = st.session_state.get("last_stack")
    if stack is not None:
        st.caption(T("showing_previous"))
if stack is not None:
    row_names = [T("block_input") if r.kind == "input" else f"{T('block_' + r.kind)} {r.label}" for r in stack.rows]
    st.plotly_chart(figures.shape_flow(row_names, [r.shape for r in stack.rows], present=present()), key="flow")
    st.markdown(" → ".join(f"`{r.shape[0]}×{r.shape[1]}×{r.shape[2]}`" for r in stack.rows))
    show_receptive_field(img, stack_layers(st.session_state.get("last_stack_layers", layers)))
