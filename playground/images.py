"""Turning uploaded bytes into a small uint8 array, safely.

Pillow reads only the header on `Image.open`; we check the promised size there, before any pixel
is decoded, so a decompression bomb costs nothing.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageOps

from ._args import InputError

MAX_PIXELS = 40_000_000  # header size we agree to decode (a 40 MP photo); larger is refused unread
MAX_BYTES = 20 * 1024 * 1024
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow then refuses bigger headers in `open` (a warning we make an error)


class ImageError(InputError):
    """An upload we cannot use; `key` names the sentence in the strings table."""

    def __init__(self, message: str, key: str = "image_unreadable", **values: object):
        super().__init__(message, key, **values)


def _to_8bit(im: Image.Image) -> Image.Image:
    """16-bit / 32-bit integer or float grayscale -> 'L', stretched by the type's range."""
    a = np.asarray(im)
    if im.mode.startswith("I;16") or (a.dtype.kind in "iu" and a.max(initial=0) > 255):
        a = a.astype(np.float64) / 257.0  # 0..65535 -> 0..255
    elif a.dtype.kind == "f":
        lo, hi = float(np.nanmin(a)), float(np.nanmax(a))
        a = (np.nan_to_num(a) - lo) / ((hi - lo) or 1.0) * 255.0
    return Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), mode="L")


def load_image(data: bytes, *, max_side: int = 512) -> np.ndarray:
    """Decode image bytes to uint8 (H, W) or (H, W, 3), the longer side at most max_side."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ValueError(f"data must be bytes; got {type(data).__name__}")
    if not (isinstance(max_side, int) and 1 <= max_side <= 4096):
        raise ValueError(f"max_side must be an int from 1 to 4096; got {max_side!r}")
    if len(data) == 0:
        raise ImageError("The file is empty.", "image_empty")
    if len(data) > MAX_BYTES:
        raise ImageError(f"The file is larger than {MAX_BYTES // 2**20} MB.", "image_too_big_file",
                         mb=MAX_BYTES // 2**20)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(bytes(data)))  # reads the header only
            w, h = im.size
            if w * h > MAX_PIXELS:
                raise ImageError(f"The image has more pixels than we open safely (at most "
                                 f"{MAX_PIXELS // 1_000_000} megapixels).", "image_too_many_pixels",
                                 mp=MAX_PIXELS // 1_000_000)
            im.seek(0)  # the first frame of an animation
            if im.format == "JPEG":
                im.draft(im.mode, (max_side, max_side))  # decode a big JPEG at a reduced scale
            im.load()
            im = ImageOps.exif_transpose(im)
            im = _normalise_mode(im)
            if max(im.size) > max_side:
                scale = max_side / max(im.size)
                size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
                im = im.resize(size, Image.Resampling.LANCZOS)
            return np.asarray(im, dtype=np.uint8).copy()
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(f"The image has more pixels than we open safely (at most {MAX_PIXELS // 1_000_000} "
                         "megapixels).", "image_too_many_pixels", mp=MAX_PIXELS // 1_000_000) from None
    except Exception as e:  # Pillow raises many kinds (OSError, SyntaxError, struct.error, ...)
        raise ImageError(f"This file is not an image we can read ({type(e).__name__}).", "image_unreadable") from None


def _normalise_mode(im: Image.Image) -> Image.Image:
    """Any Pillow mode -> 'L' (gray) or 'RGB'; transparency is composited on white."""
    if im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    if im.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        return _to_8bit(im)
    if im.mode == "1":
        return im.convert("L")
    if im.mode in ("LA", "La", "PA", "RGBA", "RGBa"):
        im = im.convert("RGBA")
        white = Image.new("RGBA", im.size, (255, 255, 255, 255))
        rgb = Image.alpha_composite(white, im).convert("RGB")
        gray = np.asarray(rgb)
        # a gray picture with alpha stays gray
        if (gray[..., 0] == gray[..., 1]).all() and (gray[..., 1] == gray[..., 2]).all():
            return rgb.convert("L")
        return rgb
    if im.mode == "L":
        return im
    return im.convert("RGB")  # RGB, CMYK, YCbCr, LAB, HSV


def to_gray(img: np.ndarray) -> np.ndarray:
    """(H, W, 3) -> (H, W) uint8 with ITU-R 601 luma (0.299 R + 0.587 G + 0.114 B); gray passes through."""
    a = np.asarray(img)
    if a.ndim == 2:
        return a.astype(np.uint8) if a.dtype != np.uint8 else a
    if a.ndim != 3 or a.shape[2] not in (3, 4):
        raise ValueError(f"img must be (H, W) or (H, W, 3); got shape {a.shape}")
    luma = a[..., :3].astype(np.float64) @ np.array([0.299, 0.587, 0.114])
    return np.clip(np.rint(luma), 0, 255).astype(np.uint8)


def from_canvas(rgba: np.ndarray, side: int = 56) -> np.ndarray:
    """A canvas drawing (H, W, 4) RGBA -> gray uint8 (side, side), white strokes on black."""
    a = np.asarray(rgba)
    if a.ndim != 3 or a.shape[2] < 3:
        raise ValueError(f"rgba must be (H, W, 3 or 4); got shape {a.shape}")
    gray = Image.fromarray(to_gray(a[..., :3].astype(np.uint8)))
    return np.asarray(gray.resize((side, side), Image.Resampling.BOX), dtype=np.uint8)


def pixel_crop(img: np.ndarray, top: int, left: int, size: int) -> np.ndarray:
    """A size×size crop for the zoomed pixel grid: (size, size) gray or (3, size, size) RGB planes."""
    crop = np.asarray(img)[top: top + size, left: left + size]
    return crop if crop.ndim == 2 else np.ascontiguousarray(crop.transpose(2, 0, 1))
