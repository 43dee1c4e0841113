"""Computations behind the `kumar_natale` number-partitioning claims (npp.md; declared in
bounds/kumar_natale.py).  Each ``*_compute(ctx)`` takes one grid point and yields comparisons.

Lemma 2 (subset sum <=> partition), for integers X_1..X_n, t and Lambda = sum X_i:
    exists S with sum_S X = t   iff   exists sigma with |sigma.X| = |Lambda - 2t|,
and the NPP on X is solvable (for a discrepancy d) iff it is on (|X_1|, ..., |X_n|).  Both
directions are counted separately, over every instance of a small law (numpy, all sequences at once,
:func:`lemma2_mismatch_counts`) and over random instances of larger ones (Python sets,
:func:`lemma2_instance_mismatches`); the two implementations are compared in the tests.

Phase transition and Borgs-Chayes-Pittel: M is the nearest integer to 2^(kappa n), resp. to
2^(n - log2(n)/2 + lambda) (mpmath, 50 digits: a choice of parameter, not a verdict); every compared
quantity is recomputed from that integer M (kappa = log2(M)/n, E = sqrt(3/(2 pi)) 2^n/(M sqrt n)),
exactly (Fractions) or in arb balls.
"""
from __future__ import annotations

import itertools
import random
from fractions import Fraction
from typing import Callable, Iterator

import mpmath
import numpy as np
import sympy as sp

from ticketcheck.bounds.claim import Comparison

# ------------------------------------------------------------------------------ run settings

def run_settings(ctx) -> tuple[int, int, float]:
    """``(seed, trials, budget)`` of the run: the only place that reads them from the context."""
    return ctx.seed, ctx.trials, ctx.budget


def lemma2_factor(ctx) -> int:
    """The check's constant ``factor`` (the 2 of |Lambda - 2t|; a falsifier halves it) as an int."""
    f = Fraction(ctx.constant("factor"))
    if f.denominator != 1:
        raise ValueError(f"Lemma 2's factor must be an integer, got {f}")
    return int(f)


# ------------------------------------------------------------------------------ Lemma 2

LAWS = ("nonzero", "with_zero")   # {-M..-1, 1..M} (Kumar & Natale) or {-M..M} ("any integers")


def law_values(M: int, law: str) -> list[int]:
    return [v for v in range(-M, M + 1) if law == "with_zero" or v != 0]


def lemma2_target(factor=2) -> Callable:
    """The discrepancy Lemma 2 pairs with target t: |Lambda - factor t|, printed factor 2 (the
    check's constant ``factor``; works on ints and arrays)."""
    return lambda lam, t: abs(lam - factor * t)


printed_target = lemma2_target(2)


def _shift(bits: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Bitsets shifted by x (up for x > 0, down for x < 0), elementwise (uint64)."""
    up = np.where(x > 0, x, 0).astype(np.uint64)
    down = np.where(x < 0, -x, 0).astype(np.uint64)
    return (bits << up) >> down


def _bit(bits: np.ndarray, pos: np.ndarray, width: int) -> np.ndarray:
    ok = (pos >= 0) & (pos < width)
    p = np.where(ok, pos, 0).astype(np.uint64)
    return ok & (((bits >> p) & np.uint64(1)) == 1)


def lemma2_mismatch_counts(n: int, M: int, law: str,
                           target: Callable = printed_target) -> dict[str, int]:
    """Every sequence of ``law_values(M, law)^n`` and every target t in [-2nM-1, 2nM+1] (for the
    printed form both sides are false outside [-nM, nM]: |sum_S X| <= nM, and |t| > nM gives
    |Lambda - 2t| > nM >= |sigma.X|; the wider range keeps the wrong variants of the tests whole).

    Returns counts of (X, t) with a subset but no sign vector (``subset_not_partition``), the
    converse (``partition_not_subset``), both (``both``); and of (X, d), d in 0..nM+1, with the NPP
    for discrepancy d solvable on X but not on |X| and conversely.  ``target`` replaces the printed
    |Lambda - 2t| (tests use wrong variants to see that the counts can be nonzero)."""
    off = n * M
    width = 2 * off + 1
    if width > 63:
        raise ValueError("the vectorised exhaustive check needs 2nM + 1 <= 63")
    vals = law_values(M, law)
    X = np.array(list(itertools.product(vals, repeat=n)), dtype=np.int64).reshape(-1, n)
    N = X.shape[0]
    start = np.full(N, np.uint64(1) << np.uint64(off), dtype=np.uint64)
    subset, signed, signed_abs = start.copy(), start.copy(), start.copy()
    for j in range(n):
        x = X[:, j]
        subset = subset | _shift(subset, x)
        signed = _shift(signed, x) | _shift(signed, -x)
        signed_abs = _shift(signed_abs, np.abs(x)) | _shift(signed_abs, -np.abs(x))
    lam = X.sum(axis=1)
    out = dict.fromkeys(("subset_not_partition", "partition_not_subset", "both",
                         "npp_x_not_abs", "npp_abs_not_x"), 0)
    for t in range(-2 * off - 1, 2 * off + 2):
        has_subset = _bit(subset, np.full(N, t + off), width)
        d = target(lam, t)
        has_sigma = _bit(signed, d + off, width) | _bit(signed, -d + off, width)
        out["subset_not_partition"] += int(np.count_nonzero(has_subset & ~has_sigma))
        out["partition_not_subset"] += int(np.count_nonzero(has_sigma & ~has_subset))
        out["both"] += int(np.count_nonzero(has_sigma & has_subset))
    for d in range(0, off + 2):
        on_x = _bit(signed, np.full(N, d + off), width) | _bit(signed, np.full(N, off - d), width)
        on_abs = _bit(signed_abs, np.full(N, d + off), width) | _bit(signed_abs, np.full(N, off - d), width)
        out["npp_x_not_abs"] += int(np.count_nonzero(on_x & ~on_abs))
        out["npp_abs_not_x"] += int(np.count_nonzero(on_abs & ~on_x))
    out["instances"] = N
    out["targets_per_instance"] = 4 * off + 3
    return out


def _sums(xs, coefficients) -> set[int]:
    reach = {0}
    for x in xs:
        reach = {s + c * x for s in reach for c in coefficients}
    return reach


def lemma2_instance_mismatches(xs: list[int], target: Callable = printed_target) -> dict[str, int]:
    """The same counts for one instance, from the sets of subset sums and signed sums (all
    integer targets t: both sets of t are finite)."""
    lam = sum(xs)
    subset_targets = _sums(xs, (0, 1))
    signed = _sums(xs, (-1, 1))
    discrepancies = {abs(s) for s in signed}
    bound = 2 * sum(abs(x) for x in xs) + 1    # holds every true t (vectorised version's range)
    lo, hi = -bound, bound
    sigma_targets = {t for t in range(lo, hi + 1) if target(lam, t) in discrepancies}
    abs_discrepancies = {abs(s) for s in _sums([abs(x) for x in xs], (-1, 1))}
    return {"subset_not_partition": len(subset_targets - sigma_targets),
            "partition_not_subset": len(sigma_targets - subset_targets),
            "both": len(subset_targets & sigma_targets),
            "npp_x_not_abs": len(discrepancies - abs_discrepancies),
            "npp_abs_not_x": len(abs_discrepancies - discrepancies)}


def _lemma2_comparisons(ctx, counts: dict, how: str, info: dict) -> Iterator[Comparison]:
    yield ctx.compare(counts["subset_not_partition"], "==", 0,
                      params={"count": "subset, no sigma"}, label=f"number of (X, t) with a subset S, sum_S X = t, but no sigma with "
                      f"|sigma.X| = |Lambda - 2t| (=> direction; {how})", info=info)
    yield ctx.compare(counts["partition_not_subset"], "==", 0,
                      params={"count": "sigma, no subset"}, label=f"number of (X, t) with a sigma, |sigma.X| = |Lambda - 2t|, but no subset "
                      f"summing to t (<= direction; {how})", info=info)
    yield ctx.compare(counts["npp_x_not_abs"], "==", 0,
                      params={"count": "NPP on X, not on |X|"}, label=f"number of (X, d) with some |sigma.X| = d but no |sigma.|X|| = d ({how})",
                      info=info)
    yield ctx.compare(counts["npp_abs_not_x"], "==", 0,
                      params={"count": "NPP on |X|, not on X"}, label=f"number of (X, d) with some |sigma.|X|| = d but no |sigma.X| = d ({how})",
                      info=info)


def lemma2_exhaustive_compute(ctx) -> Iterator[Comparison]:
    """Every instance of law^n, every target: both directions of the iff, and X vs |X|."""
    n, M, law = int(ctx["n"]), int(ctx["M"]), ctx["law"]
    c = lemma2_mismatch_counts(n, M, law, lemma2_target(lemma2_factor(ctx)))
    info = {"instances": c["instances"], "targets_per_instance": c["targets_per_instance"],
            "pairs_with_both_sides_true": c["both"], "values": f"{law}: {law_values(M, law)}"}
    yield from _lemma2_comparisons(ctx, c, f"all {c['instances']} instances", info)


def lemma2_random_compute(ctx) -> Iterator[Comparison]:
    """Random instances of law^n (stream from the run seed), every integer target."""
    n, M, law, k = int(ctx["n"]), int(ctx["M"]), ctx["law"], int(ctx["instances"])
    seed, _, _ = run_settings(ctx)
    rng = random.Random(seed)
    vals = law_values(M, law)
    total = dict.fromkeys(("subset_not_partition", "partition_not_subset", "both",
                           "npp_x_not_abs", "npp_abs_not_x"), 0)
    target = lemma2_target(lemma2_factor(ctx))
    for _ in range(k):
        c = lemma2_instance_mismatches([rng.choice(vals) for _ in range(n)], target)
        for key in total:
            total[key] += c[key]
    info = {"instances": k, "seed": seed, "pairs_with_both_sides_true": total["both"],
            "values": f"{law}: uniform on {vals[0]}..{vals[-1]}"}
    yield from _lemma2_comparisons(ctx, total, f"{k} random instances, seed {seed}", info)


def lemma2_probability_compute(ctx) -> Iterator[Comparison]:
    """P(RSSP with target t solvable), X uniform on {-M..-1, 1..M}: DP over subset sums vs the
    route through Lemma 2 and the NPP generating polynomials (exact/rssp_nonzero.py)."""
    from ticketcheck.exact.rssp_nonzero import rssp_nonzero_single_target_via_npp
    M, n, t = int(ctx["M"]), int(ctx["n"]), int(ctx["t"])
    direct, method = ctx.observe("rssp.single_target_nonzero", M=M, n=n, delta=0, z=t)
    via = rssp_nonzero_single_target_via_npp(M, n, 0, t, factor=lemma2_factor(ctx))
    yield ctx.compare(direct, "==", via,
                      "P(some S has sum_S X = t), X uniform on {-M..-1, 1..M}: DP over subset sums "
                      "(left) vs through Lemma 2 and the NPP (right)", kind="probability",
                      info={"method_left": method})


# ------------------------------------------------------------------------------ helpers

def nearest_int_power_of_two(exponent: sp.Expr) -> int:
    """Nearest integer to 2^exponent (mpmath, 50 digits): the chosen M of a grid point."""
    with mpmath.workdps(50):
        return int(mpmath.nint(mpmath.power(2, mpmath.mpf(sp.N(exponent, 60)))))


def bcp_M(n: int, lam, window=Fraction(1, 2)) -> int:
    """M = nearest integer to 2^(n - window log2(n) + lambda) (BCP scaling window: window = 1/2)."""
    return nearest_int_power_of_two(n - sp.nsimplify(window) * sp.log(n, 2) + sp.nsimplify(lam))


def kappa_M(n: int, kappa) -> int:
    """M = nearest integer to 2^(kappa n)."""
    return nearest_int_power_of_two(sp.nsimplify(kappa) * n)


TREND_NS = (8, 12, 16, 24, 32, 48, 64, 96, 128)   # n along a kappa (or lambda) line, up to n_max
_n, _M = sp.symbols("n M", positive=True)
SQRT_3_2PI = sp.sqrt(sp.Rational(3, 2) / sp.pi)
LAMBDA = sp.log(_M, 2) - _n + sp.log(_n, 2) / 2
KAPPA = sp.log(_M, 2) / _n


def bcp_expected(parity: str, window=Fraction(1, 2), odd_factor=2) -> sp.Expr:
    """BCP's first moment of perfect partitions in terms of (n, M): E = sqrt(3/(2 pi)) 2^-lambda =
    sqrt(3/(2 pi)) 2^n / (M n^window) for even Lambda, odd_factor E for odd (printed: 1/2, 2)."""
    e = SQRT_3_2PI * 2 ** _n / (_M * _n ** sp.nsimplify(window))
    return e if parity == "even" else sp.nsimplify(odd_factor) * e


def _floats(ctx, point) -> dict:
    return {"kappa": float(ctx.evaluate(KAPPA, point).mid()),
            "lambda": float(ctx.evaluate(LAMBDA, point).mid())}


# ------------------------------------------------------------------------------ phase transition

def phase_curves_compute(ctx) -> Iterator[Comparison]:
    """P(perfect partition) at (n, kappa) next to its limit (1 for kappa < 1, 0 otherwise),
    measured; E[# perfect] (exact) and the Markov bound P <= E in the info."""
    n, kappa, parity = int(ctx["n"]), Fraction(ctx["kappa"]), ctx["parity"]
    M = kappa_M(n, kappa)
    p, method = ctx.observe("npp.perfect_partition", M=M, n=n, parity=parity)
    e, _ = ctx.observe("npp.expected_perfect", M=M, n=n, parity=parity, pairs="identified")
    limit = 1 if kappa < 1 else 0
    info = {"M": M, **_floats(ctx, {"n": n, "M": M}), "E_perfect_identified": float(e),
            "markov_bound_min_1_E": min(1.0, float(e)), "method": method}
    yield ctx.compare(p, "report", limit,
                      f"P(perfect partition | Lambda {parity}) at kappa = {kappa} (M = {M}) next to "
                      f"its n -> oo limit ({limit})", kind="probability", params={"M": M}, info=info)


def increasing_from(kappa: Fraction, kappa_c=1) -> float:
    """For kappa < kappa_c (printed: 1) the leading-order first moment c 2^((1-kappa) n) / sqrt(n)
    increases in n only from n = 1 / (2 (1 - kappa) ln 2) on (log-derivative (1-kappa) ln 2 - 1/(2n))."""
    return float(1 / (2 * (sp.nsimplify(kappa_c) - kappa) * sp.log(2)))


def first_moment_trend_compute(ctx) -> Iterator[Comparison]:
    """E[# perfect | parity] (exact, sigma ~ -sigma) along kappa = const for growing n: it must
    grow for kappa < 1 (towards infinity) wherever its leading-order form grows
    (:func:`increasing_from`; earlier pairs are shown, not judged) and shrink for kappa > 1."""
    kappa, parity = Fraction(ctx["kappa"]), ctx["parity"]
    kappa_c = Fraction(ctx.constant("kappa_c"))
    ns = [n for n in TREND_NS if n <= int(ctx["n_max"])]
    start = increasing_from(kappa, kappa_c) if kappa < kappa_c else 0.0
    values = []
    for n in ns:
        M = kappa_M(n, kappa)
        e, _ = ctx.observe("npp.expected_perfect", M=M, n=n, parity=parity, pairs="identified")
        values.append((n, M, e))
    for (n0, M0, e0), (n1, M1, e1) in zip(values, values[1:]):
        rel = ("<" if kappa >= kappa_c else ">") if n0 >= start else "report"
        note = "" if rel != "report" else f" (shown: n < {start:.3g}, where c 2^((1-kappa)n)/sqrt(n) decreases)"
        rate = float(ctx.evaluate(sp.log(sp.Rational(e1), 2) / n1).mid())
        yield ctx.compare(e1, rel, e0,
                          f"E[# perfect | Lambda {parity}] at n = {n1} (M = {M1}) vs at n = {n0} "
                          f"(M = {M0}); kappa = {kappa}{note}", params={"n": n1},
                          info={"log2(E)/n": rate, "1 - kappa": float(1 - kappa),
                                "E_n": float(e1), "E_previous": float(e0)})


# ------------------------------------------------------------------------------ Borgs-Chayes-Pittel

def bcp_first_moment_compute(ctx) -> Iterator[Comparison]:
    """r_n = E[# perfect | parity] / (E or 2E), E = sqrt(3/(2 pi)) 2^-lambda, at fixed lambda and
    growing n: |r_n - 1| must decrease (the first moment of the window converges).  Constants:
    ``window`` (the 1/2 of B = n - log2(n)/2 + lambda) and ``odd_factor`` (the 2 of 2E)."""
    lam, parity = Fraction(ctx["lam"]), ctx["parity"]
    window, odd = ctx.constant("window"), ctx.constant("odd_factor")
    predicted = bcp_expected(parity, window, odd)
    ns = [n for n in TREND_NS if n <= int(ctx["n_max"])]
    gaps = []
    for n in ns:
        M = bcp_M(n, lam, window)
        e, _ = ctx.observe("npp.expected_perfect", M=M, n=n, parity=parity, pairs="identified")
        gaps.append((n, M, ctx.evaluate(sp.Abs(sp.Rational(e) / predicted - 1), {"n": n, "M": M}), e))
    for (n0, _, g0, _), (n1, M1, g1, e1) in zip(gaps, gaps[1:]):
        yield ctx.compare(g1, "<", g0,
                          f"|E[# perfect | Lambda {parity}] / ({'E' if parity == 'even' else '2E'}) "
                          f"- 1| at n = {n1} < at n = {n0}; lambda = {lam}", params={"n": n1},
                          info={"M": M1, "E_n": float(e1), "relative_gap": float(g1.mid()),
                                "previous_relative_gap": float(g0.mid()),
                                **_floats(ctx, {"n": n1, "M": M1})})


def _limit_law(ctx, n: int, M: int, parity: str, where: str) -> Comparison:
    p, method = ctx.observe("npp.perfect_partition", M=M, n=n, parity=parity)
    e, _ = ctx.observe("npp.expected_perfect", M=M, n=n, parity=parity, pairs="identified")
    point = {"n": n, "M": M}
    limit = ctx.evaluate(1 - sp.exp(-bcp_expected(parity)), point)
    mid = float(limit.mid())
    info = {"M": M, **_floats(ctx, point), "method": method,
            "E_bcp": float(ctx.evaluate(bcp_expected(parity), point).mid()),
            "E_exact_n": float(e), "poisson_with_exact_E_n": float(-mpmath.expm1(-float(e)))}
    if hasattr(p, "interval"):
        lo, hi = p.interval()
        info.update({"conditioning_instances": p.trials, "limit_inside_ci": lo <= mid <= hi,
                     "gap_ci": [lo - mid, hi - mid]})
    else:
        info["gap"] = float(p) - mid
    label = (f"P(perfect | Lambda {parity}) at {where} (M = {M}) next to the BCP limit "
             f"1 - exp(-{'E' if parity == 'even' else '2E'})")
    return ctx.compare(p, "report", limit, label, kind="probability", params={"M": M}, info=info)


def bcp_limit_law_compute(ctx) -> Iterator[Comparison]:
    """P(perfect | parity) at (n, lambda) next to 1 - exp(-E) (even) / 1 - exp(-2E) (odd),
    measured; the Poisson value with the exact finite-n first moment is shown too."""
    n, lam, parity = int(ctx["n"]), Fraction(ctx["lam"]), ctx["parity"]
    yield _limit_law(ctx, n, bcp_M(n, lam), parity, f"n = {n}, lambda = {lam}")


def bcp_replication_compute(ctx) -> Iterator[Comparison]:
    """npp.md's run: n = 20, M = 2^B (lambda = B - n + log2(n)/2), per parity, measured."""
    n, B, parity = int(ctx["n"]), int(ctx["B"]), ctx["parity"]
    yield _limit_law(ctx, n, 2 ** B, parity, f"n = {n}, M = 2^{B}")
