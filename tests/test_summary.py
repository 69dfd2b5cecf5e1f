"""summarize_keras / summarize_torch: shapes and counts by hand, and the torch side against torch itself."""

import pytest
import torch

from playground import summarize_keras, summarize_torch

KERAS_TUTORIAL = '''
import tensorflow as tf
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, MaxPooling2D, Flatten, Dense, Dropout

# a model from a tutorial
model = Sequential()
model.add(Conv2D(filters=10, kernel_size=(3, 3), input_shape=(8, 8, 1)))
model.add(Conv2D(7, (2, 2), activation='relu'))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Dropout(0.25))
model.add(Flatten())
model.add(Dense(10, activation='softmax'))
model.summary()
'''


def test_keras_tutorial_model():
    s = summarize_keras(KERAS_TUTORIAL)
    assert [(r.name, r.output_shape, r.params) for r in s.rows] == [
        ("conv2d", (6, 6, 10), 100), ("conv2d_1", (5, 5, 7), 287), ("max_pooling2d", (2, 2, 7), 0),
        ("dropout", (2, 2, 7), 0), ("flatten", (28,), 0), ("dense", (10,), 290)]
    assert s.total_params == 677
    assert s.rows[0].arithmetic == "3×3×1×10 + 10 = 100" and s.rows[0].line == 8


def test_keras_list_form_with_input_same_padding_and_strides():
    s = summarize_keras('''
from tensorflow import keras
from tensorflow.keras import layers
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, kernel_size=(3, 3), strides=2, padding="same", activation="relu"),
    layers.BatchNormalization(),
    layers.AveragePooling2D(pool_size=2, strides=2, padding="same"),
    layers.Conv2D(64, 3, use_bias=False),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])''')
    assert [r.output_shape for r in s.rows] == [(14, 14, 32), (14, 14, 32), (7, 7, 32), (5, 5, 64), (64,), (10,)]
    assert [r.params for r in s.rows] == [320, 128, 0, 18432, 0, 650]
    assert s.input_shape == (28, 28, 1) and s.total_params == 19530


TORCH_CODE = '''
import torch.nn as nn
model = nn.Sequential(
    nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(),
    nn.MaxPool2d(2, 2),
    nn.Conv2d(6, 16, kernel_size=5), nn.BatchNorm2d(16), nn.ReLU(),
    nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Conv2d(16, 8, 3, stride=2, dilation=1, bias=False),
    nn.AdaptiveAvgPool2d((2, 2)),
    nn.Flatten(),
    nn.Linear(32, 10),
    nn.Dropout(0.5),
)
'''


def test_torch_summary_matches_torch_itself():
    s = summarize_torch(TORCH_CODE, (1, 28, 28))
    # the same network, built by torch: shapes by a forward pass, counts from .parameters()
    m = torch.nn.Sequential(
        torch.nn.Conv2d(1, 6, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2, 2),
        torch.nn.Conv2d(6, 16, kernel_size=5), torch.nn.BatchNorm2d(16), torch.nn.ReLU(),
        torch.nn.AvgPool2d(kernel_size=2, stride=2), torch.nn.Conv2d(16, 8, 3, stride=2, dilation=1, bias=False),
        torch.nn.AdaptiveAvgPool2d((2, 2)), torch.nn.Flatten(), torch.nn.Linear(32, 10), torch.nn.Dropout(0.5))
    x = torch.zeros(1, 1, 28, 28)
    for row, layer in zip(s.rows, m, strict=True):
        x = layer(x)
        assert row.output_shape == tuple(x.shape[1:]), row.name
        assert row.params == sum(p.numel() for p in layer.parameters()), row.name
    assert s.total_params == sum(p.numel() for p in m.parameters())
    assert s.rows[0].name == "Conv2d-1" and s.rows[0].arithmetic == "5×5×1×6 + 6 = 156"


@pytest.mark.parametrize("code, match", [
    ("model = Sequential()\nmodel.add(Conv3D(8, 3, input_shape=(8, 8, 1)))", "line 2: unknown layer 'Conv3D'"),
    ("model = Sequential()\nmodel.add(Conv2D(8, 3, input_shape=(8, 8, 1), colour='red'))",
     "line 2: 'Conv2D' has no argument 'colour'"),
    ("model = Sequential()\nmodel.add(Conv2D(8, 3))", "line 2: the first layer needs input_shape"),
    ("model = Sequential([\n  Dense(10, input_shape=(4,)),\n  Conv2D(3, 3)\n])", "line 3: Conv2D needs an"),
    ("model = Sequential()\nmodel.add(Conv2D(8, 9, input_shape=(8, 8, 1)))", "line 2: 'Conv2D' would make"),
    ("model = Sequential()\nmodel.add(Dense(1000000000, input_shape=(64,)))", "line 2: 'units' must be"),
    ("model = Sequential(\n  [Conv2D(8, 3,, input_shape=(8,8,1))])", "line 2: this is not valid Python"),
    ("x = 1", "no Sequential"),
    ("model = Sequential()\nmodel.add(Conv2D(n_filters, 3, input_shape=(8, 8, 1)))",
     "line 2: the value of 'filters' must be a number"),
])
def test_keras_errors_name_the_line_and_the_word(code, match):
    with pytest.raises(ValueError, match=match):
        summarize_keras(code)


@pytest.mark.parametrize("code, match", [
    ("m = nn.Sequential(\n nn.Conv2d(3, 8, 3))", "line 2: Conv2d has in_channels=3 but its input has 1 channels"),
    ("m = nn.Sequential(\n nn.Conv2d(1, 8, 3),\n nn.Flatten(),\n nn.Linear(10, 2))",
     "line 4: Linear has in_features=10 but receives 5408"),
    ("m = nn.Sequential(nn.Conv2d(1, 8, 3), nn.LSTM(8, 8))", "unknown layer 'LSTM'"),
    ("m = nn.Sequential(nn.Conv2d(1, 8, 3, padding_type=1))", "has no argument 'padding_type'"),
])
def test_torch_errors(code, match):
    with pytest.raises(ValueError, match=match):
        summarize_torch(code, (1, 28, 28))


def test_code_is_never_executed(tmp_path):
    marker = tmp_path / "ran"
    code = (f"open({str(marker)!r}, 'w').write('x')\nmodel = Sequential()\n"
            "model.add(Conv2D(2, 3, input_shape=(5, 5, 1)))")
    assert summarize_keras(code).total_params == 20
    assert not marker.exists()
