"""The architecture gallery's facts (no torch needed): what each network added, its published
ImageNet accuracy, and its layer table, precomputed by playground.architectures from the network
definitions (a test recomputes it and compares).
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "architectures.json.gz"
IMAGENET = (3, 224, 224)  # (C, H, W), PyTorch's order
INPUTS = {"LeNet-5": (1, 32, 32)}  # networks whose input is not an ImageNet photo


@dataclass(frozen=True)
class Architecture:
    """One gallery entry.

    top1/top5 are ImageNet accuracies (%) of torchvision's IMAGENET1K_V1 weights (single 224 crop),
    None for a network torchvision does not ship (LeNet-5: its paper's MNIST result is in `paper`).
    `paper` is what the network's own paper reports, where it differs or is the only number:
    papers measured on other sets and with other crops, so the two are not interchangeable.
    """

    name: str
    year: int
    idea_en: str
    idea_ko: str
    top1: float | None
    top5: float | None
    paper: str = ""  # e.g. "37.5 / 17.0 (ILSVRC-2010 test)": top-1 / top-5 error, %, and where

    @property
    def error_source(self) -> str:
        """Where the table's error numbers come from: 'torchvision' or 'paper'."""
        return "torchvision" if self.top1 is not None else "paper"


# Accuracies: torchvision's model documentation (IMAGENET1K_V1 weights, single 224 crop).
# Papers: AlexNet, Krizhevsky et al. 2012, Table 1 (one CNN, ILSVRC-2010 test set);
# LeNet-5, LeCun et al. 1998, "Gradient-based learning applied to document recognition" (MNIST test error).
# Shown in year order (sorted; a year keeps the order written here).
GALLERY: dict[str, Architecture] = {a.name: a for a in sorted([
    Architecture("LeNet-5", 1998,
                 "Convolution, subsampling, convolution, then dense layers: the pattern every CNN since follows.",
                 "합성곱 → 서브샘플링 → 합성곱 → 완전 연결층. 이후 모든 CNN이 따르는 틀을 만들었습니다.", None, None,
                 "MNIST: 0.95"),
    Architecture("AlexNet", 2012,
                 "Deep CNN trained on GPUs with ReLU and dropout; won ImageNet 2012 by a wide margin.",
                 "ReLU와 드롭아웃을 쓰고 GPU로 학습한 깊은 CNN. 2012년 ImageNet에서 큰 차이로 우승했습니다.", 56.522, 79.066,
                 "37.5 / 17.0 (ILSVRC-2010)"),
    Architecture("VGG-16", 2014,
                 "Only 3×3 convolutions, stacked deep: two 3×3 see as far as one 5×5 with fewer weights.",
                 "3×3 합성곱만 깊게 쌓았습니다. 3×3 두 개는 5×5 하나와 같은 영역을 더 적은 가중치로 봅니다.", 71.592, 90.382),
    Architecture("VGG-19", 2014,
                 "VGG with 19 weight layers (16 convolutions): deeper, a little more accurate, 5 M more weights.",
                 "가중치 층이 19개인 VGG(합성곱 16개). 더 깊고 조금 더 정확하며, 가중치가 500만 개 더 많습니다.",
                 72.376, 90.876),
    Architecture("GoogLeNet", 2014,
                 "Inception modules run 1×1, 3×3 and pooling branches side by side; 1×1 convs keep it cheap.",
                 "인셉션 모듈이 1×1, 3×3, 풀링 갈래를 나란히 계산하고, 1×1 합성곱으로 계산량을 줄입니다.", 69.778, 89.530),
    Architecture("ResNet-18", 2015,
                 "Residual connections add each block's input to its output, so very deep nets still train.",
                 "잔차 연결이 블록의 입력을 출력에 더해, 아주 깊은 신경망도 학습되게 합니다.", 69.758, 89.078),
    Architecture("ResNet-50", 2015,
                 "Bottleneck blocks (1×1 → 3×3 → 1×1) make a 50-layer residual network affordable.",
                 "병목 블록(1×1 → 3×3 → 1×1)으로 50층 잔차 신경망을 감당할 만하게 만들었습니다.", 76.130, 92.862),
    Architecture("DenseNet-121", 2016,
                 "Each layer receives every earlier map (concatenation): features are reused, not relearned.",
                 "각 층이 앞선 모든 특징 맵을 이어 붙여 받습니다. 특징을 다시 배우지 않고 재사용합니다.", 74.434, 91.972),
    Architecture("MobileNet-V2", 2018,
                 "Depthwise-separable convolutions in inverted residual blocks: built for phones.",
                 "역잔차 블록 안의 깊이별 분리 합성곱으로 휴대폰에서도 돌도록 만들었습니다.", 71.878, 90.286),
    Architecture("SqueezeNet 1.0", 2016,
                 "Fire modules squeeze to few channels with 1×1 convs: AlexNet accuracy, 50× fewer weights.",
                 "파이어 모듈이 1×1 합성곱으로 채널을 줄입니다. AlexNet 정확도를 가중치 50분의 1로 냅니다.", 58.092, 80.420),
    Architecture("SqueezeNet 1.1", 2016,
                 "SqueezeNet with smaller first filters and earlier pooling: 2.4× less computation.",
                 "첫 필터를 줄이고 풀링을 앞당긴 SqueezeNet으로 계산량이 2.4배 적습니다.", 58.178, 80.624),
    Architecture("ShuffleNet-V2 ×1.0", 2018,
                 "Splits channels, convolves half, and shuffles them so groups exchange information.",
                 "채널을 나눠 절반만 합성곱하고, 채널 셔플로 그룹끼리 정보를 섞습니다.", 69.362, 88.316),
], key=lambda a: a.year)}


@dataclass(frozen=True)
class LayerRow:
    """One leaf layer of an architecture for its input (224×224×3, or 32×32×1 for LeNet-5)."""

    name: str
    kind: str
    output_shape: tuple[int, ...]  # (C, H, W) or (N,)
    params: int
    macs: int


@dataclass(frozen=True)
class ArchitectureSummary:
    name: str
    rows: tuple[LayerRow, ...]
    total_params: int
    total_macs: int
    input_shape: tuple[int, int, int] = IMAGENET  # (C, H, W)


@functools.cache
def gallery_summaries() -> dict[str, ArchitectureSummary]:
    """Every network's summary, read from the shipped table."""
    with gzip.open(TABLE, "rt", encoding="utf-8") as f:
        table = json.load(f)
    return {name: ArchitectureSummary(name, tuple(LayerRow(r[0], r[1], tuple(r[2]), r[3], r[4]) for r in t["rows"]),
                                      t["total_params"], t["total_macs"], tuple(t["input"]))
            for name, t in table.items()}
