"""The pruning construction of Pensia et al. (2020), as used by `unified` §4/App. D (quantized
weights on S_delta) and `sparsity` App. F (Uniform[-1, 1] weights, fixed-size subsets).

A target layer ``W`` (``d_out x d_in``) is approximated by two random layers
``M2 relu(M1 x)`` with a hidden layer of ``2 n d_in`` units: unit ``h = j*2n + r`` belongs to input
``j``; units ``r < n`` are the "positive" half (``a``, ``b`` in `unified` Lemma 1), ``r >= n`` the
"negative" half (``c``, ``d``).

* Pre-processing (Steps 1 and 3 of Lemma 1; [25] Lemma 1): ``M1`` is pruned to a block-diagonal
  matrix; in block ``j`` a positive-half unit keeps its edge iff ``u > 0`` (``a^+``), a
  negative-half unit iff ``u < 0`` (``c^-``). For ``x_j > 0`` only the ``a^+`` units are active and
  contribute the slope ``sum b_i a_i^+``; for ``x_j < 0`` only the ``c^-`` units, slope
  ``sum d_i c_i^-``.
* Subset sums (Steps 2 and 4): for every output ``i``, input ``j`` and half, a subset of the
  products ``Z = M2[i, h] * M1[h, j]`` over the kept units is chosen with sum within ``tol`` of
  ``W[i, j]`` (:mod:`montecarlo.subset_solver`: any size, or exactly ``k`` for `sparsity`); the
  chosen edges of ``M2`` survive. Integer weights (S_delta in units of delta, products in units of
  delta^2) use the exact table solver with the nearest sum (ties: the smaller sum), which is the
  rule of the quantized Monte Carlo kernel :mod:`montecarlo.slth`.
* Edges of ``M1`` into units that no output uses are pruned too (`sparsity` App. F), so the
  surviving count is ``|S| + |{kept unit with an outgoing edge}|``.

The pruned layer computes ``x -> S_pos x^+ + S_neg x^-`` exactly, with ``S_pos[i, j]`` and
``S_neg[i, j]`` the two chosen sums (``x^+ = max(x, 0)``, ``x^- = min(x, 0)``). A network of
``l`` target layers gives ``2 l`` random layers (Theorem 3 of both papers).

Random draws: ``numpy.random.Generator(PCG64(seed))`` in the calling thread; the solves run in
parallel but each answer depends only on its own row (thread-count independent).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from ticketcheck.errors import InputError
from ticketcheck.montecarlo.subset_solver import GROWING_PREFIX, MAX_MITM_N, int_nearest, solve_layer

__all__ = ["LayerPruning", "Construction", "draw_layer", "blocks_to_dense", "prune_layer",
           "prune_layer_blocks", "build", "dense_forward", "weight_counts", "check_widths"]


@dataclass
class LayerPruning:
    """One target layer and its two pruned random layers (dense matrices and masks)."""

    W: np.ndarray            # target d_out x d_in
    M1: np.ndarray           # random (2 n d_in) x d_in
    M2: np.ndarray           # random d_out x (2 n d_in)
    T: np.ndarray            # bool mask of M1 after pre-processing and removal of unused units
    S: np.ndarray            # bool mask of M2 (chosen subset-sum edges)
    slopes: np.ndarray       # d_out x d_in x 2: realised sums (x_j > 0, x_j < 0) in product units
    ok: np.ndarray           # d_out x d_in x 2: |slope - W| within tol
    n: int
    tol: float
    strict: bool
    k: int | None = None
    samples: np.ndarray = field(default=None, repr=False)   # d_out x d_in x 2: samples offered

    @property
    def success(self) -> bool:
        return bool(self.ok.all())

    def residuals(self) -> np.ndarray:
        """``W - slope`` per (i, j, half), in product units."""
        return self.W[:, :, None] - self.slopes

    def surviving(self) -> int:
        return int(self.S.sum() + self.T.sum())

    def total(self) -> int:
        return int(self.M1.size + self.M2.size)


@dataclass
class Construction:
    layers: list[LayerPruning]

    @property
    def success(self) -> bool:
        return all(L.success for L in self.layers)

    def pruned(self) -> list[np.ndarray]:
        """The 2l pruned matrices ``[T1*M1, S1*M2, T2*M3, S2*M4, ...]``."""
        out = []
        for L in self.layers:
            out += [np.where(L.T, L.M1, 0), np.where(L.S, L.M2, 0)]
        return out

    def targets(self) -> list[np.ndarray]:
        return [L.W for L in self.layers]

    def surviving(self) -> int:
        return sum(L.surviving() for L in self.layers)

    def total(self) -> int:
        return sum(L.total() for L in self.layers)

    def density(self) -> float:
        return self.surviving() / self.total()


def check_widths(d_in: int, d_out: int, n: int) -> None:
    for name, v in (("d_in", d_in), ("d_out", d_out)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise InputError(f"{name} = {v!r}: layer widths must be positive integers")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise InputError(f"n = {n!r}: the construction needs n >= 1 units per half and input "
                         f"(hidden width 2 n d_in); use a wider random network")


def draw_layer(rng: np.random.Generator, d_in: int, d_out: int, n: int, K: int | None = None):
    """Dense random ``M1`` ((2 n d_in) x d_in) and ``M2`` (d_out x (2 n d_in)): Uniform[-1, 1]
    floats, or integers uniform on ``{-K..K}`` (S_delta in units of delta) when ``K`` is given."""
    check_widths(d_in, d_out, n)
    H = 2 * n * d_in
    if K is None:
        return rng.uniform(-1.0, 1.0, (H, d_in)), rng.uniform(-1.0, 1.0, (d_out, H))
    return (rng.integers(-K, K + 1, (H, d_in), dtype=np.int64),
            rng.integers(-K, K + 1, (d_out, H), dtype=np.int64))


def blocks_to_dense(U: np.ndarray, V: np.ndarray, off: np.ndarray | None = None):
    """Dense ``M1``, ``M2`` from block weights ``U[j, r]`` (unit ``j*2n + r`` from input j) and
    ``V[i, j, r]`` (as drawn by :func:`montecarlo.slth.draw_layer`); off-block entries of ``M1`` are
    taken from ``off`` (shape of M1) or 0 (they are pruned by the pre-processing either way)."""
    d_in, n2 = U.shape
    d_out = V.shape[0]
    H = d_in * n2
    M1 = np.zeros((H, d_in), dtype=U.dtype) if off is None else np.array(off, dtype=U.dtype)
    for j in range(d_in):
        M1[j * n2:(j + 1) * n2, j] = U[j]
    M2 = V.reshape(d_out, H).copy()
    return M1, M2


def _units(j: int, half: int, n: int) -> range:
    base = j * 2 * n
    return range(base, base + n) if half == 0 else range(base + n, base + 2 * n)


def _solve_blocks(W, U, V, n: int, tol, strict: bool, k, start: int, rule: str = GROWING_PREFIX):
    """Steps 1-4 for real weights (:func:`montecarlo.subset_solver.solve_layer`, subset rule
    ``rule``). Returns ``(slopes, ok, sel, counts)``; ``sel[i, j, r]`` marks the chosen
    second-layer edges."""
    sel, slopes, ok = solve_layer(U, V, W, float(tol), strict, k, start, rule=rule)
    keep = np.concatenate([U[:, :n] > 0, U[:, n:] < 0], axis=1)
    counts = np.broadcast_to(np.minimum(keep.reshape(1, -1, 2, n).sum(axis=3), MAX_MITM_N),
                             W.shape + (2,))
    return slopes, ok, sel, counts


def prune_layer_blocks(W, n: int, tol, rng: np.random.Generator, strict: bool = True,
                       k: int | None = None, rows_per_chunk: int = 64, start: int = 8,
                       rule: str = GROWING_PREFIX) -> dict:
    """The construction for a large target layer without dense matrices: only the weights the
    pre-processing keeps are drawn (``U``: d_in x 2n, then ``V`` chunk by chunk of outputs), and
    every subset-sum problem of a chunk is solved in one parallel batch. Returns the counts
    (surviving and total random weights), the fraction of weights within ``tol`` and the worst
    residual; used by the 784-500-10 benchmark."""
    W = np.asarray(W, dtype=np.float64)
    d_out, d_in = W.shape
    check_widths(d_in, d_out, n)
    U = rng.uniform(-1.0, 1.0, (d_in, 2 * n))
    used = np.zeros((d_in, 2 * n), dtype=bool)
    surviving2 = within = 0
    worst = 0.0
    for i0 in range(0, d_out, rows_per_chunk):
        i1 = min(d_out, i0 + rows_per_chunk)
        V = rng.uniform(-1.0, 1.0, (i1 - i0, d_in, 2 * n))
        slopes, ok, sel, _ = _solve_blocks(W[i0:i1], U, V, n, tol, strict, k, start, rule)
        surviving2 += int(sel.sum())
        used |= sel.any(axis=0)
        within += int(ok.sum())
        worst = max(worst, float(np.abs(W[i0:i1, :, None] - slopes).max()))
    H = 2 * n * d_in
    return {"d_in": d_in, "d_out": d_out, "n": n, "tol": tol, "problems": 2 * d_out * d_in,
            "within_tol": within / (2 * d_out * d_in), "worst_residual": worst,
            "surviving": surviving2 + int(used.sum()), "total": H * d_in + d_out * H}


def prune_layer(W, M1, M2, n: int, tol, strict: bool = True, k: int | None = None,
                start: int = 8, rule: str = GROWING_PREFIX) -> LayerPruning:
    """Masks of the construction for target ``W`` (same units as the products ``M2 * M1``).
    ``rule`` names the subset choice of real weights (:data:`montecarlo.subset_solver.RULES`);
    integer weights always take the nearest sum."""
    W = np.asarray(W)
    d_out, d_in = W.shape
    check_widths(d_in, d_out, n)
    H = 2 * n * d_in
    if M1.shape != (H, d_in) or M2.shape != (d_out, H):
        raise InputError(f"random layers of shapes {M1.shape}, {M2.shape} do not fit a target "
                         f"{d_out}x{d_in} with n = {n} (need ({H}, {d_in}) and ({d_out}, {H}))")
    integer = np.issubdtype(M1.dtype, np.integer) and np.issubdtype(M2.dtype, np.integer)
    T = np.zeros(M1.shape, dtype=bool)
    kept = []                                   # per (j, half): list of kept units
    for j in range(d_in):
        for half in (0, 1):
            us = [h for h in _units(j, half, n) if (M1[h, j] > 0 if half == 0 else M1[h, j] < 0)]
            T[us, j] = True
            kept.append(us)
    S = np.zeros(M2.shape, dtype=bool)
    slopes = np.zeros((d_out, d_in, 2), dtype=np.int64 if integer else np.float64)
    ok = np.zeros((d_out, d_in, 2), dtype=bool)
    counts = np.zeros((d_out, d_in, 2), dtype=np.int64)
    if integer:
        if k is not None:
            raise InputError("fixed-size subsets are implemented for real-valued weights only")
        for i in range(d_out):
            for j in range(d_in):
                for half in (0, 1):
                    us = kept[2 * j + half]
                    vals = np.array([int(M2[i, h]) * int(M1[h, j]) for h in us], dtype=np.int64)
                    s, take = int_nearest(vals, int(W[i, j]))
                    slopes[i, j, half] = s
                    dist = abs(s - int(W[i, j]))
                    ok[i, j, half] = dist < tol if strict else dist <= tol
                    counts[i, j, half] = len(us)
                    for t in np.nonzero(take)[0]:
                        S[i, us[t]] = True
    else:
        U = np.stack([M1[j * 2 * n:(j + 1) * 2 * n, j] for j in range(d_in)])
        V = M2.reshape(d_out, d_in, 2 * n)
        slopes, ok, sel, counts = _solve_blocks(W, U, V, n, tol, strict, k, start, rule)
        S = sel.reshape(d_out, H)
    used = S.any(axis=0)
    T &= used[:, None]
    return LayerPruning(W=W, M1=M1, M2=M2, T=T, S=S, slopes=slopes, ok=ok, n=n, tol=tol,
                        strict=strict, k=k, samples=counts)


def build(targets: Sequence[np.ndarray], n, tol, rng: np.random.Generator, strict: bool = True,
          k=None, K: int | None = None, start: int = 8, rule: str = GROWING_PREFIX) -> Construction:
    """Draw a random ``2l``-layer network for the ``l`` target layers and prune it. ``n``, ``tol``,
    ``k`` may be per-layer sequences. ``K``: quantized (integers on ``{-K..K}``; targets and
    ``tol`` then in delta^2 units, i.e. w*K and Delta*K). ``rule``: the subset choice
    (:data:`montecarlo.subset_solver.RULES`; the construction's default keeps subsets small)."""
    L = len(targets)
    if L == 0:
        raise InputError("give at least one target layer")
    ns = list(n) if isinstance(n, (list, tuple)) else [n] * L
    tols = list(tol) if isinstance(tol, (list, tuple)) else [tol] * L
    ks = list(k) if isinstance(k, (list, tuple)) else [k] * L
    layers = []
    prev = None
    for li, W in enumerate(targets):
        W = np.asarray(W)
        if W.ndim != 2:
            raise InputError("each target layer must be a 2-d matrix (d_out x d_in)")
        if prev is not None and W.shape[1] != prev:
            raise InputError(f"target layer {li + 1} has {W.shape[1]} inputs but layer {li} has "
                             f"{prev} outputs")
        prev = W.shape[0]
        M1, M2 = draw_layer(rng, W.shape[1], W.shape[0], ns[li], K)
        layers.append(prune_layer(W, M1, M2, ns[li], tols[li], strict, ks[li], start, rule))
    return Construction(layers)


def dense_forward(mats: Sequence[np.ndarray], X: np.ndarray) -> np.ndarray:
    """Float forward pass of a bias-free ReLU network on the rows of ``X``."""
    H = np.asarray(X, dtype=np.float64).T
    for li, M in enumerate(mats):
        H = np.asarray(M, dtype=np.float64) @ H
        if li < len(mats) - 1:
            np.maximum(H, 0.0, out=H)
    return H.T


def weight_counts(widths: Sequence[int], n) -> dict:
    """Parameter counts of the construction for target widths ``d_0..d_l`` (`sparsity` App. F):
    ``m = sum_i 2 d_{i-1}^2 n_i + 2 d_{i-1} d_i n_i`` and the target's ``sum_i d_{i-1} d_i``."""
    L = len(widths) - 1
    ns = list(n) if isinstance(n, (list, tuple)) else [n] * L
    m = sum(2 * widths[i] ** 2 * ns[i] + 2 * widths[i] * widths[i + 1] * ns[i] for i in range(L))
    return {"random": m, "target": sum(widths[i] * widths[i + 1] for i in range(L))}
