"""The engines behind the per-state claims (exact/rssp_extra.py) against brute force on small cases:
every sequence X_1..X_t in {-M..M}^t enumerated, every subset sum formed by hand (unified §3,
Definition 1 and Eq. (1)), no shared code with the engine."""
from __future__ import annotations

import itertools
from fractions import Fraction

import pytest

from ticketcheck.exact import rssp_extra as rx


def _covered(xs, delta):
    """The set of integers z with |sum_S X - z| <= Delta for some S subset of the samples."""
    sums = {0}
    for x in xs:
        sums |= {s + x for s in sums}
    return {z for s in sums for z in range(s - delta, s + delta + 1)}


def _volume(xs, M, delta):
    cov = _covered(xs, delta)
    return sum(1 for z in range(-M, M + 1) if z in cov)


@pytest.mark.parametrize("M,delta,T,threshold", [(1, 0, 4, 3), (2, 0, 3, 5), (2, 1, 3, 4), (2, 0, 3, 4),
                                                 (3, 1, 2, 6)])
def test_hitting_law_is_the_brute_force_law_of_v(M, delta, T, threshold):
    K = 2 * M + 1
    law = rx.hitting_law(M, T, delta, threshold)
    for s in range(T + 1):
        hits = sum(1 for xs in itertools.product(range(-M, M + 1), repeat=s)
                   if _volume(xs, M, delta) >= threshold)
        assert law[s] == Fraction(hits, K ** s), (M, delta, s)


@pytest.mark.parametrize("M,delta,t", [(1, 0, 3), (2, 0, 2), (2, 1, 2), (3, 0, 2)])
def test_level_table_lists_every_reachable_state_with_its_next_volumes(M, delta, t):
    tab = rx.level_table(M, t, delta)
    # brute force: the distinct states f_t restricted to [-2M, 2M], and for each the volumes after
    # one more sample x
    brute = {}
    for xs in itertools.product(range(-M, M + 1), repeat=t):
        cov = _covered(xs, delta)
        key = tuple(int(z in cov) for z in range(-2 * M, 2 * M + 1))
        nxt = tuple(_volume(xs + (x,), M, delta) for x in range(-M, M + 1))
        brute[key] = (_volume(xs, M, delta), nxt)
    got = {}
    for s in range(len(tab.masks)):
        key = tuple(int(b) for b in tab.bits[s])
        got[key] = (int(tab.v[s]), tuple(int(v) for v in tab.next_volumes[s]))
    assert got == brute
    # Lemma 2's expectation from the table equals the brute-force average
    for s in range(len(tab.masks)):
        assert tab.expected_next(s) == Fraction(sum(got[tuple(int(b) for b in tab.bits[s])][1]), 2 * M + 1)


def test_sequence_table_follows_one_sequence():
    M, delta, xs = 3, 1, [2, -3, 1, 3, -1]
    tab = rx.sequence_table(M, delta, xs)
    for t in range(len(xs) + 1):
        assert int(tab.v[t]) == _volume(xs[:t], M, delta)
        nxt = [_volume(xs[:t] + [x], M, delta) for x in range(-M, M + 1)]
        assert [int(v) for v in tab.next_volumes[t]] == nxt


def test_istar_closed_form_matches_a_search_over_integers():
    """i* = ceil(log((M+1)/(2 Delta+1)) / log(1+beta)) (Lemma 4) is the smallest integer i with
    (2 Delta + 1)(1 + beta)^i >= M + 1, found here with exact rational powers."""
    for M in range(1, 40):
        for delta in range(0, M // 2 + 1):
            for beta in (Fraction(1, 16), Fraction(1, 9), Fraction(1, 8)):
                i = 0
                while (2 * delta + 1) * (1 + beta) ** i < M + 1:
                    i += 1
                assert rx.closed_form_istar(M, delta, beta) == i, (M, delta, beta)
