"""The Pooling page's two experiments, for max, average and min pooling, and what they show.

A caption that claims something about the numbers must be computed from them: `pooling_experiments`
runs the 1-pixel shift and the noise experiment with the page's window, stride and padding for all
three poolings, and each `Claim` says which changed least and most *as the numbers are shown*
(values that look the same on screen are a tie, and are phrased as one).

The experiments are the ones `lessons.pool_lesson` reports (same shift, same seeded noise), so the
page's metrics and its sentences agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._args import InputError
from .i18n import t
from .images import to_gray
from .pool import pool2d

MODES = ("max", "avg", "min")


def shift_right(x: np.ndarray) -> np.ndarray:
    """(H, W) moved 1 pixel right; the first column is repeated (nothing wraps around)."""
    shifted = np.roll(x, 1, axis=1)
    shifted[:, 0] = x[:, 0]
    return shifted


@dataclass(frozen=True)
class Claim:
    """One experiment's outcome for max, average and min pooling."""

    experiment: str  # "shift" or "noise"
    values: dict[str, float]  # mode -> change (shift: relative to the image's own change; noise: pixel units)
    shown: dict[str, str]  # mode -> the value as the page shows it
    tiers: tuple[tuple[str, ...], ...]  # modes grouped by equal shown value, least change first
    nothing: bool  # nothing to compare: the shift moves no pixel, or no noise was added
    noise: float = 0.0  # the noise's standard deviation (noise experiment)

    @property
    def least(self) -> tuple[str, ...]:
        """The mode(s) that changed least (several when they look the same)."""
        return self.tiers[0]

    @property
    def most(self) -> tuple[str, ...]:
        return self.tiers[-1]

    @property
    def over(self) -> tuple[str, ...]:
        """Shift: the modes shown above 100 %, whose output changed more than the image itself did."""
        if self.experiment != "shift" or self.nothing:
            return ()
        return tuple(m for m in MODES if self.values[m] > 1 and self.shown[m] != show_shift(1.0))

    @property
    def key(self) -> str:
        """The sentence of the strings table that fits this case."""
        if self.nothing:
            return f"claim_{self.experiment}_nothing"
        shape = tuple(len(g) for g in self.tiers)
        return f"claim_{self.experiment}_" + {(3,): "same", (1, 1, 1): "order", (1, 2): "one_least",
                                               (2, 1): "one_most"}[shape]

    def sentence(self, lang: str = "en") -> str:
        """The claim in words, true for these numbers."""
        def name(m: str) -> str:
            return t(f"pool_{m}", lang)

        def both(group: tuple[str, ...]) -> str:
            return t("claim_and", lang, a=name(group[0]), b=name(group[1]))

        sigma = f"{self.noise:g}"
        if self.nothing:
            return t(self.key, lang)
        g = self.tiers
        v = [self.shown[group[0]] for group in g]
        if len(g) == 1:
            said = t(self.key, lang, a=v[0], sigma=sigma)
        elif len(g) == 3:
            said = t(self.key, lang, least=name(g[0][0]), a=v[0], mid=name(g[1][0]), b=v[1], most=name(g[2][0]),
                     c=v[2], sigma=sigma)
        elif len(g[0]) == 1:
            said = t(self.key, lang, least=name(g[0][0]), a=v[0], others=both(g[1]), b=v[1], sigma=sigma)
        else:
            said = t(self.key, lang, both=both(g[0]), a=v[0], most=name(g[1][0]), b=v[1], sigma=sigma)
        over = self.over
        if over:  # more than the image itself: say what that means, or the number reads like a mistake
            modes = name(over[0]) if len(over) == 1 else both(over) if len(over) == 2 else t("claim_all_three", lang)
            said += " " + t("claim_shift_over", lang, modes=modes)
        return said


@dataclass(frozen=True)
class PoolingExperiments:
    shift: Claim
    noise: Claim


def _tiers(values: dict[str, float], shown: dict[str, str]) -> tuple[tuple[str, ...], ...]:
    order = sorted(MODES, key=lambda m: (values[m], MODES.index(m)))
    tiers: list[list[str]] = []
    for m in order:
        if tiers and shown[tiers[-1][0]] == shown[m]:
            tiers[-1].append(m)
        else:
            tiers.append([m])
    return tuple(tuple(g) for g in tiers)


def _claim(experiment: str, values: dict[str, float], show, nothing: bool, noise: float = 0.0) -> Claim:
    shown = {m: show(v) for m, v in values.items()}
    return Claim(experiment, values, shown, _tiers(values, shown), nothing, noise)


def show_shift(v: float) -> str:
    """A shift change as the page shows it: a whole percentage of the image's own change."""
    return f"{v:.0%}"


def show_noise(v: float) -> str:
    """A noise change as the page shows it: pixel units, one decimal."""
    return f"{v:,.1f}"


def pooling_experiments(image: np.ndarray, *, kernel_size: int = 2, stride: int | None = None, padding: int = 0,
                        mode: str = "max", noise: float = 20.0, seed: int = 0) -> PoolingExperiments:
    """Shift the gray image 1 px right, and add seeded Gaussian noise (std `noise`); measure how much
    max, average and min pooling outputs change with the page's settings (mode only matters for the
    global poolings, whose window is the whole image)."""
    gray = to_gray(image).astype(np.float64)
    H, W = gray.shape
    if mode in ("global_avg", "global_max"):
        kernel, stride, padding = (H, W), 1, 0
    else:
        stride = kernel_size if stride is None else stride
        kernel = (kernel_size, kernel_size)
        if stride < 1 or kernel_size < 1:
            raise InputError("stride and window must be at least 1", "stride_zero")
        if 2 * padding > kernel_size:
            raise InputError("padding must be at most half the window", "pool_padding_too_big")
        if kernel_size > min(H, W) + 2 * padding:
            raise InputError("the window is larger than the padded input", "kernel_bigger_than_input",
                             k=f"{kernel_size}×{kernel_size}", n=f"{H + 2 * padding}×{W + 2 * padding}")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0; got {noise}")

    def pooled(x: np.ndarray, m: str) -> np.ndarray:  # (OH, OW)
        return pool2d(x, kernel, stride=(stride, stride), padding=padding, mode=m)

    base = {m: pooled(gray, m) for m in MODES}
    image_change = float(np.abs(gray - shift_right(gray)).mean())
    shifted = shift_right(gray)
    shift = {m: float(np.abs(base[m] - pooled(shifted, m)).mean()) / (image_change or 1.0) for m in MODES}
    noisy = gray + np.random.default_rng(seed).normal(0, noise, gray.shape)
    noise_change = {m: float(np.abs(pooled(noisy, m) - base[m]).mean()) for m in MODES}
    return PoolingExperiments(shift=_claim("shift", shift, show_shift, image_change == 0),
                              noise=_claim("noise", noise_change, show_noise, noise == 0, float(noise)))
