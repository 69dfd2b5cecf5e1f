"""Try your digit before and after training (which model answers, and what the page says about it);
Channels: three different, editable kernels give three different partial maps; stack errors in words."""

import json
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from app_session import app, fresh
from playground import conv2d, home_net, samples
from playground.digits import perturb, prepare_digit
from playground.kernels import colour_opponent_filter, kernel_text, parse_kernel
from playground.training import TrainSession, feature_maps, make_config, shipped_digits



def in_korean(at: AppTest) -> AppTest:
    """Switch the language on a page without translated options (AppTest re-sends an option's old label)."""
    at.switch_page("pages/gallery.py").run()
    at.radio(key="lang").set_value("ko").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def chart(at: AppTest, key: str) -> dict:
    """The figure a page drew with st.plotly_chart(key=key)."""
    found = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")]
    assert len(found) == 1, key
    return json.loads(found[0].proto.spec)


def shown_map(at: AppTest, key: str) -> np.ndarray:
    """The numbers of a heatmap drawn by show_map (small maps are heatmaps)."""
    return np.array(chart(at, key)["data"][0]["z"], dtype=np.float64)


def texts(at: AppTest) -> list[str]:
    return [x.value for x in [*at.info, *at.main.caption, *at.main.markdown, *at.error]]


# ---------------------------------------------------------------- Try your digit
@pytest.fixture(scope="module")
def digits():
    d = shipped_digits()
    return d.x_test[:, 0].numpy(), d.y_test.numpy()


def shipped_answer(raw255: np.ndarray) -> np.ndarray:
    """What the shipped CNN answers for a test digit after the page's preprocessing (no disturbance)."""
    return home_net.predict(perturb(prepare_digit(raw255, ink_on_white=False).centred))


def test_before_training_the_shipped_cnn_answers_and_its_measured_accuracy_is_said(digits):
    x, y = digits
    accuracy = float((home_net.predict_batch(x).argmax(1) == y).mean())
    at = fresh("pages/digit.py")
    info = " ".join(i.value for i in at.info)
    assert f"shipped with the app ({accuracy:.1%} on the {len(y):,} test digits)" in info
    assert "Train a model first" not in info
    bars = chart(at, "probs_CNN")["data"][0]
    expected = shipped_answer(x[0] * 255)
    np.testing.assert_allclose(bars["y"], np.round(expected, 4), atol=1e-4)
    top = next(m.value for m in at.markdown if m.value.startswith("**CNN**: "))
    assert top.startswith(f"**CNN**: {int(np.argmax(expected))} (")
    assert not any(m.value.startswith("**MLP**") for m in at.markdown)
    assert any("the shipped network has no MLP" in c for c in texts(at))
    captions = texts(at)
    for name, maps in home_net.feature_maps(prepare_digit(x[0] * 255, ink_on_white=False).centred):
        c, h, w = maps.shape
        assert f"{name} — (H, W, C) = ({h}, {w}, {c})" in captions
    at.slider(key="test_index").set_value(7).run()  # another test digit: the answer follows it
    np.testing.assert_allclose(chart(at, "probs_CNN")["data"][0]["y"], np.round(shipped_answer(x[7] * 255), 4),
                               atol=1e-4)
    assert f"True label: {int(y[7])}" in texts(at)


def test_the_shipped_model_sentence_in_korean(digits):
    x, y = digits
    accuracy = float((home_net.predict_batch(x).argmax(1) == y).mean())
    at = app()
    at.session_state["lang"] = "ko"
    at.switch_page("pages/digit.py").run()
    assert not at.exception
    info = " ".join(i.value for i in at.info)
    assert f"테스트 숫자 {len(y):,}개에서 테스트 정확도 {accuracy:.1%}" in info and "시험" not in info


def test_predict_batch_gives_predicts_numbers(digits):
    x, _ = digits
    batch = home_net.predict_batch(x[:40])
    one_by_one = np.stack([home_net.predict(im) for im in x[:40]])
    np.testing.assert_allclose(batch, one_by_one, atol=1e-6)
    np.testing.assert_allclose(home_net.predict_batch((x[:5] * 255).round().astype(np.uint8)),
                               np.stack([home_net.predict((im * 255).round().astype(np.uint8)) for im in x[:5]]),
                               atol=1e-6)


@pytest.fixture(scope="module")
def tiny_session():
    """A finished digit model, trained fast: one block of 4 filters, one epoch on a tenth of the digits."""
    s = TrainSession(make_config(1, 4, 3, "max"), epochs=1, fraction=0.1, batch_size=64)
    s.resume()
    while s.mlp is None:
        s.tick(budget=0.5)
    return s


def test_after_training_the_page_names_the_learners_model_and_uses_it(tiny_session, digits):
    s = tiny_session
    at = app()
    at.session_state["train_sessions"] = {"digits": s}
    at.switch_page("pages/digit.py").run()
    assert not at.exception, [e.message for e in at.exception]
    info = " ".join(i.value for i in at.info)
    assert f"Using the CNN you trained: {s.cnn_params:,} parameters, {s.cnn_acc:.1%} test accuracy." in info
    assert "shipped" not in info
    assert any(m.value.startswith("**MLP**: ") for m in at.markdown)  # the comparison is back
    x, _ = digits
    digit = perturb(prepare_digit(x[0] * 255, ink_on_white=False).centred)
    ours = [f"{name} — (H, W, C) = ({m.shape[1]}, {m.shape[2]}, {m.shape[0]})" for name, m in feature_maps(s.trainer.model, digit)]
    shipped = [f"{name} — (H, W, C) = ({m.shape[1]}, {m.shape[2]}, {m.shape[0]})" for name, m in home_net.feature_maps(digit)]
    shown = [c for c in texts(at) if " — (H, W, C) = " in c]
    assert shown == ours and shown != shipped  # the learner's layers, not the shipped network's


def test_an_unfinished_model_is_not_used_yet_and_the_page_says_so():
    s = TrainSession(make_config(1, 4, 3, "max"), epochs=1, fraction=0.1)  # created, never trained
    at = app()
    at.session_state["train_sessions"] = {"digits": s}
    at.switch_page("pages/digit.py").run()
    assert not at.exception
    assert any("shipped with the app" in i.value for i in at.info)
    assert any("has not finished training yet" in c for c in texts(at))


def test_a_shapes_model_alone_leaves_the_shipped_cnn_answering_and_says_why():
    shapes = TrainSession(make_config(1, 4, 3, "max", in_channels=3, n_classes=8), data="shapes", epochs=1,
                          fraction=0.1)
    at = app()
    at.session_state["train_sessions"] = {"shapes": shapes}
    at.switch_page("pages/digit.py").run()
    assert not at.exception
    info = " ".join(i.value for i in at.info)
    assert "shipped with the app" in info and "learned coloured shapes, not digits" in info
    assert any(m.value.startswith("**CNN**: ") for m in at.markdown)


# ---------------------------------------------------------------- Channels
def channel_planes(img: np.ndarray) -> np.ndarray:
    """(3, H, W) float: a gray image's channels are three equal copies."""
    rgb = np.repeat(img[..., None], 3, axis=2) if img.ndim == 2 else img
    return rgb.transpose(2, 0, 1).astype(np.float64)


KEYS = ("ch_k3_r", "ch_k3_g", "ch_k3_b")


def test_gray_image_three_different_kernels_give_three_different_partial_maps():
    at = fresh("pages/channels.py")  # the handwritten digit: gray
    typed = [at.text_area(key=k).value for k in KEYS]
    kernels = [parse_kernel(t) for t in typed]
    assert len({kernel_text(k) for k in kernels}) == 3  # three different kernels, shown as text ...
    planes = channel_planes(samples.sample("digit"))
    partials = []
    for ch, k in enumerate(kernels):
        np.testing.assert_array_equal(shown_map(at, f"k_{ch}"), k)  # ... and as maps
        shown = shown_map(at, f"partial_{ch}")
        np.testing.assert_allclose(shown, conv2d(planes[ch], k), atol=1e-3)
        partials.append(shown)
    for a, b in ((0, 1), (0, 2), (1, 2)):
        assert np.abs(partials[a] - partials[b]).max() > 100  # visibly different maps
    np.testing.assert_allclose(shown_map(at, "summed"), sum(partials), atol=1e-3)
    assert any("equal copies" in c for c in texts(at))


def test_colour_photo_partial_pictures_differ():
    at = fresh("pages/channels.py", sample="astronaut")
    assert not any("equal copies" in c for c in texts(at))
    pictures = [i for el in at.get("image") for i in el.proto.imgs if "∗" in i.caption]
    assert len(pictures) == 3
    assert len({p.url for p in pictures}) == 3  # media files are named by their bytes: three different pictures


def test_editing_one_channel_kernel_changes_only_its_partial_map():
    at = fresh("pages/channels.py")
    before = [shown_map(at, f"partial_{ch}") for ch in range(3)]
    at.text_area(key="ch_k3_g").set_value("0 0 0\n0 1 0\n0 0 0").run()
    assert not at.exception
    planes = channel_planes(samples.sample("digit"))
    after = [shown_map(at, f"partial_{ch}") for ch in range(3)]
    np.testing.assert_allclose(after[1], planes[1][1:-1, 1:-1], atol=1e-3)  # the identity kernel: the channel itself
    assert np.abs(after[1] - before[1]).max() > 100
    np.testing.assert_array_equal(after[0], before[0])
    np.testing.assert_array_equal(after[2], before[2])
    at.button(key="ch_reset").click().run()  # back to the preset
    assert [at.text_area(key=k).value for k in KEYS] == [kernel_text(k) for k in colour_opponent_filter(3)]
    np.testing.assert_array_equal(shown_map(at, "partial_1"), before[1])


@pytest.mark.parametrize("lang, bad, sentence", [
    ("en", "1 0 -1\n2 zwei -2\n1 0 -1", "The kernel has 'zwei', which is not a number."),
    ("ko", "1 0 -1\n2 zwei -2\n1 0 -1", "커널에 숫자가 아닌 'zwei'이(가) 있습니다."),
    ("en", "1 0\n0 1", "The Green kernel has 2×2 numbers, but this filter's kernels are 3×3"),
    ("ko", "1 0\n0 1", "초록 커널의 숫자가 2×2개인데, 이 필터의 커널은 3×3입니다"),
])
def test_a_bad_kernel_is_refused_in_words_and_the_previous_maps_stay(lang, bad, sentence):
    at = fresh("pages/gallery.py")
    if lang == "ko":
        in_korean(at)
    at.switch_page("pages/channels.py").run()
    before = {key: shown_map(at, key) for key in ("partial_0", "partial_1", "partial_2", "summed")}
    at.text_area(key="ch_k3_g").set_value(bad).run()
    assert not at.exception
    assert any(sentence in e.value for e in at.error), [e.value for e in at.error]
    for key, m in before.items():
        np.testing.assert_array_equal(shown_map(at, key), m)


def test_stack_pooling_that_would_leave_less_than_one_pixel_is_explained():
    at = fresh("pages/channels.py", sample="grid5")  # 5×5: a 5×5 kernel leaves 1×1, too small for 2×2 pooling
    at.slider(key="n_layers").set_value(1).run()
    at.toggle(key="layers_pool").set_value(True).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("Layer 1's 2×2 max pooling cannot be applied: its convolution leaves a 1×1 map" in e for e in errors)
    assert not any("padded input" in e for e in errors)
    in_korean(at).switch_page("pages/channels.py").run()
    assert any("1번째 층의 2×2 최대 풀링을 적용할 수 없습니다" in e.value and "1×1" in e.value for e in at.error)


def test_stack_convolution_that_does_not_fit_names_its_layer():
    at = fresh("pages/channels.py")  # 28×28: 5×5 conv + pool, twice, leaves 4×4; a third 5×5 kernel cannot fit
    at.toggle(key="layers_pool").set_value(True).run()
    at.slider(key="n_layers").set_value(3).run()
    assert any("Layer 3 cannot be built: its 5×5 kernel needs a map of at least 5×5, but its input is only 4×4"
               in e.value for e in at.error)


def test_channel_pooling_on_a_too_small_map_is_explained():
    at = fresh("pages/channels.py", sample="grid5")
    at.radio(key="filter_size").set_value(5).run()
    at.radio(key="ch_pool").set_value(2).run()
    assert not at.exception
    assert any("2×2 max pooling needs feature maps of at least 2×2, but this image gives maps of 1×1" in e.value
               for e in at.error)
    link = fresh("pages/channels.py", sample="grid5", filter_size="5", ch_pool="2", n_layers="1")  # refused from the first view
    assert any("2×2 max pooling needs feature maps of at least 2×2" in e.value for e in link.error)
    assert any(re.match(r"Cell \(\d+, \d+\) of layer 1 sees rows", m.value) for m in link.markdown)  # the rest works


# ---------------------------------------------------------------- the canvas, in a real browser
@pytest.mark.browser
def test_a_drawn_digit_is_read_by_the_shipped_cnn_before_any_training():
    import os

    from browser_app import CHROMIUM, CHROMIUM_ARGS, streamlit_server, wait_idle

    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run tests/setup.sh (installs Debian's chromium)")
    with streamlit_server() as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 2000}, locale="en-US")
        page.goto(f"{url}/digit")
        page.get_by_text("shipped with the app").first.wait_for(timeout=60_000)
        wait_idle(page)
        page.locator(".st-key-digit_source").get_by_text("draw one").click()
        canvas = page.locator(".st-key-digit_canvas canvas").last  # Components v2: in a shadow root, no iframe
        canvas.wait_for(timeout=60_000)
        # the run that draws the canvas has finished before the stroke (CI once drew while that run went on, and
        # the stroke never reached the server)
        wait_idle(page)
        box = canvas.bounding_box()
        page.mouse.move(box["x"] + 140, box["y"] + 40)
        page.mouse.down()
        for k in range(20):  # a vertical stroke: a "1"
            page.mouse.move(box["x"] + 140, box["y"] + 40 + k * 10)
        page.mouse.up()
        page.get_by_text("CNN:").first.wait_for(timeout=60_000)  # the shipped network answered the drawing
        wait_idle(page)
        assert page.locator("[data-testid='stException']").count() == 0
        assert page.get_by_text("What the model sees (28×28)").count() == 1
        browser.close()
