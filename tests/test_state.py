"""The learner's state: settings survive pages and languages, links reproduce a view, the quiz hides the answer."""

import hashlib
import io
import re

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from app_session import fresh, go
from playground import conv2d, samples
from playground.image_codes import decode_image, encode_image, parse_pixels
from playground.kernels import KERNELS, kernel_text



def codes(at: AppTest) -> list[str]:
    return [c.value for c in at.main.code]  # (the sidebar's code block is the link itself)


def numbers(at: AppTest) -> list[str]:
    """Every number in the page's code blocks and sentences (formulas, traces, shapes), whatever the language."""
    return [n for c in codes(at) + [m.value for m in at.main.markdown] for n in re.findall(r"-?\d[\d,.]*", c)]


def image_hash(at: AppTest) -> str:
    return hashlib.sha256(np.ascontiguousarray(at.session_state["image"]).tobytes()).hexdigest()


def test_convolution_settings_survive_two_other_pages_and_a_language_switch():
    at = fresh("pages/convolution.py")
    at.slider(key="stride").set_value(2).run()
    at.slider(key="pad").set_value(1).run()
    at.selectbox(key="pad_mode").set_value("reflect").run()
    at.radio(key="act").set_value("relu").run()
    at.selectbox(key="kernel_preset").set_value("laplacian").run()
    before = codes(at)
    go(at, "pages/pooling.py")
    go(at, "pages/image.py")
    go(at, "pages/gallery.py")  # (AppTest re-sends a translated option's old label: switch where there is none)
    at.radio(key="lang").set_value("ko").run()
    go(at, "pages/convolution.py")
    assert at.slider(key="stride").value == 2 and at.slider(key="pad").value == 1
    assert at.selectbox(key="pad_mode").value == "reflect" and at.radio(key="act").value == "relu"
    assert at.radio(key="pad_kind").value == "number"  # never blank after a language switch
    assert at.text_area(key="kernel_text").value == kernel_text(KERNELS["laplacian"].weights)
    assert codes(at) == before  # the same trace, number for number


EDITS = [  # (page, [(widget kind, key, a value other than the default)])
    ("pages/convolution.py", [("slider", "stride", 2), ("selectbox", "pad_mode", "replicate"), ("slider", "pad", 2),
                              ("number_input", "bias", 3.0), ("text_area", "kernel_text", "1 0\n0 -1")]),
    ("pages/pooling.py", [("selectbox", "pool_mode", "avg"), ("slider", "pool_k", 3), ("slider", "pool_noise", 40)]),
    ("pages/channels.py", [("slider", "n_filters", 6), ("radio", "filter_size", 5), ("slider", "n_layers", 3)]),
    ("pages/train.py", [("slider", "blocks", 1), ("select_slider", "t_lr", 0.01), ("slider", "t_epochs", 3),
                        ("radio", "t_data", "shapes")]),
    ("pages/model.py", [("radio", "framework", "torch"), ("number_input", "fc_h", 32)]),
]


@pytest.mark.parametrize("page, edits", EDITS)
def test_every_page_keeps_its_settings_through_two_other_pages_and_a_language_switch(page, edits):
    at = fresh(page, sample="grid6")
    for kind, key, v in edits:
        getattr(at, kind)(key=key).set_value(v).run()
    before = numbers(at)
    assert before
    others = [p for p, _ in EDITS if p != page][:2]
    go(at, others[0])
    go(at, others[1])
    go(at, "pages/gallery.py")  # (AppTest re-sends a translated option's old label: switch where there is none)
    at.radio(key="lang").set_value("ko").run()
    go(at, page)
    for kind, key, v in edits:
        assert getattr(at, kind)(key=key).value == v, key
    assert numbers(at) == before  # the same numbers, now in Korean sentences


@pytest.mark.parametrize("page, edits", EDITS)
def test_a_link_from_each_page_reproduces_it_in_a_fresh_session(page, edits):
    at = fresh(page, sample="grid6")
    for kind, key, v in edits:
        getattr(at, kind)(key=key).set_value(v).run()
        assert not at.exception, [e.message for e in at.exception]
    link = dict(at.query_params)
    assert all(key in link for _, key, _ in edits)
    other = fresh(page, **{k: v[0] if isinstance(v, list) else v for k, v in link.items()})
    for kind, key, v in edits:
        assert getattr(other, kind)(key=key).value == v, key
    if page != "pages/train.py":
        assert image_hash(other) == image_hash(at)
    assert codes(other) == codes(at) and [m.value for m in other.markdown] == [m.value for m in at.markdown]


def test_typed_pixels_travel_in_the_link_and_reproduce_the_numbers():
    at = fresh("pages/image.py")
    at.segmented_control(key="image_source").set_value("pixels").run()
    at.text_area(key="pixel_text").set_value("0 0 0 0 0\n0 9 9 9 0\n0 9 0 9 0\n0 9 9 9 0\n0 0 0 0 0").run()
    at.button(key="use_pasted_pixels").click().run()
    go(at, "pages/convolution.py")
    assert "pixels" in at.query_params
    other = fresh("pages/convolution.py", pixels=at.query_params["pixels"])
    np.testing.assert_array_equal(other.session_state["image"], at.session_state["image"])
    assert codes(other) == codes(at)


def test_a_big_upload_cannot_travel_and_the_link_box_says_so():
    at = fresh("pages/image.py")
    at.segmented_control(key="image_source").set_value("upload").run()
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (80, 90, 3), np.uint8)).save(buf, "PNG")
    at.file_uploader(key="upload").set_value(("class photo.png", buf.getvalue(), "image/png")).run()
    assert "pixels" not in at.query_params and "sample" not in at.query_params
    assert any("too big to travel" in w.value for w in at.sidebar.warning)


def test_after_an_upload_the_sample_picker_shows_nothing_and_picking_a_sample_works():
    at = fresh("pages/image.py")
    at.segmented_control(key="image_source").set_value("upload").run()
    buf = io.BytesIO()
    Image.fromarray(np.zeros((10, 12), np.uint8)).save(buf, "PNG")
    at.file_uploader(key="upload").set_value(("dark.png", buf.getvalue(), "image/png")).run()
    at.segmented_control(key="image_source").set_value("sample").run()
    assert at.selectbox(key="sample").value is None  # not "astronaut": the image is the upload
    at.selectbox(key="sample").set_value("astronaut").run()
    assert at.session_state["image"].shape == (512, 512, 3)


def test_pixel_editor_takes_the_primers_3x3_and_7x7_examples():
    at = fresh("pages/image.py")
    at.segmented_control(key="image_source").set_value("pixels").run()
    at.number_input(key="px_rows").set_value(3).run()
    at.number_input(key="px_cols").set_value(3).run()
    assert at.get("arrow_data_frame") or at.dataframe  # the 3×3 grid is drawn
    at.button(key="use_pixels").click().run()
    assert at.session_state["image"].shape == (3, 3)
    go(at, "pages/convolution.py")  # zero padding 1 on a 3×3 image keeps 3×3 with a 3×3 kernel
    at.slider(key="pad").set_value(1).run()
    assert any("(3 + 2×1 − 3) / 1 + 1 = 3" in m.value for m in at.markdown)
    go(at, "pages/image.py")
    seven = "\n".join(" ".join(str((r * 7 + c) % 10) for c in range(7)) for r in range(7))
    at.text_area(key="pixel_text").set_value(seven).run()
    at.button(key="use_pasted_pixels").click().run()
    np.testing.assert_array_equal(at.session_state["image"], parse_pixels(seven))
    go(at, "pages/convolution.py")
    at.slider(key="pad").set_value(0).run()
    at.slider(key="stride").set_value(3).run()
    assert any("(7 + 2×0 − 3) / 3 + 1 = 2.33" in m.value for m in at.markdown)


def test_quiz_draws_nothing_that_gives_the_answer_away_until_check():
    at = fresh("pages/convolution.py", sample="grid6")
    at.toggle(key="conv_quiz").set_value(True).run()
    keys = {c.proto.id for c in at.get("plotly_chart")}
    assert not any("conv_out" in k for k in keys)  # no feature map
    assert not at.main.code  # no formula
    assert not any("Output size" in m.value for m in at.markdown)  # no size
    assert not [s for s in at.slider if s.key in ("conv_cell_row", "conv_cell_col")]  # their ends would tell the size
    trace_titles = str([c.proto.spec for c in at.get("plotly_chart")])
    assert "products" not in trace_titles
    at.number_input(key="conv_q_h").set_value(4)
    at.number_input(key="conv_q_w").set_value(4)
    at.number_input(key="conv_q_v").set_value(1.0)
    at.button(key="conv_q_check").click().run()
    assert any("Output size" in m.value for m in at.markdown)
    at.session_state["conv_charts"] = True  # beside the explorer the worked arithmetic is folded: open it
    at.run()
    assert at.main.code
    assert any(c.value.startswith("(") for c in at.main.code)  # a wrong guess gets the worked arithmetic


def test_pooling_quiz_hides_the_pooled_value_and_the_winner():
    at = fresh("pages/pooling.py", sample="grid6")
    at.toggle(key="pool_quiz").set_value(True).run()
    assert not at.main.code and not any("won" in c.value for c in at.caption)
    assert not any("pool_out" in c.proto.id for c in at.get("plotly_chart"))


def test_a_typed_kernel_is_labelled_custom_and_a_preset_refills_the_grid():
    at = fresh("pages/convolution.py")
    at.text_area(key="kernel_text").set_value("1 0\n0 -1").run()
    assert at.selectbox(key="kernel_preset").value == "custom"
    assert not any("Vertical edges" in c.value for c in at.caption)
    at.selectbox(key="kernel_preset").set_value("sobel_x").run()
    assert at.text_area(key="kernel_text").value == kernel_text(KERNELS["sobel_x"].weights)


@pytest.mark.parametrize("raw", ["[Log in again](https://evil.example)", "![](http://host/p.png)", "**bold** `x`"])
def test_refused_link_values_are_shown_as_plain_text(raw):
    at = fresh("pages/convolution.py", stride=raw, pad=raw)
    warned = [w.value for w in at.warning if "not allowed" in w.value]
    assert len(warned) == 2
    for w in warned:  # every Markdown character arrives escaped: no link, no image, no emphasis
        assert "](" not in w and "**" not in w and "\\[" in w or "\\*" in w


def test_a_shapes_model_does_not_replace_the_digit_model():
    at = fresh("pages/train.py")
    assert at.session_state["train_sessions"] == {}
    at.radio(key="t_data").set_value("shapes").run()
    at.switch_page("pages/digit.py").run()
    assert any("Train" in i.value for i in at.info)


def test_image_codes_round_trip_and_refuse_tampering():
    rng = np.random.default_rng(1)
    for img in (rng.integers(0, 256, (64, 64), np.uint8), rng.integers(0, 256, (32, 32, 3), np.uint8),
                samples.sample("grid6"), np.zeros((1, 1), np.uint8)):
        np.testing.assert_array_equal(decode_image(encode_image(img)), img)
    assert encode_image(np.zeros((65, 64), np.uint8)) is None and encode_image(np.zeros((33, 32, 3), np.uint8)) is None
    good = encode_image(samples.sample("grid6"))
    for bad in ["", "6x6x1.", "6x6x1.!!!", "999x999x1.eJw", good.replace("6x6", "7x7"), good[:-3], "x" * 20000,
                "64x64x1." + __import__("base64").urlsafe_b64encode(__import__("zlib").compress(b"\0" * 10**7)).decode()]:
        with pytest.raises(ValueError):
            decode_image(bad)
    assert conv2d(decode_image(good), [[1]]).shape == (6, 6)


def test_a_quiz_opened_by_a_link_hides_the_cell_sliders_on_its_first_view():
    at = fresh("pages/pooling.py", sample="grid6", pool_quiz="1")
    assert at.toggle(key="pool_quiz").value is True
    assert not [s for s in at.slider if s.key in ("pool_cell_row", "pool_cell_col")]


def test_a_stride_change_keeps_the_cells_place_in_the_picture():
    at = fresh("pages/convolution.py")  # the 28×28 digit, 3×3 kernel: a 26×26 map, cell (13, 13) in its middle
    at.session_state["conv_charts"] = True  # (the step sliders sit with the cell's charts)
    at.run()
    assert at.slider(key="conv_cell_row").value == 13
    at.slider(key="stride").set_value(2).run()  # 13×13: the middle is (6, 6), not the corner (12, 12)
    assert (at.slider(key="conv_cell_row").value, at.slider(key="conv_cell_col").value) == (6, 6)
    at.slider(key="stride").set_value(1).run()
    assert at.slider(key="conv_cell_row").value == 13


def test_a_refused_link_value_leaves_the_address_and_the_link_box_stays():
    # the kernel is refused (its map would overflow) and the page stops early; the router still writes the link
    at = fresh("pages/convolution.py", stride="abc", kernel_text="1e308,1e308;1e308,1e308")
    assert at.warning  # both refusals said in a sentence
    assert "stride" not in at.query_params and at.query_params.get("kernel_text") != ["1e308,1e308;1e308,1e308"]
    link = [c.value for c in at.sidebar.code]
    assert link and "lang=en" in link[0] and "stride=abc" not in link[0]


@pytest.mark.parametrize("query, says", [
    (dict(stride="2", pad="1"), "padding: every pixel of the image is still read"),  # 28+2: only a padding row dropped
    (dict(stride="2"), "last row and last column of pixels are never read"),  # windows end at row 26 of 0..27
    (dict(stride="4", sample="grid6"), "last 3 rows and 3 columns of pixels are never read"),  # one 3×3 window of 6×6
])
def test_the_does_not_fit_sentence_counts_the_unread_rows_on_screen(query, says):
    """A square case is said once for H and W, with the formula's own number (13.5, not 13.50)."""
    at = fresh("pages/convolution.py", **query)
    said = [w.value for w in at.warning if w.value.startswith("H")]
    assert len(said) == 1 and said[0].startswith("H, W:") and says in said[0], said
    exact = re.search(r"gives ([\d.]+), not", said[0]).group(1)
    assert f"= {exact}`" in " ".join(m.value for m in at.markdown), exact  # as the output-size formula writes it


def test_a_rectangular_case_says_h_and_w_apart_and_korean_needs_no_particle_after_a_number():
    at = fresh("pages/convolution.py", stride="2", sample="grid6", lang="ko")  # a 6×6 grid: 2.5 both ways -> one
    one = [w.value for w in at.warning if w.value.startswith("H")]
    assert len(one) == 1 and one[0].startswith("H, W: 공식의 값(2.5)이 정수가 아닙니다. 프레임워크는 내림한 값(2)을 쓰고")
    at = fresh("pages/convolution.py", stride="2", kernel_text="1,1,1;1,1,1", sample="grid6")  # 2×3 kernel on 6×6
    apart = [w.value for w in at.warning if w.value.startswith(("H", "W"))]
    assert [a[:2] for a in apart] == ["W:"] and "gives 2.5" in apart[0]  # H: (6-2)/2+1 = 3 fits; W: (6-3)/2+1 = 2.5
