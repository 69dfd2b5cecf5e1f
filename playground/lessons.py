"""Everything one page shows, computed in one call (pages stay: widgets -> one call -> show).

The learner's settings are validated once, where they are used (conv2d, pool2d, output_size):
those raise `InputError` with a key of the strings table, so the page can say what is wrong in the
learner's language. Nothing here checks them a second time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._args import InputError
from .conv import conv2d, setup_conv
from .images import to_gray
from .pool import pool2d
from .shapes import Layer, OutputSize, Rect, coverage, coverage_padded, output_size, receptive_field
from .trace import ConvTrace, PoolTrace, trace_conv, trace_pool


def _at(at: tuple[int, int], shape: tuple[int, int]) -> tuple[int, int]:
    """Clamp a chosen cell into the output (a smaller output after a change keeps a valid cell)."""
    return min(max(int(at[0]), 0), shape[0] - 1), min(max(int(at[1]), 0), shape[1] - 1)


@dataclass(frozen=True)
class ConvLesson:
    """The Convolution page: input, kernel, output, activation, sizes, coverage and one traced cell."""

    image: np.ndarray  # (H, W) the gray input, 0..255
    padded: np.ndarray  # (Hp, Wp) the input with its padding
    pads: tuple[int, int, int, int]  # top, bottom, left, right
    kernel: np.ndarray  # (kh, kw)
    output: np.ndarray  # (OH, OW) the feature map
    activated: np.ndarray  # (OH, OW) after the activation
    size_h: OutputSize
    size_w: OutputSize
    coverage: np.ndarray  # (H, W) windows per pixel with this padding
    coverage_unpadded: np.ndarray  # (H, W) the same without padding
    never_seen: int  # pixels no window reads (the dropped remainder when a setting does not fit)
    bias: float
    settings: dict  # stride, padding, dilation, padding_mode

    @property
    def pad_mask(self) -> np.ndarray:
        """(Hp, Wp) True on the padding around the image."""
        t, b, l, r = self.pads
        mask = np.ones(self.padded.shape, dtype=bool)
        mask[t: self.padded.shape[0] - b, l: self.padded.shape[1] - r] = False
        return mask

    def trace_at(self, at: tuple[int, int]) -> ConvTrace:
        """The arithmetic of output cell `at` (clamped into the output)."""
        return trace_conv(self.image, self.kernel, self.bias, at=_at(at, self.output.shape), **self.settings)


def conv_lesson(image: np.ndarray, kernel: np.ndarray, *, stride: int = 1, padding: int | str = 0,
                dilation: int = 1, padding_mode: str = "zeros", bias: float = 0.0,
                activation: str = "none") -> ConvLesson:
    """One kernel over the gray image, with everything the Convolution page draws (trace_at for one cell)."""
    gray = to_gray(image)  # (H, W)
    kw_args = dict(stride=stride, padding=padding, dilation=dilation, padding_mode=padding_mode)
    s = setup_conv(gray, kernel, bias, **kw_args)  # validates every setting (InputError with a key)
    kernel = s.weight[0, 0]  # (kh, kw) float64
    H, W = gray.shape
    kh, kw = kernel.shape
    output = conv2d(gray, kernel, bias, **kw_args)  # (OH, OW); refuses a map that overflows to inf
    activated = np.maximum(output, 0) if activation == "relu" else output
    cov = coverage_padded((H, W), (kh, kw), (stride, stride), s.pads, (dilation, dilation))
    cov0 = coverage((H, W), (kh, kw), stride=stride, padding=0, dilation=dilation) if _fits_unpadded(
        H, W, kh, kw, dilation) else np.zeros((H, W), np.int64)
    total_pad_h, total_pad_w = s.pads[0] + s.pads[1], s.pads[2] + s.pads[3]
    return ConvLesson(
        image=gray, padded=s.padded()[0], pads=s.pads, kernel=kernel, output=output, activated=activated,
        size_h=output_size(H, kh, stride, total_pad_h // 2, dilation) if total_pad_h % 2 == 0
        else _same_size(H), size_w=output_size(W, kw, stride, total_pad_w // 2, dilation)
        if total_pad_w % 2 == 0 else _same_size(W),
        coverage=cov, coverage_unpadded=cov0, never_seen=int((cov == 0).sum()), bias=float(s.bias[0]),
        settings=kw_args)


def _fits_unpadded(H: int, W: int, kh: int, kw: int, d: int) -> bool:
    return d * (kh - 1) + 1 <= H and d * (kw - 1) + 1 <= W


def _same_size(n: int) -> OutputSize:
    """'same' with an even kernel pads one more on the bottom/right: the size is n by construction."""
    return OutputSize(exact=float(n), size=n, fits=True, formula=f"same → {n}")


@dataclass(frozen=True)
class PoolLesson:
    """The Pooling page: input, output, sizes, one traced cell, and the two experiments."""

    image: np.ndarray  # (H, W) gray input
    output: np.ndarray  # (OH, OW), or (1, 1) for global pooling
    size_h: OutputSize
    size_w: OutputSize
    shifted_change: float  # mean |pool(x) − pool(x shifted 1 px)| / mean |x − x shifted|
    noise_max: float  # mean |pool(x + noise) − pool(x)| for max pooling
    noise_avg: float  # the same for average pooling
    settings: dict  # kernel_size, stride, padding, mode as pool2d takes them

    def trace_at(self, at: tuple[int, int]) -> PoolTrace:
        """Which pixel won (or the average) for output cell `at` (clamped into the output)."""
        ks = self.settings["kernel_size"]
        return trace_pool(self.image, ks, at=_at(at, self.output.shape),
                          **{k: v for k, v in self.settings.items() if k != "kernel_size"})


def pool_lesson(image: np.ndarray, *, kernel_size: int = 2, stride: int | None = None, padding: int = 0,
                mode: str = "max", noise: float = 20.0, seed: int = 0) -> PoolLesson:
    """Pooling of the gray image with the page's settings, plus the shift and noise experiments."""
    gray = to_gray(image).astype(np.float64)
    H, W = gray.shape
    if mode in ("global_avg", "global_max"):
        kernel_size, stride, padding = max(H, W), 1, 0
        kernel = (H, W)
        mode = mode.removeprefix("global_")
    else:
        kernel = (kernel_size, kernel_size)
    stride = kernel_size if stride is None else stride
    st = (stride, stride)
    output = pool2d(gray, kernel, stride=st, padding=padding, mode=mode)  # validates the settings

    def pooled(x: np.ndarray, m: str) -> np.ndarray:
        return pool2d(x, kernel, stride=st, padding=padding, mode=m)

    shifted = np.roll(gray, 1, axis=1)
    shifted[:, 0] = gray[:, 0]
    base_change = np.abs(gray - shifted).mean() or 1.0
    noisy = gray + np.random.default_rng(seed).normal(0, noise, gray.shape)
    return PoolLesson(
        image=gray, output=output, size_h=output_size(H, kernel[0], stride, padding),
        size_w=output_size(W, kernel[1], stride, padding),
        shifted_change=float(np.abs(output - pooled(shifted, mode)).mean() / base_change),
        noise_max=float(np.abs(pooled(noisy, "max") - pooled(gray, "max")).mean()),
        noise_avg=float(np.abs(pooled(noisy, "avg") - pooled(gray, "avg")).mean()),
        settings=dict(kernel_size=kernel, stride=st, padding=padding, mode=mode))


@dataclass(frozen=True)
class ChannelLesson:
    """The Channels page: one filter per channel, summed; then a stack of filters."""

    image: np.ndarray  # (3, H, W) the RGB input as channels
    filters: np.ndarray  # (F, 3, k, k)
    partial: np.ndarray  # (3, OH, OW) filter 0's kernel c over channel c
    summed: np.ndarray  # (OH, OW) the partial maps added
    bias: float
    first_map: np.ndarray  # (OH, OW) summed + bias (= conv2d's map 0)
    stack: np.ndarray  # (F, OH', OW') every filter's map, after ReLU and optional pooling
    stack_shape: tuple[int, int, int]  # (H, W, C) as learners write it


def channel_lesson(image: np.ndarray, filters: np.ndarray, *, bias: float = 0.0, stride: int = 1,
                   padding: int = 0, pool: int = 1) -> ChannelLesson:
    """RGB convolution per channel for filter 0, and the feature-map stack for all filters."""
    rgb = np.asarray(image)
    if rgb.ndim == 2:
        rgb = np.repeat(rgb[..., None], 3, axis=2)  # gray -> three equal channels
    x = np.ascontiguousarray(rgb.transpose(2, 0, 1))  # (H, W, 3) -> (3, H, W)
    filters = np.asarray(filters, dtype=np.float64)
    _, H, W = x.shape
    k = filters.shape[-1]
    kw = dict(stride=stride, padding=padding)
    # filter 0's kernel c over channel c alone: one conv whose weight is block-diagonal, (3, 3, k, k)
    diagonal = np.zeros((3, 3, k, k))
    diagonal[np.arange(3), np.arange(3)] = filters[0]
    partial = conv2d(x, diagonal, **kw)  # (3, OH, OW)
    maps = conv2d(x, filters, np.full(len(filters), bias), **kw)  # (F, OH, OW)
    maps = np.maximum(maps, 0)  # ReLU
    if pool > 1:
        maps = pool2d(maps, pool, mode="max")  # refuses a window larger than the maps
    summed = partial.sum(axis=0)
    return ChannelLesson(image=x, filters=filters, partial=partial, summed=summed, bias=bias,
                         first_map=summed + bias, stack=maps, stack_shape=(maps.shape[1], maps.shape[2], maps.shape[0]))


@dataclass(frozen=True)
class StackRow:
    """One layer of a conv(+pool) stack: its shape (H, W, C) after it."""

    label: str  # "conv 5×5, 6 filters" etc. (the page translates the kind)
    kind: str  # "input", "conv" or "pool"
    shape: tuple[int, int, int]
    params: int


@dataclass(frozen=True)
class StackLesson:
    """How H, W shrink and depth grows through 1–4 conv(+pool) layers; one cell's receptive field."""

    rows: tuple[StackRow, ...]
    at: tuple[int, int]
    field: Rect  # in input pixels (may reach into padding)
    field_clipped: Rect


def stack_lesson(input_shape: tuple[int, int, int], layers: list[dict], at: tuple[int, int] = (0, 0)) -> StackLesson:
    """Shapes through a stack of layers dicts {kernel_size, filters, padding, pool}; receptive field of `at`."""
    H, W, C = input_shape
    rows = [StackRow("input", "input", (H, W, C), 0)]
    geometry: list[Layer] = []
    for spec in layers:
        k, f, p = spec["kernel_size"], spec["filters"], spec.get("padding", 0)
        oh, ow = output_size(H, k, 1, p).size, output_size(W, k, 1, p).size
        if oh < 1 or ow < 1:
            raise InputError("a layer's kernel is larger than its input", "kernel_bigger_than_input",
                             k=f"{k}×{k}", n=f"{H + 2 * p}×{W + 2 * p}")
        rows.append(StackRow(f"{k}×{k}", "conv", (oh, ow, f), k * k * C * f + f))
        geometry.append(Layer("conv", k, 1, p))
        H, W, C = oh, ow, f
        if spec.get("pool", 1) > 1:
            q = spec["pool"]
            if q > min(H, W):
                raise InputError("the pooling window is larger than its input", "kernel_bigger_than_input",
                                 k=f"{q}×{q}", n=f"{H}×{W}")
            H, W = output_size(H, q, q).size, output_size(W, q, q).size
            rows.append(StackRow(f"{q}×{q}", "pool", (H, W, C), 0))
            geometry.append(Layer("pool", q, q, 0))
    at = _at(at, (H, W))
    rf = receptive_field(geometry, at) if geometry else Rect(at[0], at[1], at[0], at[1])
    return StackLesson(tuple(rows), at, rf, rf.clip(*input_shape[:2]))


@dataclass(frozen=True)
class MapBlock:
    """One block of the Home page's CNN map."""

    stage: str  # "features" or "classifier"
    kind: str  # input, conv, relu, pool, flatten, dense, softmax
    shape: tuple[int, ...]  # (H, W, C) or (N,)
    dense_params: int = 0  # (last block only) a 100-unit Dense layer on a flattened 224×224×3 photo
    conv_params: int = 0  # ... and a 100-filter 3×3 conv layer on the same photo


HOME_MODEL = """
model = nn.Sequential(
    nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(400, 10), nn.Softmax(dim=1),
)
"""


def cnn_map() -> list[MapBlock]:
    """The blocks of a small digit CNN with the shape of the data after each (from summarize_torch)."""
    from .summary import summarize_torch

    summary = summarize_torch(HOME_MODEL, (1, 28, 28))
    kinds = {"Conv2d": "conv", "ReLU": "relu", "MaxPool2d": "pool", "Flatten": "flatten", "Linear": "dense",
             "Softmax": "softmax"}

    def text(shape: tuple[int, ...]) -> tuple[int, ...]:  # (C, H, W) -> (H, W, C) as the lessons write it
        return (shape[1], shape[2], shape[0]) if len(shape) == 3 else shape

    blocks = [MapBlock("features", "input", text((1, 28, 28)))]
    for row in summary.rows:
        kind = kinds[row.kind]
        blocks.append(MapBlock("classifier" if kind in ("flatten", "dense", "softmax") else "features", kind,
                               text(row.output_shape)))
    flat = 224 * 224 * 3
    last = blocks[-1]
    blocks[-1] = MapBlock(last.stage, last.kind, last.shape, dense_params=flat * 100 + 100,
                          conv_params=3 * 3 * 3 * 100 + 100)
    return blocks
