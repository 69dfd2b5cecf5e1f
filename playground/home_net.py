"""The Home page's network: a small CNN trained on the shipped digits, run here in numpy.

    conv 3×3 ×8 → ReLU → max pool 2×2 → conv 3×3 ×16 → ReLU → max pool 2×2 → flatten → dense 10 → softmax
    (28, 28, 1) → (26, 26, 8) → (13, 13, 8) → (11, 11, 16) → (5, 5, 16) → (400,) → (10,)

Its weights are shipped (playground/data/home_cnn.npz, ~22 KB) so Home shows a trained network's
real feature maps at once, and "Try your digit" can answer before a learner has trained anything.
Inference uses playground.conv2d / pool2d (these small convolutions stay in numpy): the page imports
no torch, so it opens fast. Rebuild the weights (torch needed, ~30 s on one core):

    python -m playground.home_net --rebuild
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .conv import conv2d
from .pool import pool2d

WEIGHTS = Path(__file__).parent / "data" / "home_cnn.npz"
SEED, EPOCHS, BATCH, LR = 0, 8, 64, 3e-3
# The same network in PyTorch (what --rebuild trains; the Model page can read this text).
TORCH_CODE = """nn.Sequential(
    nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(400, 10),
)  # softmax: in the loss while training, applied by predict()"""


@dataclass(frozen=True)
class Stage:
    """The data after one block of the network."""

    kind: str  # input, conv, relu, pool, flatten, dense, softmax
    values: np.ndarray  # maps (C, H, W) or a vector (N,)

    @property
    def shape(self) -> tuple[int, ...]:
        """(H, W, C) as the lessons write it, or (N,) for a vector."""
        v = self.values
        return (v.shape[1], v.shape[2], v.shape[0]) if v.ndim == 3 else v.shape


@functools.cache
def weights() -> dict[str, np.ndarray]:
    """The shipped weights (PyTorch layouts) and facts about their training, read once."""
    with np.load(WEIGHTS) as f:
        return {k: f[k] for k in f.files}


def test_accuracy() -> float:
    """Accuracy on the 1,000 held-out test digits, measured when the weights were built."""
    return float(weights()["test_accuracy"])


def examples() -> list[tuple[int, int]]:
    """(index into samples.mnist(), label) of one held-out test digit per class, 0 to 9."""
    w = weights()
    return [(int(i), int(y)) for i, y in zip(w["example_index"], w["example_label"])]


def as_input(image28: np.ndarray) -> np.ndarray:
    """A (28, 28) digit -> (1, 28, 28) float in 0..1 (white ink on black, as MNIST). uint8 or values above
    1 are read as 0..255."""
    x = np.asarray(image28)
    if x.shape != (28, 28):
        raise ValueError(f"image28 must have shape (28, 28); got {x.shape}")
    x = x.astype(np.float64)
    if np.asarray(image28).dtype == np.uint8 or x.max() > 1.0:
        x = x / 255.0
    return x[None]


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def forward(image28: np.ndarray) -> list[Stage]:
    """Every block's output for one digit, input first, probabilities last."""
    w = weights()
    x = as_input(image28)  # (1, 28, 28)
    stages = [Stage("input", x)]
    for n in (1, 2):
        x = conv2d(x, w[f"conv{n}_weight"], w[f"conv{n}_bias"])  # (C, H − 2, W − 2)
        stages.append(Stage("conv", x))
        x = np.maximum(x, 0.0)
        stages.append(Stage("relu", x))
        x = pool2d(x, 2, mode="max")  # (C, H / 2, W / 2), rounded down
        stages.append(Stage("pool", x))
    x = x.reshape(-1)  # (400,), channel by channel, as torch's Flatten
    stages.append(Stage("flatten", x))
    logits = w["dense_weight"] @ x + w["dense_bias"]  # (10,)
    stages.append(Stage("dense", logits))
    stages.append(Stage("softmax", softmax(logits)))
    return stages


def predict(image28: np.ndarray) -> np.ndarray:
    """Probabilities (10,) of the digits 0–9 for one (28, 28) image (see as_input for the scale)."""
    return forward(image28)[-1].values


# Layer names as torch prints them for the same nn.Sequential (index: class), for the feature-map rows.
TORCH_NAMES = {"conv": "Conv2d", "relu": "ReLU", "pool": "MaxPool2d"}


def feature_maps(image28: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """(layer name, maps (C, H, W)) after every conv/ReLU/pool block, named as torch's nn.Sequential would
    be ("0: Conv2d", ...): the same rows training.feature_maps gives for a learner's model."""
    maps = [s for s in forward(image28) if s.kind in TORCH_NAMES]
    return [(f"{i}: {TORCH_NAMES[s.kind]}", s.values) for i, s in enumerate(maps)]


def _conv_batch(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Valid cross-correlation of a batch: x (N, C, H, W), weight (O, C, k, k) -> (N, O, H − k + 1, W − k + 1)."""
    k = weight.shape[-1]
    windows = np.lib.stride_tricks.sliding_window_view(x, (k, k), axis=(2, 3))  # (N, C, OH, OW, k, k)
    out = np.tensordot(windows, weight, axes=([1, 4, 5], [1, 2, 3]))  # (N, OH, OW, O): one matrix product
    return out.transpose(0, 3, 1, 2) + bias[None, :, None, None]


def _max_pool_batch(x: np.ndarray) -> np.ndarray:
    """2×2 max pooling, stride 2, odd edges dropped (as nn.MaxPool2d(2)): (N, C, H, W) -> (N, C, H // 2, W // 2)."""
    n, c, h, w = x.shape
    x = x[:, :, : h // 2 * 2, : w // 2 * 2]
    return x.reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))


def predict_batch(images: np.ndarray) -> np.ndarray:
    """Probabilities (N, 10) for digits (N, 28, 28) or (N, 1, 28, 28) in 0..1 (uint8 read as 0..255): the
    same numbers as predict() for each image, computed for the whole batch at once (a test checks it)."""
    x = np.asarray(images)
    scale = 255.0 if x.dtype == np.uint8 else 1.0
    x = x.astype(np.float64).reshape(len(x), 1, 28, 28) / scale
    w = weights()
    for n in (1, 2):
        x = _max_pool_batch(np.maximum(_conv_batch(x, w[f"conv{n}_weight"], w[f"conv{n}_bias"]), 0.0))
    logits = x.reshape(len(x), -1) @ w["dense_weight"].T + w["dense_bias"]  # (N, 10)
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def accuracy(images: np.ndarray, labels: np.ndarray) -> float:
    """Share of the digits whose most likely class (by this network) is the label, measured now."""
    return float((predict_batch(images).argmax(axis=1) == np.asarray(labels)).mean())


def n_params() -> int:
    """Weights and biases of the network (what a summary would count)."""
    w = weights()
    return int(sum(w[k].size for k in w if k.endswith(("_weight", "_bias"))))


# ---------------------------------------------------------------- building the weights (needs torch)
def rebuild(path: Path = WEIGHTS) -> float:
    """Train the network on the 4,000 shipped training digits (seeded) and write its weights; returns
    the accuracy on the 1,000 test digits."""
    import torch
    from torch import nn

    from .training import load_digits

    torch.manual_seed(SEED)
    torch.set_num_threads(1)  # a small model: one core is as fast and leaves the others free
    data = load_digits(seed=SEED)
    model = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 10))
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    gen = torch.Generator().manual_seed(SEED)
    n = len(data.x_train)
    for _ in range(EPOCHS):
        order = torch.randperm(n, generator=gen)
        for k in range(0, n, BATCH):
            idx = order[k: k + BATCH]
            loss = nn.functional.cross_entropy(model(data.x_train[idx]), data.y_train[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        accuracy = float((model(data.x_test).argmax(1) == data.y_test).float().mean())
    # one held-out digit per class, found in the shipped images by value (the split is seeded)
    from .samples import mnist

    images, labels = mnist()
    flat = images.reshape(len(images), -1)
    picks = []
    for c in range(10):
        x = (data.x_test[data.y_test == c][0, 0].numpy() * 255).round().astype(np.uint8).reshape(-1)
        picks.append(int(np.flatnonzero((flat == x).all(1) & (labels == c))[0]))
    sd = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    np.savez_compressed(path, conv1_weight=sd["0.weight"], conv1_bias=sd["0.bias"], conv2_weight=sd["3.weight"],
                        conv2_bias=sd["3.bias"], dense_weight=sd["7.weight"], dense_bias=sd["7.bias"],
                        test_accuracy=np.float64(accuracy), example_index=np.array(picks),
                        example_label=np.arange(10), seed=SEED, epochs=EPOCHS, train_digits=n,
                        test_digits=len(data.x_test))
    weights.cache_clear()
    return accuracy


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="The Home page's small CNN.")
    parser.add_argument("--rebuild", action="store_true", help=f"train it and write {WEIGHTS.name}")
    if parser.parse_args().rebuild:
        print(f"test accuracy {rebuild():.2%} -> {WEIGHTS}")
    else:
        print(f"{WEIGHTS.name}: test accuracy {test_accuracy():.2%}; --rebuild to train it again")
