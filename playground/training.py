"""A small CNN (and an MLP baseline) trained on the shipped MNIST subset, one step at a time.

Training is an object whose `steps(n)` runs n mini-batches and returns what happened, so a page can
draw between chunks and a test can pause and resume it. Everything is seeded; torch is CPU only.
"""

from __future__ import annotations

import functools
import io
import math
import numbers
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import TypeVar
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from ._args import InputError, shown
from .admission import TRAININGS, Ticket, torch_threads
from .optim import SGD, Adam
from .samples import mnist
from .toy_shapes import CLASSES, make_shapes
from .torch_thread import cpu_budget, on_torch_thread

R = TypeVar("R")
CHUNK_SECONDS = 0.05  # one turn of a training on the torch thread: what a rerun that needs torch waits at most


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
        if not _whole(self.in_channels) or self.in_channels not in (1, 3):
            raise InputError(f"in_channels must be 1 or 3; got {shown(self.in_channels)}", "train_in_channels",
                             value=shown(self.in_channels))
        if not _whole(self.n_classes) or not 2 <= self.n_classes <= 10:
            raise InputError(f"n_classes must be from 2 to 10; got {shown(self.n_classes)}", "train_n_classes",
                             value=shown(self.n_classes))
        if not isinstance(self.blocks, tuple) or not 1 <= len(self.blocks) <= 3:
            n = len(self.blocks) if isinstance(self.blocks, (tuple, list)) else shown(self.blocks)
            raise InputError(f"blocks must hold 1 to 3 blocks; got {n}", "train_n_blocks", value=n)
        for i, b in enumerate(self.blocks):
            if not isinstance(b, Block):
                raise InputError(f"blocks[{i}] must be a Block; got {shown(b)}", "train_not_block", i=i + 1)
            if not _whole(b.filters) or not 2 <= b.filters <= 32:
                raise InputError(f"blocks[{i}].filters must be from 2 to 32; got {shown(b.filters)}", "train_filters",
                                 i=i + 1, value=shown(b.filters))
            if not _whole(b.kernel_size) or b.kernel_size not in (3, 5):
                raise InputError(f"blocks[{i}].kernel_size must be 3 or 5; got {shown(b.kernel_size)}",
                                 "train_kernel_size", i=i + 1, value=shown(b.kernel_size))
            if not isinstance(b.pool, str) or b.pool not in ("max", "avg"):
                raise InputError(f"blocks[{i}].pool must be 'max' or 'avg'; got {shown(b.pool)}", "train_pool",
                                 i=i + 1, value=shown(b.pool))


def _whole(v: object) -> bool:
    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def _real(v: object) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v)


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
        if not isinstance(optimizer, str) or optimizer not in ("adam", "sgd"):
            raise InputError(f"optimizer must be 'adam' or 'sgd'; got {shown(optimizer)}", "train_optimizer",
                             value=shown(optimizer))
        if not _real(lr) or not 0 < lr <= 1:
            raise InputError(f"lr must be in (0, 1]; got {shown(lr)}", "train_lr", value=shown(lr))
        if not _whole(batch_size) or not 1 <= batch_size <= 1024:
            raise InputError(f"batch_size must be from 1 to 1024; got {shown(batch_size)}", "train_batch_size",
                             value=shown(batch_size))
        if not _whole(epochs) or not 1 <= epochs <= 1000:
            raise InputError(f"epochs must be from 1 to 1000; got {shown(epochs)}", "train_epochs", value=shown(epochs))
        if not _real(fraction) or not 0 < fraction <= 1:
            raise InputError(f"fraction must be in (0, 1]; got {shown(fraction)}", "train_fraction",
                             value=shown(fraction))
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
    if not _whole(n_blocks) or not 1 <= n_blocks <= 3:
        raise InputError(f"blocks must hold 1 to 3 blocks; got {shown(n_blocks)}", "train_n_blocks",
                         value=shown(n_blocks))
    if not _whole(filters) or not 2 <= filters <= 32:
        raise InputError(f"blocks[0].filters must be from 2 to 32; got {shown(filters)}", "train_filters", i=1,
                         value=shown(filters))
    return ModelConfig(tuple(Block(min(32, filters * 2**i), kernel_size, pool) for i in range(n_blocks)),
                       in_channels, n_classes)


def data_size_experiment(per_class: tuple[int, ...] = (50, 100, 200, 400), *, steps: int = 400,
                         seed: int = 0) -> list[tuple[int, float, float]]:
    """(images per class, CNN test accuracy, MLP test accuracy), each trained for the same number of steps.

    Its 8 trainings take turns with the learners' trainings (chunks of 25 batches), never the torch thread
    for seconds at once."""
    data = shipped_digits() if seed == 0 else on_torch_thread(load_digits, seed=seed)  # no second default split
    ticket = Ticket()
    rows = []
    for n in per_class:
        accs = []
        for kind in ("cnn", "mlp"):
            t = on_torch_thread(_small_trainer, data, n, kind, steps, seed)
            while t.progress.step < steps and not t.done:
                in_turn(ticket, t.steps, min(25, steps - t.progress.step))  # turns: trainings and reruns go on
            accs.append(in_turn(ticket, t.evaluate))
        rows.append((n, accs[0], accs[1]))
    return rows


def _small_trainer(data: Dataset, per_class: int, kind: str, steps: int, seed: int) -> Trainer:
    """A trainer of the CNN or the MLP on the first `per_class` training digits of each class."""
    idx = np.concatenate([np.flatnonzero(data.y_train.numpy() == c)[:per_class] for c in range(10)])
    small = Dataset(data.x_train[idx], data.y_train[idx], data.x_test, data.y_test)
    model = build_cnn(ModelConfig(), seed) if kind == "cnn" else build_mlp(128, seed)
    return Trainer(model, small, batch_size=64, epochs=-(-steps * 64 // len(idx)), seed=seed)


def in_turn(ticket: Ticket, fn: Callable[..., R], *args) -> R:
    """fn(*args) on the torch thread in this ticket's turn, with intra-op threads for the trainings now active."""
    with TRAININGS.turn(ticket) as active:
        return on_torch_thread(_with_threads, torch_threads(active, BUDGET), fn, *args)


BUDGET = min(cpu_budget(), 4)  # torch_thread's own setting: one intra-op thread per core, at most 4


def _with_threads(n: int, fn: Callable[..., R], *args) -> R:
    if torch.get_num_threads() != n:  # (on the torch thread: its OpenMP setting)
        torch.set_num_threads(n)
    return fn(*args)


@functools.cache
def dataset(name: str) -> Dataset:
    """The named dataset, loaded once per process (read-only tensors shared by every session's training)."""
    if not isinstance(name, str) or name not in DATASETS:
        raise InputError(f"dataset must be one of {DATASETS}; got {shown(name)}", "train_dataset", value=shown(name),
                         allowed=", ".join(DATASETS))
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
        if not isinstance(cfg, ModelConfig):
            raise InputError(f"cfg must be a ModelConfig; got {shown(cfg)}", "train_not_config")
        if (cfg.in_channels, cfg.n_classes) != (self.data.in_channels, len(self.data.classes)):
            raise InputError(f"cfg must take {self.data.in_channels} channels and {len(self.data.classes)} classes "
                             f"for {data!r}; got {cfg.in_channels} and {cfg.n_classes}", "train_cfg_mismatch",
                             data=data, channels=self.data.in_channels, classes=len(self.data.classes),
                             got_channels=cfg.in_channels, got_classes=cfg.n_classes)
        self.trainer = on_torch_thread(lambda: Trainer(build_cnn(cfg, seed), self.data, seed=seed, **train_kwargs))
        self.running = False
        self._lock = threading.RLock()  # a page's Pause and a live fragment's tick run on different threads
        self.ticket = Ticket()  # this training's place in the process' turns (the admission keeps no session)
        self._batch_seconds = 0.0  # the fewest torch-thread seconds per batch of this model measured so far
        self._marks: deque[tuple[float, int]] = deque()  # (wall clock, step) after each tick, for the pace
        self._last_eval = 0.0
        self.wall_total, self.wall_start = 0.0, 0.0
        self.mlp: nn.Module | None = None
        self.cnn_acc = self.mlp_acc = 0.0
        self.confusion: np.ndarray | None = None

    def resume(self) -> None:
        """Start or resume: the wall clock runs while running."""
        if not self.running and not self.trainer.done:
            self.running, self.wall_start = True, time.perf_counter()
            self._marks.clear()  # the pace counts from here: a pause is not part of it
            self._mark()

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

    def tick(self, budget: float = 0.3, chunk: int | None = None, eval_every: float = 1.0) -> None:
        """Train for about `budget` seconds (at least one chunk); evaluate about every `eval_every` s; finish
        after the last epoch.

        Each chunk waits for its turn (admission.TRAININGS): the trainings of the process alternate chunk
        by chunk, first come first served. A chunk is `chunk` batches, or (None) as many as take about
        CHUNK_SECONDS for this model, measured: a rerun that needs the torch thread waits at most that long.
        """
        end = time.perf_counter() + budget
        first = True
        while self.running and not self.trainer.done and (first or time.perf_counter() < end):
            with TRAININGS.turn(self.ticket) as active, self._lock:
                # pause() waits for this chunk: once it returns, no batch is trained until resume()
                if not self.running:
                    break
                p = self.trainer.progress
                step, seconds = p.step, p.seconds
                on_torch_thread(_with_threads, torch_threads(active, BUDGET), self.trainer.steps,
                                chunk or self.chunk_batches)
                if p.step > step:  # the model's cost: the fastest batch seen (a loaded machine inflates the rest)
                    per_batch = (p.seconds - seconds) / (p.step - step)
                    self._batch_seconds = min(self._batch_seconds or per_batch, per_batch)
            first = False
        if self.trainer.done and self.running:
            self.pause()  # the clock stops with the last batch; the final evaluation is part of the results
        if self.running:
            self._mark()
        now = time.perf_counter()
        if self.trainer.done or now - self._last_eval >= eval_every or not self.trainer.progress.test_acc:
            in_turn(self.ticket, self.trainer.evaluate)  # ~40 ms for 1,000 images: not after every chunk
            self._last_eval = now
        if self.trainer.done and self.mlp is None:
            self.finish()

    @property
    def chunk_batches(self) -> int:
        """Batches in one turn: about CHUNK_SECONDS of this model's measured batches (5 before a measurement)."""
        if not self._batch_seconds:
            return 5
        return max(1, min(50, round(CHUNK_SECONDS / self._batch_seconds)))

    def _mark(self) -> None:
        now = time.perf_counter()
        self._marks.append((now, self.trainer.progress.step))
        while len(self._marks) > 2 and now - self._marks[0][0] > 10:  # the pace of the last ~10 s
            self._marks.popleft()

    @property
    def seconds_left(self) -> float | None:
        """Wall-clock seconds to the last batch at the pace of the last ~10 s while running (turns shared with
        other trainings, evaluations and the page's drawing included); None before the pace is known."""
        if not self.running or len(self._marks) < 2:
            return None
        (t0, s0), (t1, s1) = self._marks[0], self._marks[-1]
        if s1 <= s0 or t1 <= t0:
            return None
        return (self.trainer.total_steps - self.trainer.progress.step) * (t1 - t0) / (s1 - s0)

    @property
    def sharing(self) -> int:
        """How many other trainings of this server process take turns with this one now."""
        return TRAININGS.others(self.ticket)

    @property
    def turns_ahead(self) -> int | None:
        """Turns before this training's next one while it waits (None when it is not waiting)."""
        return TRAININGS.position(self.ticket)

    def finish(self) -> None:
        """After the CNN: test accuracy, confusion matrix, and the MLP trained on the same data (in turns too)."""
        d, model, turn = self.data, self.trainer.model, functools.partial(in_turn, self.ticket)
        self.cnn_acc = turn(accuracy, model, d.x_test, d.y_test)
        self.confusion = turn(confusion, model, d.x_test, d.y_test, len(d.classes))
        kwargs = {k: v for k, v in self.train_kwargs.items() if k != "optimizer"}
        mlp = on_torch_thread(lambda: Trainer(build_mlp(self.mlp_hidden, self.seed, self.mlp_in_features,
                                                        len(d.classes)), d, seed=self.seed, **kwargs))
        while not mlp.done:
            turn(mlp.steps, 50)
        self.mlp_acc = turn(accuracy, mlp.model, d.x_test, d.y_test)
        self.mlp = mlp.model  # last: the page shows the results once this is set

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
