"""From point verdicts to check and claim verdicts (design.md, "Verdicts"), with the evidence each
verdict rests on and the tightness of the bound.

* A check's verdict: ``violated`` if any point is; else ``inconclusive`` if any point is; else
  ``holds`` (or ``vacuous`` when every decided point is vacuous). No evidence is not a verdict: a
  check with zero decided points is ``inconclusive`` (or ``out_of_scope`` when every point lies
  outside the hypotheses), with the reason. A check none of whose falsifiers fires cannot fail and
  is ``measured``; comparisons with relation ``report`` are ``measured``.
* Evidence of a judged check: ``certified`` (an engine's proof on the whole stated domain),
  ``exhaustive`` (every point of a finite stated domain, exactly), ``exact_grid`` (exact values or
  rigorous enclosures on a grid), ``mc_grid`` (Monte Carlo, family-wise level), ``none`` (floating
  point only). A claim's evidence is its weakest judged check's.
* A claim's verdict is the most severe of its judged checks' (error, violated, gap, inconclusive,
  holds, vacuous); ``measured`` only when no check is judged; ``recorded`` only for untestable claims.
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Iterable, Mapping

from flint import arb, ctx

from ticketcheck.numbers import is_estimate, is_exact
from ticketcheck.verdicts import (EVIDENCE, GAP, HOLDS, INCONCLUSIVE, JUDGED, MEASURED, OUT_OF_SCOPE,
                                  RECORDED, VACUOUS, VIOLATED, most_severe, weakest_evidence)

__all__ = ["point_evidence", "check_verdict", "check_evidence", "claim_verdict", "tightness",
           "evidence_text", "NEAR"]

#: a probability within this of 0 or 1 is compared through logarithms (tightness)
NEAR = Fraction(1, 1000)


# ------------------------------------------------------------------ evidence of one comparison

def point_evidence(lhs, rhs) -> str:
    """``exact`` (exact values or rigorous balls on both sides), ``mc`` (a Monte Carlo estimate),
    ``approx`` (a floating-point side)."""
    if is_estimate(lhs):
        return "mc"

    def rigorous(v) -> bool:  # an mpmath number or a float is an approximation, not an enclosure
        return v is None or is_exact(v) or isinstance(v, (arb, bool))
    return "exact" if rigorous(lhs) and rigorous(rhs) else "approx"


# ------------------------------------------------------------------ check level

def check_verdict(points: list[dict], grid_points: int | None = None) -> tuple[str, str]:
    """``(verdict, reason)`` of a check from its point records (before falsifiers); ``grid_points``:
    how many grid points were run (a computed check may make no comparison at a point)."""
    if not points:
        if grid_points:
            return INCONCLUSIVE, (f"no comparison was made at any of the {grid_points} grid points (e.g. "
                                  f"the values needed could not be computed exactly within the budget)")
        return INCONCLUSIVE, "empty grid: no point was tested"
    vs = [p["verdict"] for p in points]
    if VIOLATED in vs:
        return VIOLATED, ""
    if INCONCLUSIVE in vs:
        n = vs.count(INCONCLUSIVE)
        return INCONCLUSIVE, f"{n} of {len(vs)} points undecided"
    decided = [v for v in vs if v in (HOLDS, VACUOUS)]
    if decided:
        if all(v == VACUOUS for v in decided):
            return VACUOUS, ""
        return HOLDS, ""
    if any(v == MEASURED for v in vs):
        return MEASURED, "numbers reported, not judged"
    if all(v == OUT_OF_SCOPE for v in vs):
        return OUT_OF_SCOPE, f"all {len(vs)} points lie outside the hypotheses"
    return INCONCLUSIVE, "no point was decided"


def _fmt(v) -> str:
    if isinstance(v, Fraction):
        return str(v)
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def evidence_text(kind: str, points: list[dict], *, trials: int | None = None,
                  alpha: float | None = None, n_mc: int = 0, detail: str = "") -> str:
    """One phrase: how the verdict was earned ("exact on M <= 6, t <= 40")."""
    if kind == "certified":
        return "certified on the whole stated domain" + (f" ({detail})" if detail else "")
    ranges = _ranges(points)
    where = ", ".join(ranges) if ranges else "the tested points"
    if kind == "exhaustive":
        return f"exhaustive over the finite stated domain ({len(points)} points: {where})"
    if kind == "exact_grid":
        return f"exact on {where}"
    if kind == "mc_grid":
        t = f"{trials} trials per point" if trials else "Monte Carlo"
        a = f", family-wise alpha = {alpha:g} (Holm over {n_mc} points)" if alpha is not None else ""
        return f"Monte Carlo on {where}: {t}{a}"
    return f"floating point only (not rigorous) on {where}"


def _ranges(points: list[dict], limit: int = 4) -> list[str]:
    """``name <= max`` for integer parameters, ``name in [lo, hi]`` for rationals, value lists for
    choices; the parameters that vary first."""
    vals: dict[str, list] = {}
    for p in points:
        for k, v in (p.get("params") or {}).items():
            vals.setdefault(k, []).append(v)
    out = []
    for k, vs in vals.items():
        nums = []
        for v in vs:
            try:
                nums.append(Fraction(v) if isinstance(v, (int, str)) and not isinstance(v, bool) else None)
            except (ValueError, ZeroDivisionError):
                nums.append(None)
        if all(n is not None for n in nums) and nums:
            lo, hi = min(nums), max(nums)
            if lo == hi:
                continue
            if all(n.denominator == 1 for n in nums) and lo >= 0:
                out.append(f"{k} <= {_fmt(hi)}" if lo <= 1 else f"{_fmt(lo)} <= {k} <= {_fmt(hi)}")
            else:
                out.append(f"{k} in [{_fmt(lo)}, {_fmt(hi)}]")
        else:
            distinct = sorted({str(v) for v in vs})
            if len(distinct) > 1:
                out.append(f"{k} in {{{', '.join(distinct[:4])}{', ...' if len(distinct) > 4 else ''}}}")
    return out[:limit]


def check_evidence(result: dict, points: list[dict], *, exhaustive: bool = False) -> str:
    """Evidence kind of a judged check: certified for an engine's proof, else from its decided points."""
    if result.get("type") in ("certify", "symbolic"):
        return "certified" if result.get("verdict") == HOLDS else "none"
    kinds = {p.get("evidence") for p in points if p.get("verdict") in (HOLDS, VIOLATED, VACUOUS)}
    if not kinds:
        return "none"
    if "approx" in kinds:
        return "none"
    if "mc" in kinds:
        return "mc_grid"
    return "exhaustive" if exhaustive else "exact_grid"


# ------------------------------------------------------------------ claim level

def claim_verdict(check_verdicts: Iterable[str], has_checks: bool) -> str:
    """The most severe judged check verdict; ``measured`` when no check is judged; ``recorded``
    without checks."""
    vs = list(check_verdicts)
    if not has_checks:
        return RECORDED
    sev = most_severe(vs)
    if sev is not None:
        return sev
    if MEASURED in vs:
        return MEASURED
    if OUT_OF_SCOPE in vs:
        return OUT_OF_SCOPE
    return INCONCLUSIVE


def claim_evidence(checks: list[dict]) -> str:
    kinds = [c.get("evidence") for c in checks if c.get("verdict") in JUDGED and c.get("evidence")]
    return weakest_evidence(kinds) if kinds else "none"


# ------------------------------------------------------------------ tightness

def _ball(v) -> arb | None:
    from ticketcheck.numbers import as_arb
    if v is None:
        return None
    if is_estimate(v):
        v = Fraction(v.successes, v.trials) if hasattr(v, "successes") else v.value
    try:
        return as_arb(v)
    except (TypeError, ValueError):
        return None


def tightness(lhs, rhs, relation: str, kind: str) -> tuple[float | None, str]:
    """``(tightness, note)`` of one judged comparison of a probability with its bound.

    Near 1 (bound or true value within 1e-3 of 1): ``log(1 - bound) / log(1 - true)`` for a lower
    bound (1 = exact, -> 0 = loose); near 0: ``log(bound) / log(true)`` for an upper bound, and the
    mirrored forms for the other direction; elsewhere the plain ratio (bound / true for a lower bound,
    true / bound for an upper bound). Computed with balls, so a gap of 1e-70 is not rounded away.
    None (with the reason) where undefined, e.g. a true failure probability of 0."""
    if kind != "probability" or relation not in (">=", ">", "<=", "<"):
        return None, ""
    old = ctx.prec
    ctx.prec = max(old, 512)
    try:
        a, b = _ball(lhs), _ball(rhs)
        if a is None or b is None:
            return None, ""
        lower = relation in (">=", ">")
        near = arb(NEAR.numerator) / NEAR.denominator
        one = arb(1)
        if (one - a) <= near or (one - b) <= near:
            fa, fb = one - a, one - b          # failure probabilities: true, bound
            if lower:
                if not (fa > 0):
                    return None, "undefined: the true failure probability is 0"
                if not (fb > 0) or not (fb < 1):
                    return None, "undefined: the bound is vacuous or 1"
                r = fb.log() / fa.log()
            else:
                if not (fb > 0) or not (fa > 0) or not (fa < 1):
                    return None, "undefined: a failure probability is 0 or 1"
                r = fa.log() / fb.log()
            return _float(r), "log-ratio of failure probabilities"
        if a <= near or b <= near:
            if not (a > 0) or not (b > 0) or not (a < 1) or not (b < 1):
                return None, "undefined: a probability is 0"
            r = (a.log() / b.log()) if lower else (b.log() / a.log())
            return _float(r), "log-ratio of probabilities"
        if lower:
            if not (a > 0):
                return None, "undefined: the true probability is 0"
            return _float(b / a), "ratio bound / true value"
        if not (b > 0):
            return None, "undefined: the bound is 0"
        return _float(a / b), "ratio true value / bound"
    finally:
        ctx.prec = old


def _float(x: arb) -> float | None:
    try:
        f = float(x.mid())
    except (OverflowError, ValueError):
        return None
    return f if math.isfinite(f) else None


def tightest(values: Iterable[Any]) -> float | None:
    """The tightest (largest) of the defined tightness values."""
    vs = [v for v in values if isinstance(v, float) and math.isfinite(v)]
    return max(vs) if vs else None


EVIDENCE_ORDER: Mapping[str, int] = {k: i for i, k in enumerate(EVIDENCE)}
