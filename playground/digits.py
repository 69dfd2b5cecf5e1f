"""Preparing a digit the way MNIST did, and disturbing it for the robustness experiment."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from ._args import InputError


@dataclass(frozen=True)
class Prepared:
    """Each step of MNIST's preprocessing, for the page to show."""

    original: np.ndarray  # (H, W) 0..1, white ink on black
    cropped: np.ndarray  # the ink's bounding box
    scaled: np.ndarray  # longer side 20 px, aspect kept
    centred: np.ndarray  # (28, 28): the 20×20 box placed so the centre of mass is at the centre


def prepare_digit(image: np.ndarray, *, ink_on_white: bool | None = None) -> Prepared:
    """MNIST's steps: crop to the ink, fit in 20×20, centre by mass in 28×28 (values 0..1, white ink)."""
    a = np.asarray(image, dtype=np.float64)
    if a.ndim == 3:
        a = a[..., :3] @ np.array([0.299, 0.587, 0.114])
    if a.ndim != 2 or a.size == 0:
        raise ValueError(f"image must be (H, W) or (H, W, 3); got shape {np.shape(image)}")
    a = a / 255.0 if a.max() > 1 else a
    if ink_on_white if ink_on_white is not None else a.mean() > 0.5:  # dark ink on paper -> invert
        a = 1.0 - a
    ink = a > 0.1 * (a.max() or 1)
    if a.max() < 0.05 or not ink.any():
        raise InputError("the image has no ink to read", "draw_something")
    rows, cols = np.flatnonzero(ink.any(1)), np.flatnonzero(ink.any(0))
    cropped = a[rows[0]: rows[-1] + 1, cols[0]: cols[-1] + 1]
    h, w = cropped.shape
    scale = 20.0 / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    scaled = np.asarray(Image.fromarray(cropped.astype(np.float32), mode="F").resize(size, Image.Resampling.LANCZOS))
    scaled = np.clip(scaled, 0, 1)
    canvas = np.zeros((28, 28))
    top, left = (28 - scaled.shape[0]) // 2, (28 - scaled.shape[1]) // 2
    canvas[top: top + scaled.shape[0], left: left + scaled.shape[1]] = scaled
    yy, xx = np.mgrid[:28, :28]
    mass = canvas.sum() or 1.0
    dy, dx = round(13.5 - (yy * canvas).sum() / mass), round(13.5 - (xx * canvas).sum() / mass)
    centred = _shift(canvas, dy, dx)
    return Prepared(a, cropped, scaled, centred)


def _shift(a: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """Move an image by whole pixels, filling with 0 (no wrap-around)."""
    out = np.zeros_like(a)
    H, W = a.shape
    ys, yd = (slice(0, H - dy), slice(dy, H)) if dy >= 0 else (slice(-dy, H), slice(0, H + dy))
    xs, xd = (slice(0, W - dx), slice(dx, W)) if dx >= 0 else (slice(-dx, W), slice(0, W + dx))
    out[yd, xd] = a[ys, xs]
    return out


def perturb(digit: np.ndarray, *, shift: tuple[int, int] = (0, 0), angle: float = 0.0, noise: float = 0.0,
            brightness: float = 1.0, seed: int = 0) -> np.ndarray:
    """A (28, 28) digit in 0..1 shifted (dy, dx) px, rotated (degrees), noised (std) and brightened (×)."""
    a = np.asarray(digit, dtype=np.float32)
    if angle:
        a = np.asarray(Image.fromarray(a, mode="F").rotate(angle, resample=Image.Resampling.BILINEAR))
    a = _shift(a, int(shift[0]), int(shift[1]))
    if noise:
        a = a + np.random.default_rng(seed).normal(0, noise, a.shape).astype(np.float32)
    return np.clip(a * brightness, 0, 1)
