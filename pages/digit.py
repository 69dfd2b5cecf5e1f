"""Try a digit you draw (or a test digit): preprocessing, probabilities, robustness.

Before any training the small CNN shipped with the app (playground.home_net, the one Home shows)
answers; once the learner's own digit model has finished training, that one does (with its MLP).
"""

import streamlit as st

from playground import figures, home_net
from playground.digits import perturb, prepare_digit
from playground.training import feature_maps, predict_proba, shipped_digits
from ui import cached
from ui import controls as c
from ui import page
from ui.display import feature_map_rows, keep_last, present
from ui.text import T

PER_CLASS, STEPS = (50, 100, 200, 400), 400  # the data-size experiment: digits per class, steps per model

st.title(T("digit_title"))
sessions = st.session_state.get("train_sessions", {})
session = sessions.get("digits")  # the latest digit model, even after a shapes run
own = session is not None and session.mlp is not None  # finished: the MLP baseline is trained last
if own:
    data = session.data
    st.info(T("digit_own_model", n=f"{session.cnn_params:,}", acc=f"{session.cnn_acc:.1%}"))
else:
    data = shipped_digits()
    acc, n_test = cached.shipped_model_accuracy()
    why = [T("digit_own_unfinished")] if session is not None else [T("digit_shapes_only")] if "shapes" in sessions else []
    st.info("\n\n".join([T("digit_shipped_model", acc=f"{acc:.1%}", n=f"{n_test:,}"), *why]))
    st.page_link("pages/train.py", label=T("nav_train"), icon=":material/arrow_forward:")

source_names = {s: T(f"digit_source_{s}") for s in ("test", "draw")}  # looked up now, in this run's language
source = c.radio("digit_source", T("digit_source"), list(source_names), format_func=source_names.get)
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
    page.stop()
prepared = keep_last("prepared", lambda: prepare_digit(raw, ink_on_white=False))
if prepared is None:
    page.stop()

st.subheader(T("preprocessing"))
steps = [(prepared.original, "prep_original"), (prepared.cropped, "prep_cropped"), (prepared.scaled, "prep_scaled"),
         (prepared.centred, "prep_centred")]
for col, (img, key) in zip(st.columns(4), steps):  # 4 px per pixel (a big drawing shrinks to 140 px): sizes compare
    h, w = img.shape
    col.image(figures.raster(img * 255, upscale_to=min(max(112, 4 * max(h, w)), 560)), width=min(4 * w, 140))
    col.caption(T(key, h=h, w=w))  # (under the picture, as wide as the column: an image caption is as narrow as it)

st.subheader(T("robustness"))
r = st.columns(5)
dx = c.slider("rob_dx", T("shift_x"), -6, 6, 0, where=r[0])
dy = c.slider("rob_dy", T("shift_y"), -6, 6, 0, where=r[1])
angle = c.slider("rob_angle", T("rotate"), -45, 45, 0, where=r[2])
noise = c.slider("rob_noise", T("noise"), 0.0, 0.6, 0.0, step=0.05, where=r[3])
bright = c.slider("rob_bright", T("brightness"), 0.2, 1.5, 1.0, step=0.1, where=r[4])
digit = perturb(prepared.centred, shift=(dy, dx), angle=angle, noise=noise, brightness=bright)  # (28, 28) in 0..1

big = present()  # a projector: what the model sees is the main picture, half the width
left, mid, right = st.columns([3, 1, 1] if big else [1, 2, 2])
left.image(figures.raster(digit * 255, upscale_to=1008 if big else 168), caption=T("model_input"),
           width="stretch" if big else "content")
if own:
    answers = [(mid, "CNN", predict_proba(session.trainer.model, digit)[0]),
               (right, "MLP", predict_proba(session.mlp, digit)[0])]
else:
    answers = [(mid, "CNN", home_net.predict(digit))]
    right.caption(T("digit_mlp_own_only"))
for col, name, probs in answers:
    top = probs.argsort()[::-1][:3]
    col.markdown(f"**{name}**: " + ", ".join(f"{d} ({probs[d]:.0%})" for d in top))
    col.plotly_chart(figures.probability_bars(probs, T("probability"), present=present()), key=f"probs_{name}",
                     config={"displayModeBar": False})

with st.expander(T("feature_maps_all")):
    feature_map_rows(feature_maps(session.trainer.model, digit) if own else home_net.feature_maps(digit))

st.subheader(T("data_size_title"))
st.caption(T("digit_data_size_help", sizes=", ".join(str(n) for n in PER_CLASS), steps=STEPS))
if st.button(T("data_size_run"), key="data_size_run"):
    with st.spinner(T("digit_data_size_running", n=2 * len(PER_CLASS))):
        st.session_state["data_size"] = cached.data_size_experiment(PER_CLASS, STEPS)
if "data_size" in st.session_state:
    st.plotly_chart(figures.data_size_curves(st.session_state["data_size"], T("per_class"), present=present()), key="data_size_chart",
                    config={"displayModeBar": False})
