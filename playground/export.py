"""A summarized model as the other framework's code: Keras Sequential <-> PyTorch nn.Sequential."""

from __future__ import annotations

from ._args import InputError
from .summary import Summary


ACTIVATIONS = {"relu": "nn.ReLU(),", "softmax": "nn.Softmax(dim=1),", "sigmoid": "nn.Sigmoid(),", "tanh": "nn.Tanh(),"}


def _pair(v) -> tuple[int, int]:
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def _k(v) -> str:
    h, w = (int(x) for x in _pair(v))  # validated ints; int() keeps anything else out of the code
    return str(h) if h == w else f"({h}, {w})"


def _b(v) -> str:
    """A flag as code: the summary only lets True / False through, repr(bool) keeps it that way."""
    return repr(bool(v))


def _f(v) -> str:
    """A rate as code: a float literal, never the pasted text."""
    return repr(float(v))


def _wrong(summary: Summary, want: str) -> InputError:
    return InputError(f"summary must come from summarize_{want}; got a {summary.framework!r} summary",
                      "export_wrong_framework", want=want)


def to_torch_code(summary: Summary) -> str:
    """PyTorch code for a Keras summary (channels move first: input (H, W, C) -> (C, H, W))."""
    if summary.framework != "keras":
        raise _wrong(summary, "keras")
    shape = summary.input_shape
    lines = []
    for row in summary.rows:
        a = dict(row.args)
        if row.kind == "Conv2D":
            if a["padding"] == "same" and _pair(a["strides"]) != (1, 1):
                raise InputError(f"line {row.line}: Conv2D with padding='same' and strides > 1 has no PyTorch "
                                 "equivalent padding (Keras pads unevenly)", "export_same_strides", line=row.line,
                                 kind=row.kind)
            pad = "'same'" if a["padding"] == "same" else "0"
            groups = f", groups={int(a['groups'])}" if a.get("groups", 1) != 1 else ""
            lines.append(f"nn.Conv2d({int(shape[-1])}, {int(a['filters'])}, {_k(a['kernel_size'])}, "
                         f"stride={_k(a['strides'])}, padding={pad}, dilation={_k(a['dilation_rate'])}{groups}, "
                         f"bias={_b(a['use_bias'])}),")
        elif row.kind in ("MaxPooling2D", "AveragePooling2D"):
            if a["padding"] == "same":
                raise InputError(f"line {row.line}: {row.kind} with padding='same' has no exact PyTorch equivalent",
                                 "export_same_strides", line=row.line, kind=row.kind)
            torch_name = "MaxPool2d" if row.kind == "MaxPooling2D" else "AvgPool2d"
            stride = a["strides"] if a["strides"] is not None else a["pool_size"]
            lines.append(f"nn.{torch_name}({_k(a['pool_size'])}, stride={_k(stride)}),")
        elif row.kind in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
            kind = "Avg" if "Average" in row.kind else "Max"
            lines += [f"nn.Adaptive{kind}Pool2d(1),", "nn.Flatten(),"]
        elif row.kind == "Flatten":
            # Keras flattens (H, W, C), PyTorch (C, H, W): same size, different order of features
            lines.append("nn.Flatten(),")
        elif row.kind == "Dense":
            lines.append(f"nn.Linear({int(shape[-1])}, {int(a['units'])}, bias={_b(a['use_bias'])}),")
        elif row.kind == "Dropout":
            lines.append(f"nn.Dropout({_f(a['rate'])}),")
        elif row.kind == "BatchNormalization":
            lines.append(f"nn.BatchNorm2d({int(shape[-1])}),")
        elif row.kind == "ReLU":
            lines.append("nn.ReLU(),")
        elif row.kind == "Softmax":
            lines.append("nn.Softmax(dim=1),")
        if row.kind in ("Conv2D", "Dense", "Activation") and a.get("activation") in ACTIVATIONS:
            lines.append(ACTIVATIONS[a["activation"]])
        shape = row.output_shape
    body = "\n".join(f"    {line}" for line in lines)
    h, w, c = summary.input_shape if len(summary.input_shape) == 3 else (None, None, None)
    note = f"# input: (batch, {c}, {h}, {w})\n" if c else ""
    return f"import torch.nn as nn\n\n{note}model = nn.Sequential(\n{body}\n)\n"


def to_keras_code(summary: Summary) -> str:
    """Keras code for a PyTorch summary (input (C, H, W) -> input_shape=(H, W, C))."""
    if summary.framework != "torch":
        raise _wrong(summary, "torch")
    c, h, w = summary.input_shape
    lines = [f"keras.Input(shape=({h}, {w}, {c})),"]
    for row in summary.rows:
        a = dict(row.args)
        if row.kind == "Conv2d":
            groups = f", groups={int(a['groups'])}" if a["groups"] != 1 else ""
            pad = a["padding"]
            if pad not in (0, "valid", "same", (0, 0)):
                lines.append(f"layers.ZeroPadding2D({_k(pad)}),")
                pad = "valid"
            padding = "same" if pad == "same" else "valid"
            lines.append(f"layers.Conv2D({int(a['out_channels'])}, {_k(a['kernel_size'])}, strides={_k(a['stride'])}, "
                         f"padding='{padding}', dilation_rate={_k(a['dilation'])}{groups}, use_bias={_b(a['bias'])}),")
        elif row.kind in ("MaxPool2d", "AvgPool2d"):
            if a["padding"] not in (0, (0, 0)):
                lines.append(f"layers.ZeroPadding2D({_k(a['padding'])}),  # torch pads max pooling with -inf")
            name = "MaxPooling2D" if row.kind == "MaxPool2d" else "AveragePooling2D"
            stride = a["stride"] if a["stride"] is not None else a["kernel_size"]
            lines.append(f"layers.{name}({_k(a['kernel_size'])}, strides={_k(stride)}),")
        elif row.kind in ("AdaptiveAvgPool2d", "AdaptiveMaxPool2d"):
            if _pair(a["output_size"]) != (1, 1):
                raise InputError(f"line {row.line}: {row.kind}({a['output_size']}) has no Keras layer; only 1 exports",
                                 "export_adaptive", line=row.line, kind=row.kind)
            lines.append("layers.GlobalAveragePooling2D(keepdims=True)," if "Avg" in row.kind
                         else "layers.GlobalMaxPooling2D(keepdims=True),")
        elif row.kind == "Flatten":
            lines.append("layers.Flatten(),  # Keras orders features (H, W, C), PyTorch (C, H, W)")
        elif row.kind == "Linear":
            lines.append(f"layers.Dense({int(a['out_features'])}, use_bias={_b(a['bias'])}),")
        elif row.kind in ("ReLU", "ReLU6", "Sigmoid", "Tanh", "Softmax", "LeakyReLU"):
            act = {"ReLU": "relu", "ReLU6": "relu6", "Sigmoid": "sigmoid", "Tanh": "tanh", "Softmax": "softmax",
                   "LeakyReLU": "leaky_relu"}[row.kind]
            lines.append(f"layers.Activation('{act}'),")
        elif row.kind in ("Dropout", "Dropout2d"):
            lines.append(f"layers.Dropout({_f(a['p'])}),")
        elif row.kind == "BatchNorm2d":
            lines.append("layers.BatchNormalization(),")
    body = "\n".join(f"    {line}" for line in lines)
    return f"from tensorflow import keras\nfrom tensorflow.keras import layers\n\nmodel = keras.Sequential([\n{body}\n])\n"


def _layer_args(kernel, stride, padding, dilation, padding_mode):
    """The one-layer exports' arguments, validated as conv2d validates them (they are written into code)."""
    from . import _args

    k = _args.array("kernel", kernel, ndims=(2,), nonfinite_key="kernel_nan").astype(float)
    stride = _args.pair("stride", stride, minimum=1, key="stride_zero")[0]
    dilation = _args.pair("dilation", dilation, minimum=1, key="stride_zero")[0]
    if padding not in ("same", "valid"):
        padding = _args.pair("padding", padding, minimum=0)[0]
    padding_mode = _args.choice("padding_mode", padding_mode, _args.PADDING_MODES)
    return k, stride, padding, dilation, padding_mode


def conv_layer_torch_code(kernel, *, bias: float = 0.0, stride: int = 1, padding: int | str = 0,
                          dilation: int = 1, padding_mode: str = "zeros") -> str:
    """A runnable PyTorch script for one conv layer with these exact weights: input.npy (H, W) -> output.npy."""

    k, stride, padding, dilation, padding_mode = _layer_args(kernel, stride, padding, dilation, padding_mode)
    rows = ",\n    ".join("[" + ", ".join(repr(float(v)) for v in row) + "]" for row in k)
    pad = repr(padding)
    return f'''"""One convolution layer exported from Conv Playground: reads input.npy (H, W), writes output.npy."""
import numpy as np
import torch
from torch import nn

kernel = torch.tensor([
    {rows}
], dtype=torch.float32)  # (kh, kw)

layer = nn.Conv2d(1, 1, kernel_size={tuple(k.shape)}, stride={stride}, padding={pad}, dilation={dilation},
                  padding_mode={padding_mode!r}, bias=True)
with torch.no_grad():
    layer.weight.copy_(kernel[None, None])  # (out_channels, in_channels, kh, kw)
    layer.bias.fill_({float(bias)!r})

if __name__ == "__main__":
    x = torch.from_numpy(np.load("input.npy").astype(np.float32))[None, None]  # (1, 1, H, W)
    with torch.no_grad():
        y = layer(x)[0, 0]  # (OH, OW)
    np.save("output.npy", y.numpy())
    print("feature map", tuple(y.shape))
'''


def conv_layer_keras_code(kernel, *, bias: float = 0.0, stride: int = 1, padding: int | str = 0,
                          dilation: int = 1, padding_mode: str = "zeros") -> str:
    """The same layer in Keras (channels last); explicit padding becomes a padding layer first."""
    k, stride, padding, dilation, padding_mode = _layer_args(kernel, stride, padding, dilation, padding_mode)
    rows = ", ".join("[" + ", ".join(repr(float(v)) for v in row) + "]" for row in k)
    pre = ""
    if isinstance(padding, int) and padding > 0:
        if padding_mode == "zeros":
            pre = f"    layers.ZeroPadding2D({padding}),\n"
        else:
            mode = {"reflect": "REFLECT", "replicate": "SYMMETRIC  # not exact: TF has no 'replicate'",
                    "circular": "CONSTANT  # not exact: TF has no 'circular'"}[padding_mode]
            pre = (f"    layers.Lambda(lambda t: tf.pad(t, [[0, 0], [{padding}, {padding}], [{padding}, {padding}], "
                   f"[0, 0]], mode='{mode.split()[0]}')),  {'#' + mode.split('#')[1] if '#' in mode else ''}\n")
    keras_padding = "same" if padding == "same" else "valid"
    return f'''"""One convolution layer exported from Conv Playground (Keras: (batch, H, W, 1) in, (batch, OH, OW, 1) out)."""
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

kernel = np.array([{rows}], dtype="float32")  # (kh, kw)

model = tf.keras.Sequential([
    tf.keras.Input(shape=(None, None, 1)),
{pre}    layers.Conv2D(1, {tuple(k.shape)}, strides={stride}, padding="{keras_padding}", dilation_rate={dilation}),
])
model.layers[-1].set_weights([kernel[:, :, None, None], np.array([{float(bias)!r}], dtype="float32")])
'''


def png_bytes(picture) -> bytes:
    """An (H, W) or (H, W, 3) uint8 picture as PNG bytes."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(picture).save(buf, "PNG")
    return buf.getvalue()


def npy_bytes(array) -> bytes:
    """An array as .npy bytes (np.load reads it back)."""
    import io

    import numpy as np

    buf = io.BytesIO()
    np.save(buf, np.asarray(array))
    return buf.getvalue()
