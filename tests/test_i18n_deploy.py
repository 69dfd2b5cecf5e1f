"""Every UI string exists in English and Korean; every key a page uses exists; deploy files agree."""

import re
import string
import tomllib
from pathlib import Path

import pytest
from app_session import app

from playground.i18n import STRINGS, t

ROOT = Path(__file__).resolve().parent.parent
HANGUL = re.compile("[\uac00-\ud7a3]")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    en, ko = STRINGS[key]
    assert en.strip() and ko.strip()
    assert placeholders(en) == placeholders(ko), key
    if HANGUL.search(en) is None and not re.fullmatch(r"[A-Za-z0-9 .()/×-]*", ko):
        assert HANGUL.search(ko), f"{key}: the Korean text has no Hangul"


def test_every_key_used_in_the_app_exists():
    used = set()
    for path in [ROOT / "app.py", *(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").glob("*.py")]:
        used |= set(re.findall(r"""\bT\(\s*["']([a-z0-9_]+)["']""", path.read_text()))
    missing = sorted(k for k in used if k not in STRINGS and not k.endswith("_"))  # "block_" + kind: a prefix
    assert not missing, missing
    assert t("nav_conv", "ko") == "합성곱" and t("upload_ok", "en", name="a.png") == "Using a.png."


PAGES = ["home", "image", "convolution", "pooling", "channels", "model", "gallery", "train", "digit"]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("page", PAGES)
def test_each_page_renders_in_both_languages(page, lang):
    at = app()  # the shared hang guard (tests/app_session.py), not a speed limit
    at.session_state["lang"] = lang
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    shown = " ".join([x.value for x in at.title] + [x.value for x in at.markdown] + [x.value for x in at.info])
    assert bool(HANGUL.search(shown)) == (lang == "ko")  # no page stays in English when Korean is chosen


def _pins(lines) -> dict[str, str]:
    pins = {}
    for line in lines:
        m = re.match(r"^\s*([A-Za-z0-9_.-]+)==([^\s;#]+)", line)
        if m:
            pins[m.group(1).lower()] = m.group(2)
    return pins


def test_requirements_txt_agrees_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    req = (ROOT / "requirements.txt").read_text().splitlines()
    assert _pins(project) == _pins(req)
    assert _pins(req)["torch"] == "2.13.0"
    assert any(line.startswith("--extra-index-url") and "/whl/cpu" in line for line in req)  # CPU-only torch


# Latin words a Korean teacher writes as they are: acronyms, names, framework and network names, axis letters.
AGREED_LATIN = {"CNN", "MLP", "ReLU", "PyTorch", "Keras", "MNIST", "ImageNet", "torchvision", "RGB", "NaN", "MB", "PNG",
                "JPG", "WebP", "GIF", "BMP", "H", "W", "C", "N", "K", "i", "j", "x", "k", "V", "Adam", "SGD", "Top",
                "Conv", "Playground", "IMAGENET", "AlexNet", "ILSVRC", "LeNet", "VGG", "MobileNet", "ShuffleNet",
                "ResNet", "DenseNet", "SqueezeNet", "GoogLeNet"}


def _latin_left(key: str, en: str, ko: str) -> list[str]:
    s = re.sub(r"\{[a-z0-9_]+\}", "", ko)  # placeholders
    s = re.sub(r"`[^`]*`|'[^']*'", "", s)  # code and quoted values
    s = re.sub(r"\([^()]*\)", "", s)  # glosses and examples: 형상(shape), 평탄화 (Flatten)
    s = re.sub(r"\?[a-z_]+=\S*|\.[a-z]{2,4}\b|\b\w*_\w*\b|\b[A-Za-z]\w*(?=[(=])", "", s)  # link params, files, code
    words = re.findall(r"[A-Za-z]+", s)
    if key.startswith(("code_", "export_")):  # errors about pasted code quote the learner's identifiers
        words = [w for w in words if w not in en]
    return [w for w in words if w not in AGREED_LATIN]


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_korean_text_leaves_no_english_words_and_uses_the_glossary(key):
    en, ko = STRINGS[key]
    assert not _latin_left(key, en, ko), f"{key}: English words left in the Korean text: {_latin_left(key, en, ko)}"
    assert not re.search(r"(?<!팽)창(?=[ 은을이의])", ko), f"{key}: window is 윈도우, not 창 (glossary)"
    assert "시험 정확도" not in ko and "시험 이미지" not in ko, f"{key}: test accuracy/images are 테스트 (glossary)"
    # Markdown closes **bold** only before a space or punctuation when it ends in punctuation: **(1, 2)**인 breaks
    assert not re.search(r"[^\w\s*]\*\*[가-힣]", re.sub(r"\{[a-z0-9_]+\}", "1", ko)), f"{key}: bold that will not close"


@pytest.mark.parametrize("mode", ["max", "min", "avg"])
@pytest.mark.parametrize("pad_mode", ["zeros", "reflect"])
def test_formulas_written_at_run_time_in_korean_leave_no_english_words(mode, pad_mode):
    """The step-by-step formulas are made by trace_pool / trace_conv, not the strings table: a padded corner
    cell (three of its four taps read padding) in Korean names the padding with the glossary's word."""
    import numpy as np

    from playground.trace import trace_conv, trace_pool

    x = np.arange(1.0, 17.0).reshape(4, 4)
    pool = trace_pool(x, 2, at=(0, 0), stride=2, padding=1, mode=mode)
    conv = trace_conv(x, np.ones((3, 3)), at=(0, 0), padding=1, padding_mode=pad_mode)
    for tr in (pool, conv):
        ko = tr.formula_in("ko")
        notation = re.sub(r"\b(max|min)(?=\()", "", ko)  # max(…), min(…): the formula's notation, as in textbooks
        assert not _latin_left("formula", "", notation), f"English words in the Korean formula: {ko}"
        numbers = re.findall(r"-?\d+(?:\.\d+)?", tr.formula)
        assert re.findall(r"-?\d+(?:\.\d+)?", ko) == numbers  # the same arithmetic, only words translated
    if mode != "avg":
        assert t("trace_pad", "ko") in pool.formula_in("ko") and "pad" in pool.formula_in("en")


@pytest.mark.parametrize("n, en, ko", [(714_200_000, "714.2 million", "약 7억 1,420만"),
                                       (15_470_300_000, "15.47 billion", "약 154억 7,030만"),
                                       (100_000_000, "100.0 million", "약 1억"), (2_300_000, "2.3 million", "약 230만"),
                                       (9_999, "9,999", "9,999")])
def test_big_counts_read_as_each_language_counts(monkeypatch, n, en, ko):
    import ui.text

    for code, want in (("en", en), ("ko", ko)):
        monkeypatch.setattr(ui.text, "lang", lambda code=code: code)
        assert ui.text.big_count(n) == want
