"""Max / average / min pooling with the defaults of torch's max_pool2d and avg_pool2d.

Padding follows torch: max pooling pads with −inf (a pad never wins), average pooling pads with 0
and counts the pad in the divisor (count_include_pad=True); min pooling mirrors max.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _args
from ._args import InputError

POOL_MODES = ("max", "avg", "min")
PAD_VALUE = {"max": -np.inf, "min": np.inf, "avg": 0.0}


@dataclass(frozen=True)
class PoolSetup:
    """Validated arguments of one pooling, shared by pool2d, its reference and the trace."""

    x: np.ndarray  # (C, H, W) float64 (pooling pads with ±inf, so it needs floats)
    kernel_size: tuple[int, int]
    stride: tuple[int, int]
    padding: tuple[int, int]
    mode: str
    squeeze: bool

    @property
    def out_shape(self) -> tuple[int, int, int]:
        """(C, OH, OW)."""
        (C, H, W), (kh, kw), (sh, sw), (ph, pw) = self.x.shape, self.kernel_size, self.stride, self.padding
        return C, (H + 2 * ph - kh) // sh + 1, (W + 2 * pw - kw) // sw + 1

    def padded(self) -> np.ndarray:
        """(C, H + 2ph, W + 2pw), padded with the value that cannot change the result."""
        ph, pw = self.padding
        if not (ph or pw):
            return self.x
        return np.pad(self.x, ((0, 0), (ph, ph), (pw, pw)), constant_values=PAD_VALUE[self.mode])


def setup_pool(x: Any, kernel_size: Any, *, stride: Any = None, padding: Any = 0, mode: str = "max") -> PoolSetup:
    """Normalise and validate pool2d's arguments."""
    x = _args.array("x", x, ndims=(2, 3)).astype(np.float64, copy=False)
    squeeze = x.ndim == 2
    x = x[None] if squeeze else x
    kernel_size = _args.pair("kernel_size", kernel_size, minimum=1, key="stride_zero")
    stride = kernel_size if stride is None else _args.pair("stride", stride, minimum=1, key="stride_zero")
    padding = _args.pair("padding", padding, minimum=0)
    mode = _args.choice("mode", mode, POOL_MODES)
    if padding[0] * 2 > kernel_size[0] or padding[1] * 2 > kernel_size[1]:
        raise InputError(f"padding must be at most half of kernel_size {kernel_size} (as in torch); got {padding}",
                         "pool_padding_too_big")
    H, W = x.shape[1:]
    hp, wp = H + 2 * padding[0], W + 2 * padding[1]
    if kernel_size[0] > hp or kernel_size[1] > wp:
        raise InputError(f"kernel_size {kernel_size} is larger than the padded input {(hp, wp)}",
                         "kernel_bigger_than_input", k=f"{kernel_size[0]}×{kernel_size[1]}", n=f"{hp}×{wp}")
    return PoolSetup(x, kernel_size, stride, padding, mode, squeeze)


def _reduce(windows: np.ndarray, mode: str, axis: Any) -> np.ndarray:
    return {"max": np.max, "min": np.min, "avg": np.mean}[mode](windows, axis=axis)


def pool2d_reference(x: Any, kernel_size: Any, *, stride: Any = None, padding: Any = 0, mode: str = "max") -> np.ndarray:
    """The plain loop over output cells: each is the max / mean / min of its window."""
    s = setup_pool(x, kernel_size, stride=stride, padding=padding, mode=mode)
    xp = s.padded()
    C, OH, OW = s.out_shape
    (kh, kw), (sh, sw) = s.kernel_size, s.stride
    out = np.zeros((C, OH, OW))
    for c in range(C):
        for i in range(OH):
            for j in range(OW):
                with np.errstate(over="ignore", invalid="ignore"):
                    out[c, i, j] = _reduce(xp[c, i * sh: i * sh + kh, j * sw: j * sw + kw], s.mode, None)
    _args.finite_result(out)
    return out[0] if s.squeeze else out


def pool2d(x: Any, kernel_size: Any, *, stride: Any = None, padding: Any = 0, mode: str = "max") -> np.ndarray:
    """Pool x (H, W) or (C, H, W) with a kernel_size window; stride defaults to kernel_size."""
    s = setup_pool(x, kernel_size, stride=stride, padding=padding, mode=mode)
    _, OH, OW = s.out_shape
    (kh, kw), (sh, sw) = s.kernel_size, s.stride
    xp = s.padded()
    # One pass per window offset (a, b): the strided slice holds tap (a, b) of every window, (C, OH, OW).
    taps = (xp[:, a: a + sh * (OH - 1) + 1: sh, b: b + sw * (OW - 1) + 1: sw] for a in range(kh) for b in range(kw))
    out = next(taps).copy()
    combine = {"max": np.maximum, "min": np.minimum, "avg": np.add}[s.mode]
    with np.errstate(over="ignore", invalid="ignore"):
        for tap in taps:
            combine(out, tap, out=out)
        if s.mode == "avg":
            out /= kh * kw
    _args.finite_result(out)  # a sum of huge finite values can overflow
    return out[0] if s.squeeze else out


def global_pool(x: Any, mode: str = "avg") -> np.ndarray | float:
    """Average or max over each channel's whole map: (C, H, W) -> (C,), (H, W) -> a number."""
    x = _args.array("x", x, ndims=(2, 3)).astype(np.float64, copy=False)
    mode = _args.choice("mode", mode, ("avg", "max"))
    with np.errstate(over="ignore"):
        out = _args.finite_result(np.asarray(_reduce(x, mode, (-2, -1))))
    return float(out) if x.ndim == 2 else out
