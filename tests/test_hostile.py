"""Hostile input: every case from issue 10 §3 ends in a sentence (InputError with a key), never a traceback."""

import subprocess
import sys
import ast
import io

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from playground import load_image, summarize_keras, summarize_torch, to_keras_code, to_torch_code, trace_conv
from playground._args import InputError
from playground.blocks import shift_demo
from playground.i18n import LANGS, STRINGS, t
from playground.kernels import KERNELS, parse_kernel
from playground.lessons import conv_lesson, pool_lesson
from playground.shapes import fmt
from playground.summary import Summary


def assert_sentence(e: BaseException, key: str | None = None) -> None:
    """A learner's error: an InputError (so a ValueError) with a message and a key both languages fill."""
    assert isinstance(e, InputError) and isinstance(e, ValueError), repr(e)
    assert str(e).strip()
    assert e.key in STRINGS, e.key
    for lang in LANGS:
        assert t(e.key, lang, **e.values).strip()
    if key is not None:
        assert e.key == key, (e.key, str(e))


def refused(f, key: str | None = None) -> InputError:
    with pytest.raises(InputError) as e:
        f()
    assert_sentence(e.value, key)
    return e.value


def keras(arg: str) -> str:
    return f"model = Sequential([\n    layers.Dense({arg}, input_shape=(4,)),\n])"


def torch_code(arg: str) -> str:
    return f"model = nn.Sequential(\n    nn.Linear(4, {arg}),\n)"


DEEP = {
    "400 terms": "+".join(["1"] * 400),  # 876 characters: RecursionError in literal_eval/unparse before
    "2000 terms": "+".join(["1"] * 2000),
    "20k brackets": "(" * 20_000 + "1" + ")" * 20_000,
    "30k unary minus": "-" * 30_000 + "1",  # MemoryError inside ast.parse before
    "5k not": "not " * 5_000 + "1",
    "30k attributes": "a" + ".b" * 30_000,
    "20k calls": "f" + "()" * 20_000,
}


@pytest.mark.parametrize("expr", DEEP.values(), ids=DEEP.keys())
@pytest.mark.parametrize("summarize", [summarize_keras, lambda c: summarize_torch(c, (1, 8, 8))],
                         ids=["keras", "torch"])
def test_deep_or_long_expressions_are_refused_with_a_sentence(expr, summarize):
    code = keras(expr) if summarize is summarize_keras else torch_code(expr)
    refused(lambda: summarize(code), "code_too_deep")


def test_a_short_sum_is_still_read_as_literal_code():
    """Bounds are on nesting, not on ordinary code: a comment line of dashes and a few signs are fine."""
    code = "# " + "-" * 70 + "\nmodel = Sequential([\n    layers.Dense(+8, input_shape=(4,)),  # ((((\n])"
    assert summarize_keras(code).rows[0].output_shape == (8,)
    refused(lambda: summarize_keras(keras("1+1")), "code_not_literal")  # arithmetic is not read, as before


def test_code_size_is_bounded_before_parsing():
    refused(lambda: summarize_keras("x = 1\n" * 20_000), "code_too_long")
    refused(lambda: summarize_keras(b"model = Sequential()"), "code_not_text")


@pytest.mark.parametrize("shape", ["()", "(0,)", "(28, 28, 1, 1)", "None", "'abc'", "(None, 28)"])
def test_keras_input_shape_must_be_one_to_three_sizes(shape):
    code = f"model = keras.Sequential([\n    layers.Input(shape={shape}),\n    layers.Dense(2),\n])"
    e = refused(lambda: summarize_keras(code))
    assert e.key in ("code_input_shape", "code_whole_number") and e.values["line"] == 2


@pytest.mark.parametrize("shape", [(), (1, 8), (0, 8, 8), (1, 8, 8, 1), "abc", (True, 8, 8)])
def test_torch_input_shape_is_checked(shape):
    refused(lambda: summarize_torch("m = nn.Sequential(nn.Flatten())", shape), "code_torch_input")


def test_keras_groups_are_counted_like_keras():
    s = summarize_keras("model = keras.Sequential([\n    keras.Input(shape=(32, 32, 64)),\n"
                        "    layers.Conv2D(64, 3, groups=4),\n])")
    # Keras' kernel is (kh, kw, C / groups, filters), plus one bias per filter
    assert s.rows[0].params == 3 * 3 * (64 // 4) * 64 + 64 == 9_280
    assert s.rows[0].arithmetic == "3×3×(64/4)×64 + 64 = 9,280"
    assert s.rows[0].macs == 30 * 30 * 64 * 3 * 3 * 16
    assert s.rows[0].params == sum(p.numel() for p in torch.nn.Conv2d(64, 64, 3, groups=4).parameters())
    refused(lambda: summarize_keras("model = Sequential([\n    Conv2D(64, 3, groups=5, input_shape=(8, 8, 64)),\n])"),
            "code_groups")


@pytest.mark.parametrize("cin, cout, groups, bias", [(64, 64, 4, True), (6, 12, 3, False), (8, 8, 8, True),
                                                     (4, 8, 1, True)])
def test_torch_groups_match_torch(cin, cout, groups, bias):
    s = summarize_torch(f"m = nn.Sequential(nn.Conv2d({cin}, {cout}, 3, groups={groups}, bias={bias}))",
                        (cin, 10, 10))
    layer = torch.nn.Conv2d(cin, cout, 3, groups=groups, bias=bias)
    assert s.rows[0].params == sum(p.numel() for p in layer.parameters())
    assert s.rows[0].output_shape == tuple(layer(torch.zeros(1, cin, 10, 10)).shape[1:])


def test_torch_summary_refuses_same_padding_with_stride_as_torch_does():
    with pytest.raises(ValueError):  # torch itself
        torch.nn.Conv2d(1, 8, 3, stride=2, padding="same")
    refused(lambda: summarize_torch("m = nn.Sequential(nn.Conv2d(1, 8, 3, stride=2, padding='same'))", (1, 8, 8)),
            "code_same_stride")
    torch.nn.Conv2d(1, 8, 3, stride=1, padding="same")  # and both accept stride 1
    assert summarize_torch("m = nn.Sequential(nn.Conv2d(1, 8, 3, stride=1, padding='same'))",
                           (1, 8, 8)).rows[0].output_shape == (8, 8, 8)


@pytest.mark.parametrize("code, key", [
    ("layers.Dense(4, use_bias='True); import os  #')", "code_bool"),
    ("layers.Dense(4, use_bias=1)", "code_bool"),
    ("layers.Dropout('0.5')", "code_probability"),
    ("layers.Dropout(rate='x')", "code_probability"),
    ("layers.Dropout(1.5)", "code_probability"),
    ("layers.Dropout(1.0)", "code_probability"),  # Keras: 0 <= rate < 1
    ("layers.Activation(['relu'])", "code_activation"),
    ("layers.Dense(2, activation=3)", "code_activation"),
])
def test_keras_values_written_into_code_are_typed(code, key):
    refused(lambda: summarize_keras(f"model = Sequential([\n    layers.Flatten(input_shape=(4,)),\n    {code},\n])"),
            key)


@pytest.mark.parametrize("code, key", [
    ("nn.Linear(16, 4, bias='False')", "code_bool"),
    ("nn.Linear(16, 4, bias=None)", "code_bool"),
    ("nn.Dropout(p='0.5')", "code_probability"),
    ("nn.Dropout('x); import os  #')", "code_probability"),
    ("nn.Dropout(2)", "code_probability"),
])
def test_torch_values_written_into_code_are_typed(code, key):
    refused(lambda: summarize_torch(f"m = nn.Sequential(nn.Flatten(), {code})", (1, 4, 4)), key)


def _literals(code: str) -> list:
    """Every constant in generated code (it must parse)."""
    return [n.value for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Constant)]


def test_activation_none_means_no_activation_as_in_keras():
    s = summarize_keras("model = Sequential([\n    layers.Dense(2, activation=None, input_shape=(4,)),\n])")
    assert s.total_params == 10 and "ReLU" not in to_torch_code(s)


def test_exports_write_typed_literals():
    k = summarize_keras("model = Sequential([\n    layers.Conv2D(8, 3, use_bias=False, groups=2, input_shape=(8, 8, 4)),"
                        "\n    layers.Flatten(),\n    layers.Dropout(0),\n    layers.Dense(3, use_bias=True),\n])")
    code = to_torch_code(k)
    assert "bias=False" in code and "nn.Dropout(0.0)" in code and "groups=2" in code
    assert all(isinstance(v, (int, float, str, bool)) for v in _literals(code))
    tc = summarize_torch("m = nn.Sequential(nn.Conv2d(4, 8, 3, groups=4, bias=False), nn.Flatten(), "
                         "nn.Dropout(1), nn.Linear(288, 3, bias=True))", (4, 8, 8))
    code = to_keras_code(tc)
    assert "use_bias=False" in code and "layers.Dropout(1.0)" in code and "groups=4" in code
    _literals(code)
    # the exported torch code builds a model with the summary's parameter count
    # (run in a separate Python, as a learner would run the downloaded file; nothing is executed in-process)
    script = to_torch_code(k) + "\nprint(sum(p.numel() for p in model.parameters()))\n"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert int(out.split()[-1]) == k.total_params


# ---------------------------------------------------------------- fuzz: text and deep expressions
_atoms = st.one_of(st.integers(-10**6, 10**6).map(str), st.floats(allow_nan=True, allow_infinity=True).map(repr),
                   st.sampled_from(["True", "None", "'same'", "'x'", "x", "''", "1e999", "0x10", "1j", "..."]))


_WRAPS = ["({})", "[{}]", "({},)", "-{}", "+{}", "~{}", "not {}", "f({})", "{{'a': {}}}", "a.b[{}]", "{}.x",
          "{}()", "{} + {}", "{} * {}", "{} ** {}", "{} < {}", "{} and {}", "{} if 1 else {}", "({}, {})",
          "lambda: {}", "f'{{{}}}'", "{}[::{}]"]


@st.composite
def expressions(draw) -> str:
    """An expression grown by wrapping: a few mixed layers, or one layer repeated up to 3000 times."""
    e = draw(_atoms)
    if draw(st.booleans()):
        for wrap in draw(st.lists(st.sampled_from(_WRAPS), max_size=30)):
            e = wrap.format(e, draw(_atoms)) if wrap.count("{}") == 2 else wrap.format(e)
    else:
        wrap, n = draw(st.sampled_from(_WRAPS)), draw(st.integers(1, 3000))
        left, _, right = wrap.replace("{}", "\0", 1).partition("\0")
        other = draw(_atoms)
        e = left.format(other) * n + e + right.format(other) * n if "{}" in left + right else left * n + e + right * n
    return e


def _check_summary_or_sentence(f) -> None:
    try:
        result = f()
    except InputError as e:
        assert_sentence(e)
        return
    assert isinstance(result, Summary)
    try:  # the other framework's code: a string, or a sentence
        code = to_torch_code(result) if result.framework == "keras" else to_keras_code(result)
    except InputError as e:
        assert_sentence(e)
    else:
        ast.parse(code)


KERAS_TEMPLATES = [
    "model = Sequential([\n    layers.Conv2D({0}, 3, input_shape=(8, 8, 1)),\n    layers.Flatten(),\n])",
    "model = Sequential()\nmodel.add(Dense(4, input_shape=({0},)))\nmodel.add(Dropout({0}))",
    "model = keras.Sequential([keras.Input(shape={0}), layers.Conv2D(2, {0}, strides={0}, padding={0}, "
    "use_bias={0}, groups={0})])",
    "model = Sequential([layers.Dense(3, input_shape=(4,)), layers.{0}])",
]
TORCH_TEMPLATES = [
    "m = nn.Sequential(nn.Conv2d(1, {0}, 3), nn.Flatten())",
    "m = nn.Sequential(nn.Conv2d(1, 4, {0}, stride={0}, padding={0}, dilation={0}, groups={0}, bias={0}, "
    "padding_mode={0}))",
    "m = nn.Sequential(nn.MaxPool2d({0}, padding={0}, ceil_mode={0}), nn.Flatten(), nn.Dropout({0}))",
    "m = nn.Sequential(nn.Flatten(), nn.Linear(64, {0}), nn.{0})",
]


@settings(max_examples=200)
@given(template=st.sampled_from(KERAS_TEMPLATES + TORCH_TEMPLATES), expr=expressions())
def test_fuzz_deep_expressions_in_a_model(template, expr):
    code = template.format(expr)
    if template in KERAS_TEMPLATES:
        _check_summary_or_sentence(lambda: summarize_keras(code))
    else:
        _check_summary_or_sentence(lambda: summarize_torch(code, (1, 8, 8)))


@settings(max_examples=200)
@given(text=st.text(max_size=300), framework=st.sampled_from(["keras", "torch"]))
def test_fuzz_random_text(text, framework):
    code = "model = Sequential([\n" + text + "\n])" if len(text) % 2 else text
    if framework == "keras":
        _check_summary_or_sentence(lambda: summarize_keras(code))
    else:
        _check_summary_or_sentence(lambda: summarize_torch(code, (3, 16, 16)))


# ---------------------------------------------------------------- numbers that do not stay finite
def test_a_lesson_link_kernel_of_1e308_is_refused_with_a_sentence():
    kernel = parse_kernel("1e308,1e308;1e308,1e308")  # each value finite: the sum overflows
    image = np.full((8, 8), 200, np.uint8)
    refused(lambda: conv_lesson(image, kernel), "result_not_finite")
    refused(lambda: trace_conv(image, kernel, at=(0, 0)), "result_not_finite")


def test_a_kernel_of_1e38_no_longer_draws_an_all_inf_map():
    image = np.full((8, 8), 255, np.uint8)
    kernel = np.full((3, 3), 1e38)  # 9 × 255 × 1e38 = 2.3e41 > float32's 3.4e38
    refused(lambda: conv_lesson(image, kernel), "result_not_finite")
    lesson = conv_lesson(image, np.full((3, 3), 1e35))  # 2.3e38 still fits float32: shown, and traced
    assert np.isfinite(lesson.output).all()
    assert lesson.trace_at((0, 0)).formula.endswith("= 2.295e+38")


def test_trace_formatting_never_raises_on_big_floats():
    assert fmt(float("inf")) == "∞" and fmt(float("-inf")) == "−∞" and fmt(float("nan")) == "NaN"
    assert fmt(1e308) == "1e+308" and fmt(-1.5e300) == "−1.5e+300"
    tr = trace_conv(np.full((3, 3), 1e300), np.full((1, 1), 1e-300), at=(0, 0))
    assert tr.formula == "(1e+300×1e−300) = 1"
    refused(lambda: pool_lesson(np.full((4, 4), 1.0), kernel_size=5), "kernel_bigger_than_input")


def test_huge_sizes_and_kernel_texts_are_refused():
    from playground import output_size

    refused(lambda: output_size(10**400, 3), "arg_whole_range")
    assert output_size(10**9, 3).size == 10**9 - 2
    refused(lambda: parse_kernel("1 " * 1_000_000), "kernel_too_large")
    refused(lambda: parse_kernel(None), "kernel_empty")


# ---------------------------------------------------------------- thin and tiny images
def _png(w: int, h: int) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (w, h), 128).save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize("w, h", [(100_000, 1), (1, 100_000), (512, 1), (1, 512), (5100, 100)])
def test_absurd_aspect_ratios_are_refused_with_a_sentence(w, h):
    e = refused(lambda: load_image(_png(w, h)), "image_too_thin")
    assert (e.values["w"], e.values["h"]) == (w, h)


@pytest.mark.parametrize("w, h", [(500, 10), (10, 500), (1, 1), (2, 3), (5000, 100)])
def test_thin_images_within_the_limit_keep_at_least_one_pixel_a_side(w, h):
    out = load_image(_png(w, h))
    assert min(out.shape) >= 1 and max(out.shape) <= 512
    # a 320-pixel-wide display of it (the Image page) keeps a visible height
    assert round(320 / out.shape[1] * out.shape[0]) >= 1 or out.shape[1] <= 320


@pytest.mark.parametrize("shape", [(1, 1), (1, 512), (512, 1), (2, 2), (2, 9), (3, 3)])
def test_shift_demo_on_images_smaller_than_its_kernel(shape):
    gray = np.random.default_rng(0).integers(0, 256, shape).astype(np.uint8)
    demo = shift_demo(gray, KERNELS["sobel_x"].weights)
    assert demo.original_map.shape == demo.shifted_map.shape and demo.original_map.size >= 1
    assert 0 <= demo.changed_flat <= 1 and demo.map_moves_exactly
