"""The trace of one cell is the same number conv2d / pool2d give, with the arithmetic written out."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from playground import conv2d, pool2d, trace_conv, trace_pool


def test_conv_trace_by_hand():
    t = trace_conv(np.arange(9).reshape(3, 3), [[0, 1], [2, 3]], at=(0, 0))
    assert t.formula == "(0×0) + (1×1) + (3×2) + (4×3) = 19"
    assert t.total == 19 and t.origin == (0, 0)
    np.testing.assert_array_equal(t.products[0], [[0, 1], [6, 12]])


def test_conv_trace_with_bias_channels_and_padding():
    x = np.stack([np.ones((3, 3)), 2 * np.ones((3, 3))])  # (2, 3, 3)
    w = np.ones((1, 2, 3, 3))
    t = trace_conv(x, w, [0.5], at=(0, 0, 0), padding=1)
    assert t.partial_sums.tolist() == [4.0, 8.0]  # 4 image cells each, the rest is zero padding
    assert t.formula == "4 + 8 + 0.5 = 12.5"
    assert t.pad_mask.sum() == 5 and t.pad_mask[0, 0] and not t.pad_mask[1, 1]
    assert t.channel_formulas[1].startswith("(0×1) + (0×1) + (0×1) + (0×1) + (2×1)")


def test_negative_numbers_use_a_real_minus_sign():
    t = trace_conv([[1, 2], [3, 4]], [[-1, 0], [0, 1]], at=(0, 0))
    assert t.formula == "(1×−1) + (2×0) + (3×0) + (4×1) = 3"


@given(st.integers(1, 3), st.integers(1, 3), st.integers(3, 9), st.integers(1, 3), st.integers(1, 3),
       st.integers(0, 2), st.integers(1, 2), st.sampled_from(["zeros", "reflect", "replicate", "circular"]),
       st.integers(0, 2**32 - 1))
def test_conv_trace_total_equals_conv2d(C, O, n, k, s, p, d, mode, seed):
    rng = np.random.default_rng(seed)
    x, w, b = rng.integers(0, 256, (C, n, n)), rng.integers(-3, 4, (O, C, k, k)), rng.integers(-5, 5, O)
    kw = dict(stride=s, padding=p, dilation=d, padding_mode=mode)
    try:
        out = conv2d(x, w, b, **kw)
    except ValueError:
        return
    at = tuple(int(rng.integers(0, m)) for m in out.shape)
    t = trace_conv(x, w, b, at=at, **kw)
    assert t.total == out[at]
    assert t.formula.endswith(f"= {int(out[at])}".replace("-", "−"))


@given(st.sampled_from(["max", "avg", "min"]), st.integers(1, 3), st.integers(1, 3), st.integers(0, 1),
       st.integers(0, 2**32 - 1))
def test_pool_trace_total_equals_pool2d(mode, k, s, p, seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 10, (2, 6, 6)).astype(float)
    try:
        out = pool2d(x, k, stride=s, padding=p, mode=mode)
    except ValueError:
        return
    at = tuple(int(rng.integers(0, m)) for m in out.shape)
    t = trace_pool(x, k, at=at, stride=s, padding=p, mode=mode)
    assert t.total == pytest.approx(out[at])
    if mode != "avg":
        assert t.window[t.winner] == out[at]


def test_pool_trace_text():
    x = np.array([[1, 3, 2, 1], [4, 6, 5, 0], [7, 2, 9, 8], [1, 0, 3, 4]])
    t = trace_pool(x, 2, at=(1, 1))
    assert (t.formula, t.winner, t.origin) == ("max(9, 8, 3, 4) = 9", (0, 0), (2, 2))
    assert trace_pool(x, 2, at=(0, 0), mode="avg").formula == "(1 + 3 + 4 + 6) / 4 = 3.5"
    assert trace_pool(x, 2, at=(0, 0), padding=1).formula == "max(pad, pad, pad, 1) = 1"


def test_trace_at_outside_the_output_is_refused():
    with pytest.raises(ValueError, match=r"at must lie inside the output of shape \(2, 2\); got \(2, 0\)") as e:
        trace_conv(np.zeros((3, 3)), np.ones((2, 2)), at=(2, 0))
    assert e.value.key == "at_outside"
    with pytest.raises(ValueError, match="at must be a tuple of 3 ints") as e:
        trace_pool(np.zeros((1, 4, 4)), 2, at=(0, 0))
    assert e.value.key == "at_not_index" and e.value.values["n"] == 3
