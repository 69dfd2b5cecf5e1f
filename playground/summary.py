"""`model.summary()` for pasted Keras / PyTorch code, read with `ast` and never executed.

The code is parsed, the layer calls are found, their arguments are read with `ast.literal_eval`
(numbers, strings, tuples only), and shapes and parameter counts are worked out by the rules each
framework documents.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from typing import Any

MAX_DIM = 100_000  # any size (filters, units, H, W) above this is refused as absurd
MAX_LAYERS = 500


@dataclass(frozen=True)
class SummaryRow:
    """One layer: its name, output shape (no batch axis), parameters and the arithmetic behind them."""

    name: str  # "conv2d_1" (Keras) or "Conv2d-1" (PyTorch)
    kind: str  # the class name as written, e.g. "Conv2D"
    output_shape: tuple[int, ...]  # Keras (H, W, C) / PyTorch (C, H, W); (N,) after Flatten
    params: int
    arithmetic: str  # e.g. "3×3×1×10 + 10 = 100"
    macs: int  # multiply-adds for one input
    line: int  # line of the layer in the pasted code
    args: tuple = ()  # the layer's arguments as read, sorted (name, value) pairs: for exports


@dataclass(frozen=True)
class Summary:
    """The table a learner knows from `model.summary()`."""

    framework: str  # "keras" or "torch"
    input_shape: tuple[int, ...]
    rows: tuple[SummaryRow, ...]

    @property
    def total_params(self) -> int:
        return sum(r.params for r in self.rows)

    @property
    def total_macs(self) -> int:
        return sum(r.macs for r in self.rows)


@dataclass
class _Call:
    kind: str
    args: dict[str, Any]
    line: int


# name -> (positional parameter names, defaults of every accepted keyword)
_KERAS: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "Conv2D": (("filters", "kernel_size", "strides", "padding"),
               {"strides": 1, "padding": "valid", "dilation_rate": 1, "use_bias": True, "groups": 1}),
    "MaxPooling2D": (("pool_size", "strides", "padding"), {"pool_size": 2, "strides": None, "padding": "valid"}),
    "AveragePooling2D": (("pool_size", "strides", "padding"), {"pool_size": 2, "strides": None, "padding": "valid"}),
    "GlobalAveragePooling2D": ((), {}),
    "GlobalMaxPooling2D": ((), {}),
    "Flatten": ((), {}),
    "Dense": (("units",), {"use_bias": True}),
    "Dropout": (("rate",), {}),
    "Activation": (("activation",), {}),
    "ReLU": ((), {}),
    "Softmax": ((), {}),
    "BatchNormalization": ((), {"center": True, "scale": True}),
    "Input": (("shape",), {}),
    "InputLayer": (("input_shape",), {"shape": None}),
}
_KERAS_IGNORED = {"activation", "name", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                  "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint", "trainable",
                  "dtype", "momentum", "epsilon", "axis", "noise_shape", "seed", "data_format", "input_shape",
                  "batch_size", "beta_initializer", "gamma_initializer", "moving_mean_initializer",
                  "moving_variance_initializer", "keepdims", "max_value", "negative_slope", "threshold",
                  }
_KERAS_SNAKE = {"Conv2D": "conv2d", "MaxPooling2D": "max_pooling2d", "AveragePooling2D": "average_pooling2d",
                "GlobalAveragePooling2D": "global_average_pooling2d", "GlobalMaxPooling2D": "global_max_pooling2d",
                "Flatten": "flatten", "Dense": "dense", "Dropout": "dropout", "Activation": "activation",
                "ReLU": "re_lu", "Softmax": "softmax", "BatchNormalization": "batch_normalization"}

_TORCH: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "Conv2d": (("in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups", "bias",
                "padding_mode"),
               {"stride": 1, "padding": 0, "dilation": 1, "groups": 1, "bias": True, "padding_mode": "zeros"}),
    "MaxPool2d": (("kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"),
                  {"stride": None, "padding": 0, "dilation": 1, "return_indices": False, "ceil_mode": False}),
    "AvgPool2d": (("kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"),
                  {"stride": None, "padding": 0, "ceil_mode": False, "count_include_pad": True,
                   "divisor_override": None}),
    "AdaptiveAvgPool2d": (("output_size",), {}),
    "AdaptiveMaxPool2d": (("output_size",), {}),
    "ReLU": (("inplace",), {"inplace": False}),
    "ReLU6": (("inplace",), {"inplace": False}),
    "LeakyReLU": (("negative_slope", "inplace"), {"negative_slope": 0.01, "inplace": False}),
    "Sigmoid": ((), {}),
    "Tanh": ((), {}),
    "Softmax": (("dim",), {"dim": None}),
    "Flatten": (("start_dim", "end_dim"), {"start_dim": 1, "end_dim": -1}),
    "Linear": (("in_features", "out_features", "bias"), {"bias": True}),
    "Dropout": (("p", "inplace"), {"p": 0.5, "inplace": False}),
    "Dropout2d": (("p", "inplace"), {"p": 0.5, "inplace": False}),
    "BatchNorm2d": (("num_features", "eps", "momentum", "affine", "track_running_stats"),
                    {"eps": 1e-5, "momentum": 0.1, "affine": True, "track_running_stats": True}),
}


def _callee(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        f = node.func
        return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
    return None


def _parse(code: str) -> ast.Module:
    if not isinstance(code, str):
        raise ValueError(f"code must be a string; got {type(code).__name__}")
    if len(code) > 100_000:
        raise ValueError(f"code must be at most 100000 characters; got {len(code)}")
    try:
        return ast.parse(code)
    except SyntaxError as e:
        raise ValueError(f"line {e.lineno}: this is not valid Python ({e.msg})") from None


def _literal(node: ast.AST, word: str, line: int) -> Any:
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        raise ValueError(f"line {line}: the value of '{word}' must be a number, string or tuple written out; "
                         f"got {ast.unparse(node)!r}") from None


def _bind(call: ast.Call, table: dict, ignored: set[str]) -> _Call:
    """Match a layer call's arguments to its signature; unknown layers or words raise."""
    kind, line = _callee(call), call.lineno
    if kind not in table:
        raise ValueError(f"line {line}: unknown layer '{kind}'; known: {', '.join(sorted(table))}")
    positional, defaults = table[kind]
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        raise ValueError(f"line {line}: '{kind}' uses * or ** arguments; write the values out")
    if len(call.args) > len(positional):
        raise ValueError(f"line {line}: '{kind}' takes at most {len(positional)} positional arguments; "
                         f"got {len(call.args)}")
    args = dict(defaults)
    for name, node in zip(positional, call.args):
        args[name] = _literal(node, name, line)
    for kw in call.keywords:
        if kw.arg in defaults or kw.arg in positional:
            args[kw.arg] = _literal(kw.value, kw.arg, line)
        elif kw.arg in ignored:
            if kw.arg == "input_shape":
                args["input_shape"] = _literal(kw.value, kw.arg, line)
            elif kw.arg == "activation" and isinstance(kw.value, ast.Constant):
                args["activation"] = kw.value.value  # kept for exports; tf.nn.relu and the like are ignored
        else:
            raise ValueError(f"line {line}: '{kind}' has no argument '{kw.arg}'")
    return _Call(kind, args, line)


def _layer_calls(tree: ast.Module, container: str, table: dict, ignored: set[str]) -> list[_Call]:
    """Layers of `container([...])` or `model = container()` + `model.add(...)`, in source order."""
    calls: list[ast.Call] = []
    for node in ast.walk(tree):
        if _callee(node) == container:
            items = list(node.args)
            for kw in node.keywords:
                if kw.arg == "layers":
                    items.append(kw.value)
            for item in items:
                calls.extend(item.elts if isinstance(item, (ast.List, ast.Tuple)) else [item])
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add"
              and len(node.args) == 1 and isinstance(node.args[0], ast.Call)):
            calls.append(node.args[0])
    if not calls:
        raise ValueError(f"no {container}(...) model with layers was found in the code")
    if len(calls) > MAX_LAYERS:
        raise ValueError(f"the model has {len(calls)} layers; at most {MAX_LAYERS} are allowed")
    calls.sort(key=lambda c: (c.lineno, c.col_offset))
    out = []
    for c in calls:
        if not isinstance(c, ast.Call):
            raise ValueError(f"line {c.lineno}: expected a layer such as Conv2D(...); got {ast.unparse(c)!r}")
        out.append(_bind(c, table, ignored))
    return out


def _int(v: Any, word: str, line: int, minimum: int = 1) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not minimum <= v <= MAX_DIM:
        raise ValueError(f"line {line}: '{word}' must be a whole number from {minimum} to {MAX_DIM}; got {v!r}")
    return v


def _pair(v: Any, word: str, line: int, minimum: int = 1) -> tuple[int, int]:
    if isinstance(v, (tuple, list)) and len(v) == 2:
        return _int(v[0], word, line, minimum), _int(v[1], word, line, minimum)
    return _int(v, word, line, minimum), _int(v, word, line, minimum)


def _shape(v: Any, word: str, line: int, n: int) -> tuple[int, ...]:
    if not (isinstance(v, (tuple, list)) and len(v) == n):
        raise ValueError(f"line {line}: '{word}' must be a tuple of {n} whole numbers; got {v!r}")
    return tuple(_int(x, word, line) for x in v)


def _spatial(n: int, k: int, s: int, p: int, d: int, line: int, kind: str) -> int:
    out = (n + 2 * p - d * (k - 1) - 1) // s + 1
    if out < 1:
        raise ValueError(f"line {line}: '{kind}' would make the output size {out} (input {n}, kernel {k}); "
                         "the kernel is larger than the (padded) input")
    return out


def _fmt_params(factors: list[int], bias: int, total: int) -> str:
    text = "×".join(str(f) for f in factors)
    return f"{text} + {bias} = {total:,}" if bias else f"{text} = {total:,}"


def summarize_keras(code: str) -> Summary:
    """Summary of a Keras `Sequential` model given as source code (never executed)."""
    calls = _layer_calls(_parse(code), "Sequential", _KERAS, _KERAS_IGNORED)
    shape: tuple[int, ...] | None = None  # (H, W, C) or (N,)
    input_shape = None
    rows: list[SummaryRow] = []
    counts: dict[str, int] = {}
    for c in calls:
        a, line = c.args, c.line
        if c.kind in ("Input", "InputLayer"):
            given = a.get("shape") if c.kind == "Input" else (a.get("input_shape") or a.get("shape"))
            shape = input_shape = _shape(given, "shape", line, len(given) if isinstance(given, (tuple, list)) else 3)
            continue
        if "input_shape" in a:
            given = a["input_shape"]
            shape = input_shape = _shape(given, "input_shape", line,
                                         len(given) if isinstance(given, (tuple, list)) else 3)
        if shape is None:
            raise ValueError(f"line {line}: the first layer needs input_shape=(height, width, channels)")
        params, arithmetic, macs = 0, "0", 0
        if c.kind == "Conv2D":
            if len(shape) != 3:
                raise ValueError(f"line {line}: Conv2D needs an (H, W, C) input; got {shape}")
            filters = _int(a.get("filters"), "filters", line)
            kh, kw = _pair(a.get("kernel_size"), "kernel_size", line)
            sh, sw = _pair(a["strides"], "strides", line)
            dh, dw = _pair(a["dilation_rate"], "dilation_rate", line)
            pad = _keras_padding(a["padding"], line)
            H, W, C = shape
            if pad == "same":
                oh, ow = math.ceil(H / sh), math.ceil(W / sw)
            else:
                oh, ow = _spatial(H, kh, sh, 0, dh, line, c.kind), _spatial(W, kw, sw, 0, dw, line, c.kind)
            bias = filters if a["use_bias"] else 0
            params = kh * kw * C * filters + bias
            arithmetic = _fmt_params([kh, kw, C, filters], bias, params)
            shape = (oh, ow, filters)
            macs = oh * ow * filters * kh * kw * C
        elif c.kind in ("MaxPooling2D", "AveragePooling2D"):
            if len(shape) != 3:
                raise ValueError(f"line {line}: {c.kind} needs an (H, W, C) input; got {shape}")
            kh, kw = _pair(a["pool_size"], "pool_size", line)
            sh, sw = (kh, kw) if a["strides"] is None else _pair(a["strides"], "strides", line)
            H, W, C = shape
            if _keras_padding(a["padding"], line) == "same":
                shape = (math.ceil(H / sh), math.ceil(W / sw), C)
            else:
                shape = (_spatial(H, kh, sh, 0, 1, line, c.kind), _spatial(W, kw, sw, 0, 1, line, c.kind), C)
        elif c.kind in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
            shape = (shape[-1],)
        elif c.kind == "Flatten":
            shape = (math.prod(shape),)
        elif c.kind == "Dense":
            units = _int(a.get("units"), "units", line)
            bias = units if a["use_bias"] else 0
            params = shape[-1] * units + bias  # Dense acts on the last axis
            arithmetic = _fmt_params([shape[-1], units], bias, params)
            macs = math.prod(shape[:-1]) * shape[-1] * units
            shape = shape[:-1] + (units,)
        elif c.kind == "BatchNormalization":
            per_channel = 2 + int(bool(a["center"])) + int(bool(a["scale"]))  # γ, β + moving mean, variance
            params = per_channel * shape[-1]
            arithmetic = _fmt_params([per_channel, shape[-1]], 0, params)
        _check_size(shape, params, line)
        name = _KERAS_SNAKE[c.kind]
        n = counts.get(name, 0)
        counts[name] = n + 1
        rows.append(SummaryRow(name if n == 0 else f"{name}_{n}", c.kind, shape, params, arithmetic, macs, line,
                               tuple(sorted(a.items()))))
    if not rows:
        raise ValueError("the model has no layers after its Input")
    return Summary("keras", input_shape, tuple(rows))


def _keras_padding(v: Any, line: int) -> str:
    if v not in ("valid", "same"):
        raise ValueError(f"line {line}: 'padding' must be 'valid' or 'same'; got {v!r}")
    return v


def _check_size(shape: tuple[int, ...], params: int, line: int) -> None:
    if math.prod(shape) > 10**10 or params > 10**11:
        raise ValueError(f"line {line}: the layer is absurdly large (output {shape}, {params:,} parameters)")


def summarize_torch(code: str, input_shape: tuple[int, int, int]) -> Summary:
    """Summary of a PyTorch `nn.Sequential` given as source code, for an input (C, H, W)."""
    if not (isinstance(input_shape, (tuple, list)) and len(input_shape) == 3
            and all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= MAX_DIM for v in input_shape)):
        raise ValueError(f"input_shape must be (C, H, W) of whole numbers from 1 to {MAX_DIM}; got {input_shape!r}")
    calls = _layer_calls(_parse(code), "Sequential", _TORCH, set())
    shape: tuple[int, ...] = tuple(input_shape)  # (C, H, W) or (N,)
    rows: list[SummaryRow] = []
    for n, c in enumerate(calls, start=1):
        a, line = c.args, c.line
        params, arithmetic, macs = 0, "0", 0
        if c.kind in ("Conv2d", "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "AdaptiveMaxPool2d",
                      "BatchNorm2d", "Dropout2d") and len(shape) != 3:
            raise ValueError(f"line {line}: {c.kind} needs a (C, H, W) input; got {shape}")
        if c.kind == "Conv2d":
            C, H, W = shape
            cin = _int(a.get("in_channels"), "in_channels", line)
            if cin != C:
                raise ValueError(f"line {line}: Conv2d has in_channels={cin} but its input has {C} channels")
            cout = _int(a.get("out_channels"), "out_channels", line)
            kh, kw = _pair(a.get("kernel_size"), "kernel_size", line)
            sh, sw = _pair(a["stride"], "stride", line)
            dh, dw = _pair(a["dilation"], "dilation", line)
            groups = _int(a["groups"], "groups", line)
            if cin % groups or cout % groups:
                raise ValueError(f"line {line}: groups={groups} must divide in_channels={cin} and out_channels={cout}")
            if a["padding"] == "same":
                oh, ow = H, W
            else:
                ph, pw = (0, 0) if a["padding"] == "valid" else _pair(a["padding"], "padding", line, 0)
                oh, ow = _spatial(H, kh, sh, ph, dh, line, c.kind), _spatial(W, kw, sw, pw, dw, line, c.kind)
            bias = cout if a["bias"] else 0
            params = kh * kw * (cin // groups) * cout + bias
            arithmetic = _fmt_params([kh, kw, cin // groups, cout], bias, params)
            macs = oh * ow * cout * kh * kw * (cin // groups)
            shape = (cout, oh, ow)
        elif c.kind in ("MaxPool2d", "AvgPool2d"):
            C, H, W = shape
            kh, kw = _pair(a.get("kernel_size"), "kernel_size", line)
            sh, sw = (kh, kw) if a["stride"] is None else _pair(a["stride"], "stride", line)
            ph, pw = _pair(a["padding"], "padding", line, 0)
            d = a.get("dilation", 1)
            dh, dw = _pair(d, "dilation", line)
            if a["ceil_mode"]:
                oh = -(-(H + 2 * ph - dh * (kh - 1) - 1) // sh) + 1
                ow = -(-(W + 2 * pw - dw * (kw - 1) - 1) // sw) + 1
                oh -= (oh - 1) * sh >= H + ph  # torch: the last window must start inside the input
                ow -= (ow - 1) * sw >= W + pw
            else:
                oh, ow = _spatial(H, kh, sh, ph, dh, line, c.kind), _spatial(W, kw, sw, pw, dw, line, c.kind)
            shape = (C, oh, ow)
        elif c.kind in ("AdaptiveAvgPool2d", "AdaptiveMaxPool2d"):
            oh, ow = _pair(a.get("output_size"), "output_size", line)
            shape = (shape[0], oh, ow)
        elif c.kind == "Flatten":
            if (a["start_dim"], a["end_dim"]) != (1, -1):
                raise ValueError(f"line {line}: only Flatten() over all features (start_dim=1) is supported")
            shape = (math.prod(shape),)
        elif c.kind == "Linear":
            fin = _int(a.get("in_features"), "in_features", line)
            if fin != shape[-1]:
                raise ValueError(f"line {line}: Linear has in_features={fin} but receives {shape[-1]} features "
                                 f"(input shape {shape})")
            fout = _int(a.get("out_features"), "out_features", line)
            bias = fout if a["bias"] else 0
            params = fin * fout + bias
            arithmetic = _fmt_params([fin, fout], bias, params)
            macs = math.prod(shape[:-1]) * fin * fout
            shape = shape[:-1] + (fout,)
        elif c.kind == "BatchNorm2d":
            nf = _int(a.get("num_features"), "num_features", line)
            if nf != shape[0]:
                raise ValueError(f"line {line}: BatchNorm2d has num_features={nf} but its input has {shape[0]} channels")
            params = 2 * nf if a["affine"] else 0  # γ and β; running mean/var are buffers, not parameters
            arithmetic = _fmt_params([2, nf], 0, params) if params else "0"
        _check_size(shape, params, line)
        rows.append(SummaryRow(f"{c.kind}-{n}", c.kind, shape, params, arithmetic, macs, line,
                               tuple(sorted(a.items()))))
    return Summary("torch", tuple(input_shape), tuple(rows))
