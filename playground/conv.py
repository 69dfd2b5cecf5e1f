"""2-D convolution (cross-correlation) with the semantics of torch.nn.functional.conv2d.

`conv2d_reference` is the plain loop a learner can read (and what the trace shows);
`conv2d` takes a vectorised path and must agree with it. Finite inputs whose map overflows float32
(torch would return inf) are refused with an InputError rather than drawn as a map of inf.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from . import _args
from ._args import InputError
from ._alloc import reuse_big_blocks

# Above this many multiply-adds the work goes to torch's conv (imported lazily, once), which is
# several times faster than numpy on 512×512 images; below it numpy answers before torch would load.
TORCH_MIN_MACS = 2_000_000


@dataclass(frozen=True)
class ConvSetup:
    """Validated arguments of one convolution, shared by conv2d, its reference and the trace."""

    x: np.ndarray  # (C, H, W), real numbers in the caller's dtype (an image stays uint8)
    weight: np.ndarray  # (out_channels, C, kh, kw) float64
    bias: np.ndarray  # (out_channels,) float64
    stride: tuple[int, int]
    dilation: tuple[int, int]
    pads: tuple[int, int, int, int]  # top, bottom, left, right
    padding_mode: str
    squeeze: bool  # the input was 2-D: return (OH, OW)

    @property
    def kernel_size(self) -> tuple[int, int]:
        return self.weight.shape[2], self.weight.shape[3]

    @property
    def out_shape(self) -> tuple[int, int, int]:
        """(out_channels, OH, OW)."""
        (_, H, W), (kh, kw) = self.x.shape, self.kernel_size
        t, b, l, r = self.pads
        oh = (H + t + b - self.dilation[0] * (kh - 1) - 1) // self.stride[0] + 1
        ow = (W + l + r - self.dilation[1] * (kw - 1) - 1) // self.stride[1] + 1
        return self.weight.shape[0], oh, ow

    def padded(self) -> np.ndarray:
        """The input with its padding, (C, H + t + b, W + l + r)."""
        t, b, l, r = self.pads
        if not any(self.pads):
            return self.x
        return np.pad(self.x, ((0, 0), (t, b), (l, r)), mode=_args.NUMPY_PAD_MODE[self.padding_mode])


def setup_conv(x: Any, weight: Any, bias: Any = None, *, stride: Any = 1, padding: Any = 0, dilation: Any = 1,
               padding_mode: str = "zeros") -> ConvSetup:
    """Normalise and validate conv2d's arguments (every error names the argument)."""
    x = _args.array("x", x, ndims=(2, 3))
    squeeze = x.ndim == 2
    if squeeze:
        weight = _args.array("weight", weight, ndims=(2,), nonfinite_key="kernel_nan").astype(np.float64)
        x, weight = x[None], weight[None, None]  # (1, H, W), (1, 1, kh, kw)
    else:
        weight = _args.array("weight", weight, ndims=(4,), nonfinite_key="kernel_nan").astype(np.float64)
        if weight.shape[1] != x.shape[0]:
            raise InputError(f"weight has in_channels={weight.shape[1]} but x has {x.shape[0]} channels; "
                             f"weight must be (out_channels, {x.shape[0]}, kh, kw)", "weight_channels",
                             got=weight.shape[1], want=x.shape[0])
    out_channels = weight.shape[0]
    if bias is None:
        bias = np.zeros(out_channels)
    else:
        try:
            bias = np.atleast_1d(np.asarray(bias, dtype=np.float64))
        except (TypeError, ValueError, OverflowError):
            raise InputError(f"bias must be a number per output channel; got {_args.shown(bias)}", "bias_nan") from None
        bias = _args.array("bias", bias, ndims=(1,), nonfinite_key="bias_nan")
        if bias.shape != (out_channels,):
            raise InputError(f"bias must hold one number per output channel ({out_channels}); got shape "
                             f"{bias.shape}", "bias_shape", n=out_channels, shape=bias.shape)
    stride = _args.pair("stride", stride, minimum=1, key="stride_zero")
    dilation = _args.pair("dilation", dilation, minimum=1, key="stride_zero")
    padding_mode = _args.choice("padding_mode", padding_mode, _args.PADDING_MODES)
    kh, kw = weight.shape[2:]
    span = (dilation[0] * (kh - 1) + 1, dilation[1] * (kw - 1) + 1)  # the kernel's footprint
    if padding == "valid":
        pads = (0, 0, 0, 0)
    elif padding == "same":
        if stride != (1, 1):
            raise InputError(f"padding='same' needs stride 1 (as in torch); got stride {stride}",
                             "same_needs_stride1")
        th, tw = span[0] - 1, span[1] - 1  # total padding; the odd one goes bottom/right, as torch
        pads = (th // 2, th - th // 2, tw // 2, tw - tw // 2)
    elif isinstance(padding, str):
        raise InputError(f"padding must be an int, a pair (h, w), 'valid' or 'same'; got {_args.shown(padding)}",
                         "padding_bad", value=_args.shown(padding))
    else:
        ph, pw = _args.pair("padding", padding, minimum=0)
        pads = (ph, ph, pw, pw)
    H, W = x.shape[1:]
    if padding_mode == "reflect" and (max(pads[:2]) >= H or max(pads[2:]) >= W):
        raise InputError(f"padding {padding!r} with padding_mode='reflect' must be smaller than the input "
                         f"({H}×{W})", "reflect_too_big")
    if padding_mode == "circular" and (max(pads[:2]) > H or max(pads[2:]) > W):
        raise InputError(f"padding {padding!r} with padding_mode='circular' must be at most the input size "
                         f"({H}×{W})", "circular_too_big")
    hp, wp = H + pads[0] + pads[1], W + pads[2] + pads[3]
    if span[0] > hp or span[1] > wp:
        raise InputError(f"kernel_size {(kh, kw)} with dilation {dilation} spans {span}, larger than the "
                         f"padded input {(hp, wp)}; use a smaller kernel or more padding",
                         "kernel_bigger_than_input", k=f"{span[0]}×{span[1]}", n=f"{hp}×{wp}")
    return ConvSetup(x, weight, bias, stride, dilation, pads, padding_mode, squeeze)


def _finish(s: ConvSetup, out: np.ndarray) -> np.ndarray:
    # float32, like torch: on the torch path the numbers are torch's own, bit for bit, and a float64
    # copy of a 16×512×512 map would cost more than the convolution itself.
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.asarray(out, dtype=np.float32)
    _args.finite_result(out)  # finite inputs, infinite map: float32 overflowed (torch would draw inf)
    return out[0] if s.squeeze else out


@np.errstate(over="ignore", invalid="ignore")  # an overflow is refused by _finish, not warned about
def conv2d_reference(x: Any, weight: Any, bias: Any = None, *, stride: Any = 1, padding: Any = 0,
                     dilation: Any = 1, padding_mode: str = "zeros") -> np.ndarray:
    """The plain loop: each output cell is the sum of window × kernel, plus bias (d2l's corr2d)."""
    s = setup_conv(x, weight, bias, stride=stride, padding=padding, dilation=dilation, padding_mode=padding_mode)
    xp = s.padded()  # (C, Hp, Wp)
    O, OH, OW = s.out_shape
    C, (kh, kw), (sh, sw), (dh, dw) = xp.shape[0], s.kernel_size, s.stride, s.dilation
    out = np.zeros((O, OH, OW))  # summed in float64, returned as float32 like conv2d
    for o in range(O):
        for i in range(OH):
            for j in range(OW):
                total = 0.0
                for c in range(C):
                    for a in range(kh):
                        for b in range(kw):
                            total += xp[c, i * sh + a * dh, j * sw + b * dw] * s.weight[o, c, a, b]
                out[o, i, j] = total + s.bias[o]
    return _finish(s, out)


def _conv_numpy(s: ConvSetup) -> np.ndarray:
    xp = s.padded()  # (C, Hp, Wp)
    (kh, kw), (sh, sw), (dh, dw) = s.kernel_size, s.stride, s.dilation
    span = (dh * (kh - 1) + 1, dw * (kw - 1) + 1)
    # (C, OH, OW, kh, kw): every window, strided by `stride`, its taps strided by `dilation`
    windows = sliding_window_view(xp, span, axis=(1, 2))[:, ::sh, ::sw, ::dh, ::dw]
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is refused by _finish
        out = np.tensordot(s.weight, windows, axes=([1, 2, 3], [0, 3, 4]))  # (O, OH, OW)
        return out + s.bias[:, None, None]


@functools.cache
def _torch():
    """torch, imported on the first big convolution (pages that never do one never pay ~1 s for it)."""
    import torch

    reuse_big_blocks()
    return torch


def _conv_torch(s: ConvSetup) -> np.ndarray:
    torch = _torch()
    F = torch.nn.functional
    t, b, l, r = s.pads
    symmetric_zeros = s.padding_mode == "zeros" and t == b and l == r
    x = s.x if symmetric_zeros else s.padded()  # torch pads zeros itself, for free
    x = torch.from_numpy(np.ascontiguousarray(x))[None].float()  # (1, C, H, W) float32
    with torch.no_grad():
        out = F.conv2d(x, torch.from_numpy(s.weight).float(), torch.from_numpy(s.bias).float(), stride=s.stride,
                       padding=(t, l) if symmetric_zeros else 0, dilation=s.dilation)[0]  # (O, OH, OW)
    return out.numpy()


def conv2d(x: Any, weight: Any, bias: Any = None, *, stride: Any = 1, padding: Any = 0, dilation: Any = 1,
           padding_mode: str = "zeros") -> np.ndarray:
    """Cross-correlate x (H, W) or (C, H, W) with weight; returns float32 (OH, OW) or (out_channels, OH, OW)."""
    s = setup_conv(x, weight, bias, stride=stride, padding=padding, dilation=dilation, padding_mode=padding_mode)
    O, OH, OW = s.out_shape
    macs = O * OH * OW * s.weight[0].size
    out = _conv_torch(s) if macs >= TORCH_MIN_MACS and _torch_available() else _conv_numpy(s)
    return _finish(s, out)


def _torch_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("torch") is not None
