"""conv2d against torch.nn.functional / nn.Conv2d, the reference loop, and hand-checked cases."""

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import playground
from playground import conv, conv2d, conv2d_reference
from playground._args import InputError


@st.composite
def conv_cases(draw):
    C, O = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    H, W = draw(st.integers(1, 10)), draw(st.integers(1, 10))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    stride = draw(st.one_of(st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3))))
    dilation = draw(st.one_of(st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3))))
    padding = draw(st.one_of(st.integers(0, 3), st.tuples(st.integers(0, 3), st.integers(0, 3)),
                             st.sampled_from(["valid", "same"])))
    mode = draw(st.sampled_from(["zeros", "reflect", "replicate", "circular"]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    x = rng.normal(size=(C, H, W)) * 10
    w = rng.normal(size=(O, C, kh, kw))
    b = rng.normal(size=O) if draw(st.booleans()) else None
    return x, w, b, dict(stride=stride, padding=padding, dilation=dilation, padding_mode=mode)


def torch_conv(x, w, b, *, stride, padding, dilation, padding_mode):
    """torch's own semantics, padding modes included: nn.Conv2d with our weights."""
    m = torch.nn.Conv2d(w.shape[1], w.shape[0], w.shape[2:], stride=stride, padding=padding, dilation=dilation,
                        bias=b is not None, padding_mode=padding_mode).double()
    with torch.no_grad():
        m.weight.copy_(torch.from_numpy(w))
        if b is not None:
            m.bias.copy_(torch.from_numpy(b))
        return m(torch.from_numpy(x)[None])[0].numpy()


@pytest.mark.parametrize("torch_min_macs", [conv.TORCH_MIN_MACS, 0], ids=["numpy-path", "torch-path"])
@given(case=conv_cases())
def test_conv2d_matches_torch(case, torch_min_macs):
    x, w, b, kw = case
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(conv, "TORCH_MIN_MACS", torch_min_macs)
        try:
            expected = torch_conv(x, w, b, **kw)
        except (RuntimeError, ValueError):  # torch refuses: so must we, with a ValueError
            with pytest.raises(ValueError):
                conv2d(x, w, b, **kw)
            return
        got = conv2d(x, w, b, **kw)
    assert got.shape == expected.shape
    assert np.abs(got - expected).max() <= 1e-4


@given(case=conv_cases())
def test_fast_path_agrees_with_reference_loop(case):
    x, w, b, kw = case
    try:
        ref = conv2d_reference(x, w, b, **kw)
    except ValueError:
        return
    np.testing.assert_allclose(conv2d(x, w, b, **kw), ref, rtol=1e-6, atol=1e-5)  # both float32


def test_d2l_corr2d_example():
    x = np.arange(9).reshape(3, 3)
    out = conv2d(x, [[0, 1], [2, 3]])
    np.testing.assert_array_equal(out, [[19, 25], [37, 43]])
    assert out.dtype == np.float32  # torch's default precision


def test_hand_checked_stride_padding_bias():
    # 4×4 ones, 3×3 ones, padding 1, stride 2 -> corners see 4 ones, +1 bias
    out = conv2d(np.ones((4, 4)), np.ones((3, 3)), 1.0, stride=2, padding=1)
    np.testing.assert_array_equal(out, [[5, 7], [7, 10]])


def test_multichannel_sums_channels():
    x = np.stack([np.full((3, 3), 1.0), np.full((3, 3), 2.0), np.full((3, 3), 3.0)])  # (3, 3, 3)
    w = np.ones((2, 3, 3, 3))
    w[1] *= -1
    out = conv2d(x, w, [0.5, 0.0])
    np.testing.assert_array_equal(out, [[[54.5]], [[-54.0]]])


def test_large_input_uses_torch_and_matches_reference_at_sampled_cells():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, size=(3, 128, 128))
    w = rng.integers(-2, 3, size=(4, 3, 3, 3))
    out = conv2d(x, w, stride=2, padding=1)  # 4·64·64·27 MACs: the torch path
    assert out.shape == (4, 64, 64)
    ref = conv2d_reference(x[:, :9, :9], w, stride=2, padding=1)  # the top-left corner, by the loop
    np.testing.assert_array_equal(out[:, :4, :4], ref[:, :4, :4])  # integers: exact in float32


@pytest.mark.parametrize("kwargs, words, key", [
    (dict(stride=0), ["stride", "0", ">= 1"], "stride_zero"),
    (dict(dilation=0), ["dilation", "0"], "stride_zero"),
    (dict(padding=-1), ["padding", "-1"], "arg_whole_min"),
    (dict(padding="full"), ["padding", "'full'", "'same'"], "padding_bad"),
    (dict(padding="same", stride=2), ["same", "stride"], "same_needs_stride1"),
    (dict(padding_mode="mirror"), ["padding_mode", "'mirror'", "'reflect'"], "arg_not_choice"),
    (dict(padding=5, padding_mode="reflect"), ["reflect", "smaller"], "reflect_too_big"),
    (dict(padding=5, padding_mode="circular"), ["circular", "at most"], "circular_too_big"),
])
def test_bad_arguments_name_the_argument_and_the_value(kwargs, words, key):
    with pytest.raises(InputError) as e:  # a ValueError with the learner's sentence
        conv2d(np.zeros((4, 4)), np.ones((3, 3)), **kwargs)
    for word in words:
        assert word in str(e.value)
    assert e.value.key == key


def test_a_map_that_overflows_float32_is_refused_not_drawn_as_inf():
    for f in (conv2d, conv2d_reference):
        with pytest.raises(InputError) as e:
            f(np.full((4, 4), 255.0), np.full((3, 3), 1e38))  # 9 × 255 × 1e38 > 3.4e38
        assert e.value.key == "result_not_finite"
    assert np.isfinite(conv2d(np.full((4, 4), 255.0), np.full((3, 3), 1e35))).all()


def test_kernel_larger_than_padded_input():
    with pytest.raises(ValueError, match=r"kernel_size \(5, 5\).*larger than the padded input \(4, 4\)") as e:
        conv2d(np.zeros((4, 4)), np.ones((5, 5)))
    assert e.value.key == "kernel_bigger_than_input" and e.value.values == {"k": "5×5", "n": "4×4"}
    assert conv2d(np.zeros((4, 4)), np.ones((5, 5)), padding=1).shape == (2, 2)


def test_nan_and_inf_and_channels_refused():
    with pytest.raises(ValueError, match="weight must contain only finite numbers; got NaN"):
        conv2d(np.zeros((4, 4)), [[1, np.nan], [0, 0]])
    with pytest.raises(ValueError, match="x must contain only finite numbers; got inf"):
        conv2d(np.full((4, 4), np.inf), np.ones((2, 2)))
    with pytest.raises(ValueError, match="in_channels=1 but x has 3 channels"):
        conv2d(np.zeros((3, 4, 4)), np.ones((2, 1, 2, 2)))
    with pytest.raises(ValueError, match="bias must hold one number per output channel"):
        conv2d(np.zeros((3, 4, 4)), np.ones((2, 3, 2, 2)), [1, 2, 3])


def test_public_api_is_importable_from_the_package():
    for name in ["conv2d", "pool2d", "global_pool", "output_size", "trace_conv", "trace_pool", "coverage",
                 "receptive_field", "load_image", "to_gray", "ImageError", "KERNELS", "summarize_keras",
                 "summarize_torch"]:
        assert hasattr(playground, name), name
