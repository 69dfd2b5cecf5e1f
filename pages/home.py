"""Home: the network's overview. A small trained CNN reads a test digit; every block shows its real
output, its shape (H, W, C) and a link to the page that explains it. No torch here (fast cold start):
the network runs in numpy (playground.home_net)."""

import numpy as np
import streamlit as st

from playground import figures, home_net
from playground.samples import mnist
from ui import display
from ui.text import T

st.title(T("home_title"))
w = home_net.weights()
st.write(T("home_intro_net", train=f"{int(w['train_digits']):,}", test=f"{int(w['test_digits']):,}",
           acc=f"{home_net.test_accuracy():.1%}"))

choices = home_net.examples()  # one held-out test digit per class
# plain digits as options (no translated labels: the widget keeps its value when the language changes)
pick = st.radio(T("home_pick"), range(len(choices)), index=3, key="home_digit", horizontal=True)
images, _ = mnist()
stages = home_net.forward(images[choices[pick][0]])
present = display.present()  # presentation mode: figures drawn for a projector

PAGES = {"input": ("pages/image.py", "nav_image"), "conv": ("pages/convolution.py", "nav_conv"),
         "relu": ("pages/convolution.py", "nav_conv"), "pool": ("pages/pooling.py", "nav_pool"),
         "flatten": ("pages/model.py", "nav_model"), "dense": ("pages/model.py", "nav_model"),
         "softmax": ("pages/digit.py", "nav_digit")}
LINKS = {**PAGES}
NOTES = {"flatten": "home_flatten_note", "dense": "home_dense_note", "softmax": "home_softmax_note"}


def framed(img: np.ndarray) -> np.ndarray:
    """A 1-px gray frame: a white cell at the edge stays visible on the white page."""
    img = img if img.ndim == 3 else np.repeat(img[..., None], 3, axis=2)
    return np.pad(img, ((1, 1), (1, 1), (0, 0)), constant_values=150)


def picture(stage: home_net.Stage) -> np.ndarray:
    """The block's output as one picture; every map of a block on the block's colour range."""
    return framed(_picture(stage))


def _picture(stage: home_net.Stage) -> np.ndarray:
    v = stage.values
    if v.ndim == 3:
        columns = 1 if v.shape[0] == 1 else 2 if v.shape[0] <= 8 else 4
        return figures.montage(v, columns=columns, cell_px=max(1, 112 // (columns * v.shape[2])),
                               signed=stage.kind == "conv")
    if stage.kind == "flatten":  # (400,) = 16 channels × 25: one row per channel, as Flatten reads them
        return figures.raster(v.reshape(16, 25), signed=False, upscale_to=125)
    return figures.raster(v.reshape(1, -1), signed=stage.kind == "dense", upscale_to=200)  # 10 cells, 0 at left


def title(stage: home_net.Stage) -> str:
    if stage.kind == "conv":
        return T("home_b_conv", n=stage.values.shape[0])
    return T(f"home_b_{stage.kind}")


# Feature extraction is one block repeated (conv, ReLU, pool): a row each, the second under the first, so the cards
# are a quarter of the page wide: seven in a row were ~100 px on a 1280-px laptop and cut their titles and links.
# Then classification: flatten, dense, softmax and the network's answer.
second_conv = [k for k, s in enumerate(stages) if s.kind == "conv"][1]
rows = [(T("home_feature_extraction"), range(0, second_conv), 0), (None, range(second_conv, 7), 1),
        (T("home_classification"), range(7, len(stages)), 0)]
side = 200 if present else 120  # px: one size for every block's picture, so sizes compare


def card(k: int) -> None:
    stage = stages[k]
    with st.container(border=True):
        st.markdown(f"**{title(stage)}**")
        st.image(picture(stage), width=side)
        st.caption(str(stage.shape) + (f" · {T(NOTES[stage.kind])}" if stage.kind in NOTES else ""))
        path, key = ("pages/channels.py", "nav_channels") if k == second_conv else LINKS[stage.kind]
        st.page_link(path, label=T(key), icon=":material/arrow_forward:")


for heading, ks, first in rows:
    if heading:
        st.subheader(heading)
    cols = st.columns(4)
    for col, k in zip(cols[first:], ks):
        with col:
            card(k)
    if stages[ks[0]].kind == "flatten":  # the network's answer beside its last blocks
        with cols[len(ks)]:
            probs = stages[-1].values
            best = int(np.argmax(probs))
            p = "> 99.9%" if probs[best] > 0.999 else f"{probs[best]:.1%}"  # never a rounded-up "100.0%"
            st.markdown(T("home_prediction", digit=best, p=p))
            st.plotly_chart(figures.probability_bars(probs, T("home_prob_axis"), present=present), key="home_probs",
                            config={"displayModeBar": False})
st.caption(T("home_shapes_note"))
st.caption(T("home_weights_note", n=f"{home_net.n_params():,}"))  # (its accuracy is in the intro, said once)

st.subheader(T("home_why_title"))
flat = 224 * 224 * 3  # a photo flattened
st.markdown(T("home_why_body", dense=f"{flat * 100 + 100:,}", conv=f"{3 * 3 * 3 * 100 + 100:,}"))
