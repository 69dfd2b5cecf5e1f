"""The classic ImageNet CNNs, defined compactly after torchvision, built on the meta device.

Nothing is downloaded and no weight is allocated (VGG-16 alone would take 550 MB): modules are
created on torch's "meta" device, parameters are counted from their shapes, and one forward pass
of a meta tensor gives every layer's output shape and the multiply-adds.
"""

from __future__ import annotations

import functools
import gzip

import torch
from torch import nn
from torch.nn import functional as F

from .gallery import IMAGENET, INPUTS, TABLE, ArchitectureSummary, LayerRow


def _bn_conv(cin: int, cout: int, k: int, stride: int = 1, padding: int = 0, groups: int = 1, act=nn.ReLU,
             eps: float = 1e-5) -> nn.Sequential:
    """Conv (no bias) -> BatchNorm -> activation (or none)."""
    layers = [nn.Conv2d(cin, cout, k, stride, padding, groups=groups, bias=False), nn.BatchNorm2d(cout, eps=eps)]
    return nn.Sequential(*layers, act(inplace=True)) if act else nn.Sequential(*layers)


# ------------------------------------------------------------------------- LeNet-5, AlexNet, VGG
def lenet5() -> nn.Module:
    """LeNet-5 (LeCun et al. 1998) as it is commonly built today, for a 32×32×1 input.

    This is the network of PyTorch's "Neural Networks" tutorial (and, with padding 2 on 28×28 inputs,
    of the d2l.ai book): every C3 map sees all six S2 maps, subsampling is plain 2×2 pooling without
    trainable coefficients, and the output is a Linear layer instead of the paper's RBF units.
    61,706 parameters; the 1998 paper, with its partial C3 connections, counts about 60,000.
    """
    return nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(True), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(True), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.ReLU(True), nn.Linear(120, 84), nn.ReLU(True), nn.Linear(84, 10))


def alexnet() -> nn.Module:
    """AlexNet (Krizhevsky et al. 2012), torchvision's single-tower version."""
    return nn.Sequential(
        nn.Conv2d(3, 64, 11, 4, 2), nn.ReLU(True), nn.MaxPool2d(3, 2),
        nn.Conv2d(64, 192, 5, padding=2), nn.ReLU(True), nn.MaxPool2d(3, 2),
        nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(True), nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(True),
        nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(True), nn.MaxPool2d(3, 2), nn.AdaptiveAvgPool2d(6), nn.Flatten(),
        nn.Dropout(), nn.Linear(256 * 36, 4096), nn.ReLU(True), nn.Dropout(), nn.Linear(4096, 4096), nn.ReLU(True),
        nn.Linear(4096, 1000))


def _vgg(convs_per_stage: tuple[int, ...]) -> nn.Module:
    """VGG (Simonyan & Zisserman 2014): only 3×3 convs, doubling channels after each pool."""
    layers, c = [], 3
    plan = [v for width, n in zip([64, 128, 256, 512, 512], convs_per_stage) for v in [width] * n + ["M"]]
    for v in plan:
        if v == "M":
            layers.append(nn.MaxPool2d(2, 2))
        else:
            layers += [nn.Conv2d(c, v, 3, padding=1), nn.ReLU(True)]
            c = v
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(7), nn.Flatten(), nn.Linear(512 * 49, 4096), nn.ReLU(True),
                         nn.Dropout(), nn.Linear(4096, 4096), nn.ReLU(True), nn.Dropout(), nn.Linear(4096, 1000))


def vgg16() -> nn.Module:
    """VGG-16 (configuration D): 2, 2, 3, 3, 3 convs per stage."""
    return _vgg((2, 2, 3, 3, 3))


def vgg19() -> nn.Module:
    """VGG-19 (configuration E): 2, 2, 4, 4, 4 convs per stage."""
    return _vgg((2, 2, 4, 4, 4))


# ------------------------------------------------------------------------- GoogLeNet
class Inception(nn.Module):
    """Four branches side by side, concatenated: 1×1 | 1×1→3×3 | 1×1→3×3 | pool→1×1."""

    def __init__(self, cin: int, c1: int, c3r: int, c3: int, c5r: int, c5: int, pool: int):
        super().__init__()
        conv = functools.partial(_bn_conv, eps=0.001)
        self.b1 = conv(cin, c1, 1)
        self.b2 = nn.Sequential(conv(cin, c3r, 1), conv(c3r, c3, 3, padding=1))
        self.b3 = nn.Sequential(conv(cin, c5r, 1), conv(c5r, c5, 3, padding=1))  # torchvision uses 3×3 here
        self.b4 = nn.Sequential(nn.MaxPool2d(3, 1, 1, ceil_mode=True), conv(cin, pool, 1))

    def forward(self, x):
        return torch.cat([self.b1(x), self.b2(x), self.b3(x), self.b4(x)], 1)


def googlenet() -> nn.Module:
    """GoogLeNet / Inception v1 (Szegedy et al. 2014), without the training-only auxiliary heads."""
    conv = functools.partial(_bn_conv, eps=0.001)
    pool = functools.partial(nn.MaxPool2d, 3, 2, ceil_mode=True)
    return nn.Sequential(
        conv(3, 64, 7, 2, 3), pool(), conv(64, 64, 1), conv(64, 192, 3, padding=1), pool(),
        Inception(192, 64, 96, 128, 16, 32, 32), Inception(256, 128, 128, 192, 32, 96, 64), pool(),
        Inception(480, 192, 96, 208, 16, 48, 64), Inception(512, 160, 112, 224, 24, 64, 64),
        Inception(512, 128, 128, 256, 24, 64, 64), Inception(512, 112, 144, 288, 32, 64, 64),
        Inception(528, 256, 160, 320, 32, 128, 128), nn.MaxPool2d(2, 2, ceil_mode=True),
        Inception(832, 256, 160, 320, 32, 128, 128), Inception(832, 384, 192, 384, 48, 128, 128),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(1024, 1000))


# ------------------------------------------------------------------------- ResNet
class Residual(nn.Module):
    """body(x) + shortcut(x), then ReLU: the residual connection (He et al. 2015)."""

    def __init__(self, body: nn.Module, shortcut: nn.Module | None):
        super().__init__()
        self.body, self.shortcut = body, shortcut or nn.Identity()

    def forward(self, x):
        return F.relu(self.body(x) + self.shortcut(x))


def _resnet(bottleneck: bool, repeats: list[int]) -> nn.Module:
    expansion = 4 if bottleneck else 1
    layers = [_bn_conv(3, 64, 7, 2, 3), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for stage, (width, n) in enumerate(zip([64, 128, 256, 512], repeats)):
        for i in range(n):
            stride = 2 if stage > 0 and i == 0 else 1
            cout = width * expansion
            if bottleneck:
                body = nn.Sequential(_bn_conv(cin, width, 1), _bn_conv(width, width, 3, stride, 1),
                                     _bn_conv(width, cout, 1, act=None))
            else:
                body = nn.Sequential(_bn_conv(cin, width, 3, stride, 1), _bn_conv(width, width, 3, 1, 1, act=None))
            short = _bn_conv(cin, cout, 1, stride, act=None) if stride != 1 or cin != cout else None
            layers.append(Residual(body, short))
            cin = cout
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, 1000))


def resnet18() -> nn.Module:
    """ResNet-18: basic blocks [2, 2, 2, 2]."""
    return _resnet(False, [2, 2, 2, 2])


def resnet50() -> nn.Module:
    """ResNet-50: bottleneck blocks (1×1 → 3×3 → 1×1) [3, 4, 6, 3]."""
    return _resnet(True, [3, 4, 6, 3])


# ------------------------------------------------------------------------- DenseNet
class DenseLayer(nn.Module):
    """BN-ReLU-1×1 (4k) -> BN-ReLU-3×3 (k); output concatenated to the input (Huang et al. 2016)."""

    def __init__(self, cin: int, growth: int = 32):
        super().__init__()
        self.body = nn.Sequential(nn.BatchNorm2d(cin), nn.ReLU(True), nn.Conv2d(cin, 4 * growth, 1, bias=False),
                                  nn.BatchNorm2d(4 * growth), nn.ReLU(True),
                                  nn.Conv2d(4 * growth, growth, 3, padding=1, bias=False))

    def forward(self, x):
        return torch.cat([x, self.body(x)], 1)


def densenet121() -> nn.Module:
    """DenseNet-121: growth 32, blocks (6, 12, 24, 16), transitions halve channels and size."""
    layers, c = [_bn_conv(3, 64, 7, 2, 3), nn.MaxPool2d(3, 2, 1)], 64
    for i, n in enumerate([6, 12, 24, 16]):
        for _ in range(n):
            layers.append(DenseLayer(c))
            c += 32
        if i < 3:
            layers += [nn.BatchNorm2d(c), nn.ReLU(True), nn.Conv2d(c, c // 2, 1, bias=False), nn.AvgPool2d(2, 2)]
            c //= 2
    return nn.Sequential(*layers, nn.BatchNorm2d(c), nn.ReLU(True), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                         nn.Linear(c, 1000))


# ------------------------------------------------------------------------- MobileNet-V2
class InvertedResidual(nn.Module):
    """1×1 expand (×t) -> 3×3 depthwise -> 1×1 project; added to the input when shapes allow."""

    def __init__(self, cin: int, cout: int, stride: int, t: int):
        super().__init__()
        hidden = cin * t
        layers = [_bn_conv(cin, hidden, 1, act=nn.ReLU6)] if t != 1 else []
        layers += [_bn_conv(hidden, hidden, 3, stride, 1, groups=hidden, act=nn.ReLU6),
                   _bn_conv(hidden, cout, 1, act=None)]
        self.body, self.add = nn.Sequential(*layers), stride == 1 and cin == cout

    def forward(self, x):
        return x + self.body(x) if self.add else self.body(x)


def mobilenet_v2() -> nn.Module:
    """MobileNet-V2 (Sandler et al. 2018): depthwise-separable convs in inverted residual blocks."""
    layers, c = [_bn_conv(3, 32, 3, 2, 1, act=nn.ReLU6)], 32
    for t, cout, n, s in [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1),
                          (6, 160, 3, 2), (6, 320, 1, 1)]:
        for i in range(n):
            layers.append(InvertedResidual(c, cout, s if i == 0 else 1, t))
            c = cout
    return nn.Sequential(*layers, _bn_conv(c, 1280, 1, act=nn.ReLU6), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                         nn.Dropout(0.2), nn.Linear(1280, 1000))


# ------------------------------------------------------------------------- SqueezeNet
class Fire(nn.Module):
    """Squeeze 1×1 to a few channels, then expand with 1×1 and 3×3 side by side (Iandola et al. 2016)."""

    def __init__(self, cin: int, squeeze: int, e1: int, e3: int):
        super().__init__()
        self.squeeze = nn.Sequential(nn.Conv2d(cin, squeeze, 1), nn.ReLU(True))
        self.e1 = nn.Sequential(nn.Conv2d(squeeze, e1, 1), nn.ReLU(True))
        self.e3 = nn.Sequential(nn.Conv2d(squeeze, e3, 3, padding=1), nn.ReLU(True))

    def forward(self, x):
        s = self.squeeze(x)
        return torch.cat([self.e1(s), self.e3(s)], 1)


def _squeezenet(v1_1: bool) -> nn.Module:
    pool = functools.partial(nn.MaxPool2d, 3, 2, ceil_mode=True)
    if v1_1:
        body = [nn.Conv2d(3, 64, 3, 2), nn.ReLU(True), pool(), Fire(64, 16, 64, 64), Fire(128, 16, 64, 64), pool(),
                Fire(128, 32, 128, 128), Fire(256, 32, 128, 128), pool(), Fire(256, 48, 192, 192),
                Fire(384, 48, 192, 192), Fire(384, 64, 256, 256), Fire(512, 64, 256, 256)]
    else:
        body = [nn.Conv2d(3, 96, 7, 2), nn.ReLU(True), pool(), Fire(96, 16, 64, 64), Fire(128, 16, 64, 64),
                Fire(128, 32, 128, 128), pool(), Fire(256, 32, 128, 128), Fire(256, 48, 192, 192),
                Fire(384, 48, 192, 192), Fire(384, 64, 256, 256), pool(), Fire(512, 64, 256, 256)]
    return nn.Sequential(*body, nn.Dropout(0.5), nn.Conv2d(512, 1000, 1), nn.ReLU(True), nn.AdaptiveAvgPool2d(1),
                         nn.Flatten())


def squeezenet1_0() -> nn.Module:
    """SqueezeNet 1.0: AlexNet accuracy with 50× fewer parameters."""
    return _squeezenet(False)


def squeezenet1_1() -> nn.Module:
    """SqueezeNet 1.1: the same idea, 2.4× less computation."""
    return _squeezenet(True)


# ------------------------------------------------------------------------- ShuffleNet-V2
def _shuffle(x: torch.Tensor, groups: int = 2) -> torch.Tensor:
    """Channel shuffle: interleave the groups so information crosses them in the next block."""
    n, c, h, w = x.shape
    return x.view(n, groups, c // groups, h, w).transpose(1, 2).reshape(n, c, h, w)


class ShuffleUnit(nn.Module):
    """Split channels (or copy, when downsampling), transform one half, concatenate, shuffle."""

    def __init__(self, cin: int, cout: int, stride: int):
        super().__init__()
        half = cout // 2
        self.stride = stride
        self.left = (nn.Sequential(_bn_conv(cin, cin, 3, stride, 1, groups=cin, act=None), _bn_conv(cin, half, 1))
                     if stride > 1 else None)
        c = cin if stride > 1 else half
        self.right = nn.Sequential(_bn_conv(c, half, 1), _bn_conv(half, half, 3, stride, 1, groups=half, act=None),
                                   _bn_conv(half, half, 1))

    def forward(self, x):
        if self.stride == 1:
            a, b = x.chunk(2, dim=1)
            out = torch.cat([a, self.right(b)], 1)
        else:
            out = torch.cat([self.left(x), self.right(x)], 1)
        return _shuffle(out)


def shufflenet_v2_x1_0() -> nn.Module:
    """ShuffleNet-V2 ×1.0 (Ma et al. 2018): grouped/depthwise convs and channel shuffle, stages (4, 8, 4)."""
    layers, c = [_bn_conv(3, 24, 3, 2, 1), nn.MaxPool2d(3, 2, 1)], 24
    for n, cout in zip([4, 8, 4], [116, 232, 464]):
        layers.append(ShuffleUnit(c, cout, 2))
        layers += [ShuffleUnit(cout, cout, 1) for _ in range(n - 1)]
        c = cout
    return nn.Sequential(*layers, _bn_conv(c, 1024, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(1024, 1000))


# ------------------------------------------------------------------------- the gallery
BUILDERS = {"LeNet-5": lenet5, "AlexNet": alexnet, "VGG-16": vgg16, "VGG-19": vgg19, "GoogLeNet": googlenet, "ResNet-18": resnet18, "ResNet-50": resnet50,  # noqa: E501
            "DenseNet-121": densenet121, "MobileNet-V2": mobilenet_v2, "SqueezeNet 1.0": squeezenet1_0,
            "SqueezeNet 1.1": squeezenet1_1, "ShuffleNet-V2 ×1.0": shufflenet_v2_x1_0}


@functools.cache
def summarize_architecture(name: str) -> ArchitectureSummary:
    """Every conv/linear/pool/norm layer's output shape, parameters and multiply-adds, for the network's
    input (INPUTS: (3, 224, 224) for the ImageNet networks, (1, 32, 32) for LeNet-5)."""
    if name not in BUILDERS:
        raise ValueError(f"name must be one of {', '.join(BUILDERS)}; got {name!r}")
    with torch.device("meta"):
        model = BUILDERS[name]()
    rows: list[LayerRow] = []

    def hook(module: nn.Module, inputs, output) -> None:
        params = sum(p.numel() for p in module.parameters(recurse=False))
        if isinstance(module, nn.Conv2d):
            k = module.kernel_size[0] * module.kernel_size[1]
            macs = output.numel() * k * module.in_channels // module.groups
        elif isinstance(module, nn.Linear):
            macs = module.in_features * module.out_features
        else:
            macs = 0
        rows.append(LayerRow(names[module], type(module).__name__, tuple(output.shape[1:]), params, macs))

    names = {m: n for n, m in model.named_modules()}
    leaves = (nn.Conv2d, nn.Linear, nn.BatchNorm2d, nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d, nn.Flatten)
    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, leaves)]
    with torch.no_grad():
        model.eval()(torch.empty(1, *INPUTS.get(name, IMAGENET), device="meta"))
    for h in handles:
        h.remove()
    total = sum(p.numel() for p in model.parameters())
    return ArchitectureSummary(name, tuple(rows), total, sum(r.macs for r in rows), INPUTS.get(name, IMAGENET))


def write_table(path=TABLE) -> None:
    """Recompute every summary and write the table the Gallery page reads (so that page needs no torch)."""
    import json

    table = {n: {"total_params": s.total_params, "total_macs": s.total_macs, "input": list(s.input_shape),
                 "rows": [[r.name, r.kind, list(r.output_shape), r.params, r.macs] for r in s.rows]}
             for n, s in ((n, summarize_architecture(n)) for n in BUILDERS)}
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump(table, f, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    write_table()
