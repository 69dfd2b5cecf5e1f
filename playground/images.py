"""Turning uploaded bytes into a small uint8 array, safely.

Pillow reads only the header on `Image.open`; we check the promised size there, before any pixel
is decoded, so a decompression bomb costs nothing.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image

from ._args import InputError

MAX_PIXELS = 40_000_000  # header size we agree to decode (a 40 MP photo); larger is refused unread
MAX_BYTES = 20 * 1024 * 1024
# What a decoded full-size image may hold in memory (Pillow stores 1, 2 or 4 bytes a pixel, a WebP
# is held ~3 times). Everything after the decode works on a reduced copy, strip by strip, so this
# bounds an upload's peak memory (measured in tests/test_images.py: <= 150 MB for any accepted file).
MAX_DECODED_BYTES = 96_000_000
MAX_ASPECT = 50  # longer side / shorter side: a 512×10 strip still shows and slides a 3×3 kernel
# Formats read: what the uploader offers (PNG, JPEG (phones' MPO too), WebP, GIF, BMP) and TIFF. Others
# (ICO, ICNS, PSD, ...) are refused: their headers need not tell the size of what they hold.
FORMATS = ("PNG", "JPEG", "WEBP", "GIF", "BMP", "TIFF")
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow then refuses bigger headers in `open` (a warning we make an error)

_ORIENTATION = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
                4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270,
                7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90}  # EXIF orientation -> transpose


class ImageError(InputError):
    """An upload we cannot use; `key` names the sentence in the strings table."""

    def __init__(self, message: str, key: str = "image_unreadable", **values: object):
        super().__init__(message, key, **values)


def _bytes_per_pixel(im: Image.Image) -> int:
    """Memory Pillow holds per pixel of the decoded image (RGB is stored as 4 bytes; a WebP ~3 times)."""
    if im.mode in ("1", "L", "P"):
        per = 1
    elif im.mode.startswith("I;16"):
        per = 2
    else:
        per = 4  # RGB, RGBA, LA, CMYK, YCbCr, I, F, ...
    return per * (3 if im.format == "WEBP" else 1)


def _too_many_pixels() -> ImageError:
    return ImageError(f"The image has more pixels than we open safely (at most {MAX_PIXELS // 1_000_000} "
                      "megapixels).", "image_too_many_pixels", mp=MAX_PIXELS // 1_000_000)


def _check_header(im: Image.Image, max_side: int) -> None:
    """Refuse, from the header alone, what we will not decode."""
    if im.format not in FORMATS + ("MPO",):  # the JPEG plugin opens a phone's MPO as such
        raise ImageError(f"{im.format} files are not read; try a PNG, JPG, WebP, GIF or BMP.", "image_unreadable")
    w, h = im.size
    if w * h > MAX_PIXELS:
        raise _too_many_pixels()
    if min(w, h) < 1 or max(w, h) > MAX_ASPECT * min(w, h):
        raise ImageError(f"The image is {w}×{h} pixels: one side is more than {MAX_ASPECT} times the other.",
                         "image_too_thin", w=w, h=h, max=MAX_ASPECT)
    if im.format in ("JPEG", "MPO"):  # decode a big JPEG at a reduced scale (1/2 .. 1/8), keeping the shape
        scale = max_side / max(w, h)
        im.draft(im.mode, (max(1, int(w * scale)), max(1, int(h * scale))))
    w, h = im.size
    if w * h * _bytes_per_pixel(im) > MAX_DECODED_BYTES:
        mp = MAX_DECODED_BYTES // _bytes_per_pixel(im) // 1_000_000
        raise ImageError(f"This kind of image ({im.mode}) can have at most {mp} megapixels to open safely.",
                         "image_too_many_pixels", mp=mp)


def load_image(data: bytes, *, max_side: int = 512) -> np.ndarray:
    """Decode image bytes to uint8 (H, W) or (H, W, 3), the longer side at most max_side.

    Only the decode itself is full size (bounded by MAX_DECODED_BYTES); converting modes, alpha and
    orientation happen on a copy already reduced towards max_side, strip by strip.
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise ImageError(f"data must be bytes; got {type(data).__name__}", "image_unreadable")
    if not (isinstance(max_side, int) and 1 <= max_side <= 4096):
        raise InputError(f"max_side must be an int from 1 to 4096; got {max_side!r}", "arg_whole_min",
                         name="max_side", minimum=1, value=repr(max_side))
    if len(data) == 0:
        raise ImageError("The file is empty.", "image_empty")
    if len(data) > MAX_BYTES:
        raise ImageError(f"The file is larger than {MAX_BYTES // 2**20} MB.", "image_too_big_file",
                         mb=MAX_BYTES // 2**20)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # reads the header only (BytesIO shares the bytes); only FORMATS' plugins are tried, since
            # some others decode on open (ICO: a 6000² PNG behind a 256² header)
            im = Image.open(io.BytesIO(data), formats=FORMATS)
            im.seek(0)  # the first frame of an animation
            _check_header(im, max_side)
            orientation = im.getexif().get(0x0112, 1)
            im.load()
            stretch = im.mode == "F"  # floats have no fixed range: stretched to 0..255
            small = _reduced(im, max_side)
            del im  # the full-size decode is freed before any further copy
            if orientation in _ORIENTATION:
                small = small.transpose(_ORIENTATION[orientation])
            small = _normalise_mode(small, stretch)
            if max(small.size) > max_side:
                scale = max_side / max(small.size)
                size = (max(1, round(small.width * scale)), max(1, round(small.height * scale)))
                small = small.resize(size, Image.Resampling.LANCZOS)
            return np.asarray(small, dtype=np.uint8).copy()
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except Exception as e:  # Pillow raises many kinds (OSError, SyntaxError, struct.error, ...)
        raise ImageError(f"This file is not an image we can read ({type(e).__name__}).", "image_unreadable") from None


def _working_mode(im: Image.Image) -> str:
    """The mode Pillow can reduce that keeps what the image holds: L, RGB, RGBA or F (wide numbers)."""
    if im.mode == "P":
        return "RGBA" if "transparency" in im.info else "RGB"
    if im.mode in ("1", "L"):
        return "L"
    if im.mode.startswith("I") or im.mode == "F":
        return "F"
    if im.mode in ("LA", "La", "PA", "RGBA", "RGBa"):
        return "RGBA"
    return "RGB"  # RGB, CMYK, YCbCr, LAB, HSV


def _reduced(im: Image.Image, max_side: int) -> Image.Image:
    """The decoded image reduced by a whole factor (box average) to at least 2×max_side, strip by strip.

    Each strip is converted to the working mode and reduced on its own, so no full-size copy is made.
    16-bit and 32-bit integers become floats scaled to 0..255 (÷257 beyond 8 bits), as _to_8bit did.
    """
    mode, (w, h) = _working_mode(im), im.size
    factor = max(1, max(w, h) // (2 * max_side))  # Pillow's thumbnail: reduce, then resample the rest
    wide_ints = im.mode.startswith("I;16") or (im.mode == "I" and (im.getextrema()[1] or 0) > 255)
    rows = max(1, 4_000_000 // (4 * w * factor)) * factor  # ~4 MB strips, whole blocks of `factor` rows
    out = Image.new(mode, (-(-w // factor), -(-h // factor)))
    for top in range(0, h, rows):
        strip = im.crop((0, top, w, min(top + rows, h)))
        if mode == "F":
            a = np.asarray(strip).astype(np.float32)
            strip = Image.fromarray(a / 257.0 if wide_ints else a, mode="F")
        elif mode == "RGBA" and strip.mode == "P":
            strip = strip.convert("RGBA")
        else:
            strip = strip.convert(mode)
        out.paste(strip.reduce(factor) if factor > 1 else strip, (0, top // factor))
    return out


def _to_8bit(im: Image.Image, stretch: bool) -> Image.Image:
    """'F' -> 'L': floats stretched from their range to 0..255; integers (already ÷257 if wide) clipped."""
    a = np.asarray(im, dtype=np.float64)
    if stretch:
        finite = a[np.isfinite(a)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
        with np.errstate(over="ignore", invalid="ignore"):  # a range beyond float64 (±1e308) stays finite
            a = (np.nan_to_num(a, nan=lo, posinf=hi, neginf=lo) - lo) / ((hi - lo) or 1.0) * 255.0
    return Image.fromarray(np.clip(np.rint(np.nan_to_num(a)), 0, 255).astype(np.uint8), mode="L")


def _normalise_mode(im: Image.Image, stretch: bool = False) -> Image.Image:
    """A reduced image in its working mode -> 'L' (gray) or 'RGB'; transparency is composited on white."""
    if im.mode == "F":
        return _to_8bit(im, stretch)
    if im.mode == "RGBA":
        white = Image.new("RGBA", im.size, (255, 255, 255, 255))
        rgb = Image.alpha_composite(white, im).convert("RGB")
        gray = np.asarray(rgb)
        # a gray picture with alpha stays gray
        if (gray[..., 0] == gray[..., 1]).all() and (gray[..., 1] == gray[..., 2]).all():
            return rgb.convert("L")
        return rgb
    return im  # L or RGB


def to_gray(img: np.ndarray) -> np.ndarray:
    """(H, W, 3) -> (H, W) uint8 with ITU-R 601 luma (0.299 R + 0.587 G + 0.114 B); gray passes through."""
    a = np.asarray(img)
    if a.ndim == 2:
        return a.astype(np.uint8) if a.dtype != np.uint8 else a
    if a.ndim != 3 or a.shape[2] not in (3, 4):
        raise InputError(f"img must be (H, W) or (H, W, 3); got shape {a.shape}", "image_bad_shape", shape=a.shape)
    luma = a[..., :3].astype(np.float64) @ np.array([0.299, 0.587, 0.114])
    return np.clip(np.rint(luma), 0, 255).astype(np.uint8)


def from_canvas(rgba: np.ndarray, side: int = 56) -> np.ndarray:
    """A canvas drawing (H, W, 4) RGBA -> gray uint8 (side, side), white strokes on black."""
    a = np.asarray(rgba)
    if a.ndim != 3 or a.shape[2] < 3:
        raise InputError(f"rgba must be (H, W, 3 or 4); got shape {a.shape}", "image_bad_shape", shape=a.shape)
    gray = Image.fromarray(to_gray(a[..., :3].astype(np.uint8)))
    return np.asarray(gray.resize((side, side), Image.Resampling.BOX), dtype=np.uint8)


def pixel_crop(img: np.ndarray, top: int, left: int, size: int) -> np.ndarray:
    """A size×size crop for the zoomed pixel grid: (size, size) gray or (3, size, size) RGB planes."""
    crop = np.asarray(img)[top: top + size, left: left + size]
    return crop if crop.ndim == 2 else np.ascontiguousarray(crop.transpose(2, 0, 1))
