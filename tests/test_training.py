"""Training: reaches ≥ 90 % in a short seeded run, pauses and resumes exactly, and the helpers agree."""

import itertools

import numpy as np
import pytest
import torch

from playground import summarize_torch
from playground.digits import perturb, prepare_digit
from playground.training import (Block, ModelConfig, Trainer, build_cnn, build_mlp, confusion, feature_maps,
                                 first_filters, load_digits, make_config, model_code, n_params, predict_proba)


@pytest.fixture(scope="module")
def digits():
    return load_digits()


def test_split_is_stratified_and_disjoint(digits):
    assert digits.x_train.shape == (4000, 1, 28, 28) and digits.x_test.shape == (1000, 1, 28, 28)
    assert np.bincount(digits.y_test.numpy()).tolist() == [100] * 10
    assert float(digits.x_train.max()) == 1.0
    train = {bytes(x.numpy().tobytes()) for x in digits.x_train[:500]}
    assert not any(bytes(x.numpy().tobytes()) in train for x in digits.x_test)


def test_short_seeded_run_reaches_90_percent(digits):
    t = Trainer(build_cnn(ModelConfig()), digits, epochs=3)
    while not t.done:
        t.steps(50)
    assert t.evaluate() >= 0.90
    assert len(t.progress.losses) == t.total_steps and t.progress.losses[-1] < t.progress.losses[0]


def test_pause_and_resume_continue_where_they_stopped(digits):
    a = Trainer(build_cnn(ModelConfig(), seed=1), digits, epochs=1, fraction=0.25, seed=3)
    a.steps(7)
    a.steps(9)  # paused after 7, resumed
    b = Trainer(build_cnn(ModelConfig(), seed=1), digits, epochs=1, fraction=0.25, seed=3)
    b.steps(16)
    assert a.progress.step == b.progress.step == 16
    assert a.progress.losses == b.progress.losses
    for pa, pb in zip(a.model.parameters(), b.model.parameters()):
        assert torch.equal(pa, pb)
    c = Trainer(build_cnn(ModelConfig(), seed=1), digits, epochs=1, fraction=0.25, seed=3)
    for p in c:  # the same training as an iterator of steps, paused by breaking out
        if p.step == 10:
            break
    assert sum(1 for _ in itertools.islice(c, 6)) == 6  # resumed: steps 11..16
    assert c.progress.losses == b.progress.losses
    assert all(torch.equal(pc, pb) for pc, pb in zip(c.model.parameters(), b.model.parameters()))
    assert sum(1 for _ in c) == c.total_steps - 16 and c.done  # to the end of the epoch


@pytest.mark.parametrize("in_channels, n_classes", [(1, 10), (3, 8)])
def test_model_code_matches_the_built_model_and_the_summary(in_channels, n_classes):
    cfg = make_config(3, 4, 3, "avg", in_channels, n_classes)
    model = build_cnn(cfg)
    s = summarize_torch(model_code(cfg), (in_channels, 28, 28))
    assert s.total_params == n_params(model)
    assert s.rows[0].params == 4 * in_channels * 3 * 3 + 4 and s.rows[-1].output_shape == (n_classes,)
    x = torch.zeros(1, in_channels, 28, 28)
    for row, layer in zip(s.rows, model, strict=True):
        x = layer(x)
        assert row.output_shape == tuple(x.shape[1:])
    assert n_params(build_mlp(128)) > n_params(build_cnn(ModelConfig()))  # the baseline is not smaller


def test_config_validation_names_the_field():
    with pytest.raises(ValueError, match=r"blocks\[0\].filters must be from 2 to 32; got 64"):
        ModelConfig((Block(64, 3),))
    with pytest.raises(ValueError, match="blocks must hold 1 to 3 blocks; got 4"):
        make_config(4, 8, 3, "max")


def test_helpers_shapes(digits):
    model = build_cnn(ModelConfig())
    p = predict_proba(model, digits.x_test[:5])
    assert p.shape == (5, 10) and np.allclose(p.sum(1), 1, atol=1e-5)
    assert confusion(model, digits.x_test, digits.y_test).sum() == 1000
    maps = feature_maps(model, digits.x_test[0, 0].numpy())
    assert [m.shape for _, m in maps][:3] == [(8, 28, 28), (8, 28, 28), (8, 14, 14)]
    assert first_filters(model).shape == (8, 1, 5, 5)


def test_preprocessing_of_a_drawn_stroke():
    canvas = np.zeros((280, 280), np.uint8)  # a canvas drawing: white ink on black, off-centre
    canvas[40:200, 180:200] = 255
    p = prepare_digit(canvas)
    assert p.cropped.shape == (160, 20)
    assert p.scaled.shape[0] == 20 and p.scaled.shape[1] in (2, 3)  # 160×20 scaled to 20×2.5
    yy, xx = np.mgrid[:28, :28]
    m = p.centred.sum()
    assert abs((yy * p.centred).sum() / m - 13.5) <= 0.5 and abs((xx * p.centred).sum() / m - 13.5) <= 0.5
    paper = 255 - canvas  # dark ink on white paper is inverted first
    np.testing.assert_allclose(prepare_digit(paper).centred, p.centred, atol=1e-6)
    with pytest.raises(ValueError, match="no ink"):
        prepare_digit(np.zeros((50, 50)))


def test_perturb():
    d = np.zeros((28, 28))
    d[10:18, 12:16] = 1
    moved = perturb(d, shift=(2, -3))
    assert moved[12:20, 9:13].sum() == 32 and moved.sum() == 32
    assert perturb(d, brightness=0.5).max() == 0.5
    assert perturb(d, noise=0.2, seed=1).min() >= 0


def test_data_size_experiment_more_data_helps_the_cnn():
    from playground.training import data_size_experiment

    rows = data_size_experiment((10, 200), steps=120)
    assert [n for n, _, _ in rows] == [10, 200]
    (_, cnn_small, mlp_small), (_, cnn_big, mlp_big) = rows
    assert cnn_big > cnn_small and mlp_big > mlp_small and 0 < cnn_small < 1
    from playground.figures import data_size_curves

    cnn, mlp = data_size_curves(rows, "per class").to_dict()["data"]  # the Digit page's chart
    assert (cnn["name"], list(cnn["x"]), list(cnn["y"])) == ("CNN", [10, 200], [cnn_small, cnn_big])
    assert (mlp["name"], list(mlp["y"])) == ("MLP", [mlp_small, mlp_big])


def test_downloaded_weights_load_into_the_model_code(digits):
    import io

    from playground.training import weights_bytes

    trained = build_cnn(ModelConfig(), seed=5)
    fresh = build_cnn(ModelConfig(), seed=6)
    fresh.load_state_dict(torch.load(io.BytesIO(weights_bytes(trained)), weights_only=True))
    assert np.allclose(predict_proba(fresh, digits.x_test[:8]), predict_proba(trained, digits.x_test[:8]))


def test_pages_that_do_not_train_start_without_torch():
    """Cold start: the computation and UI modules of the non-training pages import no torch."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = ("import sys, playground, playground.lessons, playground.figures, playground.kernels, playground.samples, "
            "playground.gallery, playground.blocks, playground.export, ui, ui.controls, ui.display, ui.state; "
            "playground.gallery.gallery_summaries(); print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("False")


@pytest.mark.parametrize("name", ["adam", "sgd"])
@pytest.mark.parametrize("lr", [1e-3, 0.05])
def test_optimizers_match_torch_optim_bit_for_bit(digits, name, lr):
    """playground.optim runs torch.optim's CPU arithmetic: same weights after 30 steps, exactly."""
    from playground.optim import SGD, Adam

    ours, theirs = build_cnn(ModelConfig(), seed=1), build_cnn(ModelConfig(), seed=1)
    if name == "adam":
        opts = Adam(ours.parameters(), lr=lr), torch.optim.Adam(theirs.parameters(), lr=lr)
    else:
        opts = SGD(ours.parameters(), lr=lr, momentum=0.9), torch.optim.SGD(theirs.parameters(), lr=lr, momentum=0.9)
    for k in range(30):
        x, y = digits.x_train[k * 32: (k + 1) * 32], digits.y_train[k * 32: (k + 1) * 32]
        for model, opt in zip((ours, theirs), opts):
            opt.zero_grad(set_to_none=True)
            torch.nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
    for a, b in zip(ours.parameters(), theirs.parameters()):
        assert torch.equal(a, b)
    assert not torch.equal(next(ours.parameters()), next(build_cnn(ModelConfig(), seed=1).parameters()))


def test_optimizer_arguments_are_validated():
    from playground.optim import SGD, Adam

    w = [torch.zeros(2, requires_grad=True)]
    with pytest.raises(ValueError, match="lr must be > 0; got 0"):
        Adam(w, lr=0)
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\); got 1.5"):
        SGD(w, lr=0.1, momentum=1.5)


def test_a_training_session_never_imports_torch_dynamo():
    """torch.optim would import torch._dynamo (~1 s, ~70 MB); a whole session, MLP included, must not."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys; from playground.training import TrainSession, ModelConfig; "
            "s = TrainSession(ModelConfig(), epochs=1); s.resume()\n"
            "while s.running: s.tick(budget=5)\n"
            "s.weights(); print(s.cnn_acc > 0.5, s.mlp_acc > 0.5, 'torch._dynamo' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True", "False"]


def test_shapes_are_seeded_balanced_and_drawn_as_described():
    """Colour: the ink is brightest in its own channel. Shape: ink areas in the order πr² (circle) >
    (1.6r)² (square) > ≈1.96r² (cross) > (3√3/4)r² ≈ 1.30r² (triangle), for the same radii on average."""
    from playground.toy_shapes import CLASSES, make_shapes

    x, y = make_shapes(100, seed=4)
    x2, y2 = make_shapes(100, seed=4)
    assert x.shape == (800, 3, 28, 28) and x.dtype == np.uint8 and np.array_equal(x, x2) and np.array_equal(y, y2)
    assert np.bincount(y).tolist() == [100] * 8
    ink = x.max(axis=1) > 0.5 * 255  # (N, 28, 28): background ≤ 0.25 + noise, ink ≥ 0.65 in its channel
    for k, (colour, _) in enumerate(CLASSES):
        own = 0 if colour == "red" else 2
        other = 2 - own
        rows = y == k
        assert (x[rows, own][ink[rows]].mean() > 2 * x[rows, other][ink[rows]].mean())
    area = {shape: ink[np.isin(y, [k for k, (_, s) in enumerate(CLASSES) if s == shape])].sum(axis=(1, 2)).mean()
            for shape in ("circle", "square", "cross", "triangle")}
    assert area["circle"] > area["square"] > area["cross"] > area["triangle"] > 30
    with pytest.raises(ValueError, match="per_class must be ≥ 1; got 0"):
        make_shapes(0)


def test_cnn_learns_coloured_shapes_better_than_the_mlp():
    """The RGB dataset: a short seeded run; colour is never confused (red vs blue), the MLP does worse."""
    from playground.training import TrainSession

    s = TrainSession(make_config(2, 8, 5, "max", 3, 8), data="shapes", epochs=4, lr=3e-3)
    s.resume()
    while s.running:
        s.tick(budget=5)
    assert s.cnn_acc >= 0.85 and s.mlp_acc < s.cnn_acc
    red = np.array([c.startswith("red") for c in s.data.classes])
    assert s.confusion[np.ix_(red, ~red)].sum() + s.confusion[np.ix_(~red, red)].sum() <= 5
    assert first_filters(s.trainer.model).shape == (8, 3, 5, 5)
    img, true, pred = s.misclassified(1)[0]
    assert img.shape == (3, 28, 28) and true != pred
    with pytest.raises(ValueError, match="cfg must take 3 channels and 8 classes for 'shapes'; got 1 and 10"):
        TrainSession(ModelConfig(), data="shapes")


def test_torch_threads_follow_the_cpu_budget(tmp_path):
    """A container quota caps the threads torch may use (cgroup v2 cpu.max: quota and period in µs)."""
    import os

    from playground.torch_thread import cpu_budget, on_torch_thread

    cores = len(os.sched_getaffinity(0))
    quota = tmp_path / "cpu.max"
    quota.write_text("150000 100000\n")  # 1.5 cores
    assert cpu_budget(str(quota)) == 1
    quota.write_text("max 100000\n")
    assert cpu_budget(str(quota)) == cores == cpu_budget(str(tmp_path / "missing"))
    from playground.admission import torch_threads
    from playground.training import BUDGET

    assert BUDGET == min(cpu_budget(), 4)  # the torch thread starts with these; a training's turns leave one core
    assert on_torch_thread(torch.get_num_threads) in (BUDGET, torch_threads(1, BUDGET))
