"""Model: paste Keras or PyTorch code -> the summary table, shapes drawn, the other framework's code."""

import pandas as pd
import streamlit as st

from playground import KERNELS, figures, summarize_keras, summarize_torch, to_gray
from playground.blocks import building_blocks, dense_vs_conv, shift_demo
from playground.export import to_keras_code, to_torch_code
from playground.i18n import STRINGS
from ui import controls as c
from ui.display import keep_last, present, show_map
from ui.state import current_image
from ui.text import T

MAX_CODE = 4000  # characters of pasted code: bounded before parsing (and in a lesson link)

KERAS_EXAMPLE = """from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, MaxPooling2D, Flatten, Dense

model = Sequential()
model.add(Conv2D(filters=10, kernel_size=(3, 3), activation='relu', input_shape=(28, 28, 1)))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Conv2D(20, (3, 3), activation='relu'))
model.add(MaxPooling2D())
model.add(Flatten())
model.add(Dense(64, activation='relu'))
model.add(Dense(10, activation='softmax'))
"""
TORCH_EXAMPLE = """import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(1, 10, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(10, 20, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(500, 64), nn.ReLU(), nn.Linear(64, 10),
)
"""



def stage_words(label: str) -> str:
    """A block stage's label ('3×3 dw', '+ in', 'concat') in the learner's language; sizes and symbols as they are."""
    return " ".join(T(f"flow_{w}") if f"flow_{w}" in STRINGS else w for w in label.split())


st.title(T("model_title"))
st.write(T("model_intro"))
framework = c.radio("framework", T("framework"), ["keras", "torch"],
                    format_func=lambda f: {"keras": "Keras", "torch": "PyTorch"}[f])
code = c.text_area(f"code_{framework}", T("paste_code"), KERAS_EXAMPLE if framework == "keras" else TORCH_EXAMPLE,
                   max_chars=MAX_CODE, height=260)
shape = None
if framework == "torch":
    c1, c2, c3, _ = st.columns(4)
    shape = (c.number("in_c", "C", 1, 4096, 1, where=c1), c.number("in_h", "H", 1, 4096, 28, where=c2),
             c.number("in_w", "W", 1, 4096, 28, where=c3))
summary = keep_last(f"summary_{framework}", lambda: summarize_keras(code) if framework == "keras"
                    else summarize_torch(code, tuple(int(v) for v in shape)))
if summary is not None:
    lead = "(None, " if framework == "keras" else "(-1, "
    table = pd.DataFrame([(r.name, lead + ", ".join(map(str, r.output_shape)) + ")", r.params, r.arithmetic, r.macs)
                          for r in summary.rows],
                         columns=[T("col_layer"), T("col_output"), T("col_params"), T("col_arith"), T("col_macs")])
    st.dataframe(table, hide_index=True, column_config={T(k): st.column_config.NumberColumn(format="localized")
                                                        for k in ("col_params", "col_macs")})  # 32,064 as in the formulas
    st.markdown(T("model_totals", params=f"{summary.total_params:,}", macs=f"{summary.total_macs:,}"))
    maps = [r.output_shape for r in summary.rows if len(r.output_shape) == 3]  # (C, H, W) in torch, (H, W, C) in Keras
    note = T(f"model_shapes_{framework}")
    if framework == "torch" and maps:  # the first map's shape in both orders, from this model
        C, H, W = maps[0]
        note += T("model_shapes_eg", torch=f"(-1, {C}, {H}, {W})", hwc=f"{H}×{W}×{C}")
    st.caption(note)
    left, _ = st.columns(2)
    left.plotly_chart(figures.param_bars([r.name for r in summary.rows], [r.params for r in summary.rows],
                                         T("col_params"), present=present()), key="param_bars")
    shapes = [r.output_shape if framework == "keras" or len(r.output_shape) != 3
              else (r.output_shape[1], r.output_shape[2], r.output_shape[0]) for r in summary.rows]
    # the whole width: every layer's label gets a slot it fits in (half a 1280-px page gave 8 layers ~50 px each)
    st.plotly_chart(figures.shape_flow([r.kind for r in summary.rows], shapes, height=220, present=present()), key="model_flow")
    other = keep_last("export", lambda: to_torch_code(summary) if framework == "keras" else to_keras_code(summary))
    if other is not None:
        st.subheader(T("export_title", other="PyTorch" if framework == "keras" else "Keras"))
        st.code(other, language="python")

st.header(T("fc_vs_conv_title"))
a, b, col_c, d = st.columns(4)
fh, fw = c.number("fc_h", "H", 1, 4096, 28, where=a), c.number("fc_w", "W", 1, 4096, 28, where=b)
fc, fn = c.number("fc_c", "C", 1, 4096, 1, where=col_c), c.number("fc_n", T("units_filters"), 1, 4096, 32, where=d)
cmp = dense_vs_conv(int(fh), int(fw), int(fc), int(fn))
m1, m2 = st.columns(2)
m1.metric(T("dense_layer", n=fn), f"{cmp.dense.params:,}", help=T("macs_n", n=f"{cmp.dense.macs:,}"))
m1.code(f"{T('col_params')}: {cmp.dense.params_formula}\n{T('col_macs')}: {cmp.dense.macs_formula}", language=None)
m2.metric(T("conv_layer", n=fn), f"{cmp.conv.params:,}", help=T("macs_n", n=f"{cmp.conv.macs:,}"))
m2.code(f"{T('col_params')}: {cmp.conv.params_formula}\n{T('col_macs')}: {cmp.conv.macs_formula}", language=None)
_, img = current_image()
demo = shift_demo(to_gray(img), KERNELS["sobel_x"].weights)
st.markdown(T("shift_demo", changed=f"{demo.changed_flat:.0%}",
              moves=T("yes") if demo.map_moves_exactly else T("no")))
s1, s2 = st.columns(2)
with s1:
    show_map(demo.original_map, T("map_before"), key="shift_a")
with s2:
    show_map(demo.shifted_map, T("map_after"), key="shift_b")

st.header(T("blocks_title"))
st.caption(T("blocks_no_bias"))
b1, b2, b3, b4, b5 = st.columns(5)
bh, bw = c.number("bk_h", "H", 1, 1024, 56, where=b1), c.number("bk_w", "W", 1, 1024, 56, where=b2)
bcin = c.number("bk_cin", T("channels_in"), 1, 4096, 64, where=b3)
bcout = c.number("bk_cout", T("channels_out"), 1, 4096, 64, where=b4)
groups = c.selectbox("bk_groups", T("groups"), [1, 2, 4, 8], 4, where=b5)
costs = keep_last("blocks", lambda: building_blocks(int(bh), int(bw), int(bcin), int(bcout), int(groups)))
if costs is not None:
    # an HTML table (st.table): its cells wrap, so the sentences and formulas fit a 1280-px screen (a data grid's
    # one-line cells ran off it); counts with thousands separators, as in the formulas
    st.table(pd.DataFrame([(T(k.key), T(k.key + "_why"), f"{k.params:,}", k.params_formula, f"{k.macs:,}",
                            T(k.macs_words[0], **k.macs_words[1]) if k.macs_words else k.macs_formula)
                           for k in costs],
                          columns=[T("block"), T("why"), T("col_params"), T("col_arith"), T("col_macs"), T("macs_arith")]),
             hide_index=True)
    pick = c.selectbox("bk_pick", T("block_picture"), range(len(costs)), format_func=lambda k: T(costs[k].key))
    st.plotly_chart(figures.shape_flow([stage_words(label) for label, _ in costs[pick].stages],
                                       [shape for _, shape in costs[pick].stages], height=240, present=present()),
                    key="block_flow")
