"""exact/rssp.py (discrete RSSP, ``unified`` §3 / App. A) against brute force and hand computations."""
from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest

from ticketcheck.exact import brute, rssp
from ticketcheck.exact import rssp_engine as eng
from ticketcheck.errors import InputError, TooLargeError

SMALL = [(M, n) for M in (1, 2, 3) for n in range(0, 7) if (2 * M + 1) ** n <= 120_000]


@pytest.mark.parametrize("M,n", SMALL)
def test_fast_equals_brute_force(M, n):
    """Every (M <= 3, n <= 6, Delta <= M, z): law of v_n, single target, all finite-horizon events."""
    for d in range(M + 1):
        seqs = brute.sequences(M, n)
        f = brute.f_definition(seqs, n, list(range(-M, M + 1)), d)
        N = seqs.shape[0]
        for j, z in enumerate(range(-M, M + 1)):
            assert rssp.rssp_single_target(M, n, d, z) == Fraction(int(f[:, j].sum()), N)
        assert rssp.rssp_volume_law(M, n, d) == brute.volume_law(M, n, d)
        if (2 * M + 1) ** n > 20_000:
            continue  # the path-by-path tau2 loop of the brute force is slow; n-1 covers it
        ev = brute.event_probabilities(M, n, d)
        for t in range(n + 1):
            assert rssp.rssp_tau_event(M, t, d) == ev[("tau_event", t)]
            assert rssp.rssp_all_covered(M, t, d) == ev[("all_covered", t)]
            assert rssp.rssp_tau1_event(M, t, d) == ev[("tau1_event", t)]
            for r in rssp.READINGS:
                assert rssp.rssp_tau1_tau2_sum_event(M, t, d, r) == ev[("tau1_tau2_sum_event", t, r)]
                assert rssp.rssp_half_event(M, t, d, r) == ev[("half_event", t, r)]
        for K in range(n + 1):
            for s in range(n - K + 1):
                b = rssp.rssp_tau2_bracket(M, s, d, "prose", horizon=K)
                assert b.lower == ev[("tau2_joint", K, s, "prose")]
                assert b.upper - b.lower == 1 - ev[("tau1_event", K)]


@pytest.mark.parametrize("M,t", [(M, t) for M in (1, 2, 3) for t in range(0, 5)
                                 if (2 * M + 1) ** t <= 3000])
def test_state_table_equals_brute_force(M, t):
    for d in range(M + 1):
        rows = rssp.rssp_state_table(M, t, d)
        got = {}
        for r in rows:
            key = (r.f_window, r.prev_volume)
            assert key not in got
            got[key] = r.count
        assert got == brute.state_rows(M, t, d)
        assert sum(got.values()) == (2 * M + 1) ** t
        for r in rows:
            assert r.expected_next_volume == Fraction(sum(r.next_volumes), 2 * M + 1)
            assert r.tilde_volumes == r.next_volumes  # the sum as written is Eq. (1) on [-M, M]
            assert all(tr <= 2 * r.volume and tr <= nv
                       for tr, nv in zip(r.tilde_volumes_restricted, r.next_volumes))
            assert r.volume == sum(r.f(i) for i in range(-M, M + 1))


def test_state_table_next_volumes_by_definition():
    """next_volumes[x] of each state equals v_{t+1} computed from the definition on X_{t+1} = x."""
    M, t, d = 2, 3, 1
    seqs = brute.sequences(M, t + 1)
    v_next = brute.f_definition(seqs, t + 1, list(range(-M, M + 1)), d).sum(axis=1)
    R = 2 * M + d
    f_t = brute.f_definition(seqs, t, list(range(-R, R + 1)), d)
    table = {r.f_window: r for r in rssp.rssp_state_table(M, t, d)}
    for i in range(seqs.shape[0]):
        row = table[tuple(int(b) for b in f_t[i])]
        assert row.next_volumes[seqs[i, t] + M] == v_next[i]


@pytest.mark.parametrize("M,d", [(1, 0), (1, 1), (2, 0), (2, 1), (2, 2), (3, 1)])
def test_recurrence_eq1_against_definition(M, d):
    """Eq. (1): f_{t+1}(z) = f_t(z) + (1 - f_t(z)) f_t(z - X_{t+1}) on [-(t+1)M-Delta, (t+1)M+Delta]."""
    n = 4 if M < 3 else 3
    seqs = brute.sequences(M, n)
    for t in range(n):
        R = (t + 1) * M + d
        zs = list(range(-R - M, R + M + 1))
        ft = brute.f_definition(seqs, t, zs, d)
        ft1 = brute.f_definition(seqs, t + 1, zs, d)
        off = R + M  # column of z is z + off
        for j, z in enumerate(range(-R, R + 1)):
            col = z + off
            shifted = ft[np.arange(seqs.shape[0]), col - seqs[:, t]]
            rec = ft[:, col] | (~ft[:, col] & shifted)
            assert (rec == ft1[:, col]).all()


def test_hand_computed_M1():
    third = Fraction(1, 3)
    # n = 1, Delta = 0: X=0 -> f={0}, v=1; X=1 -> {0,1}, v=2; X=-1 -> v=2
    assert rssp.rssp_volume_law(1, 1, 0) == {1: third, 2: 2 * third}
    # Delta = 1: f_0 = [-1, 1] already, v_0 = 3
    assert rssp.rssp_volume_law(1, 0, 1) == {3: Fraction(1)}
    assert rssp.rssp_volume_law(1, 0, 0) == {1: Fraction(1)}
    # single target z = 1, Delta = 0: hit iff some X_i = 1: 1 - (2/3)^n
    for n in range(6):
        assert rssp.rssp_single_target(1, n, 0, 1) == 1 - Fraction(2, 3) ** n
        assert rssp.rssp_single_target(1, n, 0, 0) == 1
        # all covered: both a +1 and a -1 seen: 1 - 2 (2/3)^n + (1/3)^n
        assert rssp.rssp_all_covered(1, n, 0) == 1 - 2 * Fraction(2, 3) ** n + Fraction(1, 3) ** n
    # M = 2, n = 1, z = 2, Delta = 0: only X = 2 hits
    assert rssp.rssp_single_target(2, 1, 0, 2) == Fraction(1, 5)
    # M = 2, n = 1, z = 2, Delta = 1: X in {1, 2} (|X - 2| <= 1) or |0 - 2| <= 1 no
    assert rssp.rssp_single_target(2, 1, 1, 2) == Fraction(2, 5)
    # M = 2, n = 2, z = 2, Delta = 0: 5 pairs with X_1 = 2, 4 more with X_2 = 2, and (1, 1)
    hits = sum(1 for a, b in itertools.product(range(-2, 3), repeat=2) if 2 in (a, b, a + b))
    assert rssp.rssp_single_target(2, 2, 0, 2) == Fraction(hits, 25) == Fraction(10, 25)


def test_symmetry_and_normalisation():
    for M, n, d in [(2, 7, 0), (3, 6, 1), (4, 5, 2), (1, 30, 0)]:
        law = rssp.rssp_volume_law(M, n, d)
        assert sum(law.values()) == 1
        st = rssp.rssp_single_target_all(M, n, d)
        for z in range(-M, M + 1):
            assert st[z] == st[-z]
        # E[v_n] = sum_z P(f_n(z) = 1)
        assert sum(v * p for v, p in law.items()) == sum(st.values())


def test_monotone_in_t_and_all_covered_is_subevent():
    for M, d in [(2, 0), (2, 1), (3, 1), (3, 3)]:
        prev = Fraction(0)
        for t in range(12):
            a = rssp.rssp_tau_event(M, t, d)
            assert a >= prev
            prev = a
            assert rssp.rssp_all_covered(M, t, d) <= a
            if d == 0:
                assert rssp.rssp_all_covered(M, t, d) == a


def test_tau2_formula_is_identically_zero():
    """w_0 = 2M+1 - v_{tau1} <= M - 1 < 2M - Delta + 1: tau2_formula == 0 on every path."""
    for M in (1, 2, 3):
        n = 5 if M < 3 else 4
        for d in range(M + 1):
            ev = brute.event_probabilities(M, n, d)
            for K in range(n + 1):
                assert ev[("tau2_joint", K, 0, "formula")] == ev[("tau1_event", K)]
            assert rssp.rssp_tau2_law(M, 10, d, "formula") == [1] * 11
    for M in range(1, 40):
        for d in range(M + 1):
            assert 2 * M + 1 - (M + 2) <= 2 * M - d + 1  # the largest possible w_0 passes


def test_tau2_prose_exact_when_tau1_bounded_and_bracket_otherwise():
    # Delta > M/2: tau1 = 0, tau2 = tau, exact
    for M, d in [(2, 2), (3, 2), (4, 3)]:
        assert rssp.tau1_is_bounded(M, d)
        law = rssp.rssp_tau2_law(M, 8, d, "prose")
        assert law == [rssp.rssp_tau_event(M, s, d) for s in range(9)]
    # unbounded tau1: an error pointing at the bracket, and a bracket that tightens with K
    with pytest.raises(TooLargeError, match="bracket"):
        rssp.rssp_tau2_event(2, 3, 0, "prose")
    b1 = rssp.rssp_tau2_bracket(2, 3, 0, "prose", horizon=6)
    b2 = rssp.rssp_tau2_bracket(2, 3, 0, "prose", horizon=14)
    assert b1.lower <= b2.lower <= b2.upper <= b1.upper
    assert b2.tail == 1 - rssp.rssp_tau1_event(2, 14, 0)
    # M = 1, Delta = 0: tau1 = tau (v = 3 needs both signs), so tau2_prose = 0 whenever tau1 <= K
    b = rssp.rssp_tau2_bracket(1, 0, 0, "prose", horizon=10)
    assert b.lower == rssp.rssp_tau1_event(1, 10, 0)


def test_expected_w_bracket():
    # Delta > M/2 gives exact E[w_s] = E[2M+1 - v_s]
    M, d = 3, 2
    for s in range(6):
        e = rssp.rssp_expected_w(M, s, d)
        assert e.exact
        law = rssp.rssp_volume_law(M, s, d)
        assert e.lower == sum((2 * M + 1 - v) * p for v, p in law.items())
    e = rssp.rssp_expected_w(2, 3, 0, horizon=10)
    assert 0 <= e.lower <= e.upper


def test_half_and_sum_events_relations():
    for M, d in [(2, 0), (3, 1), (3, 2)]:
        for t in range(0, 12):
            h = t // 2
            for r in rssp.READINGS:
                half = rssp.rssp_half_event(M, t, d, r)
                total = rssp.rssp_tau1_tau2_sum_event(M, t, d, r)
                assert half <= total  # {tau1 <= t/2, tau2 <= t/2} implies tau1 + tau2 <= t
            assert rssp.rssp_tau1_tau2_sum_event(M, t, d, "prose") == rssp.rssp_tau_event(M, t, d) \
                or d == M


def test_reach_M1_t200_and_M3_n12():
    law = rssp.rssp_volume_law(1, 200, 0)
    assert sum(law.values()) == 1
    # M = 1, Delta = 0: v_t = 3 iff both a +1 and a -1 have been drawn
    assert law[3] == 1 - 2 * Fraction(2, 3) ** 200 + Fraction(1, 3) ** 200
    law3 = rssp.rssp_volume_law(3, 12, 0)
    assert sum(law3.values()) == 1


def test_engine_truncation_agrees_with_untruncated():
    """Volume tables with horizon T agree at every earlier time with a pass of horizon t."""
    M, d, T = 3, 1, 9
    long = eng.volume_tables(M, T, d)
    for t in range(T + 1):
        assert eng.volume_tables(M, t, d)[t] == long[t]


@pytest.mark.parametrize("call,err", [
    (lambda: rssp.rssp_volume_law(0, 3, 0), InputError),
    (lambda: rssp.rssp_volume_law(-2, 3, 0), InputError),
    (lambda: rssp.rssp_volume_law(2, 3, 3), InputError),
    (lambda: rssp.rssp_volume_law(2, 3, -1), InputError),
    (lambda: rssp.rssp_volume_law(2, -1, 0), InputError),
    (lambda: rssp.rssp_volume_law(2.5, 3, 0), InputError),
    (lambda: rssp.rssp_volume_law(2, "3", 0), InputError),
    (lambda: rssp.rssp_single_target(2, 3, 0, 3), InputError),
    (lambda: rssp.rssp_single_target(2, 3, 0, Fraction(1, 2)), InputError),
    (lambda: rssp.rssp_tau2_event(2, 3, 0, "other"), InputError),
    (lambda: rssp.rssp_volume_law(50, 40, 0), TooLargeError),
])
def test_bad_input_one_line(call, err):
    with pytest.raises(err) as e:
        call()
    msg = str(e.value)
    assert msg and "\n" not in msg


def test_integer_like_inputs_accepted():
    import sympy as sp
    assert rssp.rssp_tau_event(sp.Integer(2), Fraction(3), 0) == rssp.rssp_tau_event(2, 3, 0)


def test_cost_is_finite_and_increasing():
    c1, c2 = rssp.cost(3, 10, 0), rssp.cost(3, 40, 0)
    assert 0 <= c1 <= c2 < float("inf")
    assert rssp.cost(2, 5, 0, reading="prose", what="tau2") == float("inf")
    assert rssp.cost(2, 5, 0, reading="formula", what="tau2") == 0.0


# ---------------------------------------------------------------------------------------------
# observables (harness/observables/rssp.py)
# ---------------------------------------------------------------------------------------------
RSSP_OBS = ["single_target", "tau_event", "all_covered", "tau1_event", "tau2_event",
            "tau1_tau2_sum_event", "half_event"]


def test_observables_registered_with_exact_and_cost():
    from ticketcheck import observables as O
    for name in RSSP_OBS:
        o = O.get(f"rssp.{name}")
        assert o.exact is not None and o.cost is not None and o.validate is not None
        assert o.params[:1] == ("M",)
    o = O.get("rssp.tau_event")
    with pytest.raises(InputError):
        o.check_args({"M": 2, "t": 3, "delta": 5})
    o.check_args({"M": 500, "t": 500, "delta": 0})  # too large is a cost matter, not bad input
    assert o.exact_cost({"M": 500, "t": 500, "delta": 0}) > 1e6
    assert O.get("rssp.tau2_event").exact_cost({"M": 3, "t": 4, "delta": 0, "reading": "prose"}) \
        == float("inf")


@pytest.mark.parametrize("name", RSSP_OBS)
def test_observables_exact_agrees_with_montecarlo(name):
    from ticketcheck import observables as O
    o = O.get(f"rssp.{name}")
    if o.montecarlo is None:
        pytest.skip("montecarlo.rssp function not available")
    for reading in ("formula", "prose"):
        # delta = 2 > M/2 keeps tau1 bounded, so tau2_event (prose) is exact as well
        args = {"M": 3, "n": 6, "t": 6, "delta": 2, "z": 1, "reading": reading}
        a = {p: args[p] for p in o.params}
        exact = o.exact(**a)
        est = o.montecarlo(**a, trials=20_000, seed=12345)
        lo, hi = est.interval(0.999)
        assert lo - 1e-12 <= float(exact) <= hi + 1e-12, (name, a, float(exact), est.value)
        if "reading" not in o.params:
            break
