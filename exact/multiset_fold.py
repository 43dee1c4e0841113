"""Exact expectations over i.i.d. uniform samples by enumerating multisets (engine of exact/npp.py
and exact/rssp_nonzero.py).

For X_1..X_n i.i.d. uniform on a finite list of values, every quantity these modules need (the
signed sums sigma.X of the number partitioning problem, the subset sums of the RSSP) depends only on
the multiset {X_1..X_n}.  A multiset with multiplicities c_v is the image of
``n! / prod_v c_v!`` sequences, so

    #{sequences with statistic k} = sum over multisets with statistic k of n! / prod_v c_v!.

:func:`fold` enumerates the multisets depth first in nondecreasing order of the values (each once),
carrying a state updated by ``step(state, x)`` along the path and the multinomial weight, updated in
integers (appending ``x`` equal to the previous value with run length r: ``w * t / r``; otherwise
``w * t``; ``t`` the new length).  At depth n it adds the weight to ``out[stat(state, total)]``,
where ``total`` is the plain sum of the multiset.  It visits ``C(n + K, n)`` nodes for K values
(every multiset of size <= n): see :func:`nodes` (the cost models use it).  Counts are Python ints;
they add up to ``K**n`` (tested).
"""
from __future__ import annotations

import math
import sys
from typing import Callable, Hashable, Sequence

__all__ = ["fold", "nodes"]


def nodes(K: int, n: int) -> int:
    """Nodes visited by :func:`fold` for ``K`` values and depth ``n``: C(n + K, n)."""
    return math.comb(n + K, n)


def fold(values: Sequence[int], n: int, init, step: Callable, stat: Callable[..., Hashable]
         ) -> dict:
    """``{stat(state, sum): number of sequences in values^n}`` (see the module doc).

    ``step(state, x)`` must not depend on the order in which the values are applied (true for the
    bitset and polynomial products used here), so a multiset determines the final state.
    """
    vals = list(values)
    K = len(vals)
    out: dict = {}
    if n == 0:
        out[stat(init, 0)] = 1
        return out
    if sys.getrecursionlimit() < n + 100:
        sys.setrecursionlimit(n + 100)

    def rec(state, t: int, first: int, run: int, w: int, total: int) -> None:
        t1 = t + 1
        for i in range(first, K):
            x = vals[i]
            s2 = step(state, x)
            if i == first and t > 0:
                r = run + 1
                w2 = w * t1 // r
            else:
                r = 1
                w2 = w * t1
            if t1 == n:
                k = stat(s2, total + x)
                out[k] = out.get(k, 0) + w2
            else:
                rec(s2, t1, i, r, w2, total + x)

    rec(init, 0, 0, 0, 1, 0)
    return out
