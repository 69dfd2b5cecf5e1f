"""Named kernel presets with a short description in English and Korean.

Weights are for cross-correlation (what conv2d computes): Sobel x is −1 on the left and +1 on the
right, so it is positive where the image gets brighter to the right.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Kernel:
    """A preset: weights (kh, kw) and what it does, in English and Korean."""

    name: str
    weights: np.ndarray  # (kh, kw)
    en: str
    ko: str
    title_en: str
    title_ko: str


def _k(name: str, title_en: str, title_ko: str, rows: list[list[float]], en: str, ko: str, scale: float = 1.0) -> Kernel:
    w = np.array(rows, dtype=np.float64) * scale
    w.setflags(write=False)
    return Kernel(name, w, en, ko, title_en, title_ko)


_PRESETS = [
    _k("identity", "Identity", "항등", [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
       "Copies each pixel: the output equals the input.", "각 픽셀을 그대로 복사합니다: 출력이 입력과 같습니다."),
    _k("box_blur", "Box blur 3×3", "박스 블러 3×3", [[1, 1, 1]] * 3,
       "Average of the 3×3 neighbourhood: smooths noise and detail.", "3×3 이웃의 평균: 잡음과 세부를 부드럽게 합니다.",
       1 / 9),
    _k("box_blur_5", "Box blur 5×5", "박스 블러 5×5", [[1] * 5] * 5,
       "Average of the 5×5 neighbourhood: a stronger blur.", "5×5 이웃의 평균: 더 강한 블러입니다.", 1 / 25),
    _k("gaussian_blur", "Gaussian blur 3×3", "가우시안 블러 3×3", [[1, 2, 1], [2, 4, 2], [1, 2, 1]],
       "Weighted average, nearer pixels count more: a soft blur.",
       "가까운 픽셀일수록 더 큰 가중치를 주는 평균: 부드러운 블러입니다.", 1 / 16),
    _k("gaussian_blur_5", "Gaussian blur 5×5", "가우시안 블러 5×5",
       [[1, 4, 6, 4, 1], [4, 16, 24, 16, 4], [6, 24, 36, 24, 6], [4, 16, 24, 16, 4], [1, 4, 6, 4, 1]],
       "A wider Gaussian (binomial) blur.", "더 넓은 가우시안(이항) 블러입니다.", 1 / 256),
    _k("sharpen", "Sharpen", "선명하게", [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
       "Adds the difference from the neighbours: edges get crisper.", "이웃과의 차이를 더해 경계를 더 또렷하게 합니다."),
    _k("laplacian", "Laplacian edge", "라플라시안 에지", [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
       "Zero on flat areas, large where brightness changes in any direction.",
       "평평한 곳에서는 0, 밝기가 어느 방향으로든 변하는 곳에서 커집니다."),
    _k("sobel_x", "Sobel x", "소벨 x", [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
       "Vertical edges: positive where it gets brighter to the right.",
       "세로 경계: 오른쪽으로 갈수록 밝아지는 곳에서 양수입니다."),
    _k("sobel_y", "Sobel y", "소벨 y", [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
       "Horizontal edges: positive where it gets brighter downwards.",
       "가로 경계: 아래로 갈수록 밝아지는 곳에서 양수입니다."),
    _k("prewitt_x", "Prewitt x", "프리윗 x", [[-1, 0, 1]] * 3,
       "Like Sobel x with equal row weights.", "행 가중치가 같은 소벨 x와 비슷한 필터입니다."),
    _k("prewitt_y", "Prewitt y", "프리윗 y", [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
       "Like Sobel y with equal column weights.", "열 가중치가 같은 소벨 y와 비슷한 필터입니다."),
    _k("emboss", "Emboss", "엠보스", [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
       "Lights the image from one corner: a raised, stamped look.", "한쪽 모서리에서 빛을 비춘 듯 도드라진 느낌을 줍니다."),
    _k("outline", "Outline", "윤곽선", [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
       "Strong response on every edge, zero on flat areas.", "모든 경계에서 강하게 반응하고 평평한 곳은 0입니다."),
    _k("horizontal_line", "Horizontal line", "가로선", [[-1, -1, -1], [2, 2, 2], [-1, -1, -1]],
       "Responds to thin horizontal lines.", "얇은 가로선에 반응합니다."),
    _k("vertical_line", "Vertical line", "세로선", [[-1, 2, -1]] * 3,
       "Responds to thin vertical lines.", "얇은 세로선에 반응합니다."),
]

KERNELS: dict[str, Kernel] = {k.name: k for k in _PRESETS}


MAX_KERNEL_SIDE = 7
MAX_KERNEL_CHARS = 4000


def parse_kernel(text: str) -> np.ndarray:
    """A kernel typed as rows of numbers ("1 0 -1" per line, or rows split by ';') -> (kh, kw) float64."""
    from ._args import InputError

    if not isinstance(text, str):
        raise InputError(f"kernel must be text; got {type(text).__name__}", "kernel_empty")
    if len(text) > MAX_KERNEL_CHARS:  # 49 numbers fit in far less; a huge paste is not split into a million words
        raise InputError(f"kernel must be at most {MAX_KERNEL_SIDE}×{MAX_KERNEL_SIDE}", "kernel_too_large",
                         max=MAX_KERNEL_SIDE)
    rows = [r for r in (line.replace(",", " ").split() for line in text.replace(";", "\n").splitlines()) if r]
    if not rows:
        raise InputError("kernel is empty: type rows of numbers", "kernel_empty")
    if len(rows) > MAX_KERNEL_SIDE or any(len(r) > MAX_KERNEL_SIDE for r in rows):
        raise InputError(f"kernel must be at most {MAX_KERNEL_SIDE}×{MAX_KERNEL_SIDE}", "kernel_too_large",
                         max=MAX_KERNEL_SIDE)
    if len({len(r) for r in rows}) != 1:
        raise InputError(f"kernel rows must all have the same length; got {[len(r) for r in rows]}",
                         "kernel_ragged")
    try:
        k = np.array([[float(v) for v in r] for r in rows])
    except ValueError as e:
        word = str(e).rsplit(":", 1)[-1].strip()
        raise InputError(f"kernel has {word}, which is not a number", "kernel_not_number", word=word) from None
    if not np.isfinite(k).all():
        raise InputError("kernel must contain only finite numbers; got NaN or inf", "kernel_nan")
    return k


def kernel_text(k: np.ndarray) -> str:
    """The inverse of parse_kernel: one row per line, numbers as a learner writes them."""
    from .shapes import fmt

    return "\n".join(" ".join(fmt(v).replace("−", "-") for v in row) for row in np.asarray(k))


def rgb_filters(n: int, size: int = 3, seed: int = 0) -> np.ndarray:
    """n filters for an RGB input, (n, 3, size, size): a few meaningful ones, then seeded random ones."""
    from ._args import InputError

    if not (isinstance(n, int) and 1 <= n <= 64):
        raise InputError(f"n must be an int from 1 to 64; got {n!r}", "arg_whole_range", name="n", minimum=1, max=64,
                         value=repr(n))
    if size not in (3, 5):
        raise InputError(f"size must be 3 or 5; got {size!r}", "arg_not_choice", name="size", allowed="3, 5",
                         value=repr(size))
    base = {3: KERNELS["sobel_x"].weights, 5: np.kron(KERNELS["sobel_x"].weights, np.ones((2, 2)))[:5, :5]}[size]
    blur = np.full((size, size), 1 / size**2)
    named = [
        np.stack([base, base, base]) / 3,  # vertical edges, colour-blind
        np.stack([base.T, base.T, base.T]) / 3,  # horizontal edges
        np.stack([blur, -blur, 0 * blur]),  # red minus green
        np.stack([-blur / 2, -blur / 2, blur]),  # blue against the rest
    ]
    rng = np.random.default_rng(seed)
    extra = [rng.normal(0, 1 / size, (3, size, size)) for _ in range(max(0, n - len(named)))]
    return np.stack((named + extra)[:n])


def colour_opponent_filter(size: int = 3) -> np.ndarray:
    """One filter for an RGB input whose three kernels differ, (3, size, size): red +vertical edge, green
    −vertical edge (red against green, as colour-opponent cells in the eye), blue horizontal edge.

    On a gray image (three equal channels) the red and green parts cancel in the sum; on a photo they
    add up where red and green change in opposite directions.
    """
    from ._args import InputError

    if size not in (3, 5):
        raise InputError(f"size must be 3 or 5; got {size!r}", "arg_not_choice", name="size", allowed="3, 5",
                         value=repr(size))
    # Sobel x, and its 5×5 form: smoothing [1, 1, 2, 1, 1] down the rows × derivative [−1, −2, 0, 2, 1]
    edge = KERNELS["sobel_x"].weights if size == 3 else np.outer([1, 1, 2, 1, 1], [-1, -2, 0, 2, 1]).astype(float)
    return np.stack([edge, -edge, edge.T])
