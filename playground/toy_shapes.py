"""Coloured shapes, drawn on the fly: a dataset where colour matters, so first-layer filters learn colour.

Eight classes, a colour (red or blue) × a shape (circle, square, triangle, cross). Each image is
(3, 28, 28) like an RGB photo: a dark, noisy background of random tint, one shape of random size,
position, rotation and shade. Only numpy; seeded, so every session and test draws the same set.
"""

from __future__ import annotations

import numpy as np

COLOURS = ("red", "blue")
SHAPES = ("circle", "square", "triangle", "cross")
CLASSES = tuple((c, s) for s in SHAPES for c in COLOURS)  # label k = CLASSES[k]: (colour, shape)
SIDE = 28


def _inside(shape: str, u: np.ndarray, v: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Mask of pixels inside a shape of radius r, in its own rotated coordinates u (right), v (down)."""
    if shape == "circle":
        return u**2 + v**2 <= r**2
    if shape == "square":
        return np.maximum(abs(u), abs(v)) <= 0.8 * r
    if shape == "triangle":  # pointing up: below the two upper edges, above the base
        return (v <= 0.5 * r) & (np.sqrt(3) * u - v <= r) & (-np.sqrt(3) * u - v <= r)
    arm = r / 3.5  # cross: two bars
    return ((abs(u) <= arm) & (abs(v) <= r)) | ((abs(v) <= arm) & (abs(u) <= r))


def make_shapes(per_class: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(images (N, 3, 28, 28) uint8, labels (N,) int64), per_class images of each of the 8 classes, shuffled."""
    if per_class < 1:
        raise ValueError(f"per_class must be ≥ 1; got {per_class}")
    rng = np.random.default_rng(seed)
    n = per_class * len(CLASSES)
    labels = rng.permutation(np.repeat(np.arange(len(CLASSES)), per_class))
    r = rng.uniform(6.0, 10.0, n)  # radius, pixels
    cy, cx = (rng.uniform(r + 1, SIDE - 1 - r) for _ in range(2))  # the whole shape on the image
    angle = rng.uniform(-np.pi / 12, np.pi / 12, n)
    # colours: strong in their own channel, weak in the others; a dark background of random tint
    strong, weak = rng.uniform(0.65, 1.0, n), rng.uniform(0.0, 0.3, (n, 2))
    red = np.array([CLASSES[k][0] == "red" for k in labels])
    ink = np.where(red[:, None], np.column_stack([strong, weak]), np.column_stack([weak, strong]))  # (N, 3)
    background = rng.uniform(0.0, 0.25, (n, 3))
    out = np.empty((n, 3, SIDE, SIDE), np.uint8)
    y, x = np.mgrid[0:SIDE, 0:SIDE].astype(np.float32) + 0.5  # pixel centres
    for a in range(0, n, 500):  # in slices: a small peak of float32 work arrays
        b = min(a + 500, n)
        sl = slice(a, b)
        dy, dx = y - cy[sl, None, None], x - cx[sl, None, None]  # (n, 28, 28)
        cos, sin = np.cos(angle[sl])[:, None, None], np.sin(angle[sl])[:, None, None]
        u, v = cos * dx + sin * dy, cos * dy - sin * dx  # the shape's own axes, rotated
        mask = np.zeros((b - a, SIDE, SIDE), bool)
        for k, (_, shape) in enumerate(CLASSES):
            rows = labels[sl] == k
            mask[rows] = _inside(shape, u[rows], v[rows], r[sl][rows, None, None])
        img = np.where(mask[:, None], ink[sl, :, None, None], background[sl, :, None, None]).astype(np.float32)
        img += 0.05 * rng.standard_normal(img.shape, dtype=np.float32)  # sensor noise
        out[sl] = np.clip(img * 255 + 0.5, 0, 255).astype(np.uint8)
    return out, labels.astype(np.int64)
