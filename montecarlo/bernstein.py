"""Confidence intervals for the mean of a bounded quantity from its sum and sum of squares:
the empirical Bernstein bound of Maurer & Pontil (2009, Theorem 4).

For i.i.d. ``X_1..X_N`` in ``[0, R]`` with sample variance ``V`` (denominator ``N - 1``), with
probability at least ``1 - d`` (one side)::

    E X <= mean + sqrt(2 V ln(2/d) / N) + 7 R ln(2/d) / (3 (N - 1)).

Both sides at confidence ``c`` use ``d = (1 - c) / 2`` each. Unlike Hoeffding's interval
(:class:`montecarlo.estimate.MeanEstimate`, width ``~ R / sqrt(N)``) the width scales with the
observed spread, which is what a mean error of about ``eps / 2`` with ``R = 1`` needs.

The sums are exact integers in a caller-chosen unit (``unit``); ``sum_sq_upper`` may be an upper
bound on the sum of squares (a quantised kernel gives one), which only widens the interval.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

__all__ = ["BernsteinMean", "bernstein_halfwidth"]


def bernstein_halfwidth(variance: float, trials: int, R: float, delta: float) -> float:
    """One-sided Maurer-Pontil deviation ``sqrt(2 V ln(2/d) / N) + 7 R ln(2/d) / (3 (N - 1))``."""
    if trials < 2:
        return math.inf
    L = math.log(2.0 / delta)
    return math.sqrt(2.0 * max(variance, 0.0) * L / trials) + 7.0 * R * L / (3.0 * (trials - 1))


@dataclass(frozen=True)
class BernsteinMean:
    """Mean of ``trials`` values in ``[0, R]`` (units of ``unit``) from exact integer sums.

    ``total``: sum of the values; ``sum_sq_upper``: the sum of their squares or an upper bound on
    it (both in units of ``unit`` and ``unit**2``)."""

    total: int
    sum_sq_upper: int
    trials: int
    R: Fraction
    unit: Fraction = Fraction(1)
    seed: int | None = None
    confidence: float = 0.99
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def exact_mean(self) -> Fraction:
        return Fraction(self.total, self.trials) * self.unit if self.trials else Fraction(0)

    @property
    def value(self) -> float:
        return float(self.exact_mean) if self.trials else float("nan")

    @property
    def variance_upper(self) -> float:
        """Upper bound on the sample variance (denominator N - 1)."""
        N = self.trials
        if N < 2:
            return math.inf
        ss = Fraction(self.sum_sq_upper) * self.unit ** 2 - N * self.exact_mean ** 2
        return max(0.0, float(ss / (N - 1)))

    def _half(self, confidence: float | None = None) -> float:
        c = confidence or self.confidence
        return bernstein_halfwidth(self.variance_upper, self.trials, float(self.R), (1.0 - c) / 2)

    def interval(self, confidence: float | None = None) -> tuple[float, float]:
        h = self._half(confidence)
        return max(0.0, self.value - h), min(float(self.R), self.value + h)

    @property
    def lo(self) -> float:
        return self.interval()[0]

    @property
    def hi(self) -> float:
        return self.interval()[1]

    def pvalue(self, bound: float, relation: str) -> float:
        """One-sided p-value of H0 "mean REL bound": the smallest ``d`` at which the bound above
        excludes ``bound`` (1 when the sample mean is on the claim's side)."""
        dist = (bound - self.value) if relation in (">=", ">") else (self.value - bound)
        if dist <= 0 or self.trials < 2:
            return 1.0
        a = 7.0 * float(self.R) / (3.0 * (self.trials - 1))
        b = math.sqrt(2.0 * self.variance_upper / self.trials)
        s = (-b + math.sqrt(b * b + 4.0 * a * dist)) / (2.0 * a) if a > 0 else dist / b
        return min(1.0, 2.0 * math.exp(-s * s))

    def trials_to_decide(self, bound: float, confidence: float | None = None) -> int | None:
        """Rough number of trials after which an interval of this spread would exclude ``bound``."""
        dist = abs(self.value - bound)
        if dist == 0:
            return None
        c = confidence or self.confidence
        L = math.log(4.0 / (1.0 - c))
        V, R = self.variance_upper, float(self.R)
        # sqrt(2 V L / N) + 7 R L / (3 N) <= dist, solved for sqrt(N)
        a, b = dist, math.sqrt(2.0 * V * L)
        s = (b + math.sqrt(b * b + 4.0 * a * 7.0 * R * L / 3.0)) / (2.0 * a)
        return int(math.ceil(s * s)) + 1

    def to_json(self) -> dict:
        lo, hi = self.interval()
        return {"value": self.value, "trials": self.trials, "ci": [lo, hi],
                "confidence": self.confidence, "seed": self.seed,
                "interval": "empirical Bernstein (Maurer-Pontil 2009)", "range": float(self.R),
                **self.extra}
