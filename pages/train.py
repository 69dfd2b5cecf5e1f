"""Train a small CNN live on real handwritten digits; watch filters and curves; compare with an MLP."""

import time

import pandas as pd
import streamlit as st

from playground import figures, summarize_torch
from playground._args import InputError
from playground.training import (DATASETS, TrainSession, dataset, feature_maps, first_filters, make_config,
                                 model_code)
from ui import controls as c
from ui.display import feature_map_rows, present, show_error, show_map
from ui.text import T, class_label

st.title(T("train_title"))
st.write(T("train_intro"))

data_name = c.radio("t_data", T("dataset"), DATASETS, format_func=lambda n: T(f"dataset_{n}"))
if data_name == "shapes":
    st.caption(T("shapes_intro"))
data = dataset(data_name)
a, b, col_c, d = st.columns(4)
n_blocks = c.slider("blocks", T("n_blocks"), 1, 3, 2, where=a)
filters = c.slider("filters", T("filters_first_block"), 2, 32, 8, where=a)
kernel = c.radio("t_kernel", T("kernel_size"), [3, 5], 5, where=b)
pool = c.radio("t_pool", T("pool_kind"), ["max", "avg"], where=b, format_func=lambda p: T(f"pool_{p}"))
optimizer = c.radio("t_opt", T("optimizer"), ["adam", "sgd"], where=col_c,
                    format_func=lambda o: {"adam": "Adam", "sgd": "SGD"}[o])
lr = c.select_slider("t_lr", T("learning_rate"), [0.0003, 0.001, 0.003, 0.01, 0.03, 0.1], 0.001, where=col_c)
batch = c.select_slider("t_batch", T("batch_size"), [16, 32, 64, 128, 256], 64, where=d)
epochs = c.slider("t_epochs", T("epochs"), 1, 20, 8, where=d)
fraction = c.slider("t_fraction", T("data_fraction"), 0.1, 1.0, 1.0, step=0.1, where=d)
try:
    cfg = make_config(n_blocks, filters, kernel, pool, data.in_channels, len(data.classes))
except InputError as e:  # (the controls keep values in range; a sentence, never a traceback, if one slips by)
    show_error(e)
    st.stop()

# on a projector the table starts closed, so the Train button stays above the fold (1920×1080)
with st.expander(T("layer_table"), expanded=not present()):
    summary = summarize_torch(model_code(cfg), (data.in_channels, 28, 28))  # the Model page's code: the same numbers
    st.dataframe(pd.DataFrame([(r.name, str(r.output_shape), r.params, r.arithmetic) for r in summary.rows],
                              columns=[T("col_layer"), T("col_shape"), T("col_params"), T("col_arith")]),
                 hide_index=True,  # counts with thousands separators, as in the arithmetic beside them
                 column_config={T("col_params"): st.column_config.NumberColumn(format="localized")})
    st.markdown(T("total_params", n=f"{summary.total_params:,}"))

# This learner's models, one per dataset: a shapes run never replaces the digit model "Try your digit" uses.
sessions: dict[str, TrainSession] = st.session_state.setdefault("train_sessions", {})
session: TrainSession | None = sessions.get(data_name)
b1, b2, b3, b4 = st.columns(4)
if b1.button(T("btn_train"), key="btn_train", type="primary"):
    try:
        new = TrainSession(cfg, data=data_name, optimizer=optimizer, lr=lr, batch_size=batch, epochs=epochs,
                           fraction=fraction)
    except InputError as e:
        show_error(e)  # the previous model stays
    else:
        session = sessions[data_name] = new
        session.resume()
if b2.button(T("btn_pause"), key="btn_pause", disabled=session is None) and session:
    session.pause()
if b3.button(T("btn_resume"), key="btn_resume", disabled=session is None) and session:
    session.resume()
if b4.button(T("btn_reset"), key="btn_reset", disabled=session is None):
    sessions.pop(data_name, None)
    session = None


def sharing_text(s: TrainSession) -> str:
    """While training: how many other trainings of the server take turns with this one, and the time left at
    the pace measured over the last seconds (which includes the sharing)."""
    if not s.running:
        return ""
    n, left = s.sharing, s.seconds_left
    parts = [T("train_share_one") if n == 1 else T("train_share_many", n=n)] if n else []
    if left is not None:
        parts.append(T("train_time_left", s=f"{max(1, round(left)):,}"))
    return " ".join(parts)


def draw(s: TrainSession) -> None:
    """Progress, metrics, curves and first-layer filters of a training session."""
    p = s.trainer.progress
    st.progress(min(p.step / s.trainer.total_steps, 1.0),
                text=T("progress_text", step=p.step, total=s.trainer.total_steps, epoch=f"{p.epoch:.1f}"))
    if share := sharing_text(s):
        st.caption(share)
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(T("loss"), f"{p.losses[-1]:.3f}" if p.losses else "–")
    m2.metric(T("test_accuracy"), f"{p.test_acc[-1][1]:.1%}" if p.test_acc else "–")
    m3.metric(T("examples_per_second"), f"{s.examples_per_second:,.0f}")
    m4.metric(T("state"), T("state_running") if s.running else T("state_done") if s.trainer.done else T("state_paused"))
    st.plotly_chart(figures.training_curves(p.losses, p.train_acc, p.test_acc,
                                            (T("loss"), T("train_accuracy"), T("test_accuracy")), present=present()),
                    key=f"curves_{p.step}", config={"displayModeBar": False})
    st.caption(T("first_filters") if s.data.in_channels == 1 else T("first_filters_rgb"))
    st.image(figures.filter_pictures(first_filters(s.trainer.model)), width=56)


@st.fragment(run_every=0.1 if session is not None and session.running else None)
def live() -> None:
    """Train in 0.8 s chunks for up to 5 s per run, redrawing after each chunk.

    Pause (outside the fragment) asks for a rerun, which stops this run at its next redraw: within
    ~0.8 s. Long runs keep the time spent drawing and reconnecting small next to the training.
    """
    s: TrainSession | None = st.session_state["train_sessions"].get(data_name)
    if s is None:
        st.info(T("press_train"))
        return
    panel = st.empty()
    with panel.container():
        draw(s)
    run_seconds = st.session_state.get("_train_run_seconds", 5.0)  # (tests set 0: one chunk per run, whatever the speed)
    end = time.perf_counter() + run_seconds
    while s.running:
        s.tick(budget=min(0.8, run_seconds), eval_every=0.7)  # a test accuracy after every chunk (~32 ms each)
        with panel.container():
            draw(s)
        if not s.running:  # just finished: redraw the page with the results
            st.rerun(scope="app")
        if time.perf_counter() >= end:
            break


live()

if session is not None and session.trainer.done and session.mlp is not None:
    st.subheader(T("results"))
    r1, r2 = st.columns(2)
    r1.metric(T("cnn_accuracy"), f"{session.cnn_acc:.1%}")
    r2.metric(T("mlp_accuracy"), f"{session.mlp_acc:.1%}")
    st.caption(T("cnn_vs_mlp", cnn=f"{session.cnn_params:,}", mlp=f"{session.mlp_params:,}"))
    left, right = st.columns([1, 1])
    with left:
        show_map(session.confusion, T("confusion"), key="confusion", signed=False)
        st.caption(T("confusion_help"))
        if session.data.name != "digits":
            st.caption(T("class_legend", legend=" · ".join(f"{k} {class_label(session.data, k)}"
                                                            for k in range(len(session.data.classes)))))
    with right:
        wrong = session.misclassified(24)
        st.markdown(f"**{T('misclassified')}**")
        st.image([figures.sample_picture(img) for img, _, _ in wrong],
                 width=56 if session.data.name == "digits" else 96,  # room for "blue triangle → red cross"
                 caption=[T("true_pred", t=class_label(session.data, t), p=class_label(session.data, p))
                          for _, t, p in wrong])
    with st.expander(T("feature_maps_test")):
        k = st.slider(T("test_image_index"), 0, len(session.data.y_test) - 1, 0, key="fm_index")
        image = session.data.x_test[k].numpy()  # (C, 28, 28)
        st.image(figures.sample_picture(image, upscale_to=112),
                 caption=T("true_label", t=class_label(session.data, int(session.data.y_test[k]))))
        feature_map_rows(feature_maps(session.trainer.model, image))
    st.download_button(T("download_weights"), session.weights(), "conv_playground_cnn.pt", key="dl_pt")
    # the trained model's own config: settings changed after training do not change the code of these weights
    st.download_button(T("download_code"), model_code(session.cfg), "conv_playground_cnn.py", key="dl_py")
