"""Every page under AppTest: set widgets, assert on what is shown (shapes, formulas, arithmetic, errors)."""

import io
import json
import re

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from app_session import app
from playground import conv2d, figures, samples
from playground.kernels import KERNELS



def open_page(page: str, lang: str = "en", **state) -> AppTest:
    at = app()
    at.session_state["lang"] = lang  # (the ?lang= URL binding is checked in the browser tests)
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def shown(markdown: str) -> str:
    """Markdown source as the learner reads it (user text is shown with its punctuation escaped)."""
    return markdown.replace("\\", "")


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.code] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [e.value for e in at.error] + [t.value for t in at.title]
    return "\n".join(parts)


def test_home_maps_the_cnn_with_shapes_and_links():
    at = open_page("pages/home.py")
    assert at.title[0].value == "Conv Playground"
    body = texts(at)
    assert "15,052,900" in body and "2,800" in body  # dense vs conv parameters, computed
    assert len(at.get("plotly_chart")) == 1
    ko = open_page("pages/home.py", lang="ko")
    assert "특징 추출" in texts(ko) or "합성곱 신경망" in texts(ko)


def test_image_page_samples_shapes_and_upload(tmp_path):
    at = open_page("pages/image.py")
    at.selectbox(key="sample").set_value("grid6").run()
    assert "(6, 6, 1)" in texts(at)
    np.testing.assert_array_equal(at.session_state["image"], samples.sample("grid6"))
    at.selectbox(key="sample").set_value("astronaut").run()
    assert "(512, 512, 3)" in texts(at)
    assert len(at.tabs) == 3  # R, G, B pixel values
    # upload: a real PNG becomes the shared image; a text file gets a sentence, and the image stays
    at.segmented_control(key="image_source").set_value("upload").run()
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 30)).save(buf, "PNG")
    at.file_uploader(key="upload").set_value(("green.png", buf.getvalue(), "image/png")).run()
    assert at.session_state["image"].shape == (30, 40, 3)
    at.file_uploader(key="upload").set_value(("notes.png", b"just text", "image/png")).run()
    assert any("not an image we can read" in e.value for e in at.error)
    assert at.session_state["image"].shape == (30, 40, 3)
    assert not at.exception


def test_convolution_page_formula_arithmetic_and_errors():
    grid = samples.sample("grid6")
    at = open_page("pages/convolution.py", image=grid, image_label="grid6", conv_charts=True)  # the charts unfolded
    at.selectbox(key="kernel_preset").set_value("sobel_x").run()
    body = texts(at)
    assert "(6 + 2×0 − 3) / 1 + 1 = 4" in body
    # the traced cell is the centre (2, 2); its arithmetic equals conv2d's value there
    expected = conv2d(grid, KERNELS["sobel_x"].weights)[2, 2]
    assert any(c.value.endswith(f"= {int(expected)}".replace("-", "−")) for c in at.code)
    # step back one position: (2, 1)
    at.button(key="conv_cell_prev").click().run()
    v = conv2d(grid, KERNELS["sobel_x"].weights)[2, 1]
    assert "row 2, column 1" in texts(at) and any(c.value.endswith(f"= {int(v)}".replace("-", "−")) for c in at.code)
    # a setting that does not fit: 6 wide, kernel 3, stride 2 -> 2.5
    at.slider(key="stride").set_value(2).run()
    assert "(6 + 2×0 − 3) / 2 + 1 = 2.5" in texts(at)
    assert any("round down to 2" in w.value for w in at.warning)
    at.toggle(key="show_coverage").set_value(True).run()
    assert "Pixels never used now: 11." in texts(at)  # the last row and column: 6 + 6 − 1 pixels
    # NaN in the kernel: a sentence, and the previous result stays
    at.text_area(key="kernel_text").set_value("1 nan\n0 1").run()
    assert any("no NaN" in e.value for e in at.error)
    assert "(6 + 2×0 − 3) / 2 + 1 = 2.5" in texts(at)
    # a kernel bigger than the padded input
    at.text_area(key="kernel_text").set_value("\n".join(["1 1 1 1 1 1 1"] * 7)).run()
    assert any("larger than the padded input (6×6)" in e.value for e in at.error)
    # padding 'same' needs stride 1
    at.text_area(key="kernel_text").set_value("0 1 0\n1 -4 1\n0 1 0").run()
    at.radio(key="pad_kind").set_value("same").run()
    assert any("stride 1" in e.value for e in at.error)
    at.slider(key="stride").set_value(1).run()
    assert not at.error and "→ **6**" in texts(at)
    assert not at.exception


def test_convolution_page_in_korean():
    at = open_page("pages/convolution.py", lang="ko")
    body = texts(at)
    assert "출력 크기" in body and "스트라이드" in at.slider(key="stride").label


def test_pooling_page_winner_and_experiments():
    grid = samples.sample("grid6")
    at = open_page("pages/pooling.py", image=grid, image_label="grid6", pool_charts=True)  # the charts unfolded
    body = texts(at)
    assert "(6 + 2×0 − 2) / 2 + 1 = 3" in body
    # centre cell (1, 1) of a 2×2/2 max pool: window rows 2-3, cols 2-3 of the grid
    window = grid[2:4, 2:4]
    assert any(c.value.startswith("max(") and c.value.endswith(f"= {window.max()}") for c in at.code)
    assert "winning pixel" in body
    at.selectbox(key="pool_mode").set_value("avg").run()
    assert any(c.value.endswith(f"/ 4 = {window.mean():g}") for c in at.code)
    at.selectbox(key="pool_mode").set_value("global_max").run()
    assert any(c.value.endswith(f"= {grid.max()}") for c in at.code)
    metrics = {m.label: m.value for m in at.metric}
    assert len(at.metric) == 6 and set(metrics) == {"max pooling", "average pooling", "min pooling"}
    from playground.experiments import pooling_experiments  # the sentences are the numbers' own
    exp = pooling_experiments(grid, kernel_size=2, stride=2, padding=0, mode="global_max", noise=20.0)
    assert exp.shift.sentence("en") in texts(at) and exp.noise.sentence("en") in texts(at)
    at.selectbox(key="pool_mode").set_value("max").run()
    at.slider(key="pool_k").set_value(1).run()
    at.slider(key="pool_p").set_value(1).run()  # padding 1 > half of window 1
    assert any("half the window" in e.value for e in at.error)
    assert not at.exception


def test_channels_page_depth_equals_filters_and_layer_shapes():
    img = np.zeros((32, 32, 3), np.uint8)
    img[8:24, 8:24, 0] = 255
    at = open_page("pages/channels.py", image=img, image_label="red square")
    at.slider(key="n_filters").set_value(6).run()
    body = texts(at)
    assert "(H, W, C) = **(30, 30, 6)**" in body
    at.radio(key="ch_pool").set_value(2).run()
    assert "(H, W, C) = **(15, 15, 6)**" in texts(at)
    # LeNet-like stack: 32×32×3 -> 28×28×6 -> 24×24×10 with 5×5 kernels
    at.slider(key="n_layers").set_value(2).run()
    assert "`32×32×3` → `28×28×6` → `24×24×10`" in texts(at)
    assert "**9×9**" in texts(at)  # two 5×5 convs see 9×9 input pixels
    assert not at.exception


@pytest.mark.parametrize("param, value", [("stride", "0"), ("stride", "abc"), ("pad_mode", "<script>"),
                                          ("bias", "nan"), ("dilation", "99999999999999999999")])
def test_tampered_link_values_are_refused_with_a_sentence(param, value):
    at = app()
    at.query_params[param] = value
    at.switch_page("pages/convolution.py").run()  # the link opens this page first
    assert not at.exception
    assert any(f"{param}=" in shown(w.value) and "not allowed" in w.value for w in at.warning)
    assert at.slider(key="stride").value == 1 and at.selectbox(key="pad_mode").value == "zeros"
    assert "(28 + 2×0 − 3) / 1 + 1 = 26" in texts(at)


def test_link_values_set_the_page():
    at = app()
    for k, v in {"lang": "ko", "stride": "2", "pad_mode": "reflect", "pad": "1", "kernel_preset": "laplacian"}.items():
        at.query_params[k] = v
    at.switch_page("pages/convolution.py").run()
    assert at.slider(key="stride").value == 2 and at.selectbox(key="pad_mode").value == "reflect"
    assert "(28 + 2×1 − 3) / 2 + 1 = 14.5" in texts(at) and "출력 크기" in texts(at)
    assert at.text_area(key="kernel_text").value == "0 1 0\n1 -4 1\n0 1 0"


def test_train_page_trains_pauses_and_shows_results_then_digit_page_predicts():
    at = open_page("pages/train.py", _train_run_seconds=0.0)  # one chunk of 5 batches per run: never done in one
    assert "Total parameters: **" in texts(at) and len(at.dataframe) == 1
    at.slider(key="t_epochs").set_value(20)
    at.button(key="btn_train").click().run()  # the first tick trains ~0.6 s
    s = at.session_state["train_sessions"]["digits"]
    assert s.running and 0 < s.trainer.progress.step < s.trainer.total_steps
    labels = {m.label: m.value for m in at.metric}
    assert labels["State"] == "training" and labels["Test accuracy"].endswith("%")
    curves = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    loss = next(t for c in curves for t in c["data"] if t.get("name") == "Loss")
    assert len(loss["y"]) == min(s.trainer.progress.step, 600)  # one point per batch (the last 600)
    assert len(at.get("progress")) == 1 and len(at.get("image")) == 1  # the progress bar; the filters as images
    at.button(key="btn_pause").click().run()
    step = s.trainer.progress.step
    at.run()
    assert not s.running and s.trainer.progress.step == step  # paused: nothing more was trained
    assert {m.label: m.value for m in at.metric}["State"] == "paused"
    at.button(key="btn_reset").click().run()
    assert "digits" not in at.session_state["train_sessions"]
    # a short full run: results appear (CNN vs MLP, confusion matrix, mistakes, downloads)
    at.session_state["_train_run_seconds"] = 5.0
    at.slider(key="t_epochs").set_value(2)
    at.slider(key="t_fraction").set_value(0.5)
    at.button(key="btn_train").click().run()
    for _ in range(30):
        if at.session_state["train_sessions"]["digits"].trainer.done:
            break
        at.run()
    at.run()
    labels = {m.label: m.value for m in at.metric}
    assert float(labels["CNN test accuracy"].rstrip("%")) > 80 and "MLP test accuracy" in labels
    assert len(at.get("download_button")) == 2
    at.switch_page("pages/digit.py").run()
    assert not at.exception
    assert any(m.value.startswith("**CNN**: ") for m in at.markdown)
    assert any(m.value.startswith("**MLP**: ") for m in at.markdown)
    bars = [json.loads(c.proto.spec)["data"][0] for c in at.get("plotly_chart")]
    assert len(bars) == 2 and all(b["type"] == "bar" and abs(sum(b["y"]) - 1) < 1e-3 for b in bars)  # CNN, MLP
    top = next(m.value for m in at.markdown if m.value.startswith("**CNN**: "))  # "**CNN**: 7 (98%), ..."
    assert bars[0]["x"][int(np.argmax(bars[0]["y"]))] == top.split(": ")[1][0]  # the top-1 digit is the tallest bar
    at.slider(key="rob_angle").set_value(30).run()
    assert not at.exception and any(m.value.startswith("**CNN**: ") for m in at.markdown)


def test_digit_page_without_a_model_uses_the_shipped_network_and_says_so():
    at = open_page("pages/digit.py")
    assert any("shipped with the app" in i.value for i in at.info)  # (numbers checked in test_digit_channels.py)


def test_model_page_keras_torch_errors_and_fc_vs_conv():
    at = open_page("pages/model.py")
    df = at.dataframe[0].value
    assert df.iloc[0].tolist()[:4] == ["conv2d", "(None, 26, 26, 10)", 100, "3×3×1×10 + 10 = 100"]
    assert any("(batch, H, W, C)" in c.value for c in at.caption)  # which order the table's shapes are in
    total = int(df.iloc[:, 2].sum())
    assert f"Total parameters: **{total:,}**" in texts(at)
    assert any("nn.Conv2d(1, 10, 3" in c.value for c in at.code)  # exported as PyTorch
    at.text_area(key="code_keras").set_value("model = Sequential()\nmodel.add(Conv2D(8, 3, input_shape=(8, 8, 1)))\n"
                                             "model.add(Conv3D(4, 3))").run()
    assert any("line 3: unknown layer 'Conv3D'" in shown(e.value) for e in at.error)
    assert f"Total parameters: **{total:,}**" in texts(at)  # the last good summary stays
    at.radio(key="framework").set_value("torch").run()
    df = at.dataframe[0].value
    assert df.iloc[0].tolist()[:4] == ["Conv2d-1", "(-1, 10, 26, 26)", 100, "3×3×1×10 + 10 = 100"]
    # the order is said, with this model's first map in both orders
    assert any("(batch, C, H, W)" in c.value and "(-1, 10, 26, 26) → 26×26×10" in c.value for c in at.caption)
    assert any("layers.Conv2D(10, 3" in c.value for c in at.code)  # exported as Keras
    # fully connected vs convolution, 28×28×1 and 32 units / filters (hand-checked)
    values = {m.label: m.value for m in at.metric}
    assert values["Dense layer, 32 units: parameters"] == "25,120"
    assert values["3×3 conv layer, 32 filters, 'same' padding: parameters"] == "320"
    assert any("moves by one pixel: **yes**" in m.value for m in at.markdown)
    assert not at.exception


def test_gallery_page_lists_every_network_with_its_published_total():
    at = open_page("pages/gallery.py")
    df = at.table[0].value  # the networks are its index; counts as the learner reads them
    totals = dict(zip(df.index, df.iloc[:, 1]))
    assert totals["ResNet-18"] == "11,689,512" and totals["VGG-16"] == "138,357,544" and len(totals) == 12
    assert totals["VGG-19"] == "143,667,240" and totals["LeNet-5"] == "61,706"
    years = [int(y) for y in df.iloc[:, 0]]
    assert years == sorted(years) and years[0] == 1998  # in year order: SqueezeNet (2016) before MobileNet-V2 (2018)
    assert len(at.main.expander) == 12  # one per network (the sidebar has the lesson-link box)
    assert any("torchvision" in c.value for c in at.caption)


def test_quiz_mode_hides_then_checks_and_explains():
    grid = samples.sample("grid6")
    at = open_page("pages/convolution.py", image=grid, image_label="grid6")
    at.toggle(key="conv_quiz").set_value(True).run()
    assert "(6 + 2×0 − 3) / 1 + 1 = 4" not in texts(at) and not any(c.value.startswith("(") for c in at.code)
    i, j = map(int, re.search(r"\((\d+), (\d+)\)", at.number_input(key="conv_q_v").label).groups())  # the asked cell
    value = conv2d(grid, KERNELS["sobel_x"].weights)[i, j]
    at.number_input(key="conv_q_h").set_value(4)
    at.number_input(key="conv_q_w").set_value(5)  # wrong width
    at.number_input(key="conv_q_v").set_value(float(value))
    at.button(key="conv_q_check").click().run()
    assert any("the output is 4×4" in e.value for e in at.error)
    assert any(f"the cell is {int(value)}" in s.value for s in at.success)
    assert "(6 + 2×0 − 3) / 1 + 1 = 4" in texts(at)  # revealed, with the formula
    at.button(key="conv_q_next").click().run()  # the next question asks again
    assert any("press Check" in i.value for i in at.info)
    assert "(6 + 2×0 − 3) / 1 + 1 = 4" not in texts(at)


def test_exports_are_offered():
    at = open_page("pages/convolution.py")
    names = {b.proto.label for b in at.get("download_button")}
    assert names == {"Feature map (.png)", "Kernel (.npy)", "This layer in PyTorch (.py)", "This layer in Keras (.py)"}


def test_lesson_link_carries_kernel_step_hide_and_presentation():
    at = app()
    for k, v in {"kernel_text": "1,2;3,4", "conv_cell": "1,0", "hide": "stride,pad_mode",
                 "present": "1", "sample": "grid6"}.items():
        at.query_params[k] = v
    at.switch_page("pages/convolution.py").run()  # the image travels in the link: ?sample=grid6
    assert not at.exception
    assert at.text_area(key="kernel_text").value == "1 2\n3 4"
    assert "row 1, column 0" in texts(at)  # 6×6 input, 2×2 kernel -> 5×5 output; cell (1, 0)
    expected = conv2d(samples.sample("grid6"), [[1, 2], [3, 4]])[1, 0]
    assert any(c.value.endswith(f"= {int(expected)}") for c in at.code)
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert ".st-key-stride {display: none !important;}" in styles and "font-size: 20px" in styles
    assert at.query_params["kernel_text"] == "1,2;3,4" and at.query_params["hide"] == "stride,pad_mode"
    at.button(key="exit_present").click().run()
    assert "font-size: 20px" not in " ".join(h.proto.body for h in at.get("html"))


def test_train_page_on_coloured_shapes_shows_rgb_filters_and_class_names():
    from playground.training import first_filters

    at = open_page("pages/train.py")
    at.radio(key="t_data").set_value("shapes").run()
    assert any("red or blue × circle" in c.value for c in at.caption)
    table = at.dataframe[0].value
    assert table.iloc[0, 2] == 8 * 3 * 5 * 5 + 8 and table.iloc[-1, 1] == "(8,)"  # Conv2d(3, 8, 5), 8 classes
    at.slider(key="t_epochs").set_value(2)
    at.button(key="btn_train").click().run()
    shown = at.get("image")[0].proto.imgs
    assert len(shown) == 8  # one picture per first-layer filter
    pictures = figures.filter_pictures(first_filters(at.session_state["train_sessions"]["shapes"].trainer.model))
    assert all(p.ndim == 3 and p.shape[2] == 3 for p in pictures)  # in colour: (h, w, RGB)
    for _ in range(10):
        if at.session_state["train_sessions"]["shapes"].trainer.done:
            break
        at.run()
    at.run()
    texts_now = texts(at)
    assert "Classes: 0 red circle · 1 blue circle" in texts_now
    assert "0: Conv2d — (H, W, C) = (28, 28, 8)" in texts_now and "5: MaxPool2d — (H, W, C) = (7, 7, 16)" in texts_now
    data = at.session_state["train_sessions"]["shapes"].data
    at.slider(key="fm_index").set_value(3).run()  # another test image: its true class is named
    shown = [i.caption for el in at.get("image") for i in el.proto.imgs]
    assert f"True label: {data.classes[int(data.y_test[3])].replace('_', ' ')}" in shown
    captions = next([i.caption for i in el.proto.imgs] for el in at.get("image")
                    if el.proto.imgs[0].caption.startswith("true "))  # under the mistakes: class names
    assert captions and all(c.startswith("true ") and any(s in c for s in ("circle", "square", "triangle", "cross"))
                            for c in captions)
    at.switch_page("pages/digit.py").run()
    assert any("learned coloured shapes" in i.value for i in at.info)


def test_tampered_dataset_in_a_train_link_is_refused_with_a_sentence():
    at = app()
    at.query_params["t_data"] = "../../etc/passwd"
    at.switch_page("pages/train.py").run()
    assert not at.exception
    assert any("t_data=" in shown(w.value) and "not allowed" in w.value for w in at.warning)
    assert at.radio(key="t_data").value == "digits" and at.dataframe[0].value.iloc[0, 2] == 208  # Conv2d(1, 8, 5)


def test_the_image_zoom_numbers_its_rows_and_columns_as_the_picture_does():
    """The zoom grid's ticks are the picture's own row and column numbers (not 0–7 again), so a learner can
    find a pixel on the picture; the values under them are those pixels."""
    at = open_page("pages/image.py")
    at.slider(key="zoom_top").set_value(9).run()
    at.slider(key="zoom_left").set_value(14).run()
    spec = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if c.proto.id.endswith("-zoom_map")][0]
    rows, cols = spec["layout"]["yaxis"]["ticktext"], spec["layout"]["xaxis"]["ticktext"]
    size = at.slider(key="zoom_size").value
    assert rows == [str(9 + k) for k in range(size)] and cols == [str(14 + k) for k in range(size)]
    img = at.session_state["image"]
    z = np.array(spec["data"][0]["z"], dtype=float)
    np.testing.assert_array_equal(z, img[9:9 + size, 14:14 + size])


def _charts(at: AppTest, key: str) -> tuple[bool, bool]:
    """(drawn at all, drawn inside the 'selected cell as charts' expander) for the plotly chart `key`."""
    folded = [e for e in at.main.expander if e.label.startswith("The selected cell as charts")]
    inside = any(key in ch.proto.id for e in folded for ch in e.get("plotly_chart"))
    return any(key in ch.proto.id for ch in at.get("plotly_chart")), inside


@pytest.mark.parametrize("page, key, quiz", [("pages/convolution.py", "conv_in", "conv_quiz"),
                                             ("pages/pooling.py", "pool_in", "pool_quiz")])
def test_the_cells_charts_fold_beside_the_explorer_but_not_in_a_quiz_or_on_a_projector(page, key, quiz):
    """The explorer already shows the window, products and sum: the server-side charts of the same cell start
    folded, so the page says it once, and folded they are not built at all (a rerun beside the explorer costs
    no charts); opening the fold builds them. Before Check (no explorer) and in presentation mode they are open."""
    at = open_page(page, image=samples.sample("grid6"), image_label="grid6")
    fold = [e for e in at.main.expander if e.label.startswith("The selected cell as charts")]
    assert len(fold) == 1 and not fold[0].proto.expanded
    assert _charts(at, key) == (False, False) and not at.main.code  # nothing built while folded
    charts = key.replace("_in", "_charts")
    at.session_state[charts] = True  # the learner opens the fold: one rerun draws them inside it
    at.run()
    assert _charts(at, key) == (True, True) and at.main.code
    at.session_state[charts] = False
    at.toggle(key=quiz).set_value(True).run()
    assert _charts(at, key) == (True, False)  # the quiz draws the input with its window in the open
    big = app()
    big.query_params.update(present="1", sample="grid6")
    big.switch_page(page).run()
    assert not big.exception
    assert _charts(big, key) == (True, False)
