"""load_image on a corpus of awkward files made here: each gives the right array or ImageError."""

import io
import struct
import time
import tracemalloc
import zlib

import numpy as np
import pytest
from PIL import Image

from playground import ImageError, load_image, to_gray


def encode(im: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kw)
    return buf.getvalue()


def png_header_claiming(w: int, h: int) -> bytes:
    """A PNG whose IHDR promises w×h RGB pixels, with one tiny IDAT: a decompression bomb's header."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_plain_rgb_and_gray():
    rgb = np.zeros((4, 6, 3), np.uint8)
    rgb[..., 0] = 200
    out = load_image(encode(Image.fromarray(rgb), "PNG"))
    assert out.shape == (4, 6, 3) and out.dtype == np.uint8 and (out[..., 0] == 200).all()
    gray = load_image(encode(Image.fromarray(np.full((5, 5), 77, np.uint8)), "PNG"))
    assert gray.shape == (5, 5) and (gray == 77).all()


def test_downscaled_to_max_side():
    out = load_image(encode(Image.new("RGB", (1000, 500), (1, 2, 3)), "PNG"), max_side=100)
    assert out.shape == (50, 100, 3)


@pytest.mark.parametrize("data, key", [
    (b"hello, this is a text file\n", "image_unreadable"),
    (b"", "image_empty"),
])
def test_not_an_image(data, key):
    with pytest.raises(ImageError) as e:
        load_image(data)
    assert e.value.key == key and str(e.value)


def test_truncated_png():
    data = encode(Image.fromarray(np.random.default_rng(0).integers(0, 255, (64, 64, 3), dtype=np.uint8)), "PNG")
    with pytest.raises(ImageError, match="not an image we can read"):
        load_image(data[: len(data) // 2])


def test_decompression_bomb_refused_fast_without_allocating():
    data = png_header_claiming(30000, 30000)
    tracemalloc.start()
    t = time.perf_counter()
    with pytest.raises(ImageError) as e:
        load_image(data)
    elapsed = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert e.value.key == "image_too_many_pixels" and "megapixels" in str(e.value)
    assert elapsed < 0.5 and peak < 5_000_000  # 30000² RGB would be 2.7 GB


def test_bomb_just_over_the_limit_is_refused_too():
    with pytest.raises(ImageError) as e:
        load_image(png_header_claiming(7000, 6000))  # 42 MP: between the limit and twice it
    assert e.value.key == "image_too_many_pixels"


def test_cmyk_jpeg():
    out = load_image(encode(Image.new("CMYK", (8, 8), (0, 255, 255, 0)), "JPEG", quality=95))
    assert out.shape == (8, 8, 3)
    assert out[..., 0].mean() > 200 and out[..., 1].mean() < 60  # red


def test_16_bit_png():
    a = np.full((4, 4), 65535, np.uint16)
    a[0, 0] = 0
    out = load_image(encode(Image.fromarray(a), "PNG"))
    assert out.shape == (4, 4) and out[0, 0] == 0 and out[1, 1] == 255


def test_palette_png_with_transparency_composited_on_white():
    im = Image.new("P", (4, 4), 0)
    im.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    im.putpixel((0, 0), 1)
    out = load_image(encode(im, "PNG", transparency=0))  # index 0 (red) is transparent
    assert out.shape == (4, 4, 3)
    assert out[1, 1].tolist() == [255, 255, 255] and out[0, 0].tolist() == [0, 0, 255]


def test_animated_gif_first_frame():
    frames = [Image.new("L", (5, 5), v) for v in (10, 200)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:])
    out = load_image(buf.getvalue())
    assert out.shape[:2] == (5, 5) and int(np.asarray(out).mean()) < 50


def test_exif_rotated_jpeg():
    a = np.zeros((10, 20, 3), np.uint8)  # landscape, stored; EXIF says rotate 90° -> portrait
    exif = Image.Exif()
    exif[0x0112] = 6
    out = load_image(encode(Image.fromarray(a), "JPEG", exif=exif.tobytes()))
    assert out.shape == (20, 10, 3)


def test_one_pixel_and_gray_alpha():
    assert load_image(encode(Image.new("RGB", (1, 1), (9, 9, 200)), "PNG")).shape == (1, 1, 3)
    out = load_image(encode(Image.new("LA", (3, 3), (0, 0)), "PNG"))  # fully transparent black
    assert out.shape == (3, 3) and (out == 255).all()


@pytest.mark.parametrize("fmt", ["WEBP", "BMP", "GIF", "JPEG"])
def test_formats_the_uploader_accepts(fmt):
    assert load_image(encode(Image.new("RGB", (7, 3), (0, 128, 0)), fmt)).shape[:2] == (3, 7)


def test_to_gray():
    rgb = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]], np.uint8)
    assert to_gray(rgb).tolist() == [[76, 150, 29, 255]]
    assert to_gray(np.zeros((2, 2), np.uint8)).shape == (2, 2)
    with pytest.raises(ValueError, match=r"img must be \(H, W\) or \(H, W, 3\); got shape \(2, 2, 5\)"):
        to_gray(np.zeros((2, 2, 5)))
