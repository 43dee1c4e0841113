"""Quantized construction of `unified` §4 / App. D: a network whose masks are checked by hand,
explicit masks vs the Monte Carlo kernel on the same draws, the worst case over all targets vs
brute force over every W, Lemma 1 helpers, and one-line errors for bad input."""
import itertools
from fractions import Fraction

import numpy as np
import pytest

from ticketcheck.exact.relu_sup import as_net, forward, sup_error, sup_error_coordinate_breaks
from ticketcheck.exact.slth import lemma1_network_error
from ticketcheck.observables._slth_construction import (build_quantized, layer_draw, lemma1_masks, pruned_exact,
                                                        quantized_params, residual_table, worst_case)
from ticketcheck.errors import InputError
from ticketcheck.montecarlo.pensia import Construction, blocks_to_dense, prune_layer
from ticketcheck.montecarlo.slth import draw_layer, layer_residuals, layer_success
from ticketcheck.harness.context import CheckContext


def test_hand_network_delta_half():
    """delta = 1/2 (K = 2), Delta = 1, n = 2, one weight. Units (delta units): u = (2, 1 | -1, -2),
    v = (1, 2 | -1, 2). Products (delta^2 units): positive half 2, 2; negative half 1, -4.
    Target w = 1/2 (= 2 in delta^2 units): x > 0 takes unit 0 (sum 2, exact); x < 0 takes unit 2
    (sum 1; |2 - 1| = 1 < Delta*K = 2). Pruned slopes 1/2 (x > 0) and 1/4 (x < 0): the sup error
    is |1/2 - 1/4| = 1/4, at x = -1."""
    U = np.array([[2, 1, -1, -2]], dtype=np.int64)
    V = np.array([[[1, 2, -1, 2]]], dtype=np.int64)
    M1, M2 = blocks_to_dense(U, V)
    L = prune_layer(np.array([[2]]), M1, M2, 2, 2, True)
    assert L.S.tolist() == [[True, False, True, False]]
    assert L.T[:, 0].tolist() == [True, False, True, False]     # unit 1 has no outgoing edge
    assert L.slopes.tolist() == [[[2, 1]]] and L.success
    assert L.surviving() == 4
    f, g = pruned_exact(Construction([L]), K=2)
    assert forward(g, [1]) == [Fraction(1, 2)] and forward(g, [-1]) == [Fraction(-1, 4)]
    r = sup_error(f, g, "l2")
    assert r.value_sq == Fraction(1, 16) and r.argmax == (-1,)
    # the Lemma 1 helpers (lists, construction reading) give the same masks and error
    s, s_ = lemma1_masks([2, 1, -1, -2], [1, 2, -1, 2], 1, 2, 2, True)
    assert s == [1, 0, 1, 0] and s_ == [1, 0, 1, 0]
    assert lemma1_network_error([2, 1, -1, -2], [1, 2, -1, 2], s, s_, 1, 2) == Fraction(1, 4)
    # tolerance 1 (delta^2 units): the negative half misses when strict (|2 - 1| = 1 is not < 1)
    assert not prune_layer(np.array([[2]]), M1, M2, 2, 1, True).success
    assert prune_layer(np.array([[2]]), M1, M2, 2, 1, False).success


@pytest.mark.parametrize("k, d_in, d_out, n", [(2, 1, 1, 6), (3, 2, 1, 8), (2, 2, 2, 10)])
def test_explicit_masks_match_the_kernel(k, d_in, d_out, n):
    P = quantized_params(Fraction(1, 1 << k), 1, (d_in, d_out), n=n)
    seed, draws = 77, 6
    kern = layer_residuals(k, d_in, d_out, n, 1, draws, seed)
    succ = 0
    for t in range(draws):
        U, V = draw_layer(k, d_in, d_out, n, seed, t)
        M1, M2 = layer_draw(P, 0, seed, t)
        assert np.array_equal((M1, M2)[0], blocks_to_dense(U, V)[0])
        R, OK = residual_table(P, 0, M1, M2)
        assert np.array_equal(R.max(axis=3), kern[t, :, :, :, 0])
        assert np.array_equal(R.min(axis=3), kern[t, :, :, :, 1])
        assert np.array_equal(np.abs(R).max(axis=3), kern[t, :, :, :, 2])
        succ += bool(OK.all())
    assert succ == layer_success(k, P.tol_units, True, d_in, d_out, n, 1, draws, seed).successes


def test_worst_case_equals_brute_force_over_every_target():
    P = quantized_params(Fraction(1, 4), 1, (2, 1), n=6)
    K = P.K
    for t in range(3):
        M1, M2 = layer_draw(P, 0, 5, t)
        R, _ = residual_table(P, 0, M1, M2)
        sq, W, x = worst_case(R, K)
        brute = Fraction(-1)
        for w in itertools.product(range(-K, K + 1), repeat=2):
            C = build_quantized(P, [np.array([w])], 5, t)
            f, g = pruned_exact(C, K)
            v = sup_error_coordinate_breaks(f, g).value_sq
            assert v == sup_error(f, g, "linf").value_sq
            brute = max(brute, v)
        assert brute == Fraction(sq, K ** 4)
        f, g = pruned_exact(build_quantized(P, [W], 5, t), K)
        assert sup_error(f, g, "linf").value_sq == brute


def test_two_layer_network_is_the_composition_of_its_blocks():
    P = quantized_params(Fraction(1, 4), 1, (1, 2, 1), n=8)
    targets = [np.array([[4], [-2]]), np.array([[3, 4]])]
    C = build_quantized(P, targets, 3, 0)
    f, g = pruned_exact(C, P.K)
    assert f.shapes == [(2, 1), (1, 2)] and g.shapes == [(16, 1), (2, 16), (32, 2), (1, 32)]
    s1, s2 = C.layers[0].slopes, C.layers[1].slopes                 # delta^2 units
    for x in (Fraction(1), Fraction(-1, 2)):
        h = [max(Fraction(0), Fraction(int(s1[i, 0, 0 if x > 0 else 1]), 16) * x) for i in range(2)]
        want = sum(Fraction(int(s2[0, j, 0]), 16) * h[j] for j in range(2))
        assert forward(g, [x]) == [want]


def test_network_checks_compute_consistent_numbers():
    """The construction's own cross-checks (explicit masks vs the kernel, the rebuilt network vs the
    residuals) raise on a difference instead of being reported as comparisons; the errors are
    reported (relation 'report': a construction built to meet its tolerance cannot fail it)."""
    from ticketcheck.bounds.unified.slth_network_checks import layer_network, thm3_network
    comps = list(layer_network(CheckContext({"k": 2, "Delta": 1, "n": 16, "widths": "2x1", "draws": 4},
                                             seed=9)))
    assert len(comps) <= 1 and all(c.relation == "report" for c in comps)
    if comps:
        assert comps[0].info["successful_draws"] >= 1
        assert comps[0].rhs == (Fraction(2 * 1 * 2, 4) * 16) ** 2   # eps = 2 Delta delta d1 d2, delta^4 units
    th = list(thm3_network(CheckContext({"k": 2, "Delta": 1, "n": 16, "widths": "1x1x1", "draws": 2,
                                         "targets": 1}, seed=3)))
    for c in th:
        assert c.rhs == Fraction(1) and c.relation == "report"  # eps = 2 Delta N_T delta = 4/4


def test_disagreement_between_construction_and_kernel_raises():
    from ticketcheck.bounds.unified.slth_checks import disagreement
    from ticketcheck.errors import DisagreementError
    disagreement("counts", 3, 3, "here")
    with pytest.raises(DisagreementError, match="3 vs 4"):
        disagreement("counts", 3, 4, "here")


@pytest.mark.parametrize("kw, msg", [
    (dict(delta=0.3, Delta=1, widths=(1, 1), n=4), "power of two"),
    (dict(delta=Fraction(1, 3), Delta=1, widths=(1, 1), n=4), "power of two"),
    (dict(delta=2, Delta=1, widths=(1, 1), n=4), "power of two"),
    (dict(delta="x", Delta=1, widths=(1, 1), n=4), "not a number"),
    (dict(delta=Fraction(1, 8), Delta=-1, widths=(1, 1), n=4), "positive integer"),
    (dict(delta=Fraction(1, 8), Delta=0, widths=(1, 1), n=4), "positive integer"),
    (dict(delta=Fraction(1, 8), Delta=1, widths=(2, 1), hidden=3), "too small"),
    (dict(delta=Fraction(1, 8), Delta=1, widths=(1, 1), n=0), "n >= 1"),
    (dict(delta=Fraction(1, 8), Delta=1, widths=(1,), n=4), "widths"),
    (dict(delta=Fraction(1, 8), Delta=1, widths=(1, 1), n=4, hidden=8), "exactly one"),
])
def test_bad_input_one_line(kw, msg):
    with pytest.raises(InputError, match=msg) as e:
        quantized_params(**kw)
    assert "\n" not in str(e.value)


def test_hidden_width_gives_n():
    P = quantized_params(0.125, 2, (2, 3, 1), hidden=[9, 12])
    assert P.n == (2, 2) and P.k == 3 and P.tol_units == 16 and P.N_T == 9


def test_targets_outside_s_delta_rejected():
    P = quantized_params(Fraction(1, 4), 1, (1, 1), n=4)
    with pytest.raises(InputError, match="S_delta"):
        build_quantized(P, [np.array([[5]])], 0, 0)
    with pytest.raises(InputError, match="shape"):
        build_quantized(P, [np.array([[1, 1]])], 0, 0)
