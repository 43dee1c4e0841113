"""Exact laws of the hitting times of the discrete RSSP process (`unified` §3, App. A) and the
rigorous brackets built from them for times beyond the exact reach.

* :func:`tau1_law`, :func:`tau_law` -- ``P(tau_1 <= s)``, ``P(tau <= s)`` for s = 0..T, exact
  (closed form ``P(tau_1 > s) = 2 (2/3)^s - (1/3)^s`` for M = 1, Delta = 0; merged-state DP
  ``exact.rssp_extra.hitting_law`` otherwise).
* :func:`failure_table` -- ``(t0, q0)`` with ``q0 = P(T > t0)`` exact, chosen to make ``q0^(1/t0)``
  smallest; by the Markov property over disjoint blocks of length t0 (the volume never decreases,
  and the event restarts from a state at least as good), ``P(T > t) <= q0^floor(t/t0)``.
* :func:`amplified_bracket` -- ``P(T <= t)`` as the bracket ``[1 - q0^floor(t/t0), 1]`` (an arb
  ball: the value is known only as that interval, and is shown as one).
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

from ticketcheck.bounds.unified.second_phase import bracket_value
from ticketcheck.exact import rssp_extra as rx

AMP_T0 = {1: 60, 2: 60, 3: 50, 4: 40, 5: 24, 6: 18}
#: tau_1 is fast (P(tau_1 > s) <= 2 (2/3)^s for M = 1): short blocks suffice
TAU1_T0 = 12


@lru_cache(maxsize=64)
def tau1_law(m: int, d: int, T: int) -> tuple:
    """(P(tau_1 <= s) for s = 0..T), exact."""
    if m == 1 and d == 0:
        return tuple(1 - 2 * Fraction(2, 3) ** s + Fraction(1, 3) ** s if s > 0 else Fraction(0)
                     for s in range(T + 1))
    return rx.hitting_law(m, T, d, m + 2)


@lru_cache(maxsize=64)
def tau_law(m: int, d: int, T: int) -> tuple:
    """(P(tau <= s) for s = 0..T), exact (tau: first time v_t >= 2M+1-Delta)."""
    if 2 * d + 1 >= 2 * m + 1 - d:
        return tuple(Fraction(1) for _ in range(T + 1))
    if m == 1 and d == 0:
        return tau1_law(1, 0, T)
    return rx.hitting_law(m, T, d, 2 * m + 1 - d)


@lru_cache(maxsize=128)
def failure_table(which: str, m: int, d: int, T0: int | None = None) -> tuple:
    """``(t0, q0)`` minimising ``q0^(1/t0)`` over ``t0 <= T0`` with ``q0 = P(T > t0)`` exact, for
    ``T`` = ``tau`` or ``tau1``; ``q0`` is rounded up to 64 bits (still a rigorous upper bound)."""
    T0 = T0 or (AMP_T0.get(m, 12) if which == "tau" else TAU1_T0)
    law = (tau_law if which == "tau" else tau1_law)(m, d, T0)
    best = None
    for t0 in range(1, T0 + 1):
        q = 1 - law[t0]
        if q == 0:
            return t0, Fraction(0)
        score = (math.log(q.numerator) - math.log(q.denominator)) / t0
        if best is None or score < best[2]:
            best = (t0, q, score)
    t0, q, _ = best
    return t0, Fraction(-((-q.numerator << 64) // q.denominator), 1 << 64)


def amplified_bracket(which: str, m: int, d: int, t: int):
    """``P(T <= t)`` as the interval ``[1 - q0^floor(t/t0), 1]`` (an arb ball, or exactly 1) and its
    description."""
    t0, q0 = failure_table(which, m, d)
    lower = 1 - q0 ** (t // t0)
    info = {"t0": t0, f"P({which} > t0) (rounded up)": float(q0), "blocks": t // t0,
            "what": f"rigorous bracket [1 - P({which} > t0)^floor(t/t0), 1]"}
    return bracket_value(lower, Fraction(1)), info


def _first_t(a: float, y: float, kap: float = 225.0) -> int:
    """Smallest real t >= a with 1 - 2 exp(-(t-a)^2/(kap t)) >= y (float, for grid choice only)."""
    c = math.log(2 / (1 - y))
    return int(math.ceil(a + (kap * c + math.sqrt(kap * kap * c * c + 4 * a * kap * c)) / 2))


def theorem4_times(m: int, d: int) -> dict:
    """Interesting times for Theorems 2/4 at (M, Delta): the hypothesis boundary t = C'L and the
    first t with the bound >= 0, >= 0.99, >= 0.9999 (float estimates used only to choose the grid)."""
    a = 60 * math.log((m + 1) / (d + 1)) / math.log(17 / 16)
    return {"t_hyp": int(math.ceil(a)), "t_rhs>=0": _first_t(a, 0.0), "t_rhs>=0.99": _first_t(a, 0.99),
            "t_rhs>=0.9999": _first_t(a, 0.9999)}
