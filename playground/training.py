"""A small CNN (and an MLP baseline) trained on the shipped MNIST subset, one step at a time.

Training is an object whose `steps(n)` runs n mini-batches and returns what happened, so a page can
draw between chunks and a test can pause and resume it. Everything is seeded; torch is CPU only.
"""

from __future__ import annotations

import functools
import io
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from .optim import SGD, Adam
from .samples import mnist
from .toy_shapes import CLASSES, make_shapes
from .torch_thread import on_torch_thread


@dataclass(frozen=True)
class Dataset:
    """A seeded train/test split: images (N, C, 28, 28) float32 in 0..1, int64 labels, class ids."""

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor
    name: str = "digits"  # "digits" or "shapes"
    classes: tuple[str, ...] = tuple("0123456789")  # label k is classes[k]

    @property
    def in_channels(self) -> int:
        return self.x_train.shape[1]


DATASETS = ("digits", "shapes")


def load_digits(test_per_class: int = 100, seed: int = 0) -> Dataset:
    """4,000 training and 1,000 test digits (stratified, seeded) from the 5,000 shipped with the app."""
    images, labels = mnist()
    rng = np.random.default_rng(seed)
    test_idx = np.concatenate([rng.permutation(np.flatnonzero(labels == c))[:test_per_class] for c in range(10)])
    train_mask = np.ones(len(labels), bool)
    train_mask[test_idx] = False
    train_idx = rng.permutation(np.flatnonzero(train_mask))
    test_idx = np.sort(test_idx)

    def as_tensor(idx: np.ndarray) -> torch.Tensor:  # uint8 -> float only for the rows kept: a small peak
        x = torch.from_numpy(images[idx]).to(torch.float32).div_(255.0)
        return x[:, None]  # (N, 1, 28, 28)

    y = torch.from_numpy(labels.astype(np.int64))
    return Dataset(as_tensor(train_idx), y[train_idx], as_tensor(test_idx), y[test_idx])


def load_shapes(seed: int = 0) -> Dataset:
    """4,000 training and 1,000 test images of 8 coloured shapes (toy_shapes), drawn from the seed."""
    def part(per_class: int, s: int) -> tuple[torch.Tensor, torch.Tensor]:
        images, labels = make_shapes(per_class, s)
        return torch.from_numpy(images).to(torch.float32).div_(255.0), torch.from_numpy(labels)  # (N, 3, 28, 28)

    (x_train, y_train), (x_test, y_test) = part(500, seed), part(125, seed + 1)
    return Dataset(x_train, y_train, x_test, y_test, "shapes", tuple(f"{c}_{s}" for c, s in CLASSES))


@dataclass(frozen=True)
class Block:
    """One conv block: Conv2d(k×k, filters, 'same' padding) -> ReLU -> pool 2×2."""

    filters: int = 8
    kernel_size: int = 5
    pool: str = "max"  # "max" or "avg"


@dataclass(frozen=True)
class ModelConfig:
    """1–3 conv blocks on (in_channels, 28, 28), then Flatten -> Linear(n_classes) (softmax is in the loss)."""

    blocks: tuple[Block, ...] = (Block(8, 5), Block(16, 5))
    in_channels: int = 1  # 1: gray digits, 3: RGB shapes
    n_classes: int = 10

    def __post_init__(self):
        if self.in_channels not in (1, 3):
            raise ValueError(f"in_channels must be 1 or 3; got {self.in_channels}")
        if not 2 <= self.n_classes <= 10:
            raise ValueError(f"n_classes must be from 2 to 10; got {self.n_classes}")
        if not 1 <= len(self.blocks) <= 3:
            raise ValueError(f"blocks must hold 1 to 3 blocks; got {len(self.blocks)}")
        for i, b in enumerate(self.blocks):
            if not 2 <= b.filters <= 32:
                raise ValueError(f"blocks[{i}].filters must be from 2 to 32; got {b.filters}")
            if b.kernel_size not in (3, 5):
                raise ValueError(f"blocks[{i}].kernel_size must be 3 or 5; got {b.kernel_size}")
            if b.pool not in ("max", "avg"):
                raise ValueError(f"blocks[{i}].pool must be 'max' or 'avg'; got {b.pool!r}")


def model_code(cfg: ModelConfig) -> str:
    """The PyTorch code of the CNN (what the page shows, summarizes and lets you download)."""
    lines, c, side = [], cfg.in_channels, 28
    for b in cfg.blocks:
        pool = "MaxPool2d" if b.pool == "max" else "AvgPool2d"
        lines.append(f"    nn.Conv2d({c}, {b.filters}, {b.kernel_size}, padding={b.kernel_size // 2}), nn.ReLU(), "
                     f"nn.{pool}(2),")
        c, side = b.filters, side // 2
    lines.append(f"    nn.Flatten(), nn.Linear({c * side * side}, {cfg.n_classes}),")
    return "import torch.nn as nn\n\nmodel = nn.Sequential(\n" + "\n".join(lines) + "\n)\n"


def build_cnn(cfg: ModelConfig, seed: int = 0) -> nn.Sequential:
    """The CNN of model_code(cfg), with seeded initial weights."""
    torch.manual_seed(seed)
    layers, c, side = [], cfg.in_channels, 28
    for b in cfg.blocks:
        layers += [nn.Conv2d(c, b.filters, b.kernel_size, padding=b.kernel_size // 2), nn.ReLU(),
                   nn.MaxPool2d(2) if b.pool == "max" else nn.AvgPool2d(2)]
        c, side = b.filters, side // 2
    layers += [nn.Flatten(), nn.Linear(c * side * side, cfg.n_classes)]
    return nn.Sequential(*layers)


def build_mlp(hidden: int = 64, seed: int = 0, in_features: int = 784, n_classes: int = 10) -> nn.Sequential:
    """The fully connected baseline: Flatten -> Linear(in_features, hidden) -> ReLU -> Linear(hidden, n_classes)."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Flatten(), nn.Linear(in_features, hidden), nn.ReLU(), nn.Linear(hidden, n_classes))


def n_params(model: nn.Module) -> int:
    """Number of trainable parameters."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


@dataclass
class Progress:
    """What the training has done so far (curves are per batch / per evaluation)."""

    step: int = 0
    epoch: float = 0.0
    losses: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    test_acc: list[tuple[int, float]] = field(default_factory=list)  # (step, accuracy)
    examples: int = 0
    seconds: float = 0.0

    @property
    def examples_per_second(self) -> float:
        return self.examples / self.seconds if self.seconds else 0.0


class Trainer:
    """Seeded mini-batch training of one model; call steps(n) repeatedly (pause = stop calling)."""

    def __init__(self, model: nn.Module, data: Dataset, *, optimizer: str = "adam", lr: float = 1e-3,
                 batch_size: int = 64, epochs: int = 8, fraction: float = 1.0, seed: int = 0):
        if optimizer not in ("adam", "sgd"):
            raise ValueError(f"optimizer must be 'adam' or 'sgd'; got {optimizer!r}")
        if not (0 < lr <= 1):
            raise ValueError(f"lr must be in (0, 1]; got {lr}")
        if not (1 <= batch_size <= 1024):
            raise ValueError(f"batch_size must be from 1 to 1024; got {batch_size}")
        if not (0 < fraction <= 1):
            raise ValueError(f"fraction must be in (0, 1]; got {fraction}")
        self.model, self.data = model, data
        n = max(10, int(len(data.y_train) * fraction))
        self.x, self.y = data.x_train[:n], data.y_train[:n]
        self.batch_size, self.epochs = batch_size, epochs
        self.opt = (Adam(model.parameters(), lr=lr) if optimizer == "adam"
                    else SGD(model.parameters(), lr=lr, momentum=0.9))  # torch.optim's arithmetic (see optim.py)
        self.gen = torch.Generator().manual_seed(seed)
        self.order = torch.randperm(len(self.y), generator=self.gen)
        self.cursor = 0
        self.progress = Progress()
        self.loss_fn = nn.CrossEntropyLoss()

    @property
    def total_steps(self) -> int:
        return self.epochs * -(-len(self.y) // self.batch_size)

    @property
    def done(self) -> bool:
        return self.progress.step >= self.total_steps

    def __iter__(self) -> Iterator[Progress]:
        """One mini-batch per item until the last epoch: `for p in trainer`; stop iterating to pause."""
        while not self.done:
            yield self.steps(1)

    def steps(self, n: int) -> Progress:
        """Run up to n mini-batches (fewer at the end of training); returns the progress so far."""
        return on_torch_thread(self._steps, n)

    def _steps(self, n: int) -> Progress:
        self.model.train()
        t0 = time.perf_counter()
        for _ in range(n):
            if self.done:
                break
            if self.cursor >= len(self.order):  # a new epoch, a new shuffle
                self.order = torch.randperm(len(self.y), generator=self.gen)
                self.cursor = 0
            idx = self.order[self.cursor: self.cursor + self.batch_size]
            self.cursor += len(idx)
            xb, yb = self.x[idx], self.y[idx]
            logits = self.model(xb)
            loss = self.loss_fn(logits, yb)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            p = self.progress
            p.step += 1
            p.examples += len(idx)
            p.losses.append(loss.item())
            p.train_acc.append(float((logits.argmax(1) == yb).float().mean()))
        self.progress.seconds += time.perf_counter() - t0
        self.progress.epoch = self.progress.examples / len(self.y)
        return self.progress

    def evaluate(self) -> float:
        """Accuracy on the held-out test digits (also recorded in progress.test_acc)."""
        acc = accuracy(self.model, self.data.x_test, self.data.y_test)
        self.progress.test_acc.append((self.progress.step, acc))
        return acc


def predict_proba(model: nn.Module, x: torch.Tensor | np.ndarray) -> np.ndarray:
    """Softmax probabilities (N, classes) for images (N, C, 28, 28), or one (28, 28) / (C, 28, 28), in 0..1."""
    return on_torch_thread(_predict_proba, model, x)


@torch.no_grad()
def _predict_proba(model: nn.Module, x: torch.Tensor | np.ndarray) -> np.ndarray:
    x = torch.as_tensor(np.asarray(x, dtype=np.float32))
    if x.ndim == 2:
        x = x[None]
    if x.ndim == 3:
        x = x[None]
    model.eval()
    # in slices of 256: the whole test set at once would hold ~100 MB of activations
    return torch.cat([torch.softmax(model(x[k: k + 256]), dim=1) for k in range(0, len(x), 256)]).numpy()


def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    """Share of images whose most likely class is the label."""
    return float((predict_proba(model, x).argmax(1) == y.numpy()).mean())


def confusion(model: nn.Module, x: torch.Tensor, y: torch.Tensor, n_classes: int = 10) -> np.ndarray:
    """(classes, classes) counts: row = true class, column = predicted class."""
    pred = predict_proba(model, x).argmax(1)
    m = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(m, (y.numpy(), pred), 1)
    return m


def feature_maps(model: nn.Sequential, image: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """(layer name, maps (C, H, W)) after every conv/ReLU/pool layer for one (28, 28) or (C, 28, 28) image in 0..1."""
    return on_torch_thread(_feature_maps, model, image)


@torch.no_grad()
def _feature_maps(model: nn.Sequential, image: np.ndarray) -> list[tuple[str, np.ndarray]]:
    x = torch.as_tensor(np.asarray(image, dtype=np.float32))
    x = x.reshape(1, -1, *x.shape[-2:])  # (1, C, 28, 28)
    out = []
    model.eval()
    for i, layer in enumerate(model):
        x = layer(x)
        if x.ndim == 4:
            out.append((f"{i}: {type(layer).__name__}", x[0].numpy().copy()))
    return out


def first_filters(model: nn.Sequential) -> np.ndarray:
    """The first conv layer's kernels (filters, in_channels, kh, kw)."""
    conv = next(m for m in model if isinstance(m, nn.Conv2d))
    return conv.weight.detach().numpy().copy()


def weights_bytes(model: nn.Module) -> bytes:
    """The model's state_dict as a .pt file."""
    buf = io.BytesIO()
    torch.save(model.state_dict(), buf)
    return buf.getvalue()


def train_to_end(model: nn.Module, data: Dataset, chunk: int = 50, **kwargs) -> Trainer:
    """Train until the configured epochs are done (for experiments and benchmarks)."""
    return on_torch_thread(_train_to_end, model, data, chunk, **kwargs)


def _train_to_end(model: nn.Module, data: Dataset, chunk: int = 50, **kwargs) -> Trainer:
    t = Trainer(model, data, **kwargs)
    while not t.done:
        t.steps(chunk)
    t.evaluate()
    return t


def make_config(n_blocks: int, filters: int, kernel_size: int, pool: str, in_channels: int = 1,
                n_classes: int = 10) -> ModelConfig:
    """The page's choices as a config: filters double in each further block (capped at 32)."""
    return ModelConfig(tuple(Block(min(32, filters * 2**i), kernel_size, pool) for i in range(n_blocks)),
                       in_channels, n_classes)


def data_size_experiment(per_class: tuple[int, ...] = (50, 100, 200, 400), *, steps: int = 400,
                         seed: int = 0) -> list[tuple[int, float, float]]:
    """(images per class, CNN test accuracy, MLP test accuracy), each trained for the same number of steps."""
    return on_torch_thread(_data_size_experiment, per_class, steps, seed)


def _data_size_experiment(per_class: tuple[int, ...], steps: int, seed: int) -> list[tuple[int, float, float]]:
    data = shipped_digits() if seed == 0 else load_digits(seed=seed)  # no second copy for the default split
    rows = []
    for n in per_class:
        idx = np.concatenate([np.flatnonzero(data.y_train.numpy() == c)[:n] for c in range(10)])
        small = Dataset(data.x_train[idx], data.y_train[idx], data.x_test, data.y_test)
        accs = []
        for model in (build_cnn(ModelConfig(), seed), build_mlp(128, seed)):
            t = Trainer(model, small, batch_size=64, epochs=-(-steps * 64 // len(idx)), seed=seed)
            while t.progress.step < steps and not t.done:
                t.steps(50)
            accs.append(t.evaluate())
        rows.append((n, accs[0], accs[1]))
    return rows


@functools.cache
def dataset(name: str) -> Dataset:
    """The named dataset, loaded once per process (read-only tensors shared by every session's training)."""
    if name not in DATASETS:
        raise ValueError(f"dataset must be one of {DATASETS}; got {name!r}")
    return on_torch_thread(load_digits if name == "digits" else load_shapes)


def shipped_digits() -> Dataset:
    """The handwritten digits split (dataset("digits"))."""
    return dataset("digits")


class TrainSession:
    """One learner's training: the CNN's Trainer, wall-clock pause/resume, and the MLP baseline at the end."""

    def __init__(self, cfg: ModelConfig, *, data: str = "digits", mlp_hidden: int = 128, seed: int = 0,
                 **train_kwargs):
        self.cfg, self.train_kwargs, self.mlp_hidden, self.seed = cfg, train_kwargs, mlp_hidden, seed
        self.data = dataset(data)
        if (cfg.in_channels, cfg.n_classes) != (self.data.in_channels, len(self.data.classes)):
            raise ValueError(f"cfg must take {self.data.in_channels} channels and {len(self.data.classes)} classes "
                             f"for {data!r}; got {cfg.in_channels} and {cfg.n_classes}")
        self.trainer = on_torch_thread(lambda: Trainer(build_cnn(cfg, seed), self.data, seed=seed, **train_kwargs))
        self.running = False
        self._lock = threading.RLock()  # a page's Pause and a live fragment's tick run on different threads
        self.wall_total, self.wall_start = 0.0, 0.0
        self.mlp: nn.Module | None = None
        self.cnn_acc = self.mlp_acc = 0.0
        self.confusion: np.ndarray | None = None

    def resume(self) -> None:
        """Start or resume: the wall clock runs while running."""
        if not self.running and not self.trainer.done:
            self.running, self.wall_start = True, time.perf_counter()

    def pause(self) -> None:
        """Stop after the current chunk (waits for it); the next resume continues at the same batch."""
        with self._lock:
            if self.running:
                self.running = False
                self.wall_total += time.perf_counter() - self.wall_start

    @property
    def wall_seconds(self) -> float:
        return self.wall_total + (time.perf_counter() - self.wall_start if self.running else 0.0)

    @property
    def examples_per_second(self) -> float:
        """Examples per wall-clock second while running, page drawing included."""
        return self.trainer.progress.examples / self.wall_seconds if self.wall_seconds else 0.0

    def tick(self, budget: float = 0.3, chunk: int = 5, eval_every: float = 1.0) -> None:
        """Train for about `budget` seconds (at least one chunk of `chunk` batches); evaluate about every
        `eval_every` s; finish after the last epoch."""
        end = time.perf_counter() + budget
        first = True
        while True:
            with self._lock:  # pause() waits for this chunk: once it returns, no batch is trained until resume()
                if not (self.running and not self.trainer.done and (first or time.perf_counter() < end)):
                    break
                self.trainer.steps(chunk)
            first = False
        if self.trainer.done and self.running:
            self.pause()  # the clock stops with the last batch; the final evaluation is part of the results
        now = time.perf_counter()
        if self.trainer.done or now - getattr(self, "_last_eval", 0.0) >= eval_every or not self.trainer.progress.test_acc:
            self.trainer.evaluate()  # ~40 ms for 1,000 images: not after every chunk
            self._last_eval = now
        if self.trainer.done and self.mlp is None:
            self.finish()

    def finish(self) -> None:
        """After the CNN: test accuracy, confusion matrix, and the MLP trained on the same data."""
        on_torch_thread(self._finish)

    def _finish(self) -> None:
        d = self.data
        self.cnn_acc = accuracy(self.trainer.model, d.x_test, d.y_test)
        self.confusion = confusion(self.trainer.model, d.x_test, d.y_test, len(d.classes))
        kwargs = {k: v for k, v in self.train_kwargs.items() if k != "optimizer"}
        mlp = build_mlp(self.mlp_hidden, self.seed, self.mlp_in_features, len(d.classes))
        self.mlp = train_to_end(mlp, d, seed=self.seed, **kwargs).model
        self.mlp_acc = accuracy(self.mlp, d.x_test, d.y_test)

    @property
    def cnn_params(self) -> int:
        return n_params(self.trainer.model)

    @property
    def mlp_in_features(self) -> int:
        return self.data.in_channels * 28 * 28

    @property
    def mlp_params(self) -> int:
        h, k = self.mlp_hidden, len(self.data.classes)
        return self.mlp_in_features * h + h + h * k + k  # the two Linear layers of build_mlp

    def misclassified(self, n: int = 24) -> list[tuple[np.ndarray, int, int]]:
        """Up to n test images the CNN gets wrong: (image (C, 28, 28), true label, predicted label)."""
        d = self.data
        pred = predict_proba(self.trainer.model, d.x_test).argmax(1)
        wrong = np.flatnonzero(pred != d.y_test.numpy())[:n]
        return [(d.x_test[i].numpy(), int(d.y_test[i]), int(pred[i])) for i in wrong]

    def weights(self) -> bytes:
        """The CNN's weights as a .pt file."""
        return weights_bytes(self.trainer.model)
