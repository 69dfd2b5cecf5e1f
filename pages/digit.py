"""Test your trained CNN on a digit you draw (or a test digit): preprocessing, probabilities, robustness."""

import streamlit as st

from playground import figures
from playground.digits import perturb, prepare_digit
from playground.training import data_size_experiment, feature_maps, predict_proba
from ui import controls as c
from ui.display import feature_map_rows, keep_last
from ui.text import T

# Identical for every learner (seeded, the shipped data): computed once per server process, not per session.
shared_data_size_experiment = st.cache_resource(data_size_experiment, show_spinner=False)

st.title(T("digit_title"))
session = st.session_state.get("train_sessions", {}).get("digits")  # the latest digit model, even after a shapes run
if session is None or session.mlp is None:
    st.info(T("digit_needs_digits") if st.session_state.get("train_sessions") else T("train_first"))
    st.page_link("pages/train.py", label=T("nav_train"), icon=":material/arrow_forward:")
    st.stop()

source = c.radio("digit_source", T("digit_source"), ["test", "draw"], format_func=lambda s: T(f"digit_source_{s}"))
data = session.data
if source == "draw":
    drawing = None
    try:
        from streamlit_drawable_canvas import st_canvas  # only importable inside the Streamlit runtime
        result = st_canvas(stroke_width=20, stroke_color="#ffffff", background_color="#000000", height=280,
                           width=280, drawing_mode="freedraw", key="digit_canvas",
                           return_image_data=True)
        drawing = getattr(result, "image_data", None)
    except Exception:
        st.info(T("canvas_unavailable"))
    raw = drawing[..., :3].mean(axis=2) if drawing is not None else None
else:
    index = c.slider("test_index", T("test_index"), 0, len(data.y_test) - 1, 0)
    raw = data.x_test[index, 0].numpy() * 255
    st.caption(T("true_label", t=int(data.y_test[index])))
if raw is None or raw.max() == 0:
    st.info(T("draw_something"))
    st.stop()
prepared = keep_last("prepared", lambda: prepare_digit(raw, ink_on_white=False))
if prepared is None:
    st.stop()

st.subheader(T("preprocessing"))
steps = [(prepared.original, T("prep_original")), (prepared.cropped, T("prep_cropped")),
         (prepared.scaled, T("prep_scaled")), (prepared.centred, T("prep_centred"))]
for col, (img, caption) in zip(st.columns(4), steps):
    col.image(figures.raster(img * 255, upscale_to=112), caption=f"{caption} {img.shape[0]}×{img.shape[1]}")

st.subheader(T("robustness"))
r = st.columns(5)
dx = c.slider("rob_dx", T("shift_x"), -6, 6, 0, where=r[0])
dy = c.slider("rob_dy", T("shift_y"), -6, 6, 0, where=r[1])
angle = c.slider("rob_angle", T("rotate"), -45, 45, 0, where=r[2])
noise = c.slider("rob_noise", T("noise"), 0.0, 0.6, 0.0, step=0.05, where=r[3])
bright = c.slider("rob_bright", T("brightness"), 0.2, 1.5, 1.0, step=0.1, where=r[4])
digit = perturb(prepared.centred, shift=(dy, dx), angle=angle, noise=noise, brightness=bright)

left, mid, right = st.columns([1, 2, 2])
left.image(figures.raster(digit * 255, upscale_to=168), caption=T("model_input"))
for col, name, model in ((mid, "CNN", session.trainer.model), (right, "MLP", session.mlp)):
    probs = predict_proba(model, digit)[0]
    top = probs.argsort()[::-1][:3]
    col.markdown(f"**{name}**: " + ", ".join(f"{d} ({probs[d]:.0%})" for d in top))
    col.plotly_chart(figures.probability_bars(probs, T("probability")), key=f"probs_{name}",
                     config={"displayModeBar": False})

with st.expander(T("feature_maps_all")):
    feature_map_rows(feature_maps(session.trainer.model, digit))

st.subheader(T("data_size_title"))
st.caption(T("data_size_help"))
if st.button(T("data_size_run"), key="data_size_run"):
    with st.spinner(T("data_size_running")):
        st.session_state["data_size"] = shared_data_size_experiment()
if "data_size" in st.session_state:
    st.plotly_chart(figures.data_size_curves(st.session_state["data_size"], T("per_class")), key="data_size_chart",
                    config={"displayModeBar": False})
