"""Pure-Python references for the kernels of :mod:`montecarlo.slth` (tests replay the same draws).

The weights come from the same streams (``montecarlo.rng``: ``py_trial_state``,
``py_uniform_below32``); subset sums are Python sets, so every number follows the definitions of
`unified` §4 / App. D literally (no bitsets, no early exit).
"""
from __future__ import annotations

from ticketcheck.montecarlo.rng import py_trial_state, py_uniform_below32

__all__ = ["draw_layer_ref", "subset_sums", "covers_ref", "layer_success_ref", "layer_residuals_ref"]


def draw_layer_ref(k: int, d1: int, d2: int, n: int, seed: int, trial: int):
    """Twin of ``montecarlo.slth.draw_layer`` (same numbers, as lists): U row by row, then V."""
    K = 1 << k
    st = py_trial_state(seed, trial)
    U = [[0] * (2 * n) for _ in range(d1)]
    V = [[[0] * (2 * n) for _ in range(d1)] for _ in range(d2)]
    for j in range(d1):
        for r in range(2 * n):
            st, x = py_uniform_below32(st, 2 * K + 1)
            U[j][r] = x - K
    for i in range(d2):
        for j in range(d1):
            for r in range(2 * n):
                st, x = py_uniform_below32(st, 2 * K + 1)
                V[i][j][r] = x - K
    return U, V


def subset_sums(values) -> set[int]:
    """All subset sums (empty set included) of integers, by brute-force set DP."""
    s = {0}
    for x in values:
        s |= {y + x for y in s}
    return s


def covers_ref(values, K: int, tol: int, strict: bool) -> bool:
    """Every target j*K (j=-K..K) has a subset sum within tol (delta^2 units)."""
    ss = sorted(subset_sums(values))
    ok = (lambda d: d < tol) if strict else (lambda d: d <= tol)
    return all(ok(min(abs(s - j * K) for s in ss)) for j in range(-K, K + 1))


def _side_values(U, V, i, j, sign, reading):
    n2 = len(U[j])
    rng = range(n2) if reading == 0 else (range(n2 // 2) if sign > 0 else range(n2 // 2, n2))
    return [V[i][j][r] * U[j][r] for r in rng if (U[j][r] > 0 if sign > 0 else U[j][r] < 0)]


def layer_success_ref(U, V, K: int, reading: int, tol: int, strict: bool) -> bool:
    """Twin of one trial of ``montecarlo.slth.layer_success``."""
    d2, d1 = len(V), len(U)
    return all(covers_ref(_side_values(U, V, i, j, s, reading), K, tol, strict)
               for i in range(d2) for j in range(d1) for s in (1, -1))


def layer_residuals_ref(U, V, K: int, reading: int):
    """Twin of ``montecarlo.slth.layer_residuals`` for one draw: [i][j][side] = (max, min, max|.|)."""
    out = []
    for i in range(len(V)):
        row = []
        for j in range(len(U)):
            sides = []
            for sign in (1, -1):
                ss = sorted(subset_sums(_side_values(U, V, i, j, sign, reading)))
                res = []
                for jj in range(-K, K + 1):
                    t = jj * K
                    best = min(ss, key=lambda s: (abs(s - t), s))
                    res.append(t - best)
                sides.append((max(res), min(res), max(abs(r) for r in res)))
            row.append(sides)
        out.append(row)
    return out
