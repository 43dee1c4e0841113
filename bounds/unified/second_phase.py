"""The second phase of the discrete RSSP process (``unified`` App. A, Lemmas 5-6, Eq. (7)).

After ``tau1 = min{t: v_t > M+1}`` the paper follows ``w_s = 2M+1 - v_{tau1+s}`` and ``tau2`` in two
readings (``unified.def7``): ``formula`` = min{s: w_s <= 2M-Delta+1} (identically 0, since
``w_0 <= M-1``) and ``prose`` = min{s: v_{tau1+s} >= 2M-Delta+1}.  This module gives, for the claim
modules ``lemma6.py`` and ``theorem4_proof.py``:

* :func:`exact_phase` -- rigorous rational brackets of P(tau2 <= s) (both readings) and of E[w_s]
  for s = 0..S_MAX, from one stamped DP of ``exact.rssp`` (paths with tau1 <= K followed exactly;
  the mass P(tau1 > K) widens the bracket).  K is the first of ``HORIZONS`` with
  P(tau1 > K) <= ``TAIL_TARGET`` whose DP is estimated to fit ``COST_CAP`` seconds.
* :func:`decided_value` -- a bracket as the value the harness compares with a bound: the worst end
  point if it already satisfies the claim (then every value in the bracket does), the best end point
  if even that fails, else an arb ball containing the bracket (reported inconclusive).
* :func:`mc_phase` -- per-path tau1, tau2 (both readings) and w_0..w_S_MAX from Monte Carlo volume
  paths (``montecarlo.rssp.rssp_volume_paths``), each path long enough to reach tau1 + S_MAX.
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import numpy as np
from flint import ctx

from ticketcheck.arb_eval import fraction_to_arb
from ticketcheck.exact import rssp as ex
from ticketcheck.exact import rssp_cost
from ticketcheck.errors import TooLargeError

S_MAX = 30
HORIZONS = (12, 16, 24, 32, 48)
TAIL_TARGET = Fraction(1, 10 ** 4)
COST_CAP = 1.5
READINGS = ("formula", "prose")


def horizon(M: int, delta: int) -> int:
    """The tau1 horizon K of the exact DP (0 when tau1 = 0 surely)."""
    if ex.tau1_is_bounded(M, delta):
        return 0
    best = HORIZONS[0]
    for K in HORIZONS:
        if rssp_cost.seconds(M, K + S_MAX, factor=2.0) > COST_CAP:
            break
        best = K
        if 1 - ex.rssp_tau1_event(M, K, delta) <= TAIL_TARGET:
            break
    return best


@lru_cache(maxsize=64)
def exact_phase(M: int, delta: int) -> dict:
    """Brackets for s = 0..S_MAX: ``tau2[reading][s] = (lower, upper)`` of P(tau2 <= s) and
    ``w[s] = (lower, upper)`` of E[w_s]; ``horizon`` K and ``tail`` = P(tau1 > K)."""
    K = horizon(M, delta)
    br = ex.rssp_second_phase_brackets(M, S_MAX, delta, K)
    formula = [ex.rssp_tau2_bracket(M, s, delta, "formula") for s in range(S_MAX + 1)]
    prose = [(b.lower, b.upper) for b in br["tau2_prose"]]
    if M + 2 >= 2 * M + 1 - delta:
        # v_{tau1} >= M+2 >= 2M+1-Delta: the prose threshold is met at tau1 itself, tau2 = 0 surely
        # (tau1 is a.s. finite), so P(tau2 <= s) = 1 exactly; the DP's bracket must contain it
        if any(not (lo <= 1 <= hi) for lo, hi in prose):  # pragma: no cover
            raise ArithmeticError(f"DP bracket excludes 1 at M={M}, Delta={delta}")
        prose = [(Fraction(1), Fraction(1))] * (S_MAX + 1)
    return {"tau2": {"prose": prose, "formula": [(b.lower, b.upper) for b in formula]},
            "w": [(b.lower, b.upper) for b in br["expected_w"]],
            "horizon": br["horizon"], "tail": br["tail"]}


def formula_tau2(M: int, delta: int, s: int) -> tuple[Fraction, Fraction]:
    """Bracket of P(tau2_formula <= s) for any M (no DP needed: see ``exact.rssp``)."""
    b = ex.rssp_tau2_bracket(M, s, delta, "formula")
    return b.lower, b.upper


def bracket_value(lo: Fraction, hi: Fraction):
    """``lo`` if the bracket is a point, else an arb ball containing ``[lo, hi]``."""
    lo, hi = Fraction(lo), Fraction(hi)
    if lo == hi:
        return lo
    old = ctx.prec
    bits = max(256, lo.numerator.bit_length() + lo.denominator.bit_length() + 64,
               hi.numerator.bit_length() + hi.denominator.bit_length() + 64)
    ctx.prec = bits
    try:
        return fraction_to_arb(lo).union(fraction_to_arb(hi))
    finally:
        ctx.prec = old


def decided_value(lo: Fraction, hi: Fraction, rhs: Fraction, relation: str):
    """The value to compare with ``rhs`` for an unknown x in [lo, hi]: the worst end when it already
    satisfies ``x relation rhs`` (then every x does), the best end when even that fails (then no x
    does), else :func:`bracket_value` (the harness reports the overlap as inconclusive). Exact
    Fractions throughout, so a bound equal to an end point is decided exactly."""
    lo, hi, rhs = Fraction(lo), Fraction(hi), Fraction(rhs)
    if relation in (">=", ">"):
        worst, best = lo, hi
    elif relation in ("<=", "<"):
        worst, best = hi, lo
    else:
        raise ValueError(relation)
    ok = {">=": worst >= rhs, ">": worst > rhs, "<=": worst <= rhs, "<": worst < rhs}[relation]
    bad = not {">=": best >= rhs, ">": best > rhs, "<=": best <= rhs, "<": best < rhs}[relation]
    if ok:
        return worst
    if bad:
        return best
    return bracket_value(lo, hi)


def bracket_info(lo: Fraction, hi: Fraction, K: int, tail: Fraction) -> dict:
    return {"bracket": [str(lo), str(hi)], "bracket_float": [float(lo), float(hi)],
            "horizon_K": K, "P(tau1 > K)": float(tail),
            "what": "exact DP over paths with tau1 <= K; the rest bounded by P(tau1 > K)"}


def difference_bracket(lo1, hi1, c, lo0, hi0) -> tuple[Fraction, Fraction]:
    """Bracket of X1 - c X0 (c >= 0) from brackets of X1 and X0."""
    return Fraction(lo1) - c * Fraction(hi0), Fraction(hi1) - c * Fraction(lo0)


@lru_cache(maxsize=32)
def mc_phase(M: int, delta: int, trials: int, seed: int) -> dict:
    """Monte Carlo paths: ``tau1``; ``tau2[reading]`` (S_MAX + 1 stands for "> S_MAX"); ``w``
    (trials x (S_MAX + 1)) with w_s = 2M+1 - v_{tau1+s}; ``T`` the path length used."""
    from ticketcheck.montecarlo.rssp import rssp_volume_paths
    T = 64
    while True:
        v = rssp_volume_paths(M, T, delta, trials, seed)
        reached = v > M + 1
        tau1 = np.where(reached.any(axis=1), reached.argmax(axis=1), -1)
        if tau1.min() >= 0 and tau1.max() + S_MAX <= T:
            break
        if T >= 1024:
            raise TooLargeError(f"tau1 + {S_MAX} exceeded {T} steps on some path (M={M}, "
                                f"Delta={delta}); lower the trials or use the exact brackets")
        T *= 2
    rows = np.arange(trials)[:, None]
    vv = v[rows, tau1[:, None] + np.arange(S_MAX + 1)[None, :]]
    w = 2 * M + 1 - vv
    tau2 = {}
    for reading, thr in (("formula", delta), ("prose", 2 * M - delta + 1)):
        hit = vv >= thr
        tau2[reading] = np.where(hit.any(axis=1), hit.argmax(axis=1), S_MAX + 1)
    return {"tau1": tau1, "tau2": tau2, "w": w, "T": T, "trials": trials, "seed": seed}
