"""Pruning constructions of `unified` §4 / App. D built from Monte Carlo draws and measured exactly.

These need both engines: the random weights are the Monte Carlo kernels' draws
(:func:`montecarlo.slth.draw_layer`, trial streams), the masks come from the subset-sum solvers
(:mod:`montecarlo.subset_solver`, :mod:`montecarlo.pensia`), and the pruned networks are evaluated
exactly (:mod:`exact.relu_sup`, rationals). So they live here, above exact/ and montecarlo/, and
are used by the claims (``bounds.unified.slth_checks``, ``bounds.unified.slth_network_checks``).
This module registers no observable.

Lemma 1 (one block, lists of integers):

* :func:`lemma1_masks` -- masks (s, s') of the Lemma 1 construction for one target w (Steps 1-4);
  the pruned network's error is :func:`exact.slth.lemma1_network_error`.

The quantized strong-lottery-ticket networks: the random ``2l``-layer network has weights uniform
on ``S_delta`` (integers ``-K..K`` in units of delta, ``delta = 2^-k``, ``K = 2^k``); target layer
``i`` (``d_i x d_{i-1}``) is approximated by two random layers with ``2 n d_{i-1}`` hidden units
(Lemma 8 / Theorem 3 with ``C = 2``: two halves of ``n`` units per input). Masks come from
:mod:`montecarlo.pensia` (pre-processing of Steps 1 and 3, exact subset sums of Steps 2 and 4 on
the ``delta^2`` grid, tolerance ``< Delta delta`` per half).

* :func:`quantized_params` -- validates delta (a power of two), Delta (a positive integer), the
  widths, and the hidden width (at least two units per input), with one-line errors.
* :func:`layer_draw` -- the random pair of layers of one target layer: for ``l = 1`` the same draw
  as the Monte Carlo kernel :func:`montecarlo.slth.draw_layer` (trial streams), so the explicit
  construction can be compared with the kernel draw by draw.
* :func:`residual_table` -- for every weight position and half, the residual ``w - slope`` for each
  ``w in S_delta`` (the masks of every target at once: masks of different weights are independent).
* :func:`worst_case` -- ``sup_{W in S_delta^{d_out x d_in}} sup_{||x||_inf <= 1} ||W x - g_W(x)||_2``
  from the table (max at a vertex of ``{-1,0,1}^{d_in}``, rows of W chosen independently), with
  the maximizing ``W`` and ``x`` so the actual pruned network can be evaluated there.
* :func:`pruned_exact` -- the exact (rational) target and pruned networks of a construction, for
  :mod:`exact.relu_sup`.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np

from ticketcheck.errors import InputError
from ticketcheck.exact.relu_sup import Net, as_net
from ticketcheck.montecarlo.pensia import Construction, LayerPruning, blocks_to_dense, check_widths, prune_layer
from ticketcheck.montecarlo.slth import draw_layer
from ticketcheck.montecarlo.subset_solver import int_nearest

__all__ = ["lemma1_masks", "QuantizedParams", "quantized_params", "layer_draw", "residual_table",
           "worst_case", "pruned_exact", "build_quantized"]


# ------------------------------------------------------------------ Lemma 1: one block

def _nearest_subset(values: list[int], target: int, tol: int, strict: bool):
    """Indices of a subset whose sum is nearest to ``target`` (ties: the smaller sum, as in the
    Monte Carlo kernel), or None if no sum is within tol (exact table solver)."""
    s, take = int_nearest(np.asarray(values, dtype=np.int64), target)
    dist = abs(s - target)
    if not (dist < tol if strict else dist <= tol):
        return None
    return tuple(int(i) for i in np.nonzero(take)[0])


def lemma1_masks(u: list[int], v: list[int], w: int, K: int, tol: int, strict: bool,
                 reading: str = "construction"):
    """Masks (s, s') of the Lemma 1 construction for target ``w`` (delta units), or None.

    construction: Step 1 keeps a^+ (s'_i = 1 iff a_i > 0, first half), Step 3 keeps c^- (second
    half); Steps 2 and 4 pick subsets of Z_i = b_i a_i^+ and d_i c_i^- nearest to w (in delta^2
    units, i.e. w*K; ties: the smaller sum)."""
    n2 = len(u)
    half = n2 // 2
    s = [0] * n2
    sp_ = [0] * n2
    for sign in (1, -1):
        if reading == "construction":
            idx = [r for r in (range(half) if sign > 0 else range(half, n2))
                   if (u[r] > 0 if sign > 0 else u[r] < 0)]
        else:
            idx = [r for r in range(n2) if (u[r] > 0 if sign > 0 else u[r] < 0)]
        vals = [v[r] * u[r] for r in idx]
        sub = _nearest_subset(vals, w * K, tol, strict)
        if sub is None:
            return None
        for t in sub:
            s[idx[t]] = 1
            sp_[idx[t]] = 1
    return s, sp_


# ------------------------------------------------------------------ the quantized networks


@dataclass(frozen=True)
class QuantizedParams:
    k: int
    K: int
    Delta: int
    widths: tuple
    n: tuple

    @property
    def delta(self) -> Fraction:
        return Fraction(1, self.K)

    @property
    def tol_units(self) -> int:
        """Per-half tolerance Delta*delta in units of delta^2 (strict)."""
        return self.Delta * self.K

    @property
    def N_T(self) -> int:
        w = self.widths
        return sum(w[i] * w[i + 1] for i in range(len(w) - 1))


def _k_of_delta(delta) -> int:
    try:
        q = Fraction(delta) if not isinstance(delta, float) else Fraction(delta)
    except (TypeError, ValueError):
        raise InputError(f"delta = {delta!r} is not a number; give delta = 2^-k, e.g. 1/8") from None
    if q <= 0 or q >= 1 or q.numerator != 1 or q.denominator & (q.denominator - 1):
        raise InputError(f"delta = {delta} is not a power of two 2^-k with k >= 1 (S_delta needs "
                         f"delta = 2^-k, e.g. 1/4, 1/8)")
    k = q.denominator.bit_length() - 1
    if k > 12:
        raise InputError(f"delta = 2^-{k} is too fine for the exact construction; use k <= 12")
    return k


def quantized_params(delta, Delta, widths: Sequence[int], n=None, hidden=None) -> QuantizedParams:
    """Validate the construction's inputs. Give either ``n`` (units per half and input) or
    ``hidden`` (hidden width of each odd layer, ``2 n d_{i-1}`` in the construction)."""
    k = _k_of_delta(delta)
    if isinstance(Delta, bool) or not isinstance(Delta, (int, np.integer)) or Delta < 1:
        raise InputError(f"Delta = {Delta!r}: the tolerance Delta must be a positive integer "
                         f"(Delta in Z^+, e.g. 1)")
    widths = tuple(widths)
    if len(widths) < 2 or any(isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 1
                              for d in widths):
        raise InputError(f"widths {widths!r}: give the target widths d_0, ..., d_l (l >= 1) as "
                         f"positive integers")
    L = len(widths) - 1
    if (n is None) == (hidden is None):
        raise InputError("give exactly one of n (units per half and input) or hidden (widths of "
                         "the odd layers)")
    if hidden is not None:
        hs = list(hidden) if isinstance(hidden, (list, tuple)) else [hidden] * L
        if len(hs) != L:
            raise InputError(f"hidden has {len(hs)} widths for {L} target layers")
        ns = []
        for i, h in enumerate(hs):
            if isinstance(h, bool) or not isinstance(h, (int, np.integer)) or h < 2 * widths[i]:
                raise InputError(f"hidden width {h!r} of layer {2 * i + 1} is too small for the "
                                 f"construction: it needs at least 2 d_{i} = {2 * widths[i]} units "
                                 f"(two halves of n >= 1 units per input)")
            ns.append(int(h) // (2 * widths[i]))
    else:
        ns = list(n) if isinstance(n, (list, tuple)) else [n] * L
        if len(ns) != L:
            raise InputError(f"n has {len(ns)} values for {L} target layers")
        for v in ns:
            check_widths(1, 1, v)
    return QuantizedParams(k, 1 << k, int(Delta), widths, tuple(int(v) for v in ns))


def layer_draw(P: QuantizedParams, layer: int, seed: int, trial: int):
    """Dense integer ``(M1, M2)`` of target layer ``layer`` (0-based) for ``(seed, trial)``; layer
    0 of a one-layer target is exactly the Monte Carlo kernel's draw of that trial."""
    d_in, d_out = P.widths[layer], P.widths[layer + 1]
    s = seed if layer == 0 else (seed * 1_000_003 + layer) & ((1 << 63) - 1)
    U, V = draw_layer(P.k, d_in, d_out, P.n[layer], s, trial)
    return blocks_to_dense(U, V)


def residual_table(P: QuantizedParams, layer: int, M1, M2) -> tuple[np.ndarray, np.ndarray]:
    """``R[i, j, half, w + K] = w*K - slope`` (delta^2 units) for every ``w in S_delta`` and the
    ``ok`` table (``|R| < Delta*K``); one :func:`prune_layer` per ``w`` (all positions at once)."""
    d_in, d_out = P.widths[layer], P.widths[layer + 1]
    K = P.K
    R = np.zeros((d_out, d_in, 2, 2 * K + 1), dtype=np.int64)
    OK = np.zeros((d_out, d_in, 2, 2 * K + 1), dtype=bool)
    for w in range(-K, K + 1):
        Lp = prune_layer(np.full((d_out, d_in), w * K, dtype=np.int64), M1, M2, P.n[layer],
                         P.tol_units, True)
        R[:, :, :, w + K] = Lp.residuals()
        OK[:, :, :, w + K] = Lp.ok
    return R, OK


def worst_case(R: np.ndarray, K: int):
    """``(sq, W, x)``: the squared worst-case error (delta^4 units) over all ``W in S_delta^{d_out x
    d_in}`` and ``x in [-1, 1]^{d_in}``, a maximizing ``W`` (integers, delta units) and vertex ``x``."""
    d_out, d_in = R.shape[0], R.shape[1]
    best = (-1, None, None)
    for x in itertools.product((-1, 0, 1), repeat=d_in):
        sq = 0
        W = np.zeros((d_out, d_in), dtype=np.int64)
        for i in range(d_out):
            # contribution of weight (i, j) to output i's error at x: r(w) * x_j, r of the half of x_j
            hi_sum = lo_sum = 0
            w_hi, w_lo = [0] * d_in, [0] * d_in
            for j, xj in enumerate(x):
                if xj == 0:
                    continue
                c = R[i, j, 0 if xj > 0 else 1, :] * xj
                a, b = int(np.argmax(c)), int(np.argmin(c))
                hi_sum += int(c[a])
                lo_sum += int(c[b])
                w_hi[j], w_lo[j] = a - K, b - K
            if hi_sum >= -lo_sum:
                sq += max(hi_sum, 0) ** 2
                W[i] = w_hi
            else:
                sq += lo_sum ** 2
                W[i] = w_lo
        if sq > best[0]:
            best = (sq, W, x)
    return best


def pruned_exact(C: Construction, K: int | None = None) -> tuple[Net, Net]:
    """Exact target and pruned networks of a construction. Quantized (``K``): the random matrices
    hold integers in units of delta, the targets (as passed to the solver) in units of delta^2."""
    if K is None:
        return as_net(C.targets()), as_net(C.pruned())
    return as_net(C.targets(), Fraction(1, K * K)), as_net(C.pruned(), Fraction(1, K))


def build_quantized(P: QuantizedParams, targets: Sequence[np.ndarray], seed: int,
                    trial: int) -> Construction:
    """Prune the ``(seed, trial)`` random network for the target layers (integer matrices in delta
    units, entries in ``-K..K``)."""
    layers: list[LayerPruning] = []
    for li, W in enumerate(targets):
        W = np.asarray(W, dtype=np.int64)
        if W.shape != (P.widths[li + 1], P.widths[li]):
            raise InputError(f"target layer {li + 1} has shape {W.shape}; the widths say "
                             f"{(P.widths[li + 1], P.widths[li])}")
        if np.abs(W).max(initial=0) > P.K:
            raise InputError(f"target weights must lie in S_delta, i.e. integers in -{P.K}..{P.K} "
                             f"in units of delta")
        M1, M2 = layer_draw(P, li, seed, trial)
        layers.append(prune_layer(W * P.K, M1, M2, P.n[li], P.tol_units, True))
    return Construction(layers)
