"""The receptive field of one cell of a stack's last layer, layer by layer down to the input.

`playground.shapes.receptive_field` gives the input rectangle only, walked back without clipping. Here
every layer's rectangle is kept, and each is clipped to its layer before the walk goes on: a padding cell
depends on nothing, and a row that a stride leaves unread (7 rows, 2×2 pooling, stride 2: row 6) is in
no window. The browser (ui/receptive/receptive.js) walks the same way; tests check both against
`receptive_field` and against torch autograd.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from . import _args
from ._args import InputError
from .shapes import Layer, Rect, _as_layer, output_size


@dataclass(frozen=True)
class LayerField:
    """The cells of one grid (the input, or a layer's output) that the chosen last-layer cell depends on."""

    size: tuple[int, int]  # (H, W) of this grid
    reach: Rect | None  # what the next layer's windows cover, in this grid's coordinates: may reach into padding
    rect: Rect | None  # reach clipped to the grid: the cells themselves; None when the windows read only padding

    @property
    def touches_padding(self) -> bool:
        return self.reach != self.rect


def layer_sizes(input_hw: tuple[int, int], layers: Iterable[Any]) -> list[tuple[int, int]]:
    """(H, W) of the input and of every layer's output; InputError when a layer's window does not fit."""
    H, W = input_hw
    sizes = [(H, W)]
    for i, layer in enumerate(layers):
        l = _as_layer(i, layer)
        H = output_size(H, l.kernel_size, l.stride, l.padding, l.dilation).size
        W = output_size(W, l.kernel_size, l.stride, l.padding, l.dilation).size
        if H < 1 or W < 1:
            raise InputError("a layer's kernel is larger than its input", "kernel_bigger_than_input",
                             k=f"{l.kernel_size}×{l.kernel_size}", n=f"{sizes[-1][0] + 2 * l.padding}×"
                             f"{sizes[-1][1] + 2 * l.padding}")
        sizes.append((H, W))
    return sizes


def field_per_layer(input_hw: tuple[int, int], layers: Iterable[Any], at: tuple[int, int]) -> list[LayerField]:
    """[input, layer 1, ..., last layer]: the cells cell `at` of the last layer depends on, in each grid.

    One layer back: output rows [a, b] read input rows [a·s − p, b·s − p + d(k−1)] (the `reach`, which may
    leave the grid: padding), and only the rows inside the grid go on to the layer before (the `rect`). A window
    that reads only padding (a 1×1 kernel with padding 1, at a corner) depends on no cell: rect None.
    """
    layers = [_as_layer(i, l) for i, l in enumerate(layers)]
    sizes = layer_sizes(input_hw, layers)
    H, W = sizes[-1]
    if not (isinstance(at, (tuple, list)) and len(at) == 2 and all(_args._is_int(v) and v >= 0 for v in at)):
        raise InputError(f"at must be (i, j) with ints >= 0; got {_args.shown(at)}", "at_not_index", name="at", n=2,
                         value=_args.shown(at))
    if not (at[0] < H and at[1] < W):
        raise InputError(f"the cell {tuple(at)} lies outside the last layer's {H}×{W}", "at_outside",
                         value=_args.shown(tuple(at)), shape=f"{H}×{W}")
    cell = Rect(int(at[0]), int(at[1]), int(at[0]), int(at[1]))
    out = [LayerField(sizes[-1], cell, cell)]
    rect = cell
    for l, (h, w) in zip(reversed(layers), reversed(sizes[:-1])):
        reach = None  # (a field that is all padding depends on nothing further down)
        if rect is not None:
            span = l.dilation * (l.kernel_size - 1)
            reach = Rect(rect.top * l.stride - l.padding, rect.left * l.stride - l.padding,
                         rect.bottom * l.stride - l.padding + span, rect.right * l.stride - l.padding + span)
            rect = reach.clip(h, w)
            if rect.height < 1 or rect.width < 1:
                rect = None
        out.append(LayerField((h, w), reach, rect))
    return out[::-1]


def geometry(layers: Iterable[Any]) -> list[Layer]:
    """Normalised layers (dicts or Layer) for sending to the browser."""
    return [_as_layer(i, l) for i, l in enumerate(layers)]


def stack_layers(specs: Iterable[dict]) -> list[Layer]:
    """The Channels page's stack dicts {kernel_size, filters, padding, pool} as layers, as `stack_lesson` builds
    them: a stride-1 conv, then (pool > 1) a q×q max pooling with stride q."""
    out = []
    for spec in specs:
        out.append(Layer("conv", int(spec["kernel_size"]), 1, int(spec.get("padding", 0))))
        q = int(spec.get("pool", 1))
        if q > 1:
            out.append(Layer("pool", q, q, 0))
    return out
