"""playground.conv2d vs torch.nn.functional.conv2d, measured in the same run.

    python -m bench.conv

Target (issue 2): ratio ≤ 1.5 on both shapes. Our call takes a numpy array and returns one (float64,
validated); torch's is timed on a ready float32 tensor, its native fast case.
"""

import numpy as np
import torch
import torch.nn.functional as F

from bench._timing import median_ms
from playground import conv2d, pool2d

CASES = [((3, 512, 512), (8, 3, 3, 3)), ((3, 512, 512), (16, 3, 5, 5))]


def main() -> None:
    rng = np.random.default_rng(0)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    print(f"{'case':38} {'ours ms':>9} {'torch ms':>9} {'ratio':>6}")
    worst = 0.0
    for x_shape, w_shape in CASES:
        x = rng.integers(0, 256, x_shape).astype(np.uint8)  # an image, as the app has it
        w = rng.normal(size=w_shape)
        xt, wt = torch.from_numpy(x.astype(np.float32))[None], torch.from_numpy(w.astype(np.float32))
        ours = median_ms(lambda: conv2d(x, w, padding=1))
        with torch.no_grad():
            peer = median_ms(lambda: F.conv2d(xt, wt, padding=1))
        worst = max(worst, ours / peer)
        print(f"conv2d {str(x_shape):15} × {str(w_shape):13} {ours:9.2f} {peer:9.2f} {ours / peer:6.2f}")
    x = rng.normal(size=(16, 256, 256))
    xt = torch.from_numpy(x)[None]
    ours, peer = median_ms(lambda: pool2d(x, 2)), median_ms(lambda: F.max_pool2d(xt, 2))
    print(f"{'pool2d max 2×2 (16, 256, 256)':38} {ours:9.2f} {peer:9.2f} {ours / peer:6.2f}")
    print(f"worst conv2d ratio: {worst:.2f} (target ≤ 1.5) -> {'met' if worst <= 1.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
