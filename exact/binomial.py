"""Exact binomial lower tails P(Bin(n, alpha) <= n alpha / 2) for rational alpha (`unified.thm5`).

With alpha = p/q, r = q - p and K_n = floor(n p / (2q)),

    P(Bin(n, alpha) <= n alpha/2) = S(n, K_n) / q^n,   S(n, K) = sum_{k <= K} C(n,k) p^k r^(n-k),

an integer. Along n the pair (S(n, K), T(n, K) = C(n,K) p^K r^(n-K)) is updated exactly:

    S(n+1, K) = q S(n, K) - p T(n, K)                (Pascal's rule),
    T(n+1, K) = T(n, K) r (n+1) / (n+1-K),
    T(n+1, K+1) = T(n+1, K) p (n+1-K) / ((K+1) r),    S(n+1, K+1) = S(n+1, K) + T(n+1, K+1),

(all divisions exact), and K_{n+1} - K_n is 0 or 1 because alpha/2 <= 1/2. So the whole row
n = 1..n_max costs O(n_max) big-integer operations. :func:`lower_tail_brute` is the reference.
"""
from __future__ import annotations

from fractions import Fraction
from math import comb
from typing import Iterator

from ticketcheck.errors import InputError


def _alpha(alpha) -> Fraction:
    a = Fraction(alpha)
    if not 0 < a <= 1:
        raise InputError(f"alpha = {alpha}: Theorem 5 needs alpha = M p_min in (0, 1]")
    return a


def half_mean_cutoff(n: int, alpha) -> int:
    """K_n = floor(n alpha / 2): the event S <= n alpha/2 is S <= K_n."""
    a = _alpha(alpha)
    return (n * a.numerator) // (2 * a.denominator)


def lower_tail_row(alpha, n_max: int) -> Iterator[tuple[int, int, int, int]]:
    """Yields ``(n, K_n, S_n, q)`` for n = 1..n_max with P(Bin(n, alpha) <= n alpha/2) = S_n / q^n."""
    a = _alpha(alpha)
    if isinstance(n_max, bool) or not isinstance(n_max, int) or n_max < 1:
        raise InputError(f"n_max = {n_max!r}: use a positive integer")
    p, q = a.numerator, a.denominator
    r = q - p
    if r == 0:  # alpha = 1: Bin(n, 1) = n > n/2 for n >= 1
        for n in range(1, n_max + 1):
            yield n, n // 2, 0, q
        return
    S, T, K = 1, 1, 0  # n = 0: S(0, 0) = T(0, 0) = 1
    for n in range(0, n_max):
        S = q * S - p * T
        T = T * r * (n + 1) // (n + 1 - K)
        K_next = half_mean_cutoff(n + 1, a)
        if K_next == K + 1:
            T = T * p * (n + 1 - K) // ((K + 1) * r)
            S += T
            K = K_next
        yield n + 1, K, S, q


def lower_tail(alpha, n: int) -> Fraction:
    """P(Bin(n, alpha) <= n alpha / 2) exactly."""
    for m, _, S, q in lower_tail_row(alpha, n):
        if m == n:
            return Fraction(S, q ** n)
    raise AssertionError("unreachable")


def lower_tail_brute(alpha, n: int) -> Fraction:
    """Reference: the sum of binomial probabilities with k <= n alpha / 2 (Fractions)."""
    a = _alpha(alpha)
    return sum((Fraction(comb(n, k)) * a ** k * (1 - a) ** (n - k)
                for k in range(n + 1) if k <= n * a / 2), Fraction(0))
