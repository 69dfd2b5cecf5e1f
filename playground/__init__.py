"""Conv Playground's computation: convolution, pooling, shapes, traces, images, kernels, summaries.

Every number the app shows comes from here; teachers can import it in a notebook:

    >>> from playground import conv2d
    >>> conv2d([[0, 1, 2], [3, 4, 5], [6, 7, 8]], [[0, 1], [2, 3]])
    array([[19., 25.],
           [37., 43.]])
"""

from .conv import conv2d, conv2d_reference
from .images import ImageError, load_image, to_gray
from .kernels import KERNELS, Kernel
from .pool import global_pool, pool2d, pool2d_reference
from .shapes import Layer, OutputSize, Rect, coverage, output_size, receptive_field
from .export import to_keras_code, to_torch_code
from .summary import Summary, SummaryRow, summarize_keras, summarize_torch
from .trace import ConvTrace, PoolTrace, trace_conv, trace_pool

__all__ = [
    "conv2d", "conv2d_reference", "pool2d", "pool2d_reference", "global_pool", "output_size", "OutputSize",
    "trace_conv", "trace_pool", "ConvTrace", "PoolTrace", "coverage", "receptive_field", "Layer", "Rect",
    "load_image", "to_gray", "ImageError", "KERNELS", "Kernel", "summarize_keras", "summarize_torch",
    "Summary", "SummaryRow", "to_keras_code", "to_torch_code",
]
