"""Home: a map of a CNN, each block linking to its page, with the data's shape under each block."""

import streamlit as st

from playground import figures
from playground.lessons import cnn_map
from widgets import T

st.title(T("home_title"))
st.write(T("home_intro"))

blocks = cnn_map()  # a small digit classifier: (stage, kind, shape) per block
st.plotly_chart(figures.shape_flow([T("block_" + b.kind) for b in blocks], [b.shape for b in blocks],
                                   groups=[(T("home_feature_extraction"), 0, 6), (T("home_classification"), 7, 9)]),
                key="cnn_map")
for col, (path, key) in zip(st.columns(4), [("pages/image.py", "nav_image"), ("pages/convolution.py", "nav_conv"),
                                            ("pages/pooling.py", "nav_pool"), ("pages/channels.py", "nav_channels")]):
    with col.container(border=True):
        st.page_link(path, label=T(key), icon=":material/arrow_forward:")
        st.caption(T(f"{key}_blurb"))

st.subheader(T("home_why_title"))
st.markdown(T("home_why_body", dense=f"{blocks[-1].dense_params:,}", conv=f"{blocks[-1].conv_params:,}"))
