"""Every InputError the package can raise names a sentence that exists in English and Korean.

The keys are collected from the source: literal keys of `InputError(...)` / `ImageError(...)` calls, and
literal `key=` / `*_key=` arguments handed to helpers that raise with the key they are given (such as
`_args.pair(..., key="stride_zero")`). A key built at run time (an f-string, a concatenation) cannot be
checked this way, so it is refused outright: keys are written out.
"""

import ast
import pathlib
import string

import numpy as np
import pytest

import playground
from playground import _args, conv2d, output_size, pool2d, summarize_keras, summarize_torch, trace_conv
from playground.i18n import LANGS, STRINGS, t

PACKAGE = pathlib.Path(playground.__file__).parent
RAISERS = {"InputError", "ImageError", "_InputError"}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _name(func: ast.AST) -> str | None:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _raise_sites() -> tuple[list, list, list]:
    """(literal sites, parameter sites, keys handed to helpers): each with file, line and value names."""
    literal, by_param, handed = [], [], []
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            params = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
            for d, a in zip(reversed(fn.args.defaults), reversed(fn.args.args)):
                if a.arg.endswith("key") and isinstance(d, ast.Constant) and isinstance(d.value, str):
                    handed.append((path.name, fn.lineno, fn.name, d.value))
            for d, a in zip(fn.args.kw_defaults, fn.args.kwonlyargs):
                if a.arg.endswith("key") and isinstance(d, ast.Constant) and isinstance(d.value, str):
                    handed.append((path.name, fn.lineno, fn.name, d.value))
            for call in [n for n in ast.walk(fn) if isinstance(n, ast.Call)]:
                if _name(call.func) not in RAISERS:
                    continue
                key = call.args[1] if len(call.args) > 1 else next(
                    (k.value for k in call.keywords if k.arg == "key"), None)
                values = {k.arg for k in call.keywords if k.arg not in (None, "key")}
                where = f"{path.name}:{call.lineno}"
                if key is None:  # ImageError's default key
                    literal.append((where, "image_unreadable", values))
                elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                    literal.append((where, key.value, values))
                elif isinstance(key, ast.Name) and key.id in params:
                    by_param.append((where, fn.name, values))
                else:
                    pytest.fail(f"{where}: the key is built at run time ({ast.unparse(key)}); write it out")
        for call in [n for n in ast.walk(tree) if isinstance(n, ast.Call)]:
            for kw in call.keywords:
                if kw.arg and kw.arg.endswith("key") and isinstance(kw.value, ast.Constant) \
                        and isinstance(kw.value.value, str) and _name(call.func) not in RAISERS:
                    handed.append((path.name, call.lineno, _name(call.func), kw.value.value))
    return literal, by_param, handed


LITERAL, BY_PARAM, HANDED = _raise_sites()


def test_the_scan_finds_the_raise_sites():
    keys = {k for _, k, _ in LITERAL}
    assert len(LITERAL) > 60 and {"code_too_deep", "result_not_finite", "kernel_bigger_than_input"} <= keys
    assert {"pair", "array"} <= {fn for _, fn, _ in BY_PARAM}
    assert ("pair", "stride_zero") in {(fn, k) for _, _, fn, k in HANDED}


@pytest.mark.parametrize("where, key, values", LITERAL, ids=[f"{w}-{k}" for w, k, _ in LITERAL])
def test_every_raised_key_has_both_languages_and_gets_its_values(where, key, values):
    assert key in STRINGS, f"{where}: key {key!r} is not in the strings table"
    en, ko = STRINGS[key]
    assert en.strip() and ko.strip()
    assert _placeholders(en) == _placeholders(ko), key
    assert _placeholders(en) <= values, f"{where}: {key!r} needs {_placeholders(en) - values}"


def test_keys_handed_to_helpers_exist_and_get_their_values():
    sites = {}
    for where, fn, values in BY_PARAM:
        sites.setdefault(fn, []).append(values)
    for file, line, fn, key in HANDED:
        assert key in STRINGS, f"{file}:{line}: key {key!r} is not in the strings table"
        en, ko = STRINGS[key]
        assert _placeholders(en) == _placeholders(ko), key
        for values in sites.get(fn, []):  # every place the helper raises with this key
            assert _placeholders(en) <= values, f"{file}:{line}: {key!r} via {fn}() lacks {_placeholders(en) - values}"


def _raised(f) -> _args.InputError:
    with pytest.raises(_args.InputError) as e:
        f()
    return e.value


@pytest.mark.parametrize("f", [
    lambda: conv2d(np.ones((4, 4)), np.ones((5, 5))),
    lambda: conv2d(np.ones((4, 4)), np.ones((3, 3)), stride=0),
    lambda: conv2d(np.ones((4, 4)), np.ones((3, 3)), stride=2, padding="same"),
    lambda: conv2d(np.ones((4, 4)), np.ones((3, 3)), padding="full"),
    lambda: conv2d(np.ones((4, 4)), [[np.nan]]),
    lambda: conv2d(np.ones((2, 4, 4)), np.ones((1, 3, 3, 3))),
    lambda: conv2d(np.ones((4, 4)), np.ones((3, 3)), padding_mode="mirror"),
    lambda: pool2d(np.ones((4, 4)), 2, padding=2),
    lambda: pool2d(np.ones((4, 4)), 5),
    lambda: output_size(7, 0),
    lambda: trace_conv(np.ones((4, 4)), np.ones((3, 3)), at=(5, 5)),
    lambda: trace_conv(np.ones((4, 4)), np.full((3, 3), 1e308), at=(0, 0)),
    lambda: summarize_keras("model = Sequential([Dense(" + "+".join(["1"] * 400) + ", input_shape=(4,))])"),
    lambda: summarize_torch("m = nn.Sequential(nn.Conv2d(1, 8, 3, stride=2, padding='same'))", (1, 8, 8)),
], ids=lambda f: "")
def test_raised_errors_read_in_both_languages(f):
    e = _raised(f)
    assert str(e) and isinstance(e, ValueError)
    for lang in LANGS:
        text = t(e.key, lang, **e.values)  # no missing placeholder
        assert text and text != e.key
    assert t(e.key, "ko", **e.values) != t(e.key, "en", **e.values)
