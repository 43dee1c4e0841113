"""Brute-force reference for the discrete RSSP (``unified`` §3 Definition 1 and ``unified.def2``).

Enumerates all ``(2M+1)^n`` sequences and all ``2^n`` subsets and applies the *definition*
``f_t(z) = 1 iff exists S subset of [t] (empty allowed) with |sum_S X - z| <= Delta`` -- no
recurrence, no merging.  Used by the tests to check the fast enumerator of ``exact/rssp.py``.
Only for tiny parameters (``(2M+1)^n * 2^n`` subset sums are held in memory).
"""
from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

__all__ = ["sequences", "prefix_f", "f_definition", "volumes", "single_target", "volume_law",
           "event_probabilities", "state_rows", "BRUTE_LIMIT"]

BRUTE_LIMIT = 200_000  # at most this many sequences


def sequences(M: int, n: int) -> np.ndarray:
    """All sequences in ``{-M..M}^n``, lexicographic, shape ((2M+1)^n, n)."""
    if (2 * M + 1) ** n > BRUTE_LIMIT:
        raise ValueError(f"brute force limited to {BRUTE_LIMIT} sequences")
    vals = list(range(-M, M + 1))
    if n == 0:
        return np.zeros((1, 0), dtype=np.int64)
    return np.array(list(itertools.product(vals, repeat=n)), dtype=np.int64)


def _subset_matrix(t: int, n: int) -> np.ndarray:
    """0/1 matrix of all subsets of [t] (as rows of length n; the empty set included)."""
    rows = [[(m >> i) & 1 if i < t else 0 for i in range(n)] for m in range(2 ** t)]
    return np.array(rows, dtype=np.int64).reshape(2 ** t, n)


def f_definition(seqs: np.ndarray, t: int, zs, delta: int) -> np.ndarray:
    """``f_t(z)`` for every sequence (rows) and z in ``zs`` (columns), from the definition."""
    n = seqs.shape[1]
    sums = seqs @ _subset_matrix(t, n).T  # (N, 2^t): every subset sum of the first t samples
    out = np.zeros((seqs.shape[0], len(zs)), dtype=bool)
    for j, z in enumerate(zs):
        out[:, j] = (np.abs(sums - z) <= delta).any(axis=1)
    return out


def prefix_f(seqs: np.ndarray, delta: int, M: int) -> list[np.ndarray]:
    """``[f_t on [-M, M] for t = 0..n]`` from the definition (each an (N, 2M+1) bool array)."""
    n = seqs.shape[1]
    zs = list(range(-M, M + 1))
    return [f_definition(seqs, t, zs, delta) for t in range(n + 1)]


def volumes(seqs: np.ndarray, delta: int, M: int) -> np.ndarray:
    """``v_t`` for every sequence and t = 0..n, shape (N, n+1)."""
    fs = prefix_f(seqs, delta, M)
    return np.stack([f.sum(axis=1) for f in fs], axis=1)


def single_target(M: int, n: int, delta: int, z: int) -> Fraction:
    seqs = sequences(M, n)
    hits = int(f_definition(seqs, n, [z], delta)[:, 0].sum())
    return Fraction(hits, (2 * M + 1) ** n)


def volume_law(M: int, n: int, delta: int) -> dict[int, Fraction]:
    seqs = sequences(M, n)
    v = f_definition(seqs, n, list(range(-M, M + 1)), delta).sum(axis=1)
    vals, counts = np.unique(v, return_counts=True)
    N = (2 * M + 1) ** n
    return {int(a): Fraction(int(b), N) for a, b in zip(vals, counts)}


def _first(mask: np.ndarray) -> np.ndarray:
    """Index of the first True per row, or a large number when none."""
    big = mask.shape[1] + 10 ** 6
    return np.where(mask.any(axis=1), mask.argmax(axis=1), big)


def event_probabilities(M: int, n: int, delta: int) -> dict:
    """Every finite-horizon event of the task, directly from paths of length n.

    Returns a dict of Fractions keyed by (name, t) for t <= n, plus ('tau2_joint', K, s, reading) =
    P(tau1 <= K, tau2 <= s) for K + s <= n.
    """
    seqs = sequences(M, n)
    N = seqs.shape[0]
    v = volumes(seqs, delta, M)  # (N, n+1)
    thr = 2 * M + 1 - delta
    tau = _first(v >= thr)
    tau1 = _first(v > M + 1)
    out = {}
    for t in range(n + 1):
        out[("tau_event", t)] = Fraction(int((v[:, t] >= thr).sum()), N)
        out[("all_covered", t)] = Fraction(int((v[:, t] == 2 * M + 1).sum()), N)
        out[("tau1_event", t)] = Fraction(int((v[:, t] > M + 1).sum()), N)
    big = n + 10 ** 6
    for reading in ("formula", "prose"):
        # tau2 per path, only where tau1 + s stays within the horizon
        tau2 = np.full(N, big)
        for i in range(N):
            k = tau1[i]
            if k > n:
                continue
            for s in range(0, n - k + 1):
                w = 2 * M + 1 - v[i, k + s]
                ok = (w <= 2 * M - delta + 1) if reading == "formula" else (v[i, k + s] >= thr)
                if ok:
                    tau2[i] = s
                    break
        for t in range(n + 1):
            h = t // 2
            out[("tau1_tau2_sum_event", t, reading)] = Fraction(int(((tau1 + tau2) <= t).sum()), N)
            out[("half_event", t, reading)] = Fraction(int(((tau1 <= h) & (tau2 <= h)).sum()), N)
        for K in range(n + 1):
            for s in range(n - K + 1):
                out[("tau2_joint", K, s, reading)] = Fraction(int(((tau1 <= K) & (tau2 <= s)).sum()), N)
    return out


def state_rows(M: int, t: int, delta: int) -> dict[tuple, int]:
    """(f_t on [-2M-Delta, 2M+Delta] as a tuple, v_{t-1} or None) -> number of sequences; from the
    definition on sequences of length t."""
    seqs = sequences(M, t)
    R = 2 * M + delta
    f = f_definition(seqs, t, list(range(-R, R + 1)), delta)
    pv = (f_definition(seqs, t - 1, list(range(-M, M + 1)), delta).sum(axis=1)
          if t > 0 else None)
    out: dict[tuple, int] = {}
    for i in range(seqs.shape[0]):
        key = (tuple(int(b) for b in f[i]), None if pv is None else int(pv[i]))
        out[key] = out.get(key, 0) + 1
    return out
