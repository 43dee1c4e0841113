"""Monte Carlo estimates with exact binomial (Clopper-Pearson) intervals."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from scipy import stats

from ticketcheck.errors import InputError

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
    """``successes`` out of ``trials`` Bernoulli samples, reproducible from ``seed``: the trials
    with indices ``[first, first + trials)`` (the stream of trial ``i`` depends only on ``(seed,
    i)``). Estimates of adjacent ranges with the same seed add up exactly: ``a + b`` is the
    estimate of the union (:mod:`montecarlo.chunks`)."""

    successes: int
    trials: int
    seed: int | None = None
    confidence: float = 0.99
    extra: dict = field(default_factory=dict, compare=False)
    first: int = 0

    @classmethod
    def from_counts(cls, successes: int, trials: int, seed: int | None = None, first: int = 0,
                    **kw) -> "Estimate":
        """The estimate of ``successes`` among the trials ``[first, first + trials)``."""
        if not 0 <= int(successes) <= int(trials):
            raise InputError(f"successes = {successes} must lie in 0..trials = {trials}")
        return cls(int(successes), int(trials), seed, first=int(first), **kw)

    def __add__(self, other: "Estimate") -> "Estimate":
        """Union of two adjacent trial ranges of the same stream (``seed``, ``confidence``)."""
        if not isinstance(other, Estimate):
            return NotImplemented
        if other.seed != self.seed or other.confidence != self.confidence:
            raise InputError(f"cannot add estimates of different streams or levels (seed "
                             f"{self.seed} vs {other.seed}, confidence {self.confidence} vs "
                             f"{other.confidence}); add chunks of one run only")
        a, b = (self, other) if self.first <= other.first else (other, self)
        if a.first + a.trials != b.first:
            raise InputError(f"trial ranges [{a.first}, {a.first + a.trials}) and [{b.first}, "
                             f"{b.first + b.trials}) are not adjacent; add the chunks of one "
                             f"contiguous range")
        return Estimate(a.successes + b.successes, a.trials + b.trials, self.seed,
                        self.confidence, {**a.extra, **b.extra}, a.first)

    def __radd__(self, other):
        """``0 + estimate`` is the estimate, so that ``sum(chunks)`` works."""
        if isinstance(other, int) and other == 0:
            return self
        return NotImplemented

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
        out = {"value": self.value, "successes": self.successes, "trials": self.trials,
               "ci": [lo, hi], "confidence": self.confidence, "seed": self.seed, **self.extra}
        if self.first:
            out["first"] = self.first
        return out


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
