"""The gallery's networks: totals equal torchvision's published counts; blocks and exports by hand."""

import pytest

from playground import summarize_keras, summarize_torch, to_keras_code, to_torch_code
from playground.architectures import BUILDERS, summarize_architecture
from playground.gallery import GALLERY, gallery_summaries
from playground.blocks import building_blocks, dense_vs_conv

# Published parameter counts and GFLOPS (multiply-adds) of torchvision's definitions (its model
# documentation); LeNet-5: the common modern variant, PyTorch's "Neural Networks" tutorial / d2l.ai
# (16·5·5 -> 120 -> 84 -> 10): 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706 parameters.
PUBLISHED = {
    "LeNet-5": (61_706, 0.0004165), "AlexNet": (61_100_840, 0.71), "VGG-16": (138_357_544, 15.47),
    "VGG-19": (143_667_240, 19.63), "GoogLeNet": (6_624_904, 1.50),
    "ResNet-18": (11_689_512, 1.81), "ResNet-50": (25_557_032, 4.09), "DenseNet-121": (7_978_856, 2.83),
    "MobileNet-V2": (3_504_872, 0.30), "SqueezeNet 1.0": (1_248_424, 0.82), "SqueezeNet 1.1": (1_235_496, 0.35),
    "ShuffleNet-V2 ×1.0": (2_278_604, 0.14),
}


@pytest.mark.parametrize("name", list(PUBLISHED))
def test_gallery_totals_equal_published_counts(name):
    s = summarize_architecture(name)
    params, gmacs = PUBLISHED[name]
    assert s.total_params == params
    assert abs(s.total_macs / 1e9 - gmacs) <= 0.01 * (gmacs >= 0.01) + 0.005 * gmacs
    classes = 10 if name == "LeNet-5" else 1000
    assert s.rows[-1].output_shape in ((classes,), (classes, 1, 1))
    assert sum(r.params for r in s.rows) == params  # every parameter sits in a listed layer
    assert gallery_summaries()[name] == s  # the table the Gallery page reads is this computation
    a = GALLERY[name]
    assert set(GALLERY) == set(BUILDERS)  # every network built and shown (the gallery lists them by year)
    assert [a.year for a in GALLERY.values()] == sorted(a.year for a in GALLERY.values())
    assert 1990 < a.year < 2020 and a.idea_en and a.idea_ko
    if a.top1 is None:  # no torchvision weights: the paper's own result, and it says which data set
        assert a.error_source == "paper" and a.paper.startswith("MNIST")
    else:
        assert a.error_source == "torchvision" and 50 < a.top1 < a.top5 < 95


def test_lenet5_layer_by_layer():
    s = summarize_architecture("LeNet-5")
    assert s.input_shape == (1, 32, 32)
    shapes = [(r.kind, r.output_shape, r.params) for r in s.rows]
    assert shapes == [("Conv2d", (6, 28, 28), 6 * 25 + 6), ("MaxPool2d", (6, 14, 14), 0),
                      ("Conv2d", (16, 10, 10), 16 * 6 * 25 + 16), ("MaxPool2d", (16, 5, 5), 0), ("Flatten", (400,), 0),
                      ("Linear", (120,), 400 * 120 + 120), ("Linear", (84,), 120 * 84 + 84), ("Linear", (10,), 84 * 10 + 10)]


def test_vgg19_is_vgg16_with_three_more_convs():
    a, b = summarize_architecture("VGG-16"), summarize_architecture("VGG-19")
    convs = lambda s: [r for r in s.rows if r.kind == "Conv2d"]  # noqa: E731
    assert len(convs(a)) == 13 and len(convs(b)) == 16
    extra = 256 * 256 * 9 + 256 + 2 * (512 * 512 * 9 + 512)  # one more 256-conv, two more 512-convs
    assert b.total_params - a.total_params == extra == 5_309_696


def test_alexnet_error_sources_are_told_apart():
    """37.5 % top-1 in the paper (ILSVRC-2010 test) is not torchvision's 43.48 % (ImageNet-1k val)."""
    a = GALLERY["AlexNet"]
    assert round(100 - a.top1, 2) == 43.48 and a.paper.startswith("37.5 / 17.0")


def test_fc_vs_conv_hand_checked():
    c = dense_vs_conv(28, 28, 1, 32)
    assert (c.dense.params, c.dense.macs) == (28 * 28 * 32 + 32, 28 * 28 * 32) == (25_120, 25_088)
    assert (c.conv.params, c.conv.macs) == (3 * 3 * 32 + 32, 28 * 28 * 9 * 32) == (320, 225_792)
    assert c.dense.params_formula == "28×28×1×32 + 32 = 25,120"


def test_building_blocks_arguments():
    blocks = {b.key: b for b in building_blocks(56, 56, 64, 64, 4)}
    assert blocks["blk_two_3x3"].params < blocks["blk_one_5x5"].params  # VGG's argument: 73,728 < 102,400
    assert blocks["blk_depthwise"].params == 3 * 3 * 64 + 64 * 64
    assert blocks["blk_grouped"].params == blocks["blk_standard"].params // 4
    # one convention in every row, weights only (the page says so): squeeze 64 // 8 = 8, expand 32 + 32
    assert blocks["blk_standard"].params == 3 * 3 * 64 * 64
    assert blocks["blk_fire"].params == 64 * 8 + 8 * 32 + 3 * 3 * 8 * 32
    assert blocks["blk_inception"].params == 64 * 16 + 64 * 8 + 3 * 3 * 8 * 16 + 64 * 4 + 3 * 3 * 4 * 16 + 64 * 16
    assert blocks["blk_concat"].stages[-1] == ("concat", (56, 56, 128))  # the picture: depth adds up
    assert all(b.stages[0] == ("in", (56, 56, 64)) for b in blocks.values())
    with pytest.raises(ValueError, match="groups=3 must divide cin=64"):
        building_blocks(8, 8, 64, 64, 3)


KERAS = """
model = Sequential()
model.add(Conv2D(16, (3, 3), activation='relu', input_shape=(32, 32, 3)))
model.add(MaxPooling2D())
model.add(Conv2D(32, 3, strides=2, activation='relu'))
model.add(GlobalAveragePooling2D())
model.add(Dense(10, activation='softmax'))
"""


def test_exports_round_trip_with_the_same_shapes_and_counts():
    k = summarize_keras(KERAS)
    torch_code = to_torch_code(k)
    t = summarize_torch(torch_code, (3, 32, 32))
    assert t.total_params == k.total_params
    convs_k = [r.output_shape for r in k.rows if r.kind == "Conv2D"]
    convs_t = [(r.output_shape[1], r.output_shape[2], r.output_shape[0]) for r in t.rows if r.kind == "Conv2d"]
    assert convs_k == convs_t
    back = summarize_keras(to_keras_code(t))
    assert back.total_params == k.total_params and back.rows[-1].output_shape[-1] == 10


def test_exported_torch_code_builds_the_model_it_describes():
    """The export is real PyTorch: build it from its own text (no exec: the summary already parsed it)."""
    import torch
    from torch import nn

    k = summarize_keras(KERAS)
    layers = []
    for row in summarize_torch(to_torch_code(k), (3, 32, 32)).rows:
        args = dict(row.args)
        if row.kind == "Conv2d":
            layers.append(nn.Conv2d(args["in_channels"], args["out_channels"], args["kernel_size"],
                                    stride=args["stride"], padding=args["padding"]))
        elif row.kind == "Linear":
            layers.append(nn.Linear(args["in_features"], args["out_features"]))
        elif row.kind == "MaxPool2d":
            layers.append(nn.MaxPool2d(args["kernel_size"], args["stride"]))
        elif row.kind == "AdaptiveAvgPool2d":
            layers.append(nn.AdaptiveAvgPool2d(args["output_size"]))
        elif row.kind == "Softmax":
            layers.append(nn.Softmax(dim=1))
        else:
            layers.append(getattr(nn, row.kind)())
    out = nn.Sequential(*layers)(torch.zeros(2, 3, 32, 32))
    assert out.shape == (2, 10)
    assert sum(p.numel() for p in nn.Sequential(*layers).parameters()) == k.total_params


@pytest.mark.parametrize("settings", [
    dict(stride=1, padding=0, dilation=1, padding_mode="zeros", bias=0.0),
    dict(stride=2, padding=1, dilation=2, padding_mode="reflect", bias=0.5),
    dict(stride=1, padding="same", dilation=1, padding_mode="circular", bias=-3.0),
    dict(stride=3, padding=2, dilation=1, padding_mode="replicate", bias=1.25),
])
def test_exported_pytorch_layer_reproduces_the_feature_map(tmp_path, settings):
    """Run the exported script in its own Python process on the same input: same feature map."""
    import subprocess
    import sys

    import numpy as np

    from playground import KERNELS, conv2d, samples
    from playground.export import conv_layer_keras_code, conv_layer_torch_code

    x = samples.sample("digit").astype(np.float64)
    kernel = KERNELS["sobel_x"].weights * 0.37
    bias = settings.pop("bias")
    (tmp_path / "layer.py").write_text(conv_layer_torch_code(kernel, bias=bias, **settings))
    np.save(tmp_path / "input.npy", x)
    run = subprocess.run([sys.executable, "layer.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    ours = conv2d(x, kernel, bias, **settings)
    theirs = np.load(tmp_path / "output.npy")
    assert theirs.shape == ours.shape and np.abs(theirs - ours).max() <= 1e-4
    keras = conv_layer_keras_code(kernel, bias=bias, **settings)
    assert "layers.Conv2D(1, (3, 3)" in keras and f"strides={settings['stride']}" in keras
