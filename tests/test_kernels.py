"""Kernel presets: every one named in the issue, bilingual, and doing what its description says."""

import numpy as np
import pytest

from playground import KERNELS, conv2d

NAMED = ["identity", "box_blur", "gaussian_blur", "sharpen", "laplacian", "sobel_x", "sobel_y", "prewitt_x",
         "prewitt_y", "emboss", "outline", "horizontal_line", "vertical_line"]


@pytest.mark.parametrize("name", NAMED)
def test_presets_exist_with_both_languages(name):
    k = KERNELS[name]
    assert k.weights.shape in ((3, 3), (5, 5)) and np.isfinite(k.weights).all()
    assert k.en and k.ko and k.title_en and k.title_ko
    assert any("\uac00" <= ch <= "\ud7a3" for ch in k.ko)  # Hangul in the Korean text


def test_presets_behave():
    ramp = np.tile(np.arange(8.0), (8, 1))  # brighter to the right
    flat = np.full((6, 6), 7.0)
    assert (conv2d(ramp, KERNELS["sobel_x"].weights) > 0).all()
    assert np.allclose(conv2d(ramp, KERNELS["sobel_y"].weights), 0)
    for blur in ["box_blur", "box_blur_5", "gaussian_blur", "gaussian_blur_5"]:
        assert np.allclose(conv2d(flat, KERNELS[blur].weights), 7.0)  # weights sum to one
    for edge in ["laplacian", "outline"]:
        assert np.allclose(conv2d(flat, KERNELS[edge].weights), 0)
    np.testing.assert_array_equal(conv2d(ramp, KERNELS["identity"].weights, padding=1), ramp)


def test_presets_are_read_only():
    with pytest.raises(ValueError):
        KERNELS["sharpen"].weights[0, 0] = 3
