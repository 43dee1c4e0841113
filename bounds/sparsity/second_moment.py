"""Shared computations for Theorem 2, its proof (§3.1) and Corollary 1 (claims.md §2.2, §2.3, §2.6).

Conventions (``sparsity.fn_ceil``; every checker of these modules uses them):

* ``n`` for a point ``(k, eps, c_hyp)`` is the **smallest integer** satisfying Eq. (1) with
  ``k <= lam n`` (``lam = 1/2`` for Theorem 2, the Remark's ``lam`` otherwise), decided with arb;
* the target ``z = z_rel sqrt(k)`` is the rational ``z_rel * floor(sqrt(k) 10^6) / 10^6`` (exactly
  ``z_rel sqrt(k)`` when k is a square), so every second-moment quantity is an exact rational;
* ``mu k`` is rounded **up**: addend (11) runs over ``ceil(mu k) <= i <= k-1`` and (12) over
  ``0 <= i <= ceil(mu k) - 1`` (``exact.rfss_moments.addends``);
* tolerances are strict (``< eps``) everywhere.

Existential constants of the proof ("c denotes any positive constant", the paper gives no value):
each scaled quantity (e.g. ``sqrt(k) Pr(I_k)/eps``) is reported per point and its maximum over the
grid is the *empirical constant*, with the grid it was fitted on: ``measured`` (relation
``report``), never judged -- no finite grid can contradict "there exists a constant".

Every proof-grid point carries ``n`` (the least n with Eq. (1)) next to ``k, eps, c_hyp``, so that
the proof steps inherit Theorem 2's hypotheses ``1 <= k <= n/2`` (``Inherit``).
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache
from typing import Any, Callable, Iterable

import sympy as sp
from flint import arb, ctx

from ticketcheck.bounds.claim import ComputedCheck
from ticketcheck.bounds.sparsity.sample_size import frac_arb, n_min_eq1, sqrt_below
from ticketcheck.bounds.sparsity.declare import cmp, report
from ticketcheck.exact.rfss_moments import hyper_pmf, p_hit, q_joint
from ticketcheck.errors import InputError

R = Fraction
HALF = R(1, 2)
MC_MAX_N = 40                 # meet-in-the-middle Monte Carlo up to n = 40 (montecarlo.rfss)
MC_MAX_SUBSETS = 10 ** 6      # ... and C(n, k) <= 10^6 (time budget: ~1 ms per trial beyond)
EXACT_POW_MAX_N = 4096        # (1 - q)^n as an exact Fraction up to this n, arb ball beyond

# Theorem 2 grid (claims.md sparsity.thm2) and the grid of the proof steps (§3.1)
THM2_K = (1, 2, 3, 4, 6, 8)
THM2_EPS = (R(2, 5), R(1, 4), R(1, 10), R(1, 100))
THM2_CHYP = (1, 2, 4)
Z_RELS = (R(0), HALF, R(1))
PROOF_K = (1, 2, 3, 4, 6, 8, 12, 16)
PROOF_EPS = (R(2, 5), R(1, 10), R(1, 100))
PROOF_CHYP = (1, 4)
MUS = (R(3, 5), R(3, 4), R(9, 10))
QUICK_K = (1, 2, 4)
QUICK_EPS = (R(1, 10),)


# Theorem 2's hypotheses on its parameters (the sympy form used for inheritance). Eq. (1) holds at
# every grid point by construction (n = the least integer satisfying it, n_of) and is not part of the
# sympy form: its ties (e.g. 2 H2(1/2) = log2 4) cannot be decided by balls.
_k, _n, _e, _c = sp.symbols("k n eps c_hyp", positive=True)
THM2_HYPOTHESIS = sp.And(_e > 0, _e < 1, _c >= 1, _k >= 1, 2 * _k <= _n)
#: the same, as the own hypothesis of a check on proof-grid points
PROOF_POINT_HYPOTHESIS = THM2_HYPOTHESIS


def z_of(k: int, z_rel) -> Fraction:
    """The rational target ``z_rel * sqrt(k)`` (from below for non-square k, see module doc)."""
    return R(z_rel) * sqrt_below(int(k))


def mc_feasible(n: int, k: int) -> bool:
    """Monte Carlo of the single-target event is run only within the time budget (see constants)."""
    return n <= MC_MAX_N and math.comb(n, k) <= MC_MAX_SUBSETS


def n_of(k: int, eps, c_hyp, lam=HALF) -> int:
    """Smallest integer n with ``k <= lam n`` and Eq. (1) (arb-decided)."""
    validate(k, eps, c_hyp, lam)
    return n_min_eq1(int(k), R(eps), R(c_hyp), R(lam))


def validate(k, eps, c_hyp=1, lam=HALF) -> None:
    """One-line :class:`InputError` for parameters outside Theorem 2's hypotheses."""
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InputError(f"k must be an integer >= 1 (subset size), got {k!r}")
    try:
        e, c, la = R(eps), R(c_hyp), R(lam)
    except (TypeError, ValueError, ZeroDivisionError):
        raise InputError(f"eps, c_hyp, lam must be rationals (e.g. 1/10), got {eps!r}, {c_hyp!r}, "
                         f"{lam!r}") from None
    if not 0 < e < 1:
        raise InputError(f"eps must be in (0, 1) (Theorem 2), got {eps}")
    if c <= 0:
        raise InputError(f"c_hyp must be > 0 (Theorem 2 asks c_hyp >= 1), got {c_hyp}")
    if not 0 < la < 1:
        raise InputError(f"lambda must be in (0, 1) (k <= lambda n; the Remark), got {lam}")


def one_minus_pow(q: Fraction, n: int):
    """``1 - (1 - q)^n``: an exact Fraction for ``n <= EXACT_POW_MAX_N``, else an arb ball."""
    if n <= EXACT_POW_MAX_N:
        return 1 - (1 - q) ** n
    old = ctx.prec
    ctx.prec = max(old, 256)
    try:
        return 1 - ((-frac_arb(q)).log1p() * n).exp()
    finally:
        ctx.prec = old


def closed_form_k1(n: int, eps, z):
    """k = 1: ``Pr = 1 - (1 - q)^n``, ``q = Pr(|U - z| < eps)`` for U ~ Uniform[-1, 1]."""
    q = p_hit(1, R(eps), R(z))
    return one_minus_pow(q, n), q


@lru_cache(maxsize=None)
def joint(n: int, k: int, eps: Fraction, z: Fraction) -> Fraction:
    """``Pr(H and H') = sum_i Pr(I = i) Q_i`` (Eq. (8) divided by C(n,k)^2)."""
    return sum((hyper_pmf(n, k, i) * q_joint(k, i, eps, z) for i in range(k + 1)), Fraction(0))


@lru_cache(maxsize=None)
def ratio_R(n: int, k: int, eps: Fraction, z: Fraction) -> Fraction:
    """``R = E[Y^2] / E[Y]^2 = Pr(H and H') / Pr(H)^2`` exactly (Eqs. (7)-(9))."""
    ph = p_hit(k, eps, z)
    return joint(n, k, eps, z) / (ph * ph)


def outside_ci(est, exact, confidence: float = 1 - 1e-6) -> float:
    """How far ``exact`` lies outside the Clopper-Pearson interval of ``est`` (<= 0: inside)."""
    lo, hi = est.interval(confidence)
    x = float(exact.mid()) if isinstance(exact, arb) else float(exact)
    return max(lo - x, x - hi)


def agree(params: dict, est, exact, label: str, **info):
    """Comparison: the exact value lies in the 1 - 1e-6 interval of the estimate."""
    lo, hi = est.interval(1 - 1e-6)
    return cmp(params, outside_ci(est, exact), 0.0, "<=",
               label + " (exact value outside the 1-1e-6 Clopper-Pearson interval by)",
               estimate=est.value, ci_1e6=[lo, hi], trials=est.trials, seed=est.seed,
               exact_float=float(exact.mid()) if isinstance(exact, arb) else float(exact), **info)


def sqrt_arb(k) -> arb:
    return frac_arb(R(k)).sqrt()


def constant_cmp(params: dict, value, label: str, **info):
    """A scaled quantity bounded by an existential constant of the proof: reported, not judged
    (module doc)."""
    return report(params, value, None, f"{label} [existential constant: value reported, not judged]",
                  **info)


def _fmt(v):
    if isinstance(v, arb):
        return float(v.mid())
    if isinstance(v, Fraction):
        return float(v)
    return v


def fitted_constant(ctx_, grids, value: Callable[[dict], tuple[Any, dict]], label: str,
                    direction: str = "max"):
    """The empirical constant of a check, reported once, at the last point of the check's own grid.

    ``grids`` maps ``"full"``/``"quick"`` to the check's grid (a callable returning the points); at
    the last point of either, the max (or min) of ``value(point)`` over that grid is yielded as one
    ``report`` record with where it is attained and the grid it was fitted on (the grid's points
    were computed before, in order, so their values are cached). Elsewhere (e.g. a ``--grid`` point)
    nothing is added. Measured: the paper gives no value for these constants."""
    here = {k: str(v) for k, v in ctx_.items()}
    for scope in ("quick", "full"):
        pts = list(grids[scope]())
        if not pts or {k: str(v) for k, v in pts[-1].items()} != here:
            continue
        best, where, seen = None, None, []
        for p in pts:
            v, info = value(p)
            if v is None:
                continue
            seen.append((_fmt(v), p))
            if best is None or (_fmt(v) > _fmt(best) if direction == "max" else _fmt(v) < _fmt(best)):
                best, where = v, dict(p, **info)
        if best is None:
            return
        yield report(params_of(ctx_), best, None,
                     f"the empirical constant: {'max' if direction == 'max' else 'min'} over the "
                     f"{scope} grid of {label} (existential constant, the paper gives no value to "
                     f"judge it against)", empirical_constant=_fmt(best),
                     attained_at={k: str(v) for k, v in where.items()}, points=len(seen),
                     fitted_on=_grid_text(p for _, p in seen))
        return


def _grid_text(points) -> dict:
    """The values each parameter takes on a grid (for 'fitted on')."""
    vals: dict = {}
    for p in points:
        for k, v in p.items():
            vals.setdefault(k, set()).add(str(v))
    return {k: sorted(v, key=lambda t: (len(t), t)) for k, v in vals.items()}


# ---------------------------------------------------------------- proof-grid data (exact)

def proof_points(scope: str, with_mu: bool = False, chyps=PROOF_CHYP):
    """Points ``(k, n, eps, c_hyp, z_rel[, mu])`` of the §3.1 checks (``scope`` full or quick);
    ``n`` is the least integer with Eq. (1) at ``(k, eps, c_hyp)``."""
    ks, es, cs = (PROOF_K, PROOF_EPS, chyps) if scope == "full" else (QUICK_K, QUICK_EPS, (1,))
    zs = Z_RELS if scope == "full" else (R(0), R(1))
    mus = MUS if scope == "full" else (R(3, 4),)
    for k in ks:
        for e in es:
            for c in cs:
                n = n_of(k, e, c)
                for zr in zs:
                    if with_mu:
                        for mu in mus:
                            yield {"k": k, "n": n, "eps": e, "c_hyp": c, "z_rel": zr, "mu": mu}
                    else:
                        yield {"k": k, "n": n, "eps": e, "c_hyp": c, "z_rel": zr}


def proof_grid(with_mu: bool = False, scope: str = "full"):
    return lambda: list(proof_points(scope, with_mu))


def proof_grids(with_mu: bool = False) -> dict:
    """The full and quick proof grids (for :func:`fitted_constant`)."""
    return {"full": proof_grid(with_mu), "quick": proof_grid(with_mu, "quick")}


@lru_cache(maxsize=None)
def point_data(k: int, eps: Fraction, c_hyp: Fraction, z_rel: Fraction) -> dict:
    """Exact second-moment data at the point: n (Eq. (1)), z, Pr(H), Q_i, Pr(I = i), R."""
    n = n_of(k, eps, c_hyp)
    z = z_of(k, z_rel)
    ph = p_hit(k, eps, z)
    qs = [q_joint(k, i, eps, z) for i in range(k + 1)]
    hp = [hyper_pmf(n, k, i) for i in range(k + 1)]
    jt = sum((a * b for a, b in zip(hp, qs)), Fraction(0))
    return {"n": n, "z": z, "p_hit": ph, "Q": qs, "hyper": hp, "joint": jt, "R": jt / (ph * ph)}


def data(ctx_) -> dict:
    d = point_data(int(ctx_["k"]), R(ctx_["eps"]), R(ctx_["c_hyp"]), R(ctx_["z_rel"]))
    check_n(ctx_, d["n"])
    return d


def check_n(pt, n: int) -> None:
    """A point's ``n`` (carried for the inherited hypotheses) must be the least n with Eq. (1)."""
    if "n" in pt and int(pt["n"]) != n:
        raise InputError(f"n = {pt['n']}: the proof-step checks use n = the least integer with Eq. (1) "
                         f"at k = {pt['k']}, eps = {pt['eps']}, c_hyp = {pt['c_hyp']}, i.e. n = {n}; "
                         f"give that n or leave n out")


def mu_ceil(mu, k: int) -> int:
    """``ceil(mu k)`` (the rounding of ``mu k`` used throughout, module doc)."""
    if not 0 < R(mu) < 1:
        raise InputError(f"mu must be in (lambda, 1) (the proof fixes mu in (lambda, 1)), got {mu}")
    return math.ceil(R(mu) * k)


def addends_of(d: dict, k: int, mu, lo: int | None = None) -> dict:
    """The addends (10), (11), (12) of ``Pr(H'|H)`` from the point data (exact); the split between
    (11) and (12) is at ``lo = ceil(mu k)`` unless another rounding ``lo`` is given."""
    lo = mu_ceil(mu, k) if lo is None else int(lo)
    ph = d["p_hit"]
    a10 = d["hyper"][k] * d["Q"][k] / ph
    a11 = sum((d["hyper"][i] * d["Q"][i] for i in range(lo, k)), Fraction(0)) / ph
    a12 = sum((d["hyper"][i] * d["Q"][i] for i in range(0, min(lo, k))), Fraction(0)) / ph
    p_mid = sum((d["hyper"][i] for i in range(lo, k)), Fraction(0))
    p_tail = sum((d["hyper"][i] for i in range(lo, k + 1)), Fraction(0))
    return {"a10": a10, "a11": a11, "a12": a12, "lo": lo, "p_mid": p_mid, "p_ge_mu_k": p_tail}


def addend_point(pt) -> tuple:
    """``(data, k, eps, mu, addends)`` of a proof-grid point (a ctx or a plain point dict)."""
    k, eps, mu = int(pt["k"]), R(pt["eps"]), R(pt["mu"])
    d = point_data(k, eps, R(pt["c_hyp"]), R(pt["z_rel"]))
    check_n(pt, d["n"])
    return d, k, eps, mu, addends_of(d, k, mu)


def params_of(ctx_) -> dict:
    return {k: v for k, v in ctx_.items() if not k.startswith("_")}
