"""Parameters and multiply-adds of CNN building blocks and of dense vs conv layers, written out.

Every count is for one input image; a conv layer with 'same' padding and stride 1 keeps H×W.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ._args import InputError
from .conv import conv2d


@dataclass(frozen=True)
class Cost:
    """One block's counts with the arithmetic behind them."""

    key: str  # strings-table key of the block's name and explanation
    params: int
    macs: int
    params_formula: str
    macs_formula: str
    stages: tuple = ()  # (label, (H, W, C)) from input to output: the block's small picture
    macs_words: tuple = ()  # (strings key, values): the multiply-adds said in words, when there are none to write out


def _n(v: int) -> str:
    return f"{v:,}"


def conv_cost(key: str, h: int, w: int, cin: int, cout: int, k: int, groups: int = 1, bias: bool = True) -> Cost:
    """A k×k conv (same padding, stride 1) with `groups` groups."""
    params = k * k * (cin // groups) * cout + (cout if bias else 0)
    macs = h * w * k * k * (cin // groups) * cout
    c = f"({cin}/{groups})" if groups > 1 else f"{cin}"
    return Cost(key, params, macs, f"{k}×{k}×{c}×{cout}" + (f" + {cout}" if bias else "") + f" = {_n(params)}",
                f"{h}×{w} × {k}×{k}×{c}×{cout} = {_n(macs)}")


def _sum(key: str, parts: list[Cost], note: str = "") -> Cost:
    params, macs = sum(p.params for p in parts), sum(p.macs for p in parts)
    return Cost(key, params, macs, " + ".join(_n(p.params) for p in parts) + f" = {_n(params)}" + note,
                " + ".join(_n(p.macs) for p in parts) + f" = {_n(macs)}")


def building_blocks(h: int = 56, w: int = 56, cin: int = 64, cout: int = 64, groups: int = 4) -> list[Cost]:
    """The classic blocks for an (h, w, cin) input producing cout channels (biases omitted after BN)."""
    for name, v in (("h", h), ("w", w), ("cin", cin), ("cout", cout), ("groups", groups)):
        if not (isinstance(v, int) and 1 <= v <= 4096):
            raise InputError(f"{name} must be an int from 1 to 4096; got {v!r}", "arg_whole_range", name=name,
                             minimum=1, max=4096, value=repr(v))
    if cin % groups or cout % groups:
        raise InputError(f"groups={groups} must divide cin={cin} and cout={cout}", "groups_divide", groups=groups,
                         cin=cin, cout=cout)
    squeeze = max(1, cin // 8)
    x, y = ("in", (h, w, cin)), (h, w, cout)
    stages = {
        "blk_standard": [x, ("3×3", y)], "blk_1x1": [x, ("1×1", y)], "blk_two_3x3": [x, ("3×3", y), ("3×3", y)],
        "blk_one_5x5": [x, ("5×5", y)], "blk_depthwise": [x, ("3×3 dw", (h, w, cin)), ("1×1", y)],
        "blk_grouped": [x, (f"3×3 g={groups}", y), ("shuffle", y)], "blk_residual": [x, ("conv", y), ("+ in", y)],
        "blk_concat": [x, ("new", y), ("concat", (h, w, cin + cout))],
        "blk_fire": [x, ("squeeze 1×1", (h, w, squeeze)), ("1×1 ‖ 3×3", y)],
        "blk_inception": [x, ("1×1 ‖ 3×3 ‖ 3×3 ‖ pool", y)],
    }
    return [replace(c, stages=tuple(stages[c.key])) for c in _blocks(h, w, cin, cout, groups, squeeze)]


def _blocks(h: int, w: int, cin: int, cout: int, groups: int, squeeze: int) -> list[Cost]:
    return [
        conv_cost("blk_standard", h, w, cin, cout, 3, bias=False),
        conv_cost("blk_1x1", h, w, cin, cout, 1, bias=False),
        _sum("blk_two_3x3", [conv_cost("", h, w, cin, cout, 3, bias=False),
                             conv_cost("", h, w, cout, cout, 3, bias=False)]),
        conv_cost("blk_one_5x5", h, w, cin, cout, 5, bias=False),
        _sum("blk_depthwise", [conv_cost("", h, w, cin, cin, 3, groups=cin, bias=False),
                               conv_cost("", h, w, cin, cout, 1, bias=False)]),
        conv_cost("blk_grouped", h, w, cin, cout, 3, groups=groups, bias=False),
        Cost("blk_residual", 0, h * w * cout, "0", f"{h}×{w}×{cout} = {_n(h * w * cout)}",
             macs_words=("blk_residual_macs", dict(h=h, w=w, c=cout, n=_n(h * w * cout)))),
        Cost("blk_concat", 0, 0, "0", "0",  # stacking copies numbers: nothing is multiplied or added
             macs_words=("blk_concat_macs", dict(cin=cin, new=cout, total=cin + cout))),
        _sum("blk_fire", [conv_cost("", h, w, cin, squeeze, 1, bias=False),
                          conv_cost("", h, w, squeeze, cout // 2, 1, bias=False),
                          conv_cost("", h, w, squeeze, cout - cout // 2, 3, bias=False)]),
        _sum("blk_inception", [conv_cost("", h, w, cin, cout // 4, 1, bias=False),
                               conv_cost("", h, w, cin, cout // 8, 1, bias=False),
                               conv_cost("", h, w, cout // 8, cout // 4, 3, bias=False),
                               conv_cost("", h, w, cin, cout // 16, 1, bias=False),
                               conv_cost("", h, w, cout // 16, cout // 4, 3, bias=False),
                               conv_cost("", h, w, cin, cout - 3 * (cout // 4), 1, bias=False)]),
    ]


@dataclass(frozen=True)
class DenseVsConv:
    dense: Cost  # a dense layer with n units on the flattened input
    conv: Cost  # a 3×3 conv layer with n filters, same padding


def dense_vs_conv(h: int, w: int, c: int, n: int, k: int = 3) -> DenseVsConv:
    """Parameters and multiply-adds of Dense(n) on the flattened (h, w, c) input vs Conv2D(n, k×k, 'same')."""
    for name, v in (("h", h), ("w", w), ("c", c), ("n", n), ("k", k)):
        if not (isinstance(v, int) and 1 <= v <= 100_000):
            raise InputError(f"{name} must be a whole number from 1 to 100000; got {v!r}", "arg_whole_range",
                             name=name, minimum=1, max=100_000, value=repr(v))
    flat = h * w * c
    dense = Cost("dense", flat * n + n, flat * n, f"{h}×{w}×{c}×{n} + {n} = {_n(flat * n + n)}",
                 f"{h}×{w}×{c}×{n} = {_n(flat * n)}")
    return DenseVsConv(dense, conv_cost("conv", h, w, c, n, k))


@dataclass(frozen=True)
class ShiftDemo:
    """A 1-px shift: the flattened vector changes almost everywhere; the feature map just moves."""

    changed_flat: float  # share of the flattened input's entries that changed
    map_moves_exactly: bool  # conv(shift(x)) == shift(conv(x)) away from the border
    max_difference: float  # largest |conv(shift(x)) - shift(conv(x))| away from the border
    original_map: np.ndarray
    shifted_map: np.ndarray
    padding: tuple[int, int] = (0, 0)  # zeros added around an image smaller than the kernel


def shift_demo(gray: np.ndarray, kernel: np.ndarray) -> ShiftDemo:
    """Translation equivariance on the learner's image: shift right by 1 px, compare vectors and maps.

    An image smaller than the kernel (1×1, 1×512, ...) is zero-padded just enough for one window, so
    any image the app holds gives a demo rather than an error.
    """
    x = np.asarray(gray, dtype=np.float64)
    kh, kw = np.asarray(kernel).shape
    padding = (max(0, -(-(kh - x.shape[0]) // 2)), max(0, -(-(kw - x.shape[1]) // 2)))  # (ph, pw)
    shifted = np.zeros_like(x)
    shifted[:, 1:] = x[:, :-1]
    changed = float((x.ravel() != shifted.ravel()).mean())
    a, b = conv2d(x, kernel, padding=padding), conv2d(shifted, kernel, padding=padding)  # (OH, OW) each
    inner = np.abs(b[:, kw:] - a[:, kw - 1:-1])  # away from the left border the map moved by one column
    diff = float(inner.max()) if inner.size else 0.0
    return ShiftDemo(changed, diff <= 1e-3 * (1 + float(np.abs(a).max())), diff, a, b, padding)
