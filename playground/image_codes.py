"""Small images as short text, so a lesson link can carry typed pixels, drawings and small uploads.

A code is `<H>x<W>x<C>.<base64url of zlib(uint8 pixels, row-major (H, W) or (H, W, C))>`, e.g. a
28×28 digit is about 500 characters. Decoding validates everything before it allocates: the
header's numbers, the size limits, the decompressed length (bounded, so a zip bomb cannot grow).
"""

from __future__ import annotations

import base64
import re
import zlib

import numpy as np

from ._args import InputError

MAX_GRAY = 64 * 64  # pixels: up to 64×64 gray travels in a link
MAX_RGB = 32 * 32  # pixels: up to 32×32 colour
MAX_CODE = 12_000  # characters: a 64×64 noise image compresses to ~5.5k characters of base64
_HEADER = re.compile(r"^([1-9][0-9]{0,2})x([1-9][0-9]{0,2})x([13])\.([A-Za-z0-9_-]+={0,2})$")


def fits_in_link(img: np.ndarray) -> bool:
    """True when img (uint8 (H, W) or (H, W, 3)) is small enough to travel inside a link."""
    h, w = img.shape[:2]
    return h * w <= (MAX_GRAY if img.ndim == 2 else MAX_RGB)


def encode_image(img: np.ndarray) -> str | None:
    """uint8 (H, W) or (H, W, 3) -> its code; None when it is too big to travel in a link."""
    img = np.ascontiguousarray(img, dtype=np.uint8)
    if img.ndim not in (2, 3) or not fits_in_link(img):
        return None
    c = 1 if img.ndim == 2 else img.shape[2]
    body = base64.urlsafe_b64encode(zlib.compress(img.tobytes(), 9)).decode("ascii").rstrip("=")
    return f"{img.shape[0]}x{img.shape[1]}x{c}.{body}"


def decode_image(code: str) -> np.ndarray:
    """A code from encode_image -> uint8 (H, W) or (H, W, 3); InputError('link_image_bad') if it is not one."""
    m = _HEADER.match(code) if isinstance(code, str) and len(code) <= MAX_CODE else None
    if m is None:
        raise InputError(f"code is not an image code: {str(code)[:40]!r}", "link_image_bad")
    h, w, c = (int(g) for g in m.groups()[:3])
    if h * w > (MAX_GRAY if c == 1 else MAX_RGB):
        raise InputError(f"code's image is too big: {h}x{w}x{c}", "link_image_bad")
    body = m.group(4)
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        d = zlib.decompressobj()
        pixels = d.decompress(raw, h * w * c + 1)  # never more than one byte past what the header promises
    except (ValueError, zlib.error):
        raise InputError("code's pixels do not decode", "link_image_bad") from None
    if len(pixels) != h * w * c or d.unconsumed_tail or not d.eof:
        raise InputError("code's pixels do not match its size", "link_image_bad")
    a = np.frombuffer(pixels, np.uint8).reshape((h, w) if c == 1 else (h, w, c))
    return a.copy()


MAX_SIDE_TYPED = 12  # the pixel editor's largest grid (rows or columns)


def parse_pixels(text: str) -> np.ndarray:
    """Rows of brightness values 0-255 as typed or pasted ('0 255 0' per line, or '0,255,0;...') -> uint8 (H, W).

    From 1×1 to 12×12; every row the same length. InputError with a key on anything else.
    """
    if len(text) > 5_000:
        raise InputError("pixels: too much text", "pixels_too_big", max=MAX_SIDE_TYPED)
    rows = [r.replace(",", " ").split() for r in text.replace(";", "\n").splitlines() if r.strip()]
    if not rows:
        raise InputError("pixels: no numbers", "pixels_empty")
    if len(rows) > MAX_SIDE_TYPED or max(len(r) for r in rows) > MAX_SIDE_TYPED:
        raise InputError("pixels: grid too big", "pixels_too_big", max=MAX_SIDE_TYPED)
    if len({len(r) for r in rows}) != 1:
        raise InputError("pixels: rows differ in length", "pixels_ragged")
    try:
        a = np.array([[float(v) for v in r] for r in rows])
    except ValueError:
        word = next(v for r in rows for v in r if not _is_number(v))
        raise InputError(f"pixels: {word!r} is not a number", "pixels_not_number", word=word[:20]) from None
    if not np.isfinite(a).all() or a.min() < 0 or a.max() > 255:
        raise InputError("pixels: values must be 0-255", "pixels_range")
    return np.rint(a).astype(np.uint8)


def _is_number(v: str) -> bool:
    try:
        float(v)
        return True
    except ValueError:
        return False
