"""Home's network: numpy inference equals torch's, the shipped accuracy is true, Home never imports torch."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from app_session import app
from playground import home_net
from playground.samples import mnist

ROOT = Path(__file__).resolve().parent.parent


def torch_model():
    import torch
    from torch import nn

    w = home_net.weights()
    model = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 10))
    sd = {"0.weight": w["conv1_weight"], "0.bias": w["conv1_bias"], "3.weight": w["conv2_weight"],
          "3.bias": w["conv2_bias"], "7.weight": w["dense_weight"], "7.bias": w["dense_bias"]}
    model.load_state_dict({k: torch.from_numpy(v) for k, v in sd.items()})
    return model.eval()


def test_numpy_forward_equals_torch_at_every_block():
    import torch

    model = torch_model()
    images, _ = mnist()
    for idx, _label in home_net.examples():
        img = images[idx]
        stages = home_net.forward(img)
        x = torch.from_numpy(img.astype(np.float32) / 255)[None, None]
        outs = []
        with torch.no_grad():
            for layer in model:
                x = layer(x)
                outs.append(x[0].numpy())
        ours = [s.values for s in stages[1:-1]]  # conv, relu, pool, conv, relu, pool, flatten, dense
        assert len(ours) == len(outs)
        for a, b in zip(ours, outs):
            assert a.shape == b.shape and np.abs(a - b).max() < 1e-4
        probs = torch.softmax(x[0], 0).numpy()
        assert np.abs(stages[-1].values - probs).max() < 1e-5


def test_shapes_are_written_h_w_c():
    stages = home_net.forward(mnist()[0][0])
    assert [s.shape for s in stages] == [(28, 28, 1), (26, 26, 8), (26, 26, 8), (13, 13, 8), (11, 11, 16),
                                         (11, 11, 16), (5, 5, 16), (400,), (10,), (10,)]
    assert [s.kind for s in stages] == ["input", "conv", "relu", "pool", "conv", "relu", "pool", "flatten", "dense",
                                        "softmax"]


def test_shipped_accuracy_is_what_the_weights_do_on_the_test_digits():
    """The accuracy Home states is measured again here, in numpy, on the same 1,000 test digits."""
    from playground.training import load_digits

    data = load_digits()
    right = sum(int(np.argmax(home_net.predict(x[0].numpy())) == y) for x, y in zip(data.x_test, data.y_test))
    assert right / len(data.y_test) == pytest.approx(home_net.test_accuracy(), abs=1.5e-3)
    assert home_net.test_accuracy() > 0.93
    w = home_net.weights()
    assert (int(w["train_digits"]), int(w["test_digits"])) == (len(data.y_train), len(data.y_test))


def test_examples_are_test_digits_of_each_class_and_read_right():
    from playground.training import load_digits

    images, labels = mnist()
    test = load_digits().x_test.numpy()[:, 0]
    for idx, label in home_net.examples():
        assert labels[idx] == label
        assert np.abs(test - images[idx] / 255.0).reshape(len(test), -1).max(1).min() < 1e-6  # held out
        assert int(np.argmax(home_net.predict(images[idx]))) == label
    assert [label for _, label in home_net.examples()] == list(range(10))


def test_predict_takes_either_scale_and_checks_the_shape():
    img = mnist()[0][home_net.examples()[7][0]]
    p = home_net.predict(img)
    assert p.shape == (10,) and abs(p.sum() - 1) < 1e-9 and (p >= 0).all()
    assert np.allclose(home_net.predict(img.astype(np.float64) / 255), p)
    with pytest.raises(ValueError, match=r"\(28, 28\)"):
        home_net.predict(np.zeros((32, 32)))


def test_weights_are_small():
    assert home_net.WEIGHTS.stat().st_size < 60_000
    assert sum(v.size for k, v in home_net.weights().items() if k.startswith(("conv", "dense"))) == 5_258


def test_home_does_not_import_torch():
    """Cold start stays fast: opening Home (the default page) in a fresh process loads no torch."""
    code = ("import sys\nfrom streamlit.testing.v1 import AppTest\n"
            "at = AppTest.from_file('app.py', default_timeout=300).run()  # a hang guard\n"
            "assert not at.exception, [e.message for e in at.exception]\n"
            "assert len(at.get('imagelist')) >= 10 or len(at.get('image')) >= 10, 'home did not draw its blocks'\n"
            "print('torch' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines()[-1] == "False"


def test_home_page_shows_every_block_its_shape_its_link_and_the_prediction():
    at = app()
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    captions = [c.value for c in at.caption]
    for shape in ["(28, 28, 1)", "(26, 26, 8)", "(13, 13, 8)", "(11, 11, 16)", "(5, 5, 16)", "(400,)", "(10,)"]:
        assert any(c.startswith(shape) for c in captions), shape
    links = [el for el in at.main if getattr(el, "type", "") == "page_link"] or at.get("page_link")
    assert len(links) == 10  # one per block
    note = next(c for c in captions if c.startswith("The network's"))  # its numbers are the shipped model's own
    assert f"{home_net.n_params():,} weights" in note
    acc = f"{home_net.test_accuracy():.1%}"  # said once, in the intro, with the number of test digits
    texts = [m.value for m in at.markdown] + captions
    assert sum(t.count(acc) for t in texts) == 1
    assert any(acc in t and "1,000 test" in t for t in texts)
    answer = next(m.value for m in at.markdown if m.value.startswith("The network's answer"))
    assert "**3**" in answer  # the default digit is a 3, and this network reads it right
    for k in (0, 7):
        at.radio(key="home_digit").set_value(k).run()
        answer = next(m.value for m in at.markdown if m.value.startswith("The network's answer"))
        assert f"**{k}**" in answer
    ko = app()
    ko.session_state["lang"] = "ko"
    ko.run()
    assert any(m.value.startswith("신경망의 답") for m in ko.markdown)
    words = [m.value for m in ko.markdown] + [c.value for c in ko.caption]
    assert max(w.count("+") for w in words) < 10  # no long written-out sum (e.g. a global average of 784 terms)
