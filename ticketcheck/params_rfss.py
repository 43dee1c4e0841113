"""Parameters of the discrete Random Fixed-Size Subset Sum problem, shared by ``exact.rfss`` and
``montecarlo.rfss`` (sparsity paper, ``sparsity.model1``/``model2`` with samples uniform on
``{-M..M}``): validation with one-line errors, the integer window of a tolerance, the default
range of targets. Core layer: both engines import it, neither imports the other.
"""
from __future__ import annotations

import math
from fractions import Fraction

from ticketcheck.errors import InputError

__all__ = ["validate_discrete", "tolerance_window", "default_zmax"]


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def validate_discrete(M, n, k, delta, z=0, relation="<") -> None:
    """Raise :class:`InputError` (one line, what to do instead) for bad RFSS parameters."""
    for name, v in (("M", M), ("n", n), ("k", k)):
        if not _is_int(v):
            raise InputError(f"{name} must be an integer, got {v!r}")
    if M < 0:
        raise InputError(f"M must be >= 0 (samples uniform on {{-M..M}}), got M={M}")
    if n < 1:
        raise InputError(f"n must be >= 1 (number of samples), got n={n}")
    if k < 1:
        raise InputError(f"k must be >= 1 (subset size), got k={k}")
    if k > n:
        raise InputError(f"k={k} > n={n}: no subset of size k exists; use k <= n "
                         f"(Theorem 2 asks k <= n/2)")
    if relation not in ("<", "<="):
        raise InputError(f"relation must be '<' (strict, as in the paper) or '<=', got {relation!r}")
    try:
        d = Fraction(delta)
        Fraction(z)
    except (TypeError, ValueError):
        raise InputError(f"delta and z must be rational numbers, got delta={delta!r}, z={z!r}") from None
    if d < 0 or (d == 0 and relation == "<"):
        raise InputError(f"tolerance delta={delta} must be > 0 for the strict relation '<' "
                         f"(>= 0 for '<=')")


def tolerance_window(z: Fraction, delta: Fraction, relation: str) -> tuple[int, int]:
    """Integers s with |s - z| REL delta: the closed range [lo, hi] (may be empty)."""
    if relation == "<":
        lo = math.floor(z - delta) + 1
        hi = math.ceil(z + delta) - 1
    else:
        lo = math.ceil(z - delta)
        hi = math.floor(z + delta)
    return lo, hi


def default_zmax(M: int, k: int) -> int:
    """floor(M sqrt(k)): the integer analogue of the paper's [-sqrt k, sqrt k] for samples scaled by M."""
    return math.isqrt(M * M * k)
