"""Observables ``slth.*``: success probability of the quantized pruning constructions (`unified` §4).

``slth.layer_success(k, n, d1, d2, tol, strict, reading)`` -- a random layer with ``d1`` input
blocks of ``2n`` hidden units (weights uniform on S_delta, delta = 2^-k) and ``d2`` outputs is built;
success = every target ``W in S_delta^{d2 x d1}`` is realised by masks (found by solving the
subset-sum problems of the proofs) within ``tol`` (in units of delta; ``strict`` 1 for ``<``).
``reading`` is ``"statement"`` (all units serve both signs) or ``"construction"`` (Lemma 1 proof,
Steps 1-4: first n units for x > 0 through b_i a_i^+, last n for x < 0 through d_i c_i^-).

Exact for ``d2 = 1`` (independent blocks: P = P_block^d1, :func:`exact.slth.block_success_exact`);
Monte Carlo always (:func:`montecarlo.slth.layer_success`).
"""
from __future__ import annotations

from ticketcheck.errors import InputError
from ticketcheck.observables import Observable, register

READINGS = {"statement": 0, "construction": 1}


def _validate(k, n, d1, d2, tol, strict, reading):
    from ticketcheck.exact.slth import check_k
    check_k(k)
    for name, v in (("n", n), ("d1", d1), ("d2", d2)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise InputError(f"{name} = {v!r}: the construction needs a positive integer width/size")
    if n > 20000:
        raise InputError(f"n = {n} is too wide for the per-draw subset-sum kernel; use n <= 20000 "
                         f"(success is monotone in n: a smaller n gives a lower bound)")
    if isinstance(tol, bool) or not isinstance(tol, int) or tol < 0:
        raise InputError(f"tol = {tol!r}: give the tolerance as a nonnegative integer multiple of "
                         f"delta (e.g. tol = Delta for Delta*delta)")
    if strict not in (0, 1, True, False):
        raise InputError(f"strict = {strict!r}: use 1 for '<' or 0 for '<='")
    if reading not in READINGS:
        raise InputError(f"reading {reading!r}: use 'statement' or 'construction'")
    if d1 * d2 > 64:
        raise InputError(f"d1*d2 = {d1 * d2}: the layer observable is meant for tiny layers "
                         f"(d1*d2 <= 64)")


def _exact(k, n, d1, d2, tol, strict, reading):
    from ticketcheck.exact.slth import block_success_exact
    from ticketcheck.errors import TooLargeError
    if d2 != 1:
        raise TooLargeError("exact layer success only for d2 = 1 (outputs share u_j); "
                            "Monte Carlo is used instead")
    K = 1 << k
    p = block_success_exact(k, tol * K, bool(strict), n, reading)
    return p ** d1


def _cost(k, n, d1, d2, tol, strict, reading):
    from ticketcheck.exact.slth import block_success_cost
    if d2 != 1 or k > 2:
        return float("inf")
    return block_success_cost(k, n if reading == "construction" else 2 * n)


def _mc(k, n, d1, d2, tol, strict, reading, trials, seed):
    from ticketcheck.montecarlo.slth import layer_success
    K = 1 << k
    return layer_success(k, tol * K, bool(strict), d1, d2, n, READINGS[reading], trials, seed)


register(Observable(
    name="slth.layer_success",
    params=("k", "n", "d1", "d2", "tol", "strict", "reading"),
    exact=_exact, montecarlo=_mc, cost=_cost, validate=_validate, kind="probability",
    doc=__doc__, tex=r"P(\text{the pruned pair of layers approximates every } W \text{ within } @tol@\,\delta)"))
