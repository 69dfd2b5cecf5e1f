"""One step of the sliding window, written out: the window, the products and the sum."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _args
from .conv import setup_conv
from .i18n import t
from .pool import setup_pool
from .shapes import fmt


def _term(a: float, b: float) -> str:
    return f"({fmt(a)}×{fmt(b)})"


def _source_index(idx: np.ndarray, before: int, n: int, mode: str) -> np.ndarray:
    """Padded coordinates -> the input index each one copies (-1: a zero pad), as torch pads."""
    k = idx - before
    if mode == "reflect":
        period = 2 * (n - 1) or 1
        k = np.abs(k) % period
        k = np.where(k >= n, period - k, k)
    elif mode == "replicate":
        k = np.clip(k, 0, n - 1)
    elif mode == "circular":
        k = k % n
    else:
        k = np.where((k >= 0) & (k < n), k, -1)
    return k


def _window(s, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The (C, kh, kw) values under the kernel taps, read without padding the whole image."""
    (_, H, W), (t, _, l, _) = s.x.shape, s.pads
    r = _source_index(rows, t, H, s.padding_mode)
    c = _source_index(cols, l, W, s.padding_mode)
    window = s.x[:, np.maximum(r, 0)[:, None], np.maximum(c, 0)[None, :]].astype(np.float64)
    window[:, (r < 0)[:, None] | (c < 0)[None, :]] = 0.0  # zero padding
    return window


@dataclass(frozen=True)
class ConvTrace:
    """Output cell `at` of a convolution, step by step."""

    at: tuple[int, ...]  # (o, i, j), or (i, j) for a 2-D input
    origin: tuple[int, int]  # top-left of the window in the padded input
    rows: np.ndarray  # (kh,) padded-input rows the kernel taps read (dilation spreads them)
    cols: np.ndarray  # (kw,) padded-input columns
    window: np.ndarray  # (C, kh, kw) input values under the kernel taps, padding included
    kernel: np.ndarray  # (C, kh, kw) the filter of output channel o
    products: np.ndarray  # (C, kh, kw) window × kernel
    partial_sums: np.ndarray  # (C,) one sum per input channel
    bias: float
    total: float  # = conv2d(...)[at]
    channel_formulas: tuple[str, ...]  # per input channel: "(1×1) + (2×0) + … = 6"
    formula: str  # the whole arithmetic, bias included
    pad_mask: np.ndarray  # (kh, kw) True where a tap reads padding rather than the image

    def formula_in(self, lang: str) -> str:
        """The formula as a learner reads it in `lang`: numbers only (padding reads as its value, 0 or a copy)."""
        return self.formula


def trace_conv(x: Any, weight: Any, bias: Any = None, *, at: Any, stride: Any = 1, padding: Any = 0,
               dilation: Any = 1, padding_mode: str = "zeros") -> ConvTrace:
    """The arithmetic of one output cell of conv2d (same arguments, plus `at`)."""
    s = setup_conv(x, weight, bias, stride=stride, padding=padding, dilation=dilation, padding_mode=padding_mode)
    O, OH, OW = s.out_shape
    if s.squeeze:
        i, j = _args.at_index("at", at, (OH, OW))
        o = 0
    else:
        o, i, j = _args.at_index("at", at, (O, OH, OW))
    (kh, kw), (sh, sw), (dh, dw) = s.kernel_size, s.stride, s.dilation
    rows = i * sh + dh * np.arange(kh)
    cols = j * sw + dw * np.arange(kw)
    window = _window(s, rows, cols)  # (C, kh, kw)
    kernel = s.weight[o]  # (C, kh, kw)
    with np.errstate(over="ignore", invalid="ignore"):
        products = window * kernel
        partial = products.sum(axis=(1, 2))
        b = float(s.bias[o])
        total = float(partial.sum() + b)
        # conv2d returns float32: a cell beyond its range is inf there, so it is refused here too
        _args.finite_result(np.float32(total))
    channel_formulas = tuple(
        " + ".join(_term(a, k) for a, k in zip(window[c].ravel(), kernel[c].ravel())) + f" = {fmt(partial[c])}"
        for c in range(window.shape[0]))
    if window.shape[0] == 1:
        body = channel_formulas[0].rsplit(" = ", 1)[0]
    else:
        body = " + ".join(fmt(p) for p in partial)
    formula = body + (f" + {fmt(b)}" if b else "") + f" = {fmt(total)}"
    H, W = s.x.shape[1:]
    t, _, l, _ = s.pads
    mask = ~(((rows >= t) & (rows < t + H))[:, None] & ((cols >= l) & (cols < l + W))[None, :])
    return ConvTrace(at=tuple(at), origin=(int(rows[0]), int(cols[0])), rows=rows, cols=cols, window=window,
                     kernel=kernel, products=products, partial_sums=partial, bias=b, total=total,
                     channel_formulas=channel_formulas, formula=formula, pad_mask=mask)


@dataclass(frozen=True)
class PoolTrace:
    """Output cell `at` of a pooling, step by step."""

    at: tuple[int, ...]  # (c, i, j), or (i, j) for a 2-D input
    origin: tuple[int, int]  # top-left of the window in the padded input
    window: np.ndarray  # (kh, kw), padding included (−inf / +inf / 0 by mode)
    winner: tuple[int, int] | None  # (row, col) inside the window that won (max/min), None for avg
    total: float  # = pool2d(...)[at]
    formula: str  # "max(1, 3, 2, 4) = 4" or "(1 + 3 + 2 + 4) / 4 = 2.5" (English: a padded cell reads "pad")
    mode: str = "max"

    def formula_in(self, lang: str) -> str:
        """The formula in `lang`: a padded cell of max/min pooling (it never wins) is named by the glossary's word
        for padding ("pad" / "패딩"); average pooling's padding is a 0 and reads as one."""
        if self.mode == "avg":
            return self.formula
        return _pool_formula(self.mode, self.window, self.total, t("trace_pad", lang))


def trace_pool(x: Any, kernel_size: Any, *, at: Any, stride: Any = None, padding: Any = 0,
               mode: str = "max") -> PoolTrace:
    """The arithmetic of one output cell of pool2d (same arguments, plus `at`)."""
    s = setup_pool(x, kernel_size, stride=stride, padding=padding, mode=mode)
    C, OH, OW = s.out_shape
    if s.squeeze:
        i, j = _args.at_index("at", at, (OH, OW))
        c = 0
    else:
        c, i, j = _args.at_index("at", at, (C, OH, OW))
    (kh, kw), (sh, sw) = s.kernel_size, s.stride
    r0, c0 = i * sh, j * sw
    window = s.padded()[c, r0: r0 + kh, c0: c0 + kw]
    if s.mode == "avg":
        winner = None
        with np.errstate(over="ignore"):
            total = float(_args.finite_result(np.asarray(window.mean())))
        formula = f"({' + '.join(fmt(v) for v in window.ravel())}) / {window.size} = {fmt(total)}"
    else:
        flat = int(np.argmax(window) if s.mode == "max" else np.argmin(window))
        winner = divmod(flat, kw)
        total = float(window.ravel()[flat])
        formula = _pool_formula(s.mode, window, total, "pad")
    return PoolTrace(at=tuple(at), origin=(r0, c0), window=window, winner=winner, total=total, formula=formula,
                     mode=s.mode)


def _pool_formula(mode: str, window: np.ndarray, total: float, pad: str) -> str:
    """"max(pad, 3, 2, 4) = 4": padding (±inf, so it never wins) named by `pad`."""
    values = ", ".join(pad if not np.isfinite(v) else fmt(v) for v in window.ravel())
    return f"{mode}({values}) = {fmt(total)}"
