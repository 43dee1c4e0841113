"""Boxes of parameters with exact rational ends, their arb balls, splitting and description.

A :class:`Box` maps each variable name to ``(lo, hi)`` (``fractions.Fraction``). Integer variables
(``ints``) are split at integer boundaries, so a box whose integer ranges are single values is an
exhaustively enumerated point of the integer part; for evaluation an integer range is enclosed by
its real hull (a superset, hence sound for certification).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable, Mapping

from flint import arb

from ticketcheck.harness.certify.compile import frac_arb, interval


@dataclass(frozen=True)
class Box:
    ranges: tuple[tuple[str, Fraction, Fraction], ...]

    @staticmethod
    def make(ranges: Mapping[str, tuple[Fraction, Fraction]]) -> "Box":
        return Box(tuple((k, Fraction(lo), Fraction(hi)) for k, (lo, hi) in ranges.items()))

    def as_dict(self) -> dict[str, tuple[Fraction, Fraction]]:
        return {k: (lo, hi) for k, lo, hi in self.ranges}

    @property
    def names(self) -> list[str]:
        return [k for k, _, _ in self.ranges]

    def width(self, name: str) -> Fraction:
        for k, lo, hi in self.ranges:
            if k == name:
                return hi - lo
        raise KeyError(name)

    def is_point(self) -> bool:
        return all(lo == hi for _, lo, hi in self.ranges)

    def balls(self) -> dict[str, arb]:
        out = {}
        for k, lo, hi in self.ranges:
            b = interval(lo, hi)
            if lo >= 0 and lo != hi:
                b = b.nonnegative_part()
            out[k] = b
        return out

    def center(self, ints: Iterable[str] = ()) -> dict[str, Fraction]:
        ints = set(ints)
        c = {}
        for k, lo, hi in self.ranges:
            m = (lo + hi) / 2
            c[k] = Fraction(math.floor(m)) if k in ints else m
        return c

    def point(self, values: Mapping[str, Fraction]) -> "Box":
        return Box(tuple((k, Fraction(values[k]), Fraction(values[k])) if k in values else (k, lo, hi)
                         for k, lo, hi in self.ranges))

    def with_range(self, name: str, lo: Fraction, hi: Fraction) -> "Box":
        return Box(tuple((k, lo, hi) if k == name else (k, a, b) for k, a, b in self.ranges))

    def split(self, ints: Iterable[str] = (), scale: Mapping[str, Fraction] | None = None) -> list["Box"]:
        """Two halves along the widest variable (widths relative to ``scale``)."""
        ints = set(ints)
        best, bw = None, Fraction(-1)
        for k, lo, hi in self.ranges:
            w = hi - lo
            if w == 0:
                continue
            if scale and scale.get(k):
                w = w / scale[k]
            if w > bw:
                best, bw = k, w
        if best is None:
            return [self]
        _, lo, hi = next(r for r in self.ranges if r[0] == best)
        if best in ints:
            m = Fraction(math.floor((lo + hi) / 2))
            return [self.with_range(best, lo, m), self.with_range(best, m + 1, hi)]
        m = _nice_mid(lo, hi)
        return [self.with_range(best, lo, m), self.with_range(best, m, hi)]

    def describe(self) -> dict[str, list[str]]:
        return {k: [_fmt(lo), _fmt(hi)] for k, lo, hi in self.ranges}


def _nice_mid(lo: Fraction, hi: Fraction) -> Fraction:
    """A midpoint with a short binary expansion (keeps balls exact and certificates readable)."""
    m = (lo + hi) / 2
    w = hi - lo
    k = max(0, -math.floor(math.log2(w)) + 6) if w > 0 else 0
    q = Fraction(round(m * 2 ** k), 2 ** k)
    return q if lo < q < hi else m


def _fmt(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def point_balls(values: Mapping[str, Fraction]) -> dict[str, arb]:
    return {k: frac_arb(Fraction(v)) for k, v in values.items()}
