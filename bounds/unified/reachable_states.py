"""Grids over the reachable states of the discrete RSSP process, and the factory of per-state checks
(`unified` App. A: Lemmas 2, 3, 5, Eq. (2), Eq. (6) and their proof steps).

A per-state statement ("for every state of the process, E[v_{t+1} | state] >= ...") is checked
exactly over every reachable state (``exact.rssp_extra.level_table``) for M <= 6, t <= 8, and along
random and adversarial sequences (``exact.rssp_extra.sequence_table``) for M in {100, 1000}. The
slack arithmetic is in :mod:`ticketcheck.bounds.unified.state_slacks`; the statement's constants
are read through ``ctx.constant`` so that a falsifier or a correction can change them.
"""
from __future__ import annotations

import random
import zlib
from functools import lru_cache
from typing import Any, Callable, Mapping, Sequence

from ticketcheck.bounds.claim import ComputedCheck, Falsifier
from ticketcheck.bounds.unified.constants import params_of
from ticketcheck.exact import rssp_extra as rx

PERSTATE_T = {1: 8, 2: 8, 3: 8, 4: 8, 5: 8, 6: 8}
QUICK_T = {1: 4, 2: 4, 3: 4}
SEQ_KINDS = ("uniform", "nonnegative", "extremes", "ones", "small")
SEQ_LENGTH, SEQ_LENGTH_QUICK = 24, 16


def state_grid(tmax: Mapping[int, int], **extra: Sequence):
    """Points (M, Delta, t) for Delta <= M, t <= tmax[M] (and every combination of ``extra``)."""
    def g():
        for m, T in tmax.items():
            for d in range(0, m + 1):
                for tt in range(0, T + 1):
                    base = {"M": m, "Delta": d, "t": tt}
                    if not extra:
                        yield base
                        continue
                    for combo in _product(extra):
                        yield {**base, **combo}
    return g


def _product(extra: Mapping[str, Sequence]):
    keys = list(extra)
    def rec(i, acc):
        if i == len(keys):
            yield dict(acc)
            return
        for v in extra[keys[i]]:
            acc[keys[i]] = v
            yield from rec(i + 1, acc)
    yield from rec(0, {})


def seq_grid(Ms=(100, 1000), length=SEQ_LENGTH, deltas=(0, 1)):
    """Points (M, Delta, sequence kind, length) for the sequences of :func:`make_sequence`."""
    def g():
        for m in Ms:
            for d in deltas:
                for kind in SEQ_KINDS:
                    yield {"M": m, "Delta": d, "sequence": kind, "length": length}
    return g


QUICK_SEQ = seq_grid(Ms=(100,), length=SEQ_LENGTH_QUICK, deltas=(0,))


def make_sequence(kind: str, M: int, length: int, seed: int) -> list[int]:
    """Random and adversarial sequences for the per-state checks at large M."""
    rng = random.Random(seed)
    if kind == "uniform":
        return [rng.randint(-M, M) for _ in range(length)]
    if kind == "nonnegative":
        return [rng.randint(0, M) for _ in range(length)]
    if kind == "extremes":
        return [rng.choice((-M, M)) for _ in range(length)]
    if kind == "ones":
        return [1] * length
    if kind == "small":
        return [rng.choice((-1, 0, 1)) for _ in range(length)]
    raise ValueError(kind)


def level_table_at(ctx):
    """Every reachable state at the point's time t (level table of the DP up to max(t, T(M)))."""
    m, d, tt = int(ctx["M"]), int(ctx["Delta"]), int(ctx["t"])
    T = max(tt, PERSTATE_T.get(m, tt))
    return rx.level_table(m, tt, d, T)


def sequence_table_at(ctx):
    """The states along the point's sequence, and the sequence. The sequences are fixed test inputs
    (seeded by the point (M, Delta, kind, length) only, not by the run's seed), the same for every
    claim, so that their tables are computed once per process."""
    return _sequence_table(int(ctx["M"]), int(ctx["Delta"]), ctx["sequence"], int(ctx["length"]))


@lru_cache(maxsize=64)
def _sequence_table(m: int, d: int, kind: str, length: int):
    xs = make_sequence(kind, m, length, zlib.crc32(f"{m}:{d}:{kind}:{length}".encode()))
    return rx.sequence_table(m, d, xs), xs


def state_mask(tab, which: str):
    """The states a statement quantifies over: all, before tau_1 (v <= M+1), after tau_1 (v > M+1),
    or before tau_1 together with the state just reached at tau_1."""
    v, M = tab.v, tab.M
    if which == "all":
        return None
    if which == "v<=M+1":
        return v <= M + 1
    if which == "v>M+1":
        return v > M + 1
    if which == "v<=M+1_or_t=tau1":
        return (v <= M + 1) | tab.just_reached
    raise ValueError(which)


STATE_SET_TEXT = {"all": "every reachable state", "v<=M+1": "the states with v_t <= M+1 (t < tau_1)",
                  "v>M+1": "the states with v_t > M+1 (after tau_1)",
                  "v<=M+1_or_t=tau1": "the states with t <= tau_1"}


def perstate_checks(name: str, fn: Callable, label: str, *, constants: Mapping[str, Any] | None = None,
                    which: str = "all", seq: bool = True, falsifiers: Sequence[Falsifier] = (),
                    lhs_tex: str = "", rhs_tex: str = "0", relation: str = ">=", rhs=0,
                    hypothesis: Any = True, doc: str = "") -> list[ComputedCheck]:
    """ComputedCheck(s) comparing ``fn(tab, mask, **constants)`` -> (min slack, info) with ``rhs``
    over every reachable state (M <= 6) and, if ``seq``, along the random/adversarial sequences
    (M = 100, 1000). Each constant is read through ``ctx.constant``."""
    consts = dict(constants or {})

    def run(ctx, tab, where, extra=None):
        mask = state_mask(tab, which)
        if mask is not None and not mask.any():
            return []
        value, info = fn(tab, mask, **{k: ctx.constant(k) for k in consts})
        return [ctx.compare(value, relation, rhs, f"min {where} ({STATE_SET_TEXT[which]}) of {label}",
                            info=dict(info, **(extra or {})), lhs_tex=lhs_tex, rhs_tex=rhs_tex)]

    def compute(ctx):
        return run(ctx, level_table_at(ctx), "over reachable states")

    def compute_seq(ctx):
        tab, xs = sequence_table_at(ctx)
        return run(ctx, tab, "along the sequence", {"sequence_head": xs[:8]})

    checks = [ComputedCheck(name, compute, state_grid(PERSTATE_T), quick_grid=state_grid(QUICK_T),
                            constants=consts, falsifiers=tuple(falsifiers), hypothesis=hypothesis, doc=doc)]
    if seq:
        checks.append(ComputedCheck(name + "_sequences", compute_seq, seq_grid(), quick_grid=QUICK_SEQ,
                                    constants=consts, falsifiers=tuple(falsifiers), hypothesis=hypothesis,
                                    doc=doc))
    return checks


__all__ = ["PERSTATE_T", "QUICK_T", "SEQ_KINDS", "state_grid", "seq_grid", "QUICK_SEQ", "make_sequence",
           "level_table_at", "sequence_table_at", "state_mask", "perstate_checks", "params_of"]
