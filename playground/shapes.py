"""Shape arithmetic: output size, coverage and receptive field.

out = (n + 2p - d(k-1) - 1) / s + 1, rounded down by every framework.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import numpy as np

from . import _args
from ._args import InputError


MAX_SIZE = 10**9  # any size, kernel, stride, padding or dilation above this is refused as absurd


def fmt(v: float) -> str:
    """A number as a learner writes it: 3, 2.5, -1, 0.333 (no '3.0', unicode minus)."""
    v = float(v)
    if not np.isfinite(v):  # never raises (int(inf) would): the trace of an overflowing sum still prints
        return "NaN" if np.isnan(v) else ("∞" if v > 0 else "−∞")
    if v == int(v) and abs(v) < 1e15:
        s = str(int(v))
    else:
        s = f"{v:.4g}" if abs(v) < 1e-3 or abs(v) >= 1e6 else f"{v:.4f}".rstrip("0").rstrip(".")
    return s.replace("-", "−")


@dataclass(frozen=True)
class OutputSize:
    """The output-size formula for one axis, worked out."""

    exact: float  # the formula's value, before rounding
    size: int  # rounded down: what frameworks produce
    fits: bool  # True when `exact` is a whole number >= 1
    formula: str  # e.g. "(7 + 2×0 − 3) / 3 + 1 = 2.33"


def output_size(size: int, kernel_size: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> OutputSize:
    """Output length along one axis of a conv/pool layer, with its formula written out."""
    for name, value, minimum in (("size", size, 1), ("kernel_size", kernel_size, 1), ("stride", stride, 1),
                                 ("padding", padding, 0), ("dilation", dilation, 1)):
        if not _args._is_int(value) or value < minimum:
            raise InputError(f"{name} must be an int >= {minimum}; got {_args.shown(value)}", "arg_whole_min",
                             name=name, minimum=minimum, value=_args.shown(value))
        if value > MAX_SIZE:  # the formula divides in floats
            raise InputError(f"{name} must be at most {MAX_SIZE}; got {_args.shown(value)}", "arg_whole_range",
                             name=name, minimum=minimum, max=MAX_SIZE, value=_args.shown(value))
    span = dilation * (kernel_size - 1) + 1  # the kernel's footprint on the input
    exact = (size + 2 * padding - span) / stride + 1
    rounded = int(np.floor(exact))
    k_text = f"{kernel_size}" if dilation == 1 else f"{dilation}×({kernel_size}−1) − 1"
    shown = f"{exact:.2f}".rstrip("0").rstrip(".") if exact != int(exact) else str(int(exact))
    formula = f"({size} + 2×{padding} − {k_text}) / {stride} + 1 = {shown}".replace("-", "−")
    return OutputSize(exact=exact, size=max(rounded, 0), fits=exact >= 1 and exact == int(exact), formula=formula)


def coverage(input_shape: tuple[int, ...], kernel_size: Any, *, stride: Any = 1, padding: Any = 0,
             dilation: Any = 1) -> np.ndarray:
    """How many sliding windows read each input pixel; (H, W) ints."""
    if not (isinstance(input_shape, (tuple, list)) and len(input_shape) in (2, 3)
            and all(_args._is_int(v) and v >= 1 for v in input_shape)):
        raise InputError(f"input_shape must be (H, W) or (C, H, W) of positive ints; got {_args.shown(input_shape)}",
                         "input_shape_bad", value=_args.shown(input_shape))
    H, W = input_shape[-2:]
    kh, kw = _args.pair("kernel_size", kernel_size, minimum=1)
    sh, sw = _args.pair("stride", stride, minimum=1)
    ph, pw = _args.pair("padding", padding, minimum=0)
    dh, dw = _args.pair("dilation", dilation, minimum=1)
    return coverage_padded((H, W), (kh, kw), (sh, sw), (ph, ph, pw, pw), (dh, dw))


def coverage_padded(hw: tuple[int, int], k: tuple[int, int], stride: tuple[int, int],
                    pads: tuple[int, int, int, int], dilation: tuple[int, int]) -> np.ndarray:
    """coverage() for normalised arguments and possibly uneven padding (top, bottom, left, right)."""
    (H, W), (kh, kw), (sh, sw), (t, b, l, r), (dh, dw) = hw, k, stride, pads, dilation
    hp, wp = H + t + b, W + l + r
    oh = (hp - dh * (kh - 1) - 1) // sh + 1
    ow = (wp - dw * (kw - 1) - 1) // sw + 1
    if oh < 1 or ow < 1:
        raise InputError(f"kernel_size {(kh, kw)} (dilation {(dh, dw)}) is larger than the padded input {(hp, wp)}",
                         "kernel_bigger_than_input", k=f"{dh * (kh - 1) + 1}×{dw * (kw - 1) + 1}", n=f"{hp}×{wp}")
    counts = np.zeros((hp, wp), dtype=np.int64)  # padded coordinates
    for a in range(kh):  # each kernel tap visits a strided grid of the padded input
        for c in range(kw):
            counts[a * dh: a * dh + sh * (oh - 1) + 1: sh, c * dw: c * dw + sw * (ow - 1) + 1: sw] += 1
    return counts[t: t + H, l: l + W]


@dataclass(frozen=True)
class Layer:
    """One conv or pool layer, as far as geometry goes."""

    kind: str = "conv"  # "conv" or "pool" (only used for labels)
    kernel_size: int = 3
    stride: int = 1
    padding: int = 0
    dilation: int = 1


@dataclass(frozen=True)
class Rect:
    """Rows top..bottom and columns left..right, inclusive, in input coordinates."""

    top: int
    left: int
    bottom: int
    right: int

    @property
    def height(self) -> int:
        return self.bottom - self.top + 1

    @property
    def width(self) -> int:
        return self.right - self.left + 1

    def clip(self, height: int, width: int) -> "Rect":
        """The part of the rectangle that lies on a (height, width) image (the rest is padding)."""
        return Rect(max(self.top, 0), max(self.left, 0), min(self.bottom, height - 1), min(self.right, width - 1))


def _as_layer(i: int, layer: Any) -> Layer:
    if isinstance(layer, Layer):
        out = layer
    elif isinstance(layer, Mapping):
        unknown = set(layer) - {"kind", "kernel_size", "stride", "padding", "dilation"}
        if unknown:
            keys = ", ".join(sorted(map(str, unknown)))
            raise InputError(f"layers[{i}] has unknown keys {sorted(map(str, unknown))}; allowed: kind, kernel_size, "
                             "stride, padding, dilation", "layer_unknown_keys", i=i, keys=_args.shown(keys))
        out = Layer(**layer)
    else:
        raise InputError(f"layers[{i}] must be a Layer or a dict; got {_args.shown(layer)}", "layer_bad", i=i,
                         value=_args.shown(layer))
    for name, minimum in (("kernel_size", 1), ("stride", 1), ("padding", 0), ("dilation", 1)):
        v = getattr(out, name)
        if not _args._is_int(v) or v < minimum:
            raise InputError(f"layers[{i}].{name} must be an int >= {minimum}; got {_args.shown(v)}",
                             "arg_whole_min", name=f"layers[{i}].{name}", minimum=minimum, value=_args.shown(v))
    return out


def receptive_field(layers: Iterable[Any], at: tuple[int, int]) -> Rect:
    """The input rectangle that output cell `at` = (i, j) of a stack of layers depends on.

    Walks back one layer at a time: output rows [a, b] read input rows
    [a·s − p, b·s − p + d(k−1)]. Rows < 0 or past the edge are padding.
    """
    layers = [_as_layer(i, l) for i, l in enumerate(layers)]
    if not layers:
        raise InputError("layers must hold at least one layer; got none", "layers_empty")
    if not (isinstance(at, (tuple, list)) and len(at) == 2 and all(_args._is_int(v) and v >= 0 for v in at)):
        raise InputError(f"at must be (i, j) with ints >= 0; got {_args.shown(at)}", "at_not_index", name="at", n=2,
                         value=_args.shown(at))
    top, bottom = at[0], at[0]
    left, right = at[1], at[1]
    for l in reversed(layers):
        span = l.dilation * (l.kernel_size - 1)
        top, bottom = top * l.stride - l.padding, bottom * l.stride - l.padding + span
        left, right = left * l.stride - l.padding, right * l.stride - l.padding + span
    return Rect(top, left, bottom, right)
