"""SGD with momentum and Adam, written out: the same arithmetic, op for op, as torch.optim on CPU.

Why not torch.optim? Its optimizers import torch._dynamo on first use: about 1 s and 70 MB per
process (measured with torch 2.13), a seventh of a Community Cloud app's memory, for nothing the
app uses. The updates below are torch's single-tensor paths (what torch.optim runs on CPU), so a
model trained here matches one trained with torch.optim.SGD / torch.optim.Adam exactly;
tests/test_training.py checks that bit for bit.
"""

from __future__ import annotations

from collections.abc import Iterable

import torch


class SGD:
    """p ← p − lr·v, with v ← momentum·v + g (v = g on the first step), as torch.optim.SGD."""

    def __init__(self, params: Iterable[torch.Tensor], lr: float, momentum: float = 0.0):
        if not lr > 0:
            raise ValueError(f"lr must be > 0; got {lr}")
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1); got {momentum}")
        self.params = [p for p in params if p.requires_grad]
        self.lr, self.momentum = lr, momentum
        self.velocity: list[torch.Tensor | None] = [None] * len(self.params)

    @torch.no_grad()
    def step(self) -> None:
        """One update from the gradients in p.grad."""
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = p.grad
            if self.momentum:
                v = self.velocity[i]
                if v is None:
                    v = self.velocity[i] = g.detach().clone()
                else:
                    v.mul_(self.momentum).add_(g)
                g = v
            p.add_(g, alpha=-self.lr)

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Forget the gradients before the next backward pass."""
        for p in self.params:
            p.grad = None


class Adam:
    """Adam (Kingma & Ba): running means of g and g², bias-corrected, as torch.optim.Adam.

    One step count t for all parameters (torch keeps one per parameter): the same whenever every
    parameter gets a gradient at every step, as in the models here.
    """

    def __init__(self, params: Iterable[torch.Tensor], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8):
        if not lr > 0:
            raise ValueError(f"lr must be > 0; got {lr}")
        if not all(0 <= b < 1 for b in betas):
            raise ValueError(f"betas must both be in [0, 1); got {betas}")
        self.params = [p for p in params if p.requires_grad]
        self.lr, self.betas, self.eps = lr, betas, eps
        self.m = [torch.zeros_like(p) for p in self.params]  # mean of g, per parameter
        self.v = [torch.zeros_like(p) for p in self.params]  # mean of g², per parameter
        self.t = 0

    @torch.no_grad()
    def step(self) -> None:
        """One update: p ← p − lr/(1−β1ᵗ) · m / (√(v/(1−β2ᵗ)) + eps)."""
        beta1, beta2 = self.betas
        self.t += 1
        step_size = self.lr / (1 - beta1**self.t)
        bias_correction2_sqrt = (1 - beta2**self.t) ** 0.5
        for p, m, v in zip(self.params, self.m, self.v):
            if p.grad is None:
                continue
            g = p.grad
            m.lerp_(g, 1 - beta1)  # m ← β1·m + (1−β1)·g
            v.mul_(beta2).addcmul_(g, g, value=1 - beta2)  # v ← β2·v + (1−β2)·g²
            denom = (v.sqrt() / bias_correction2_sqrt).add_(self.eps)
            p.addcdiv_(m, denom, value=-step_size)

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Forget the gradients before the next backward pass."""
        for p in self.params:
            p.grad = None
