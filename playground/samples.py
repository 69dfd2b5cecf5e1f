"""Built-in images shipped in the repo (see README for sources and licences), as uint8 arrays."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
from PIL import Image

DATA = Path(__file__).parent / "data"

SAMPLES = ("astronaut", "cat", "digit", "shapes", "grid6", "grid5")


@functools.cache
def mnist() -> tuple[np.ndarray, np.ndarray]:
    """The shipped MNIST subset: images (5000, 28, 28) uint8, labels (5000,) uint8."""
    with np.load(DATA / "mnist_5k.npz") as f:
        return f["images"], f["labels"]


def _shapes() -> np.ndarray:
    """A 64×64 gray picture with a square, a disc, a triangle and a bar: clean edges to detect."""
    yy, xx = np.mgrid[:64, :64]
    img = np.full((64, 64), 30, np.uint8)
    img[8:26, 8:26] = 220  # square
    img[(yy - 17) ** 2 + (xx - 46) ** 2 <= 9**2] = 160  # disc
    tri = (yy >= 36) & (yy <= 56) & (np.abs(xx - 17) <= (yy - 36) / 2)
    img[tri] = 250  # triangle
    img[36:58, 44:49] = 120  # vertical bar
    return img


def sample(name: str) -> np.ndarray:
    """A built-in image by name: uint8 (H, W) or (H, W, 3)."""
    if name == "astronaut":
        return np.asarray(Image.open(DATA / "astronaut.jpg").convert("RGB"))  # (512, 512, 3)
    if name == "cat":
        return np.asarray(Image.open(DATA / "cat.jpg").convert("RGB"))  # (300, 451, 3)
    if name == "digit":
        images, labels = mnist()
        return images[int(np.flatnonzero(labels == 3)[0])]  # a handwritten 3, (28, 28)
    if name == "shapes":
        return _shapes()
    if name == "grid6":  # the classic 6×6 hand exercise: a 3×3 filter gives a 4×4 map
        return np.array([[3, 0, 1, 2, 7, 4], [1, 5, 8, 9, 3, 1], [2, 7, 2, 5, 1, 3],
                         [0, 1, 3, 1, 7, 8], [4, 2, 1, 6, 2, 8], [2, 4, 5, 2, 3, 9]], np.uint8)
    if name == "grid5":  # d2l / CS231n style 5×5: with [[1,0,1],[0,1,0],[1,0,1]] it gives [[4,3,4],[2,4,3],[2,3,4]]
        return np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0],
                         [0, 1, 1, 0, 0]], np.uint8)
    raise ValueError(f"name must be one of {', '.join(SAMPLES)}; got {name!r}")
