"""Exhaustive integer scans for the real-number steps of Lemma 4 and Theorem 4 (``unified`` App. A).

Everything here is about the printed formulas (no randomness), over *all* integers
1 <= M <= M_max and 0 <= Delta <= M, vectorised over Delta with numpy:

* :func:`floor_table` -- floor((2Delta+1)(1+beta)^i) for every Delta and every relevant integer i
  (the literal definition), hence the smallest integer i* with floor(.) >= M+1 by a sorted search.
* :func:`istar_scan` -- that i* against the closed form ceil(log((M+1)/(2Delta+1))/log(1+beta)).
* :func:`e1_scan` -- the first exponential comparison of Theorem 4's proof: with a = 30 i*,
  c = C' log((M+1)/(Delta+1)), the claim at an integer t reduces to (c-a)(2t-a-c) >= 0 (identity
  (t-a)^2 - (t-c)^2 = (c-a)(2t-a-c), checked symbolically in theorem4_proof.py), so the violating t form
  one interval per (M, Delta), counted exactly.
* :func:`comb_scan` -- T1 + T2 <= 2E (the combination, = Eq. (7)'s last inequality): F/E = 2 - T1/E -
  T2/E is bounded below by H(t) = 2 - U1(t) - U2(t), nondecreasing in t (monotonicity certified in
  theorem4_proof.py), so H(t0) > 0 certifies the whole ray t >= t0.

Floating point is used only where a guard band makes it safe: any quantity within ``GUARD`` of the
integer (or zero) that decides the answer is recomputed with arb balls at 256 bits.
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

import numpy as np
from flint import arb, ctx

GUARD = 1e-7
CP = 60.0 / math.log(17 / 16)       # C' = 60/ln(17/16) (float; exact side uses arb)
K0 = 0.5 * math.log(8 / 7)          # (1/2) ln(8/7)


# ------------------------------------------------------------------ i* by the floor definition

FLOOR_GUARD = 1e-6       # float64 error of n (1+beta)^i is below 2 ulp < 1e-7 for values < 2^31


def _i_range(M_max: int, beta: Fraction) -> tuple[int, int]:
    """i_lo with (1+beta)^i_lo < 1/2 (no Delta <= M qualifies) and i_hi with (1+beta)^i_hi >= M_max+1."""
    lb = math.log(1 + beta)
    return math.floor(math.log(0.5) / lb) - 2, math.ceil(math.log(M_max + 1) / lb) + 2


@lru_cache(maxsize=8)
def floor_table(M_max: int, beta: Fraction) -> tuple[int, np.ndarray]:
    """``(i_lo, F)`` with ``F[Delta, k] = floor((2Delta+1)(1+beta)^(i_lo+k))`` for Delta = 0..M_max,
    capped at M_max+2 (larger values never matter). Floats with a guard band; entries within
    ``FLOOR_GUARD`` of an integer are recomputed with exact integers."""
    lo, hi = _i_range(M_max, beta)
    b = 1 + beta
    exact_pw = [b ** i for i in range(lo, hi + 1)]
    pw = np.array([float(q) for q in exact_pw])
    n = (2 * np.arange(M_max + 1, dtype=np.float64) + 1)[:, None]
    x = n * pw[None, :]
    cap = M_max + 2
    F = np.minimum(np.floor(x), cap).astype(np.int64)
    near = np.nonzero((np.abs(x - np.round(x)) < FLOOR_GUARD) & (x < cap + 1))
    for dd, k in zip(*near):
        q = exact_pw[k]
        F[dd, k] = min(((2 * int(dd) + 1) * q.numerator) // q.denominator, cap)
    if F[:, 0].max() > 0 and np.any(F[:, 0] >= np.arange(M_max + 1) + 1):
        raise ArithmeticError("i range too narrow (low end)")  # pragma: no cover
    if F[:, -1].min() < M_max + 1:
        raise ArithmeticError("i range too narrow (high end)")  # pragma: no cover
    return lo, F


def istar_definition_row(delta: int, Ms: np.ndarray, M_max: int, beta: Fraction) -> np.ndarray:
    """Smallest integer i with floor((2Delta+1)(1+beta)^i) >= M+1, for the given M (>= Delta)."""
    lo, F = floor_table(M_max, beta)
    return lo + np.searchsorted(F[delta], Ms + 1, side="left").astype(np.int64)


def istar_closed_form_row(delta: int, Ms: np.ndarray, beta: Fraction, shift: int = 1) -> tuple:
    """(closed form ceil(log((M+shift)/(2Delta+1))/log(1+beta)) decided exactly, naive float64 ceil,
    number of guard-band recomputations) for the given M; the printed form has shift = 1."""
    from ticketcheck.exact.rssp_extra import closed_form_istar
    x = np.log((Ms + float(shift)) / (2 * delta + 1.0)) / math.log(1 + beta)
    naive = np.ceil(x).astype(np.int64)
    out = naive.copy()
    near = np.nonzero(np.abs(x - np.round(x)) < GUARD)[0]
    for j in near:
        out[j] = closed_form_istar(int(Ms[j]) + shift - 1, delta, beta)
    return out, naive, int(near.size)


def _lexmin(cur, new):
    """Keep the lexicographically smallest (M, Delta, ...) record."""
    if new is None:
        return cur
    if cur is None or (new["M"], new["Delta"]) < (cur["M"], cur["Delta"]):
        return new
    return cur


@lru_cache(maxsize=16)
def istar_scan(M_max: int, beta: Fraction, shift: int = 1) -> dict:
    """Definition (floor, smallest integer) vs closed form over 1 <= M <= M_max, 0 <= Delta <= M
    (``shift``: the 1 of M+1 in the closed form, a constant of the statement)."""
    mism = mism_nonneg = mism_float = pairs = guards = 0
    first = first_nonneg = first_float = None
    float_list = []
    for d in range(0, M_max + 1):
        Ms = np.arange(max(1, d), M_max + 1, dtype=np.int64)
        dfn = istar_definition_row(d, Ms, M_max, beta)
        cf, naive, g = istar_closed_form_row(d, Ms, beta, shift)
        guards += g
        pairs += Ms.size
        for arr, key in ((dfn, "def"), (np.maximum(dfn, 0), "nonneg"), (naive, "float")):
            ref = cf
            bad = np.nonzero(arr != ref)[0]
            if not bad.size:
                continue
            j = int(bad[0])
            rec = {"M": int(Ms[j]), "Delta": d, key: int(arr[j]), "closed_form": int(ref[j])}
            if key == "def":
                mism += bad.size
                first = _lexmin(first, rec)
            elif key == "nonneg":
                mism_nonneg += bad.size
                first_nonneg = _lexmin(first_nonneg, rec)
            else:
                mism_float += bad.size
                first_float = _lexmin(first_float, rec)
                float_list += [(int(Ms[k]), d) for k in bad[:50]]
    info = {"pairs": pairs, "beta": str(beta), "first_mismatch": first,
            "reading_i*>=0": {"mismatches": mism_nonneg, "first": first_nonneg,
                              "note": "closed form <= 0 when 2Delta+1 >= M+1; an index i* >= 0 of "
                                      "the intervals I_0.. then differs"},
            "naive_float64_closed_form": {"mismatches": mism_float, "first": first_float,
                                          "all_(M,Delta)": sorted(float_list)[:50],
                                          "note": "(M+1)/(2Delta+1) an exact power of 1+beta: the "
                                                  "log ratio is an integer that float64 misses"},
            "guard_band_exact_recomputations": guards}
    return {"mismatch_pairs": mism, "info": info}


def intervals_as_printed(M: int, delta: int, beta: Fraction) -> dict:
    """Coverage of {0..M} by I_0 = {1..2Delta+1}, I_i (i = 1..i*-1), I_{i*} = {..M+1} as printed."""
    from ticketcheck.exact.rssp_extra import closed_form_istar
    i_star = closed_form_istar(M, delta, beta)
    b = 1 + beta

    def fl(i):
        return math.floor((2 * delta + 1) * b ** i)
    ivs = [(1, 2 * delta + 1)] + [(fl(i - 1), fl(i)) for i in range(1, i_star)]
    if i_star >= 1:
        ivs.append((fl(i_star - 1), M + 1))
    cover = {}
    for lo, hi in ivs:
        for z in range(lo, hi + 1):
            cover[z] = cover.get(z, 0) + 1
    missing = [z for z in range(0, M + 1) if z not in cover]
    twice = sorted(z for z, c in cover.items() if c > 1 and 0 <= z <= M)
    outside = sorted(z for z in cover if z > M or z < 0)
    return {"defects": len(missing) + len(twice), "i_star": i_star, "intervals": len(ivs),
            "missing": missing[:10], "n_missing": len(missing), "covered_twice": twice[:10],
            "n_covered_twice": len(twice), "outside_0..M": outside[:5]}


# ------------------------------------------------------------------ Theorem 4, first exponential

def _power_of_17_16(num: int, den: int) -> int | None:
    """k if num/den == (17/16)^k exactly (then C' log(num/den) = 60 k, an integer), else None."""
    q = Fraction(num, den)
    k = round(math.log(q) / math.log(17 / 16)) if q > 0 else 0
    return k if Fraction(17, 16) ** k == q else None


def _c_ceil(M: int, d: int, two: bool = False, shift: int = 0, factor: Fraction = Fraction(1)) -> int:
    """ceil(factor C' log((M+1)/(Delta+1)) + shift) (or with 2Delta+1 when ``two``) decided exactly:
    values with a ratio that is a power of 17/16 (then C' log(ratio) = 60 k) are rational, the rest
    are separated from every integer by 256-bit balls."""
    den = 2 * d + 1 if two else d + 1
    k = _power_of_17_16(M + 1, den)
    if k is not None:
        q = Fraction(factor) * 60 * k + shift
        return -((-q.numerator) // q.denominator)
    return _ceil_cprime_log(M + 1, den, shift, 1, factor)


def _ceil_cprime_log(num: int, den: int, shift: int, div: int, factor: Fraction = Fraction(1)) -> int:
    """ceil((factor C' log(num/den) + shift) / div) for a ratio that is not a power of 17/16 (so the
    value is irrational and 256-bit balls separate it from every integer)."""
    old = ctx.prec
    ctx.prec = 256
    try:
        f = Fraction(factor)
        b = (arb(60 * f.numerator) / f.denominator / (arb(17) / arb(16)).log() * (arb(num) / arb(den)).log()
             + shift) / div
        c = b.ceil()
        if c.rad() != 0:
            raise ArithmeticError("ceil undecided at 256 bits")  # pragma: no cover
        return int(c.unique_fmpz())
    finally:
        ctx.prec = old


def _half_ceil(M: int, d: int, a: int, factor: Fraction = Fraction(1)) -> int:
    """ceil((a + factor C' log((M+1)/(Delta+1)))/2), exactly."""
    k = _power_of_17_16(M + 1, d + 1)
    if k is not None:
        q = (a + Fraction(factor) * 60 * k) / 2
        return -((-q.numerator) // q.denominator)
    return _ceil_cprime_log(M + 1, d + 1, a, 2, factor)


def _ceil_guarded(x: np.ndarray, exact_fn) -> np.ndarray:
    """ceil(x) with the entries within GUARD of an integer recomputed by ``exact_fn(index)``."""
    out = np.ceil(x).astype(np.int64)
    for j in np.nonzero(np.abs(x - np.round(x)) < GUARD)[0]:
        out[j] = exact_fn(int(j))
    return out


def _theorem4_row(delta: int, Ms: np.ndarray, M_max: int) -> dict:
    """a = 30 i*, c = C' log((M+1)/(Delta+1)), b = C' log((M+1)/(2Delta+1)), 2M+1-Delta for one
    Delta and the given M (floats except a)."""
    i_star = istar_definition_row(delta, Ms, M_max, Fraction(1, 16))
    Mf = Ms.astype(np.float64)
    L = np.log1p((Mf - delta) / (delta + 1.0))         # log((M+1)/(Delta+1)) >= 0
    L2 = np.log((Mf + 1.0) / (2 * delta + 1.0))
    return {"a": 30 * i_star, "c": CP * L, "b": CP * L2, "Dp": 2 * Mf + 1 - delta}


@lru_cache(maxsize=8)
def cprime_l_minus_30_istar(M_max: int, factor: Fraction = Fraction(1)) -> dict:
    """min over integers 1 <= M <= M_max, 0 <= Delta < M of factor C' log((M+1)/(Delta+1)) - 30 i*
    (floats; the caller re-evaluates the argmin exactly). When it is >= 0, every t >= C'L
    (Theorem 4's hypothesis) satisfies t/2 >= 15 i* = i*/p_beta (Lemma 4's hypothesis at t/2)."""
    best, where, pairs, near = math.inf, None, 0, 0
    f = float(factor)
    for d in range(0, M_max):
        Ms = np.arange(d + 1, M_max + 1, dtype=np.int64)
        q = _theorem4_row(d, Ms, M_max)
        gap = f * q["c"] - q["a"]
        pairs += Ms.size
        near += int(np.count_nonzero(np.abs(gap) < 1e-6))
        j = int(np.argmin(gap))
        if gap[j] < best:
            best, where = float(gap[j]), {"M": int(Ms[j]), "Delta": d}
    return {"min_float": best, "argmin": where, "pairs": pairs, "pairs_within_1e-6_of_0": near,
            "factor_of_C'": str(factor)}


@lru_cache(maxsize=8)
def e1_scan(M_max: int, t_extra: int = 10 ** 4, factor: Fraction = Fraction(1)) -> dict:
    """First exponential comparison over 1 <= M <= M_max, 0 <= Delta < M, integer t in
    [ceil(C' log((M+1)/(2Delta+1))), ceil(C' log((M+1)/(Delta+1))) + t_extra] ("printed" domain,
    t >= 1) and restricted to t >= C' log((M+1)/(Delta+1)) ("restricted": Theorem 4's hypothesis).
    ``factor`` multiplies C' wherever it appears (a falsifier of the statement's constant)."""
    f = Fraction(factor)
    res = {k: {"pairs_violating": 0, "triples_violating": 0, "first": None, "max_run": 0,
               "max_run_at": None} for k in ("printed", "restricted")}
    pairs = 0
    min_gap = math.inf
    for d in range(0, M_max):
        Ms = np.arange(d + 1, M_max + 1, dtype=np.int64)
        q = _theorem4_row(d, Ms, M_max)
        a, c, b = q["a"], float(f) * q["c"], float(f) * q["b"]
        pairs += Ms.size
        min_gap = min(min_gap, float(np.min(c - a)))
        ceil_c = _ceil_guarded(c, lambda j: _c_ceil(int(Ms[j]), d, factor=f))
        ceil_b = _ceil_guarded(b, lambda j: _c_ceil(int(Ms[j]), d, two=True, factor=f))
        half = (a + c) / 2
        ceil_half = _ceil_guarded(half, lambda j: _half_ceil(int(Ms[j]), d, int(a[j]), f))
        t_hi = ceil_c + t_extra
        # (t-a)^2 >= (t-c)^2 <=> (c-a)(2t-a-c) >= 0: c > a violates for t < (a+c)/2, c < a for
        # t > (a+c)/2, c = a never
        last_bad = np.where(c > a, ceil_half - 1, t_hi)
        first_bad = np.where(c > a, 1, np.floor(half).astype(np.int64) + 1)
        for key, t_lo in (("printed", np.maximum(1, ceil_b)), ("restricted", np.maximum(1, ceil_c))):
            lo = np.maximum(t_lo, first_bad)
            hi = np.minimum(last_bad, t_hi)
            n_bad = np.maximum(0, hi - lo + 1)
            r = res[key]
            nz = np.nonzero(n_bad)[0]
            if not nz.size:
                continue
            r["pairs_violating"] += int(nz.size)
            r["triples_violating"] += int(n_bad.sum())
            j = int(nz[0])
            r["first"] = _lexmin(r["first"], {"M": int(Ms[j]), "Delta": d, "t": int(lo[j]),
                                              "t_range": [int(lo[j]), int(hi[j])],
                                              "i_star": int(a[j] // 30)})
            k = int(np.argmax(n_bad))
            if n_bad[k] > r["max_run"]:
                r["max_run"] = int(n_bad[k])
                r["max_run_at"] = {"M": int(Ms[k]), "Delta": d, "t_range": [int(lo[k]), int(hi[k])]}
    return {"pairs": pairs, "min_c_minus_a": min_gap, "factor_of_C'": str(f), **res}


# ------------------------------------------------------------------ Theorem 4, combination

def _h_lower(t, a, c, Dp):
    """H(t) = 2 - U1 - U2 <= (2E - T1 - T2)/E (see module doc); vectorised floats."""
    with np.errstate(over="ignore", invalid="ignore"):
        g1 = (a - c) * (2 * t - a - c) / (225.0 * t)
        u1 = np.where(np.abs(a) <= c, np.exp(g1), np.exp(2 * (a - c) / 225.0))
        g2 = -K0 * t - np.log(Dp) + (t - c) ** 2 / (225.0 * t)
        return 2 - u1 - np.exp(g2)


def _f_over_e(t, a, c, Dp):
    """(2E - T1 - T2)/E exactly as printed (floats; exponent differences, no underflow)."""
    with np.errstate(over="ignore", invalid="ignore"):
        g1 = (a - c) * (2 * t - a - c) / (225.0 * t)
        g2 = -K0 * t - np.log(Dp) + (t - c) ** 2 / (225.0 * t)
        return 2 - np.exp(g1) - np.exp(g2)


def _first_certified(t0, a, c, Dp) -> np.ndarray:
    """Smallest integer t >= t0 with H(t) > 1e-9 (H nondecreasing), by doubling then bisection."""
    lo, hi = t0.copy(), t0 + 1
    for _ in range(40):
        ok = _h_lower(hi.astype(np.float64), a, c, Dp) > 1e-9
        if ok.all():
            break
        hi = np.where(ok, hi, 2 * hi)
    while (hi > lo).any():
        mid = (lo + hi) // 2
        ok = _h_lower(mid.astype(np.float64), a, c, Dp) > 1e-9
        hi = np.where(ok, mid, hi)
        lo = np.where(ok, lo, mid + 1)
    return hi


def _f_over_e_kappa(t, a, c, Dp, kappa: float):
    """(2E - T1 - T2)/E with the final bound's kappa (E = exp(-(t-c)^2/(kappa t))); = _f_over_e at
    kappa = 225."""
    with np.errstate(over="ignore", invalid="ignore"):
        g1 = -(t - a) ** 2 / (225.0 * t) + (t - c) ** 2 / (kappa * t)
        g2 = -K0 * t - np.log(Dp) + (t - c) ** 2 / (kappa * t)
        return 2 - np.exp(g1) - np.exp(g2)


def comb_scan_direct(M_max: int, domain: str, kappa: Fraction) -> dict:
    """T1 + T2 <= 2E with the final bound's kappa changed (no monotone certificate then): direct float
    evaluation on M <= min(M_max, 50), every Delta <= M, t on a geometric grid from t_start to
    10^3 t_start + 10^4; counts the pairs with a violation found (the others stay undecided)."""
    out = {"pairs": 0, "domain": domain, "kappa": str(kappa), "mode": "direct evaluation (kappa != 225)",
           "violating_pairs": 0, "undecided_pairs": 0, "first_violation": None,
           "certified_from_t_start": 0, "full_scan_upto_M": min(M_max, 50)}
    kap = float(kappa)
    for d in range(0, min(M_max, 50) + 1):
        Ms = np.arange(max(1, d), min(M_max, 50) + 1, dtype=np.int64)
        if not Ms.size:
            continue
        q = _theorem4_row(d, Ms, M_max)
        a, c, b, Dp = q["a"].astype(np.float64), q["c"], q["b"], q["Dp"]
        base = c if domain == "C'L" else b
        t0 = np.maximum(1.0, np.ceil(base))
        for j in range(Ms.size):
            ts = np.unique(np.round(np.geomspace(t0[j], 1000 * t0[j] + 10 ** 4, 400)))
            F = _f_over_e_kappa(ts, a[j], c[j], Dp[j], kap)
            out["pairs"] += 1
            bad = np.nonzero(F < -1e-9)[0]
            if bad.size:
                out["violating_pairs"] += 1
                out["first_violation"] = _lexmin(out["first_violation"],
                                                 {"M": int(Ms[j]), "Delta": d, "t": int(ts[bad[0]])})
            else:
                out["undecided_pairs"] += 1
    return out


def comb_scan(M_max: int, domain: str, full_scan_upto: int = 200) -> dict:
    """T1 + T2 <= 2E over integers 1 <= M <= M_max, 0 <= Delta <= M, t >= t_start, where
    t_start = max(1, ceil(C' log((M+1)/(Delta+1)))) (domain "C'L") or
    max(1, ceil(C' log((M+1)/(2Delta+1)))) (domain "C'L2"). H(t_start) > 0 certifies the ray
    t >= t_start (H is a nondecreasing lower bound of (2E - T1 - T2)/E). Pairs not certified at
    t_start are evaluated directly at t_start (every M) and, for M <= ``full_scan_upto``, at every t
    below the first t where H certifies the ray (violations counted exactly, floats with margin)."""
    out = {"pairs": 0, "domain": domain, "certified_from_t_start": 0,
           "pairs_not_certified_from_start": 0, "violating_pairs": 0, "violating_at_t_start": 0,
           "undecided_pairs": 0, "violating_triples_scanned": 0,
           "full_scan_upto_M": full_scan_upto, "first_violation": None,
           "latest_certified_start": None, "near_zero_H_values": 0}
    for d in range(0, M_max + 1):
        Ms = np.arange(max(1, d), M_max + 1, dtype=np.int64)
        q = _theorem4_row(d, Ms, M_max)
        a, c, b, Dp = q["a"].astype(np.float64), q["c"], q["b"], q["Dp"]
        out["pairs"] += Ms.size
        base = c if domain == "C'L" else b
        t0 = np.maximum(1, _ceil_guarded(base, lambda j: _c_ceil(int(Ms[j]), d, two=(domain != "C'L"))))
        H = _h_lower(t0.astype(np.float64), a, c, Dp)
        out["near_zero_H_values"] += int(np.count_nonzero(np.abs(H) < 1e-6))
        ok = H > 1e-9
        out["certified_from_t_start"] += int(ok.sum())
        bad = np.nonzero(~ok)[0]
        if not bad.size:
            continue
        out["pairs_not_certified_from_start"] += int(bad.size)
        F0 = _f_over_e(t0[bad].astype(np.float64), a[bad], c[bad], Dp[bad])
        violated = F0 < -1e-9
        out["violating_at_t_start"] += int(violated.sum())
        if violated.any():
            j = int(bad[np.nonzero(violated)[0][0]])
            out["first_violation"] = _lexmin(out["first_violation"],
                                             {"M": int(Ms[j]), "Delta": d, "t": int(t0[j])})
        scan = Ms[bad] <= full_scan_upto
        small = bad[scan]
        if small.size:
            tc = _first_certified(t0[small], a[small], c[small], Dp[small])
            k = int(np.argmax(tc - t0[small]))
            late = {"M": int(Ms[small[k]]), "Delta": d, "t_start": int(t0[small[k]]),
                    "t_certified_from": int(tc[k]), "extra": int(tc[k] - t0[small[k]])}
            if (out["latest_certified_start"] is None
                    or late["extra"] > out["latest_certified_start"]["extra"]):
                out["latest_certified_start"] = late
            sv = violated[scan].copy()
            for jj, j in enumerate(small):
                ts = np.arange(t0[j], tc[jj], dtype=np.float64)
                F = _f_over_e(ts, a[j], c[j], Dp[j])
                nb = np.nonzero(F < -1e-9)[0]
                if nb.size:
                    sv[jj] = True
                    out["violating_triples_scanned"] += int(nb.size)
                    out["first_violation"] = _lexmin(out["first_violation"],
                                                     {"M": int(Ms[j]), "Delta": d, "t": int(ts[nb[0]])})
            violated[scan] = sv
        out["violating_pairs"] += int(violated.sum())
        out["undecided_pairs"] += int((~violated & ~scan).sum())
    return out
