"""Verdict semantics of design.md, decided from computed numbers only.

Point verdicts: ``holds``, ``violated``, ``vacuous``, ``inconclusive``, ``out_of_scope``,
``measured`` (a reported comparison). Checks and claims are judged in ``harness.judge``.

Monte Carlo: ``holds`` needs the whole Clopper-Pearson interval on the right side; ``violated`` needs
the whole interval on the wrong side *and* rejection by Holm's step-down procedure over all Monte
Carlo points of the check (exact binomial p-values), so the family-wise error is at most alpha.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ticketcheck.numbers import (compare, is_estimate, is_exact, is_vacuous, slack,  # noqa: F401
                                 as_arb, to_float)

ALPHA = 0.01


@dataclass
class PointDecision:
    verdict: str
    note: str = ""
    pvalue: float | None = None


def decide_point(lhs, rhs, relation: str, kind: str) -> PointDecision:
    """Verdict of one comparison, before the multiplicity correction (see :func:`holm`)."""
    if relation == "report":
        return PointDecision("measured", "numbers reported, not judged (qualitative statement)")
    if is_vacuous(rhs, relation, kind):
        return PointDecision("vacuous", "the bound is trivially true here")
    if lhs is None:
        return PointDecision("inconclusive", "no value could be computed at this point")
    if is_estimate(lhs):
        lo, hi = lhs.interval()
        ok_lo = compare(lo, rhs, relation)
        ok_hi = compare(hi, rhs, relation)
        if relation in (">=", ">"):
            if ok_lo is True:
                return PointDecision("holds")
            if ok_hi is False:
                return PointDecision("violated?", "whole interval below the bound",
                                     lhs.pvalue(to_float(rhs), relation))
        elif relation in ("<=", "<"):
            if ok_hi is True:
                return PointDecision("holds")
            if ok_lo is False:
                return PointDecision("violated?", "whole interval above the bound",
                                     lhs.pvalue(to_float(rhs), relation))
        need = lhs.trials_to_decide(to_float(rhs))
        more = f"about {need} trials would decide it" if need else "estimate equals the bound"
        return PointDecision("inconclusive", f"interval straddles the bound; {more}")
    ok = compare(lhs, rhs, relation)
    if ok is True:
        return PointDecision("holds")
    if ok is False:
        return PointDecision("violated")
    return PointDecision("inconclusive", "tie at the working precision (balls overlap)")


def holm(decisions: list[PointDecision], n_tests: int, alpha: float = ALPHA) -> None:
    """Holm step-down over the Monte Carlo points; turns ``violated?`` into a final verdict in place."""
    cands = sorted((d for d in decisions if d.verdict == "violated?"), key=lambda d: d.pvalue)
    m = max(n_tests, len(cands))
    rejecting = True
    for i, d in enumerate(cands):
        level = alpha / (m - i)
        if rejecting and d.pvalue <= level:
            d.verdict = "violated"
            d.note += f"; Holm-rejected (p={d.pvalue:.3g} <= {level:.3g}, {m} Monte Carlo points)"
        else:
            rejecting = False
            d.verdict = "inconclusive"
            d.note += (f"; not significant after Holm correction over {m} points "
                       f"(p={d.pvalue:.3g}); more trials would decide it")


def aggregate(verdicts: list[str]) -> str:
    """Verdict of a list of sub-verdicts (most severe first; see ``harness.judge`` for checks)."""
    from ticketcheck.verdicts import most_severe
    vs = ["inconclusive" if v == "partially_certified" else v for v in verdicts]
    if not vs:
        return "recorded"
    sev = most_severe(vs)
    if sev is not None:
        return sev
    if "measured" in vs:
        return "measured"
    if "out_of_scope" in vs:
        return "out_of_scope"
    return "inconclusive"
