"""Monte Carlo estimates with exact binomial (Clopper-Pearson) intervals."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from scipy import stats

__all__ = ["Estimate", "MeanEstimate", "clopper_pearson"]


def clopper_pearson(successes: int, trials: int, confidence: float = 0.99) -> tuple[float, float]:
    """Two-sided exact binomial interval: Beta quantiles (Clopper & Pearson 1934)."""
    if trials <= 0:
        return 0.0, 1.0
    a = 1.0 - confidence
    k, n = successes, trials
    lo = 0.0 if k == 0 else float(stats.beta.ppf(a / 2, k, n - k + 1))
    hi = 1.0 if k == n else float(stats.beta.ppf(1 - a / 2, k + 1, n - k))
    return lo, hi


@dataclass(frozen=True)
class Estimate:
    """``successes`` out of ``trials`` Bernoulli samples, reproducible from ``seed``."""

    successes: int
    trials: int
    seed: int | None = None
    confidence: float = 0.99
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def value(self) -> float:
        return self.successes / self.trials if self.trials else float("nan")

    def interval(self, confidence: float | None = None) -> tuple[float, float]:
        return clopper_pearson(self.successes, self.trials, confidence or self.confidence)

    @property
    def lo(self) -> float:
        return self.interval()[0]

    @property
    def hi(self) -> float:
        return self.interval()[1]

    def pvalue(self, bound: float, relation: str) -> float:
        """One-sided exact binomial p-value of H0 "the claim holds" (p REL bound)."""
        b = min(max(bound, 0.0), 1.0)
        if relation in (">=", ">"):   # H0: p >= b ; evidence against = few successes
            return float(stats.binom.cdf(self.successes, self.trials, b))
        return float(stats.binom.sf(self.successes - 1, self.trials, b))

    def trials_to_decide(self, bound: float, confidence: float | None = None) -> int | None:
        """Rough number of trials after which an interval of this width would exclude ``bound``."""
        p, d = self.value, abs(self.value - bound)
        if d == 0:
            return None
        zq = stats.norm.ppf(1 - (1 - (confidence or self.confidence)) / 2)
        var = max(p * (1 - p), 1.0 / self.trials)
        return int(math.ceil(zq * zq * var / (d * d)))

    def to_json(self) -> dict:
        lo, hi = self.interval()
        return {"value": self.value, "successes": self.successes, "trials": self.trials,
                "ci": [lo, hi], "confidence": self.confidence, "seed": self.seed, **self.extra}


@dataclass(frozen=True)
class MeanEstimate:
    """Sample mean of a quantity known to lie in ``[low, high]``; Hoeffding interval."""

    mean: float
    trials: int
    low: float
    high: float
    seed: int | None = None
    confidence: float = 0.99

    @property
    def value(self) -> float:
        return self.mean

    def interval(self, confidence: float | None = None) -> tuple[float, float]:
        a = 1.0 - (confidence or self.confidence)
        half = (self.high - self.low) * math.sqrt(math.log(2 / a) / (2 * self.trials))
        return max(self.low, self.mean - half), min(self.high, self.mean + half)

    @property
    def lo(self) -> float:
        return self.interval()[0]

    @property
    def hi(self) -> float:
        return self.interval()[1]

    def pvalue(self, bound: float, relation: str) -> float:
        d = (bound - self.mean) if relation in (">=", ">") else (self.mean - bound)
        if d <= 0:
            return 1.0
        return min(1.0, math.exp(-2 * self.trials * (d / (self.high - self.low)) ** 2))

    def trials_to_decide(self, bound: float, confidence: float | None = None) -> int | None:
        d = abs(self.mean - bound)
        if d == 0:
            return None
        a = 1.0 - (confidence or self.confidence)
        return int(math.ceil((self.high - self.low) ** 2 * math.log(2 / a) / (2 * d * d)))

    def to_json(self) -> dict:
        lo, hi = self.interval()
        return {"value": self.mean, "trials": self.trials, "ci": [lo, hi],
                "confidence": self.confidence, "seed": self.seed, "interval": "hoeffding"}
