"""`model.summary()` for pasted Keras / PyTorch code, read with `ast` and never executed.

The code is parsed, the layer calls are found, their arguments are read with `ast.literal_eval`
(numbers, strings, tuples only), and shapes and parameter counts are worked out by the rules each
framework documents.

Pasted code is hostile until read: its size and nesting are bounded by a cheap scan before parsing
(ast.parse and everything after it recurse), and whatever parsing can still raise becomes an
`InputError` with a strings-table key, like every other refusal here.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from typing import Any

from ._args import InputError, shown

MAX_DIM = 100_000  # any size (filters, units, H, W) above this is refused as absurd
MAX_LAYERS = 500
MAX_CODE_CHARS = 100_000
MAX_BRACKETS = 50  # nested ( [ { ; a real model uses < 10
MAX_SIGNS = 20  # a run of unary - + ~ or `not`
MAX_DEPTH = 100  # depth of the parsed tree (a chain 1+1+…+1 is as deep as it is long)
BOOL_WORDS = {"use_bias", "bias", "center", "scale", "affine", "track_running_stats", "inplace", "return_indices",
              "ceil_mode", "count_include_pad"}


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


def _too_deep() -> InputError:
    return InputError(f"the code is nested too deeply (more than {MAX_BRACKETS} brackets or {MAX_SIGNS} signs "
                      "in a row, or expressions too long); write the values out", "code_too_deep",
                      brackets=MAX_BRACKETS, signs=MAX_SIGNS)


# string literals and comments: blanked before the scan, so brackets or dashes inside them never count
# (an unterminated string runs to the end of its line, or of the code for triple quotes)
_QUOTED = re.compile(r"#[^\n]*" r"|'''[\s\S]*?(?:'''|\Z)" r'|"""[\s\S]*?(?:"""|\Z)'
                     r"|'(?:[^'\\\n]|\\[\s\S])*'?" r'|"(?:[^"\\\n]|\\[\s\S])*"?')
_BRACKETS = re.compile(r"[(\[{)\]}]")
_SIGNS = re.compile(r"(?:[-+~]\s*){%d}|(?:\bnot\b\s*){%d}" % (MAX_SIGNS + 1, MAX_SIGNS + 1))


def _scan(code: str) -> None:
    """Refuse deep brackets and long runs of unary signs with regular expressions (C speed, no
    recursion), before ast.parse: it would recurse into them (RecursionError, or MemoryError for
    30k unary minus). What slips through (f-strings, long chains) is caught around ast.parse."""
    text = _QUOTED.sub(" ", code)
    depth = 0
    for m in _BRACKETS.finditer(text):
        if m.group() in "([{":
            depth += 1
            if depth > MAX_BRACKETS:
                raise _too_deep()
        else:
            depth = max(depth - 1, 0)
    if _SIGNS.search(text):
        raise _too_deep()


def _tree_depth(tree: ast.AST) -> int:
    """Depth of the tree, walked without recursion (so a deep tree cannot overflow the stack here)."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def _parse(code: str) -> ast.Module:
    if not isinstance(code, str):
        raise InputError(f"code must be a string; got {type(code).__name__}", "code_not_text")
    if len(code) > MAX_CODE_CHARS:
        raise InputError(f"code must be at most {MAX_CODE_CHARS} characters; got {len(code)}", "code_too_long",
                         max=f"{MAX_CODE_CHARS:,}", n=f"{len(code):,}")
    # before parsing: ast.parse recurses (RecursionError, or MemoryError for 30k unary minus)
    _scan(code)
    try:
        tree = ast.parse(code)
    except SyntaxError as e:  # IndentationError too
        raise InputError(f"line {e.lineno}: this is not valid Python ({e.msg})", "code_syntax",
                         line=e.lineno or 1, detail=shown(e.msg, 80)) from None
    except (RecursionError, MemoryError):
        raise _too_deep() from None
    except (ValueError, OverflowError) as e:  # e.g. a NUL byte, an int literal past Python's digit limit
        raise InputError(f"this is not valid Python ({e})", "code_syntax", line=1, detail=shown(str(e), 80)) from None
    if _tree_depth(tree) > MAX_DEPTH:  # literal_eval and unparse recurse too
        raise _too_deep()
    return tree


def _literal(node: ast.AST, word: str, line: int) -> Any:
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError, OverflowError):
        try:
            text = shown(ast.unparse(node))
        except (RecursionError, ValueError, MemoryError):
            text = "…"
        raise InputError(f"line {line}: the value of '{word}' must be a number, string or tuple written out; "
                         f"got {text}", "code_not_literal", line=line, word=word, value=text) from None


def _bind(call: ast.Call, table: dict, ignored: set[str]) -> _Call:
    """Match a layer call's arguments to its signature; unknown layers or words raise."""
    kind, line = _callee(call), call.lineno
    if kind not in table:
        known = ", ".join(sorted(table))
        raise InputError(f"line {line}: unknown layer '{kind}'; known: {known}", "code_unknown_layer", line=line,
                         kind=shown(kind, 40).strip("'"), known=known)
    positional, defaults = table[kind]
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        raise InputError(f"line {line}: '{kind}' uses * or ** arguments; write the values out", "code_star_args",
                         line=line, kind=kind)
    if len(call.args) > len(positional):
        raise InputError(f"line {line}: '{kind}' takes at most {len(positional)} positional arguments; "
                         f"got {len(call.args)}", "code_too_many_args", line=line, kind=kind, n=len(positional),
                         got=len(call.args))
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
            raise InputError(f"line {line}: '{kind}' has no argument '{kw.arg}'", "code_unknown_argument", line=line,
                             kind=kind, word=shown(kw.arg, 40).strip("'"))
    for word in BOOL_WORDS & args.keys():  # exports write these into code: only True / False get there
        if not isinstance(args[word], bool):
            raise InputError(f"line {line}: '{word}' must be True or False; got {shown(args[word])}", "code_bool",
                             line=line, word=word, value=shown(args[word]))
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
        raise InputError(f"no {container}(...) model with layers was found in the code", "code_no_model",
                         container=container)
    if len(calls) > MAX_LAYERS:
        raise InputError(f"the model has {len(calls)} layers; at most {MAX_LAYERS} are allowed",
                         "code_too_many_layers", n=len(calls), max=MAX_LAYERS)
    calls.sort(key=lambda c: (c.lineno, c.col_offset))
    out = []
    for c in calls:
        if not isinstance(c, ast.Call):
            text = shown(ast.unparse(c))
            raise InputError(f"line {c.lineno}: expected a layer such as Conv2D(...); got {text}", "code_not_a_layer",
                             line=c.lineno, value=text)
        out.append(_bind(c, table, ignored))
    return out


def _int(v: Any, word: str, line: int, minimum: int = 1) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not minimum <= v <= MAX_DIM:
        raise InputError(f"line {line}: '{word}' must be a whole number from {minimum} to {MAX_DIM}; got {shown(v)}",
                         "code_whole_number", line=line, word=word, minimum=minimum, max=MAX_DIM, value=shown(v))
    return v


def _probability(v: Any, word: str, line: int, below_one: bool) -> float:
    """A dropout rate: a number from 0 to 1 (Keras' rate must stay below 1)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not (0 <= v < 1 if below_one else 0 <= v <= 1):
        raise InputError(f"line {line}: '{word}' must be a number from 0 to 1; got {shown(v)}", "code_probability",
                         line=line, word=word, value=shown(v))
    return float(v)


def _one_of(v: Any, word: str, line: int, allowed: tuple[str, ...]) -> str:
    if not isinstance(v, str) or v not in allowed:
        text = ", ".join(map(repr, allowed))
        raise InputError(f"line {line}: '{word}' must be {text}; got {shown(v)}", "code_choice", line=line,
                         word=word, allowed=text, value=shown(v))
    return v


def _pair(v: Any, word: str, line: int, minimum: int = 1) -> tuple[int, int]:
    if isinstance(v, (tuple, list)) and len(v) == 2:
        return _int(v[0], word, line, minimum), _int(v[1], word, line, minimum)
    return _int(v, word, line, minimum), _int(v, word, line, minimum)


def _input_shape(v: Any, word: str, line: int) -> tuple[int, ...]:
    """Keras' input shape without the batch axis: (features,), (steps, features) or (H, W, C)."""
    if not (isinstance(v, (tuple, list)) and 1 <= len(v) <= 3):
        raise InputError(f"line {line}: '{word}' must be a tuple of 1 to 3 whole numbers, such as (28, 28, 1); "
                         f"got {shown(v)}", "code_input_shape", line=line, word=word, value=shown(v))
    return tuple(_int(x, word, line) for x in v)


def _spatial(n: int, k: int, s: int, p: int, d: int, line: int, kind: str) -> int:
    out = (n + 2 * p - d * (k - 1) - 1) // s + 1
    if out < 1:
        raise InputError(f"line {line}: '{kind}' would make the output size {out} (input {n}, kernel {k}); "
                         "the kernel is larger than the (padded) input", "code_kernel_too_big", line=line,
                         kind=kind, out=out, n=n, k=k)
    return out


def _needs_image(shape: tuple[int, ...], kind: str, line: int, axes: str) -> None:
    if len(shape) != 3:
        raise InputError(f"line {line}: {kind} needs an {axes} input; got {shape}", "code_needs_image", line=line,
                         kind=kind, axes=axes, shape=shape)


def _groups(groups: int, cin: int, cout: int, line: int) -> None:
    if cin % groups or cout % groups:
        raise InputError(f"line {line}: groups={groups} must divide in_channels={cin} and out_channels={cout}",
                         "code_groups", line=line, groups=groups, cin=cin, cout=cout)


def _fmt_params(factors: list, bias: int, total: int) -> str:
    text = "×".join(str(f) for f in factors)
    return f"{text} + {bias} = {total:,}" if bias else f"{text} = {total:,}"


def _per_group(cin: int, groups: int) -> str:
    """The input channels one filter sees: 64, or (64/4) with groups."""
    return f"({cin}/{groups})" if groups > 1 else str(cin)


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
            shape = input_shape = _input_shape(given, "shape", line)
            continue
        if "input_shape" in a:
            shape = input_shape = _input_shape(a["input_shape"], "input_shape", line)
        if shape is None:
            raise InputError(f"line {line}: the first layer needs input_shape=(height, width, channels)",
                             "code_needs_input_shape", line=line)
        if a.get("activation") is not None and not isinstance(a["activation"], str):  # None: no activation
            raise InputError(f"line {line}: 'activation' must be a name in quotes such as 'relu'; got "
                             f"{shown(a['activation'])}", "code_activation", line=line, value=shown(a["activation"]))
        params, arithmetic, macs = 0, "0", 0
        if c.kind == "Conv2D":
            _needs_image(shape, c.kind, line, "(H, W, C)")
            filters = _int(a.get("filters"), "filters", line)
            kh, kw = _pair(a.get("kernel_size"), "kernel_size", line)
            sh, sw = _pair(a["strides"], "strides", line)
            dh, dw = _pair(a["dilation_rate"], "dilation_rate", line)
            groups = _int(a["groups"], "groups", line)
            pad = _one_of(a["padding"], "padding", line, ("valid", "same"))
            H, W, C = shape
            _groups(groups, C, filters, line)
            if pad == "same":
                oh, ow = math.ceil(H / sh), math.ceil(W / sw)
            else:
                oh, ow = _spatial(H, kh, sh, 0, dh, line, c.kind), _spatial(W, kw, sw, 0, dw, line, c.kind)
            bias = filters if a["use_bias"] else 0
            params = kh * kw * (C // groups) * filters + bias  # each filter sees C/groups channels
            arithmetic = _fmt_params([kh, kw, _per_group(C, groups), filters], bias, params)
            shape = (oh, ow, filters)
            macs = oh * ow * filters * kh * kw * (C // groups)
        elif c.kind in ("MaxPooling2D", "AveragePooling2D"):
            _needs_image(shape, c.kind, line, "(H, W, C)")
            kh, kw = _pair(a["pool_size"], "pool_size", line)
            sh, sw = (kh, kw) if a["strides"] is None else _pair(a["strides"], "strides", line)
            H, W, C = shape
            if _one_of(a["padding"], "padding", line, ("valid", "same")) == "same":
                shape = (math.ceil(H / sh), math.ceil(W / sw), C)
            else:
                shape = (_spatial(H, kh, sh, 0, 1, line, c.kind), _spatial(W, kw, sw, 0, 1, line, c.kind), C)
        elif c.kind in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
            _needs_image(shape, c.kind, line, "(H, W, C)")
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
        elif c.kind == "Dropout":
            a["rate"] = _probability(a.get("rate"), "rate", line, below_one=True)
        elif c.kind == "BatchNormalization":
            per_channel = 2 + int(a["center"]) + int(a["scale"])  # γ, β + moving mean, variance
            params = per_channel * shape[-1]
            arithmetic = _fmt_params([per_channel, shape[-1]], 0, params)
        _check_size(shape, params, line)
        name = _KERAS_SNAKE[c.kind]
        n = counts.get(name, 0)
        counts[name] = n + 1
        rows.append(SummaryRow(name if n == 0 else f"{name}_{n}", c.kind, shape, params, arithmetic, macs, line,
                               tuple(sorted(a.items()))))
    if not rows:
        raise InputError("the model has no layers after its Input", "code_no_layers")
    return Summary("keras", input_shape, tuple(rows))


def _check_size(shape: tuple[int, ...], params: int, line: int) -> None:
    if math.prod(shape) > 10**10 or params > 10**11:
        raise InputError(f"line {line}: the layer is absurdly large (output {shape}, {params:,} parameters)",
                         "code_too_large", line=line, shape=shape, params=f"{params:,}")


def summarize_torch(code: str, input_shape: tuple[int, int, int]) -> Summary:
    """Summary of a PyTorch `nn.Sequential` given as source code, for an input (C, H, W)."""
    if not (isinstance(input_shape, (tuple, list)) and len(input_shape) == 3
            and all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= MAX_DIM for v in input_shape)):
        raise InputError(f"input_shape must be (C, H, W) of whole numbers from 1 to {MAX_DIM}; got "
                         f"{shown(input_shape)}", "code_torch_input", max=MAX_DIM, value=shown(input_shape))
    calls = _layer_calls(_parse(code), "Sequential", _TORCH, set())
    shape: tuple[int, ...] = tuple(input_shape)  # (C, H, W) or (N,)
    rows: list[SummaryRow] = []
    for n, c in enumerate(calls, start=1):
        a, line = c.args, c.line
        params, arithmetic, macs = 0, "0", 0
        if c.kind in ("Conv2d", "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "AdaptiveMaxPool2d",
                      "BatchNorm2d", "Dropout2d"):
            _needs_image(shape, c.kind, line, "(C, H, W)")
        if c.kind == "Conv2d":
            C, H, W = shape
            cin = _int(a.get("in_channels"), "in_channels", line)
            if cin != C:
                raise InputError(f"line {line}: Conv2d has in_channels={cin} but its input has {C} channels",
                                 "code_in_channels", line=line, kind=c.kind, got=cin, want=C)
            cout = _int(a.get("out_channels"), "out_channels", line)
            kh, kw = _pair(a.get("kernel_size"), "kernel_size", line)
            sh, sw = _pair(a["stride"], "stride", line)
            dh, dw = _pair(a["dilation"], "dilation", line)
            groups = _int(a["groups"], "groups", line)
            _groups(groups, cin, cout, line)
            _one_of(a["padding_mode"], "padding_mode", line, ("zeros", "reflect", "replicate", "circular"))
            if a["padding"] == "same":
                if (sh, sw) != (1, 1):  # torch: "padding='same' is not supported for strided convolutions"
                    raise InputError(f"line {line}: padding='same' is not supported for strided convolutions "
                                     "(as in PyTorch)", "code_same_stride", line=line)
                oh, ow = H, W
            else:
                ph, pw = (0, 0) if a["padding"] == "valid" else _pair(a["padding"], "padding", line, 0)
                oh, ow = _spatial(H, kh, sh, ph, dh, line, c.kind), _spatial(W, kw, sw, pw, dw, line, c.kind)
            bias = cout if a["bias"] else 0
            params = kh * kw * (cin // groups) * cout + bias
            arithmetic = _fmt_params([kh, kw, _per_group(cin, groups), cout], bias, params)
            macs = oh * ow * cout * kh * kw * (cin // groups)
            shape = (cout, oh, ow)
        elif c.kind in ("MaxPool2d", "AvgPool2d"):
            C, H, W = shape
            kh, kw = _pair(a.get("kernel_size"), "kernel_size", line)
            sh, sw = (kh, kw) if a["stride"] is None else _pair(a["stride"], "stride", line)
            ph, pw = _pair(a["padding"], "padding", line, 0)
            d = a.get("dilation", 1)
            dh, dw = _pair(d, "dilation", line)
            if 2 * ph > kh or 2 * pw > kw:  # torch: "pad should be at most half of effective kernel size"
                raise InputError(f"line {line}: padding must be at most half of kernel_size (as in PyTorch)",
                                 "pool_padding_too_big")
            if a["ceil_mode"]:
                oh = -(-(H + 2 * ph - dh * (kh - 1) - 1) // sh) + 1
                ow = -(-(W + 2 * pw - dw * (kw - 1) - 1) // sw) + 1
                oh -= (oh - 1) * sh >= H + ph  # torch: the last window must start inside the input
                ow -= (ow - 1) * sw >= W + pw
                if oh < 1 or ow < 1:
                    raise InputError(f"line {line}: '{c.kind}' would make the output size {min(oh, ow)}; the "
                                     "kernel is larger than the (padded) input", "code_kernel_too_big", line=line,
                                     kind=c.kind, out=min(oh, ow), n=f"{H}×{W}", k=f"{kh}×{kw}")
            else:
                oh, ow = _spatial(H, kh, sh, ph, dh, line, c.kind), _spatial(W, kw, sw, pw, dw, line, c.kind)
            shape = (C, oh, ow)
        elif c.kind in ("AdaptiveAvgPool2d", "AdaptiveMaxPool2d"):
            oh, ow = _pair(a.get("output_size"), "output_size", line)
            shape = (shape[0], oh, ow)
        elif c.kind == "Flatten":
            if (a["start_dim"], a["end_dim"]) != (1, -1):
                raise InputError(f"line {line}: only Flatten() over all features (start_dim=1) is supported",
                                 "code_flatten", line=line)
            shape = (math.prod(shape),)
        elif c.kind == "Linear":
            fin = _int(a.get("in_features"), "in_features", line)
            if fin != shape[-1]:
                raise InputError(f"line {line}: Linear has in_features={fin} but receives {shape[-1]} features "
                                 f"(input shape {shape})", "code_in_features", line=line, got=fin, want=shape[-1])
            fout = _int(a.get("out_features"), "out_features", line)
            bias = fout if a["bias"] else 0
            params = fin * fout + bias
            arithmetic = _fmt_params([fin, fout], bias, params)
            macs = math.prod(shape[:-1]) * fin * fout
            shape = shape[:-1] + (fout,)
        elif c.kind in ("Dropout", "Dropout2d"):
            a["p"] = _probability(a["p"], "p", line, below_one=False)
        elif c.kind == "BatchNorm2d":
            nf = _int(a.get("num_features"), "num_features", line)
            if nf != shape[0]:
                raise InputError(f"line {line}: BatchNorm2d has num_features={nf} but its input has {shape[0]} "
                                 "channels", "code_in_channels", line=line, kind=c.kind, got=nf, want=shape[0])
            params = 2 * nf if a["affine"] else 0  # γ and β; running mean/var are buffers, not parameters
            arithmetic = _fmt_params([2, nf], 0, params) if params else "0"
        _check_size(shape, params, line)
        rows.append(SummaryRow(f"{c.kind}-{n}", c.kind, shape, params, arithmetic, macs, line,
                               tuple(sorted(a.items()))))
    return Summary("torch", tuple(input_shape), tuple(rows))
