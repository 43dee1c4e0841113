"""A published Monte Carlo figure against ours, through two Clopper-Pearson intervals.

A paper reports ``their_k`` events in ``their_n`` independent instances; we measure ``ours_k`` in
``ours_n`` under the same protocol. If both are binomial with the same success probability, each
Clopper-Pearson interval at confidence ``1 - alpha / (2 m)`` misses it with probability at most
``alpha / (2 m)``, so over the ``m`` published figures a claim compares (``family``) the chance
that *any* pair of intervals is disjoint is at most ``alpha`` (Bonferroni). Hence:

* ``violated`` -- the two intervals are disjoint at that family-wise level;
* ``holds``    -- they overlap; both intervals are returned and shown;
* ``inconclusive`` -- the gap between them is below the float resolution of the interval ends
  (the ends are Beta quantiles computed in double precision).

:func:`published_comparison` turns the result into a :class:`~ticketcheck.bounds.claim.Comparison`
the harness judges by itself: the *separation* of the intervals (``max(lo_a - hi_b, lo_b - hi_a)``,
negative when they overlap) as an arb ball whose radius covers the float error, against 0 with
relation ``<=``.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

from flint import arb

from ticketcheck.bounds.claim import Comparison
from ticketcheck.errors import InputError
from ticketcheck.montecarlo.estimate import clopper_pearson
from ticketcheck.verdicts import HOLDS, INCONCLUSIVE, VIOLATED

__all__ = ["PublishedComparison", "compare_published", "published_comparison", "count_from_percent"]

#: relative float error allowed on a Clopper-Pearson end (scipy's Beta quantiles)
END_REL_ERROR = 1e-9


@dataclass(frozen=True)
class PublishedComparison:
    verdict: str
    ours: tuple[float, float]
    theirs: tuple[float, float]
    confidence: float          # of each interval
    separation: float          # > 0: disjoint by that much; <= 0: overlapping
    radius: float              # float error bound on ``separation``
    ours_k: int
    ours_n: int
    their_k: int
    their_n: int

    def to_json(self) -> dict:
        return {"verdict": self.verdict, "ours": {"k": self.ours_k, "n": self.ours_n,
                                                  "rate": self.ours_k / self.ours_n,
                                                  "ci": list(self.ours)},
                "theirs": {"k": self.their_k, "n": self.their_n,
                           "rate": self.their_k / self.their_n, "ci": list(self.theirs)},
                "confidence_each": self.confidence, "separation": self.separation}


def _count(v, name: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) and not (hasattr(v, "__index__")):
        raise InputError(f"{name} = {v!r}: give a whole number of instances")
    return int(v)


def count_from_percent(percent, n: int) -> int:
    """The event count behind a published percentage of ``n`` instances (``3.55`` % of 100,000 ->
    3550); a percentage that is not a whole count at its printed precision is refused."""
    q = Fraction(str(percent)) * n / 100
    if q.denominator != 1:
        raise InputError(f"{percent} % of {n} is {float(q)}, not a whole count; give the count")
    return int(q)


def compare_published(ours_k: int, ours_n: int, their_k: int, their_n: int,
                      alpha: float = 0.01, family: int = 1) -> PublishedComparison:
    """Compare two binomial counts through their Clopper-Pearson intervals (module doc)."""
    ok, on, tk, tn = (_count(ours_k, "ours_k"), _count(ours_n, "ours_n"),
                      _count(their_k, "their_k"), _count(their_n, "their_n"))
    for k, n, who in ((ok, on, "ours"), (tk, tn, "theirs")):
        if n < 1 or not 0 <= k <= n:
            raise InputError(f"{who}: {k} events in {n} instances; need 0 <= k <= n and n >= 1")
    if not (isinstance(alpha, (int, float, Fraction)) and 0 < alpha < 1):
        raise InputError(f"alpha = {alpha!r}: the family-wise level must lie in (0, 1)")
    if isinstance(family, bool) or not isinstance(family, int) or family < 1:
        raise InputError(f"family = {family!r}: the number of compared figures must be >= 1")
    conf = 1.0 - float(alpha) / (2 * family)
    a = clopper_pearson(ok, on, conf)
    b = clopper_pearson(tk, tn, conf)
    sep = max(a[0] - b[1], b[0] - a[1])
    rad = END_REL_ERROR * max(abs(x) for x in (*a, *b)) + 1e-300
    verdict = VIOLATED if sep > rad else HOLDS if sep < -rad else INCONCLUSIVE
    return PublishedComparison(verdict, a, b, conf, sep, rad, ok, on, tk, tn)


def published_comparison(pc: PublishedComparison, label: str,
                         params: Mapping[str, Any] | None = None, info: Mapping | None = None
                         ) -> Comparison:
    """The comparison for a claim's check: separation of the intervals (a ball) ``<= 0``."""
    return Comparison(dict(params or {}), arb(pc.separation, pc.radius), 0, "<=",
                      label=f"{label}: separation of the two Clopper-Pearson intervals "
                            f"({pc.confidence:.6g} each; > 0 means disjoint)",
                      info={**pc.to_json(), **(info or {})})
