"""load_image on a corpus of awkward files made here: each gives the right array or ImageError."""

import io
import json
import struct
import subprocess
import sys
import textwrap
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


def test_decompression_bomb_refused_without_allocating():
    data = png_header_claiming(30000, 30000)
    tracemalloc.start()
    with pytest.raises(ImageError) as e:
        load_image(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert e.value.key == "image_too_many_pixels" and "megapixels" in str(e.value)
    assert peak < 5_000_000  # 30000² RGB would be 2.7 GB


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


# ---------------------------------------------------------------- memory of the largest accepted uploads
# Issue 14: 77-252 KB files that decode to just under the pixel limit added 646-985 MB at peak. Each file
# below is the largest its mode lets through (MAX_PIXELS, or MAX_DECODED_BYTES / the bytes Pillow holds
# per pixel); its peak is measured in a fresh process (VmHWM reset after a warm-up, Linux; ru_maxrss
# delta elsewhere), the file already in memory, as an upload is.
PEAK_LIMIT_MB = 150

MAKE_FILES = textwrap.dedent('''
    import io, struct, sys, zlib
    import numpy as np
    from PIL import Image
    from playground.images import MAX_DECODED_BYTES, MAX_PIXELS

    out = sys.argv[1]

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    def png(w, h, color_type, depth, extra=b""):
        """A PNG written row by row (little memory here): a diagonal ramp, filter 'None'."""
        channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
        row_bytes = (w * channels * depth + 7) // 8
        pattern = bytes(range(256)) * (row_bytes // 256 + 2)
        z = zlib.compressobj(1)
        idat = b"".join(z.compress(b"\\0" + pattern[y % 256: y % 256 + row_bytes]) for y in range(h)) + z.flush()
        ihdr = struct.pack(">IIBBBBB", w, h, depth, color_type, 0, 0, 0)
        return b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", idat) + chunk(b"IEND", b"")

    def largest(bytes_per_pixel, w):
        return w, min(MAX_PIXELS, MAX_DECODED_BYTES // bytes_per_pixel) // w - 1

    def save(name, data):
        open(f"{out}/{name}", "wb").write(data)

    def pillow(name, array, mode, fmt, **kw):
        buf = io.BytesIO()
        (Image.fromarray(array) if mode is None else Image.fromarray(array, mode)).save(buf, fmt, **kw)
        save(name, buf.getvalue())

    for name, bpp, color_type, depth in [("png-L-8bit", 1, 0, 8), ("png-gray-16bit", 2, 0, 16),
                                         ("png-1bit", 1, 0, 1), ("png-RGB", 4, 2, 8), ("png-RGBA", 4, 6, 8),
                                         ("png-RGB-16bit", 4, 2, 16), ("png-RGBA-16bit", 4, 6, 16),
                                         ("png-LA", 4, 4, 8)]:
        save(name, png(*largest(bpp, 6000), color_type, depth))
    palette = chunk(b"PLTE", bytes(range(256)) * 3) + chunk(b"tRNS", bytes(range(256)))
    save("png-P-transparent", png(*largest(1, 6000), 3, 8, palette))
    ramp = lambda w, h, m: (np.add.outer(np.arange(h), np.arange(w)) % m)
    w, h = largest(4, 6000)
    pillow("tiff-float", ramp(w, h, 251).astype(np.float32), "F", "TIFF", compression="tiff_adobe_deflate")
    pillow("tiff-int32", ramp(w, h, 251).astype(np.int32) * 200, "I", "TIFF", compression="tiff_adobe_deflate")
    w, h = largest(2, 6000)
    pillow("tiff-16bit", ramp(w, h, 65521).astype(np.uint16), None, "TIFF", compression="tiff_adobe_deflate")
    w, h = largest(1, 6000)
    pillow("jpeg-RGB", np.repeat(ramp(w, h, 256).astype(np.uint8)[..., None], 3, 2), "RGB", "JPEG", quality=50)
    pillow("gif", ramp(w, h, 256).astype(np.uint8), "L", "GIF")
    w, h = largest(12, 4000)  # a WebP is held ~3 times while decoded
    pillow("webp", np.repeat(ramp(w, h, 256).astype(np.uint8)[..., None], 3, 2), "RGB", "WEBP", quality=50)
    w = 4560  # an uncompressed 8-bit BMP as large as the 20 MB file limit allows
    pillow("bmp-palette", ramp(w, (20 * 2**20 - 2000) // w, 256).astype(np.uint8), "L", "BMP")
    p = png(6000, 6000, 6, 8)  # an ICO whose header says 256×256 around a 6000² PNG
    save("ico-holding-6000px-png", struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", 0, 0, 0, 0, 1, 32, len(p), 22) + p)
''')

MEASURE = textwrap.dedent('''
    import gc, io, json, resource, sys
    from PIL import Image
    from playground.images import load_image

    def hwm():  # bytes; VmHWM can be reset, ru_maxrss cannot
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    data = open(sys.argv[1], "rb").read()
    tiny = io.BytesIO()
    Image.new("RGB", (8, 8)).save(tiny, sys.argv[2])
    load_image(tiny.getvalue())  # warm-up: the codec's first use
    gc.collect()
    try:
        open("/proc/self/clear_refs", "w").write("5")  # VmHWM := current RSS
        before, peak = hwm(), hwm
    except OSError:
        before, peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, (
            lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    try:
        result = list(load_image(data).shape)
    except ValueError as e:
        result = e.key
    print(json.dumps({"peak_mb": (peak() - before) / 1e6, "result": result}))
''')

UPLOADS = {"png-L-8bit": "PNG", "png-gray-16bit": "PNG", "png-1bit": "PNG", "png-RGB": "PNG", "png-RGBA": "PNG",
           "png-RGB-16bit": "PNG", "png-RGBA-16bit": "PNG", "png-LA": "PNG", "png-P-transparent": "PNG",
           "tiff-float": "TIFF", "tiff-int32": "TIFF", "tiff-16bit": "TIFF", "jpeg-RGB": "JPEG", "gif": "GIF",
           "webp": "WEBP", "bmp-palette": "BMP", "ico-holding-6000px-png": "PNG"}


@pytest.fixture(scope="module")
def largest_uploads(tmp_path_factory):
    folder = tmp_path_factory.mktemp("largest_uploads")
    subprocess.run([sys.executable, "-c", MAKE_FILES, str(folder)], check=True)  # its own memory, not ours
    return folder


@pytest.mark.parametrize("name", UPLOADS)
def test_the_largest_upload_of_each_kind_costs_at_most_150_mb(largest_uploads, name):
    path = largest_uploads / name
    out = subprocess.run([sys.executable, "-c", MEASURE, str(path), UPLOADS[name]], check=True,
                         capture_output=True, text=True)
    measured = json.loads(out.stdout.strip().splitlines()[-1])
    assert path.stat().st_size <= 20 * 2**20
    if name.startswith("ico"):
        assert measured["result"] == "image_unreadable"  # only formats whose header tells the size
    else:
        assert isinstance(measured["result"], list) and max(measured["result"][:2]) == 512, measured
    assert measured["peak_mb"] <= PEAK_LIMIT_MB, f"{name}: {measured['peak_mb']:.0f} MB at peak"


@pytest.mark.parametrize("w, h, color_type", [(6000, 4001, 6), (6000, 6667, 0)])
def test_one_row_over_the_budget_is_refused_from_the_header(w, h, color_type):
    from playground.images import MAX_DECODED_BYTES, MAX_PIXELS

    per_pixel = 4 if color_type == 6 else 1
    assert w * (h - 1) * per_pixel <= min(MAX_DECODED_BYTES, MAX_PIXELS * per_pixel) < w * h * per_pixel
    ihdr = struct.pack(">IIBBBBB", w, h, 8, color_type, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d))
        for k, d in [(b"IHDR", ihdr), (b"IDAT", zlib.compress(b"\0" * 64)), (b"IEND", b"")])
    tracemalloc.start()
    with pytest.raises(ImageError) as e:
        load_image(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert e.value.key == "image_too_many_pixels" and peak < 5_000_000
