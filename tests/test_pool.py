"""pool2d and global_pool against torch.nn.functional, the reference loop and hand-checked cases."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from playground import global_pool, pool2d, pool2d_reference


@st.composite
def pool_cases(draw):
    C, H, W = draw(st.integers(1, 3)), draw(st.integers(1, 10)), draw(st.integers(1, 10))
    k = draw(st.one_of(st.integers(1, 4), st.tuples(st.integers(1, 4), st.integers(1, 4))))
    stride = draw(st.one_of(st.none(), st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3))))
    padding = draw(st.one_of(st.integers(0, 2), st.tuples(st.integers(0, 2), st.integers(0, 2))))
    mode = draw(st.sampled_from(["max", "avg", "min"]))
    x = np.random.default_rng(draw(st.integers(0, 2**32 - 1))).normal(size=(C, H, W)) * 10
    return x, k, dict(stride=stride, padding=padding, mode=mode)


def torch_pool(x, k, *, stride, padding, mode):
    t = torch.from_numpy(x)[None]
    if mode == "avg":
        return F.avg_pool2d(t, k, stride, padding)[0].numpy()
    sign = 1 if mode == "max" else -1  # min pooling is the mirror of max
    return sign * F.max_pool2d(sign * t, k, stride, padding)[0].numpy()


@given(case=pool_cases())
def test_pool2d_matches_torch(case):
    x, k, kw = case
    try:
        expected = torch_pool(x, k, **kw)
    except RuntimeError:
        with pytest.raises(ValueError):
            pool2d(x, k, **kw)
        return
    got = pool2d(x, k, **kw)
    assert got.shape == expected.shape
    assert np.abs(got - expected).max() <= 1e-4
    np.testing.assert_allclose(pool2d_reference(x, k, **kw), got, atol=1e-12)


@given(st.integers(1, 4), st.integers(1, 9), st.integers(1, 9), st.sampled_from(["avg", "max"]),
       st.integers(0, 2**32 - 1))
def test_global_pool_matches_torch(C, H, W, mode, seed):
    x = np.random.default_rng(seed).normal(size=(C, H, W))
    f = F.adaptive_avg_pool2d if mode == "avg" else F.adaptive_max_pool2d
    expected = f(torch.from_numpy(x)[None], 1)[0, :, 0, 0].numpy()
    assert np.abs(global_pool(x, mode) - expected).max() <= 1e-4


def test_hand_checked_4x4_max_pool():
    x = np.array([[1, 3, 2, 1], [4, 6, 5, 0], [7, 2, 9, 8], [1, 0, 3, 4]])
    np.testing.assert_array_equal(pool2d(x, 2, stride=2), [[6, 5], [7, 9]])
    np.testing.assert_array_equal(pool2d(x, 2, mode="min"), [[1, 0], [0, 3]])
    np.testing.assert_array_equal(pool2d(x, 2, mode="avg"), [[3.5, 2], [2.5, 6]])
    assert global_pool(x, "max") == 9.0


def test_padding_counts_in_average_like_torch():
    # count_include_pad: the corner window of ones, padded by 1, averages 1 one... over 4 cells
    np.testing.assert_array_equal(pool2d(np.ones((2, 2)), 2, stride=2, padding=1), [[1, 1], [1, 1]])
    np.testing.assert_array_equal(pool2d(np.ones((2, 2)), 2, stride=2, padding=1, mode="avg"),
                                  [[0.25, 0.25], [0.25, 0.25]])


@pytest.mark.parametrize("args, kwargs, match, key", [
    ((np.zeros((4, 4)), 0), {}, "kernel_size must be >= 1; got 0", "stride_zero"),
    ((np.zeros((4, 4)), 2), dict(stride=0), "stride must be >= 1; got 0", "stride_zero"),
    ((np.zeros((4, 4)), 2), dict(padding=2), "padding must be at most half of kernel_size", "pool_padding_too_big"),
    ((np.zeros((4, 4)), 5), {}, r"kernel_size \(5, 5\) is larger than the padded input \(4, 4\)",
     "kernel_bigger_than_input"),
    ((np.zeros((4, 4)), 2), dict(mode="median"), "mode must be one of 'max', 'avg', 'min'; got 'median'",
     "arg_not_choice"),
    ((np.full((4, 4), 1e308), 2), dict(mode="avg"), "overflows to infinity", "result_not_finite"),
])
def test_bad_pool_arguments(args, kwargs, match, key):
    with pytest.raises(ValueError, match=match) as e:
        pool2d(*args, **kwargs)
    assert e.value.key == key


def test_global_pool_bad_mode():
    with pytest.raises(ValueError, match="mode must be one of 'avg', 'max'; got 'min'"):
        global_pool(np.zeros((2, 2)), "min")
