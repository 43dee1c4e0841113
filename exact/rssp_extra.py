"""Exact per-state quantities of the discrete RSSP process (``unified`` §3, App. A, Lemmas 2-6).

The state at time ``t`` is ``f_t`` (``unified.def2``) as a Python ``int`` bitset; Eq. (1) is the
update ``f | shift(f, x)``. For the per-state lemmas of App. A only ``f_t`` on ``[-2M, 2M]`` matters:

* ``v_{t+1}(x) = sum_{z=-M}^{M} max(f_t(z), f_t(z - x))`` for ``x in {-M..M}`` (Eq. (1));
* ``E[v_{t+1} | state] = (1/(2M+1)) sum_x v_{t+1}(x)`` (Lemma 2);
* ``ṽ(x)`` of the Lemma 3 proof, in two readings (see :func:`tilde_volumes`).

:func:`state_levels` enumerates every reachable state (all sequences ``X_1..X_t`` in ``{-M..M}^t``)
level by level, merging equal states; :func:`level_table` turns one level into numpy arrays
(``bits`` of ``f_t`` on ``[-2M, 2M]``, ``v``, ``next_volumes``, ``tilde``) for vectorised minima.
:func:`sequence_table` does the same along one given sequence (for large ``M``: random and
adversarial sequences). Everything is integer arithmetic; callers form exact ``Fraction``s.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np

from ticketcheck.errors import InputError, TooLargeError

__all__ = ["initial_state", "step", "central_volume", "state_levels", "level_table",
           "sequence_table", "LevelTable", "smallest_istar", "closed_form_istar",
           "binom_cdf", "negbin_tail_ge", "tau_amplified_lower_bound"]

MAX_STATES = 400_000


def _validate(M: int, delta: int, t: int | None = None) -> None:
    if not isinstance(M, int) or M < 1:
        raise InputError(f"M must be a positive integer (got {M!r})")
    if not isinstance(delta, int) or delta < 0 or delta > M:
        raise InputError(f"Delta must be an integer in 0..M (got Delta={delta!r}, M={M})")
    if t is not None and (not isinstance(t, int) or t < 0):
        raise InputError(f"t must be a nonnegative integer (got {t!r})")


def initial_state(delta: int, W: int) -> int:
    """``f_0`` on the window of half-width ``W``: ``f_0(z) = 1`` iff ``|z| <= Delta``."""
    return ((1 << (2 * delta + 1)) - 1) << (W - delta)


def step(g: int, x: int, W: int, W_new: int) -> int:
    """Eq. (1): ``f_{t+1} = f_t | (f_t shifted by x)``, re-windowed from half-width W to W_new."""
    if W_new >= W:
        h, Wc = g << (W_new - W), W_new
    else:
        h, Wc = g, W
    s = h << x if x >= 0 else h >> (-x)   # bits lost below 0 are z < -Wc <= -W_new
    u = h | s
    if Wc > W_new:
        u >>= Wc - W_new
    return u & ((1 << (2 * W_new + 1)) - 1)


def _restep(g: int, x: int, W: int, W_new: int) -> int:
    return step(g, x, W, W_new)


def central_volume(g: int, W: int, M: int) -> int:
    """``v = sum_{i=-M}^{M} f(i)`` (``unified.def3``)."""
    return ((g >> (W - M)) & ((1 << (2 * M + 1)) - 1)).bit_count()


def _window(M: int, delta: int, s: int, T: int) -> int:
    # f_s is zero outside [-sM-Delta, sM+Delta]; to know f_T on [-2M, 2M] one needs f_s on
    # [-(2M + (T-s)M), 2M + (T-s)M].
    return max(2 * M, min(s * M + delta, 2 * M + (T - s) * M))


@lru_cache(maxsize=64)
def state_levels(M: int, T: int, delta: int) -> tuple:
    """Every reachable state at times ``0..T`` (merged), as tuples of ``(W, states, just_reached)``.

    ``states`` is a tuple of bitsets on half-width ``W``; ``just_reached`` is a tuple of booleans:
    the state is reachable from a predecessor with ``v <= M+1`` (so ``t = tau_1`` is possible when
    the state itself has ``v > M+1``; at ``t = 0`` it is True).
    """
    _validate(M, delta, T)
    W0 = _window(M, delta, 0, T)
    levels = [(W0, (initial_state(delta, W0),), (True,))]
    cur = {initial_state(delta, W0): True}
    W = W0
    for s in range(1, T + 1):
        Wn = _window(M, delta, s, T)
        nxt: dict[int, bool] = {}
        for g, _ in cur.items():
            pre = central_volume(g, W, M) <= M + 1
            for x in range(-M, M + 1):
                h = step(g, x, W, Wn)
                if pre:
                    nxt[h] = True
                elif h not in nxt:
                    nxt[h] = False
            if len(nxt) > MAX_STATES:
                raise TooLargeError(f"more than {MAX_STATES} reachable states at M={M}, "
                                    f"Delta={delta}, t={s}; use a smaller t or M")
        cur, W = nxt, Wn
        keys = tuple(cur)
        levels.append((W, keys, tuple(cur[k] for k in keys)))
    return tuple(levels)


@dataclass
class LevelTable:
    """Per-state arrays for one level (one row per distinct state on ``[-2M, 2M]``).

    ``bits[s, j]`` = ``f_t(j - 2M)`` for ``j = 0..4M``; ``v[s]``; ``next_volumes[s, x + M]`` =
    ``v_{t+1}`` if ``X_{t+1} = x``; ``tilde[s, x + M]`` = ṽ (restricted reading); ``just_reached[s]``.
    ``masks`` are the bitsets on half-width 2M (to report a state).
    """

    M: int
    delta: int
    t: int
    bits: np.ndarray
    v: np.ndarray
    next_volumes: np.ndarray
    tilde: np.ndarray
    just_reached: np.ndarray
    masks: list

    @property
    def sum_next(self) -> np.ndarray:
        """``(2M+1) E[v_{t+1} | state]`` (integer)."""
        return self.next_volumes.sum(axis=1)

    @property
    def sum_tilde(self) -> np.ndarray:
        return self.tilde.sum(axis=1)

    def expected_next(self, s: int) -> Fraction:
        return Fraction(int(self.sum_next[s]), 2 * self.M + 1)

    def describe(self, s: int) -> dict:
        """A state for ``info``: the covered points of ``f_t`` in ``[-2M, 2M]`` and ``v``."""
        M = self.M
        pts = [j - 2 * M for j in range(4 * M + 1) if self.bits[s, j]]
        return {"t": self.t, "v": int(self.v[s]), "f_t_support_in_[-2M,2M]": _ranges(pts)}


def _ranges(pts: list[int]) -> str:
    if not pts:
        return "{}"
    out, a, b = [], pts[0], pts[0]
    for p in pts[1:]:
        if p == b + 1:
            b = p
        else:
            out.append(f"{a}..{b}" if a != b else f"{a}")
            a = b = p
    out.append(f"{a}..{b}" if a != b else f"{a}")
    return "{" + ",".join(out) + "}"


def _bits_rows(masks: list[int], M: int) -> np.ndarray:
    width = 4 * M + 1
    nbytes = (width + 7) // 8
    buf = b"".join(m.to_bytes(nbytes, "little") for m in masks)
    arr = np.frombuffer(buf, dtype=np.uint8).reshape(len(masks), nbytes)
    bits = np.unpackbits(arr, axis=1, bitorder="little")[:, :width]
    return bits.astype(np.int8)


def _table_from_masks(M: int, delta: int, t: int, masks: list[int], just: list[bool]) -> LevelTable:
    """Per-state arrays from bitsets on half-width 2M (bit j <-> z = j - 2M)."""
    bits = _bits_rows(masks, M)
    S = len(masks)
    c0, c1 = M, 3 * M + 1                    # columns of z in [-M, M]
    centre = bits[:, c0:c1]
    v = centre.sum(axis=1).astype(np.int64)
    nv = np.empty((S, 2 * M + 1), dtype=np.int64)
    tl = np.empty((S, 2 * M + 1), dtype=np.int64)
    for x in range(-M, M + 1):
        shifted = bits[:, c0 - x:c1 - x]      # f_t(z - x) for z in [-M, M]
        nv[:, x + M] = (centre | shifted).sum(axis=1)
        # restricted reading: new coverage counted only when z - x lies in {-M..M}
        lo = max(-M, -M + x)
        hi = min(M, M + x)
        if lo <= hi:
            zc = slice(lo + 2 * M, hi + 2 * M + 1)
            zs = slice(lo - x + 2 * M, hi - x + 2 * M + 1)
            new = ((1 - bits[:, zc]) * bits[:, zs]).sum(axis=1)
        else:
            new = np.zeros(S, dtype=np.int64)
        tl[:, x + M] = v + new
    return LevelTable(M, delta, t, bits, v, nv, tl, np.asarray(just, dtype=bool), masks)


@lru_cache(maxsize=256)
def level_table(M: int, t: int, delta: int, T: int | None = None) -> LevelTable:
    """Per-state arrays of every distinct reachable state at time ``t`` (states enumerated up to
    ``T >= t``, default ``t``), merged on ``[-2M, 2M]`` (the flag ``just_reached`` is OR-ed)."""
    T = t if T is None else T
    if t > T:
        raise InputError(f"t={t} > T={T}")
    W, states, just = state_levels(M, T, delta)[t]
    R = 2 * M
    merged: dict[int, bool] = {}
    for g, j in zip(states, just):
        if W >= R:
            h = (g >> (W - R)) & ((1 << (2 * R + 1)) - 1)
        else:
            h = g << (R - W)
        merged[h] = merged.get(h, False) or j
    masks = list(merged)
    return _table_from_masks(M, delta, t, masks, [merged[m] for m in masks])


def sequence_table(M: int, delta: int, xs) -> LevelTable:
    """Per-state arrays along one sequence ``X_1..X_T``: row ``t`` is the state after ``X_1..X_t``
    (``t = 0..T``). Exact for any ``M`` (bitsets on the full support ``[-tM-Delta, tM+Delta]``)."""
    _validate(M, delta)
    xs = [int(x) for x in xs]
    if any(abs(x) > M for x in xs):
        raise InputError(f"every X_i must lie in -M..M (M={M})")
    T = len(xs)
    W = T * M + delta + 2 * M
    g = initial_state(delta, W)
    masks, just = [], []
    R = 2 * M
    prev_v = None
    for t in range(T + 1):
        if t > 0:
            g = _restep(g, xs[t - 1], W, W)
        masks.append((g >> (W - R)) & ((1 << (2 * R + 1)) - 1))
        just.append(prev_v is None or prev_v <= M + 1)
        prev_v = central_volume(g, W, M)
    tab = _table_from_masks(M, delta, -1, masks, just)
    return tab


# ------------------------------------------------------------------ Lemma 4 combinatorics

def closed_form_istar(M: int, delta: int, beta: Fraction) -> int:
    """``i* = ceil(log((M+1)/(2Delta+1)) / log(1+beta))`` (Lemma 4), decided exactly.

    Computed as the smallest integer ``i`` with ``(1+beta)^i >= (M+1)/(2Delta+1)`` via exact rational
    powers, starting from a floating estimate and correcting it (so no float decides the answer)."""
    r = Fraction(M + 1, 2 * delta + 1)
    b = 1 + Fraction(beta)
    est = math.ceil(math.log(r) / math.log(b)) if r != 1 else 0
    i = est
    while b ** i >= r:
        i -= 1
    while b ** i < r:
        i += 1
    return i


def smallest_istar(M: int, delta: int, beta: Fraction, nonnegative: bool = False) -> int:
    """Smallest integer ``i`` with ``floor((2Delta+1)(1+beta)^i) >= M+1`` (Lemma 4 proof), by direct
    search in exact rationals (``i >= 0`` if ``nonnegative``)."""
    b = 1 + Fraction(beta)
    base = 2 * delta + 1

    def ok(i: int) -> bool:
        val = base * b ** i
        return math.floor(val) >= M + 1

    i = 0
    if ok(0):
        if nonnegative:
            return 0
        while ok(i - 1):
            i -= 1
        return i
    while not ok(i):
        i += 1
    return i


def binom_cdf(n: int, p: Fraction, k) -> Fraction:
    """``P(Bin(n, p) <= k)`` exactly (``k`` may be a Fraction; floor is taken)."""
    kk = math.floor(k)
    if kk < 0:
        return Fraction(0)
    if kk >= n:
        return Fraction(1)
    p = Fraction(p)
    q = 1 - p
    total = Fraction(0)
    term_num = 1
    for j in range(kk + 1):
        total += math.comb(n, j) * p ** j * q ** (n - j)
    return total


def negbin_tail_ge(r: int, p: Fraction, t: int) -> Fraction:
    """``P(Y_1 + ... + Y_r >= t)`` for i.i.d. ``Y_i ~ Geom(p)`` on ``{1, 2, ...}`` (trials up to and
    including the first success): ``= P(Bin(t-1, p) <= r-1)``."""
    if r <= 0:
        return Fraction(1) if t <= 0 else Fraction(0)
    if t <= r:
        return Fraction(1)
    return binom_cdf(t - 1, p, r - 1)


def tau_amplified_lower_bound(q0: Fraction, t0: int, t: int) -> Fraction:
    """Rigorous lower bound on ``P(tau <= t)`` from ``q0 = P(tau > t0)`` (exact).

    The subset sums of a union of disjoint blocks of samples contain the subset sums of each block,
    and ``{v_t >= 2M+1-Delta}`` is monotone in the set ``f_t``; so if any of ``floor(t/t0)``
    independent blocks of ``t0`` samples succeeds alone, the whole sample succeeds:
    ``P(tau > t) <= q0^floor(t/t0)``."""
    if t0 <= 0:
        raise InputError("t0 must be positive")
    return 1 - Fraction(q0) ** (t // t0)


# ------------------------------------------------------------------ hitting laws with absorption

@lru_cache(maxsize=128)
def hitting_law(M: int, T: int, delta: int, threshold: int) -> tuple:
    """``(P(v_s >= threshold) for s = 0..T)`` as Fractions, by a merged-state DP with absorption.

    ``v_s`` is nondecreasing, so ``P(v_s >= thr) = P(first hitting time <= s)``: a state is removed
    (its count absorbed) as soon as its central volume reaches ``threshold``. Only ``f_s`` on the
    window of half-width ``min(sM + Delta, M + (T-s)M)`` is kept (exact for ``v`` at every time
    ``<= T``). ``threshold = 2M+1-Delta`` gives ``P(tau <= s)``; ``M+2`` gives ``P(tau_1 <= s)``.
    """
    _validate(M, delta, T)
    K = 2 * M + 1
    W = max(M, min(delta, M + T * M))
    g0 = initial_state(delta, W)
    cur = {g0: 1}
    absorbed = 0
    out = []
    if central_volume(g0, W, M) >= threshold:
        return tuple(Fraction(1) for _ in range(T + 1))
    out.append(Fraction(0))
    for s in range(1, T + 1):
        Wn = max(M, min(s * M + delta, M + (T - s) * M))
        nxt: dict[int, int] = {}
        absorbed *= K
        for g, c in cur.items():
            for x in range(-M, M + 1):
                h = step(g, x, W, Wn)
                if central_volume(h, Wn, M) >= threshold:
                    absorbed += c
                else:
                    nxt[h] = nxt.get(h, 0) + c
        if len(nxt) > MAX_STATES:
            raise TooLargeError(f"more than {MAX_STATES} surviving states (M={M}, Delta={delta}, "
                                f"s={s}); use a smaller horizon")
        cur, W = nxt, Wn
        out.append(Fraction(absorbed, K ** s))
    return tuple(out)
