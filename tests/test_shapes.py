"""output_size, coverage and receptive_field, by hand and against the convolution itself."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from playground import Layer, conv2d, coverage, output_size, receptive_field


def test_setting_that_does_not_fit():
    o = output_size(7, 3, stride=3)
    assert o.formula == "(7 + 2×0 − 3) / 3 + 1 = 2.33"
    assert o.size == 2 and not o.fits and abs(o.exact - 7 / 3) < 1e-12


def test_setting_that_fits_and_dilation_text():
    o = output_size(32, 5)
    assert (o.size, o.fits, o.formula) == (28, True, "(32 + 2×0 − 5) / 1 + 1 = 28")
    d = output_size(7, 3, padding=1, dilation=2)
    assert d.formula == "(7 + 2×1 − 2×(3−1) − 1) / 1 + 1 = 5" and d.size == 5


def test_height_and_width_are_separate():
    x = np.zeros((5, 8))
    out = conv2d(x, np.ones((2, 3)), stride=(1, 2), padding=(0, 1))
    assert out.shape == (output_size(5, 2, 1, 0).size, output_size(8, 3, 2, 1).size) == (4, 4)


@given(st.integers(1, 30), st.integers(1, 5), st.integers(1, 4), st.integers(0, 3), st.integers(1, 3))
def test_output_size_agrees_with_conv2d(n, k, s, p, d):
    o = output_size(n, k, s, p, d)
    if d * (k - 1) + 1 > n + 2 * p:
        assert o.exact < 1 and not o.fits
        return
    assert conv2d(np.zeros((n, n)), np.ones((k, k)), stride=s, padding=p, dilation=d).shape == (o.size, o.size)
    assert o.fits == ((n + 2 * p - d * (k - 1) - 1) % s == 0)


@pytest.mark.parametrize("bad", [dict(stride=0), dict(kernel_size=0), dict(padding=-1), dict(size=2.5)])
def test_output_size_validates(bad):
    args = dict(size=7, kernel_size=3) | bad
    name, value = next(iter(bad.items()))
    with pytest.raises(ValueError, match=f"{name} must be an int >= .*; got {value}") as e:
        output_size(**args)
    assert e.value.key == "arg_whole_min" and e.value.values["name"] == name


def test_coverage_by_hand_and_why_borders_count_less():
    c = coverage((4, 4), 3)
    np.testing.assert_array_equal(c, [[1, 2, 2, 1], [2, 4, 4, 2], [2, 4, 4, 2], [1, 2, 2, 1]])
    assert coverage((4, 4), 3, padding=1).min() == 4
    # 7 wide, kernel 3, stride 3: the last column is never seen
    assert coverage((1, 7), (1, 3), stride=3)[0].tolist() == [1, 1, 1, 1, 1, 1, 0]


@given(st.integers(1, 12), st.integers(1, 12), st.integers(1, 4), st.integers(1, 3), st.integers(0, 2),
       st.integers(1, 2))
def test_coverage_equals_conv_transpose_of_ones(H, W, k, s, p, d):
    """How often a pixel is used = d(sum of outputs)/d(pixel) for an all-ones kernel."""
    if d * (k - 1) + 1 > min(H, W) + 2 * p:
        return
    import torch
    x = torch.zeros((1, 1, H, W), dtype=torch.float64, requires_grad=True)
    torch.nn.functional.conv2d(x, torch.ones((1, 1, k, k), dtype=torch.float64), stride=s, padding=p,
                               dilation=d).sum().backward()
    np.testing.assert_array_equal(coverage((H, W), k, stride=s, padding=p, dilation=d), x.grad[0, 0].numpy())


def test_receptive_field_of_a_stack():
    # two 3×3 convs = one 5×5 (VGG's argument); then a 2×2 pool doubles the step
    assert receptive_field([Layer(kernel_size=3), Layer(kernel_size=3)], (0, 0)).height == 5
    r = receptive_field([{"kernel_size": 3}, {"kind": "pool", "kernel_size": 2, "stride": 2}], (1, 2))
    assert (r.top, r.left, r.bottom, r.right) == (2, 4, 5, 7)
    padded = receptive_field([Layer(kernel_size=3, padding=1)], (0, 0))
    assert (padded.top, padded.bottom) == (-1, 1) and padded.clip(8, 8).top == 0


def test_receptive_field_validates():
    with pytest.raises(ValueError, match=r"layers\[0\].stride must be an int >= 1; got 0"):
        receptive_field([Layer(stride=0)], (0, 0))
    with pytest.raises(ValueError, match="unknown keys"):
        receptive_field([{"size": 3}], (0, 0))
