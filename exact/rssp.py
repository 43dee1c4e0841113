"""Exact laws of the discrete RSSP process (``unified`` §3, Definitions 1-3, Eq. (1); Appendix A).

Model (``unified.model1``): X_1..X_t i.i.d. uniform on {-M..M}; tolerance Delta in {0..M};
``f_t(z) = 1`` iff some S subset of [t] (empty allowed) has ``|sum_S X - z| <= Delta``;
``v_t = sum_{i=-M}^{M} f_t(i)``.  Stopping times: ``tau = min{t: v_t >= 2M+1-Delta}``,
``tau1 = min{t >= 0: v_t > M+1}``, ``w_s = 2M+1 - v_{tau1+s}``, and the two readings of ``tau2``
(``unified.def7``): ``formula`` = min{s >= 0: w_s <= 2M-Delta+1}; ``prose`` = min{s >= 0:
v_{tau1+s} >= 2M-Delta+1}.

Every probability is a ``Fraction`` obtained by counting sequences in ``{-M..M}^t`` (engine:
:mod:`exact.rssp_engine`).  Facts used (each tested against brute force in tests/test_exact_rssp.py):

* v_t is nondecreasing, so ``{tau <= t} = {v_t >= 2M+1-Delta}`` and ``{tau1 <= t} = {v_t > M+1}``.
* ``tau2_formula == 0`` identically: ``v_{tau1} >= M+2`` gives ``w_0 <= M-1 < M+1 <= 2M-Delta+1``.
  Hence P(tau2_formula <= s) = 1 (tau1 is a.s. finite) and ``tau1 + tau2_formula = tau1``.
* ``tau1 + tau2_prose = max(tau1, tau)``, so ``{tau1 + tau2_prose <= t} = {v_t > M+1, v_t >= 2M+1-Delta}``.
* ``{tau1 <= h, tau2_prose <= h}`` only involves times <= 2h <= t: computed by a DP that stamps tau1.
* ``P(tau2_prose <= s)`` alone involves the unbounded time tau1 + s.  It is exact here only when
  tau1 is bounded (``2 Delta + 1 > M + 1``: then tau1 = 0); otherwise :func:`rssp_tau2_bracket`
  gives rigorous rational bounds ``P(tau1 <= K, tau2 <= s) <= P(tau2 <= s) <= that + P(tau1 > K)``
  for an explicit horizon K, and :func:`rssp_tau2_event` raises :class:`TooLargeError` (use the
  bracket or Monte Carlo).  Same for :func:`rssp_expected_w` (E[w_s], with w_s <= M - 1).
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from ticketcheck.exact import rssp_cost
from ticketcheck.exact import rssp_engine as eng
from ticketcheck.errors import InputError, TooLargeError

__all__ = [
    "rssp_single_target", "rssp_single_target_all", "rssp_volume_law", "rssp_volume_laws",
    "rssp_tau_event", "rssp_all_covered", "rssp_tau1_event", "rssp_tau2_law", "rssp_tau2_event",
    "rssp_tau2_bracket", "rssp_second_phase_brackets", "rssp_tau1_tau2_sum_event",
    "rssp_half_event", "rssp_expected_w",
    "rssp_state_table", "rssp_states_upto", "StateRow", "Bracket", "READINGS",
    "validate", "cost", "tau1_is_bounded",
]

READINGS = ("formula", "prose")
MAX_SECONDS = 3600.0  # anything estimated above this is refused with TooLargeError


# ----------------------------------------------------------------------------------------------
# input validation and cost
# ----------------------------------------------------------------------------------------------
def _as_int(name: str, v) -> int:
    if isinstance(v, bool):
        raise InputError(f"{name} must be an integer, got {v!r}")
    if isinstance(v, numbers.Integral):
        return int(v)
    if isinstance(v, Fraction) and v.denominator == 1:
        return int(v)
    if getattr(v, "is_Integer", False):  # sympy Integer
        return int(v)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    raise InputError(f"{name} must be an integer, got {v!r}")


def validate(M, t=None, delta=0, z=None, reading=None, *, n=None, what: str = "volume",
             check_size: bool = True) -> None:
    """Raise :class:`InputError` (one line) for bad parameters and, if ``check_size``,
    :class:`TooLargeError` for parameters whose exact enumeration is estimated to take more than
    ``MAX_SECONDS``."""
    M = _as_int("M", M)
    if M <= 0:
        raise InputError(f"M must be a positive integer (samples uniform on {{-M..M}}), got {M}")
    delta = _as_int("delta", delta)
    if delta < 0 or delta > M:
        raise InputError(f"delta must be an integer in 0..M={M}, got {delta}")
    if t is None:
        t = n
    if t is not None:
        t = _as_int("t", t)
        if t < 0:
            raise InputError(f"the time t (or n) must be >= 0, got {t}")
    if z is not None:
        z = _as_int("z", z)
        if abs(z) > M:
            raise InputError(f"target z must lie in {{-M..M}} = {{{-M}..{M}}}, got {z}")
    if reading is not None and reading not in READINGS:
        raise InputError(f"reading must be one of {READINGS} (unified.def7), got {reading!r}")
    if t is not None and check_size:
        sec = cost(M, t, delta, what=what, reading=reading)
        if sec > MAX_SECONDS:
            raise TooLargeError(
                f"exact RSSP enumeration for M={M}, t={t}, delta={delta} would take ~{sec:.3g}s; "
                f"use Monte Carlo (montecarlo.rssp) or smaller M/t")


def cost(M, t=None, delta=0, z=None, reading=None, *, n=None, what: str = "volume", **_ignored) -> float:
    """Estimated seconds of the exact computation (the fixed table of :mod:`exact.rssp_cost`).

    Whether a pass is memoised in this process does not count: the exact-or-Monte-Carlo choice
    made with this cost is the same in every process (a Dask worker, a review job, a rerun)."""
    try:
        M = _as_int("M", M)
        delta = _as_int("delta", delta)
        t = _as_int("t", t if t is not None else n)
    except InputError:
        return 0.0  # validate() reports the error
    if M <= 0 or t < 0:
        return 0.0
    if what == "tau2" and reading == "formula":
        return 0.0
    if what == "tau2":
        if not tau1_is_bounded(M, delta):
            return math.inf
        what = "half"
    # the stamped DP of the half event / tau2 law costs about 1.5 volume passes (measured)
    return rssp_cost.seconds(M, t, factor=2.0 if what == "half" else 1.0)


def tau1_is_bounded(M: int, delta: int) -> bool:
    """tau1 = 0 surely iff v_0 = 2 Delta + 1 > M + 1; otherwise tau1 is a.s. finite but unbounded."""
    return 2 * delta + 1 > M + 1


# ----------------------------------------------------------------------------------------------
# the volume pass (memoised): tables of f_s on [-M, M] for s = 0..T
# ----------------------------------------------------------------------------------------------
_TABLES: dict[tuple[int, int], list[dict[int, int]]] = {}


def _cached_horizon(M: int, delta: int) -> int:
    tabs = _TABLES.get((M, delta))
    return len(tabs) - 1 if tabs else -1


def _tables(M: int, T: int, delta: int) -> list[dict[int, int]]:
    """Tables for times 0..T (a pass with horizon T gives every time <= T at once)."""
    key = (M, delta)
    have = _cached_horizon(M, delta)
    if have < T:
        # grow the horizon geometrically when grid points come in increasing t (a pass with
        # horizon T' serves every t <= T'), unless that costs much more than the pass asked for
        T2 = max(T, math.ceil(1.25 * have)) if have > 0 else T
        if T2 > T and rssp_cost.seconds(M, T2) > 2.0 * rssp_cost.seconds(M, T) + 0.05:
            T2 = T
        _TABLES[key] = eng.volume_tables(M, T2, delta)
    return _TABLES[key]


def _norm(M, t, delta, z=None, reading=None, what="volume"):
    validate(M, t, delta, z, reading, what=what)
    return (_as_int("M", M), _as_int("t", t), _as_int("delta", delta))


@lru_cache(maxsize=4096)
def _volume_counts(M: int, t: int, delta: int) -> tuple[tuple[int, int], ...]:
    tab = _tables(M, t, delta)[t]
    out: dict[int, int] = {}
    for g, c in tab.items():
        v = g.bit_count()
        out[v] = out.get(v, 0) + c
    return tuple(sorted(out.items()))


def rssp_volume_law(M, n, delta) -> dict[int, Fraction]:
    """Law of ``v_n`` (``unified.def3``): {value: probability}."""
    M, n, delta = _norm(M, n, delta)
    N = (2 * M + 1) ** n
    return {v: Fraction(c, N) for v, c in _volume_counts(M, n, delta)}


def rssp_volume_laws(M, T, delta) -> list[dict[int, Fraction]]:
    """Laws of ``v_t`` for t = 0..T, from one pass."""
    M, T, delta = _norm(M, T, delta)
    _tables(M, T, delta)
    return [rssp_volume_law(M, t, delta) for t in range(T + 1)]


def _prob_volume(M, t, delta, pred) -> Fraction:
    M, t, delta = _norm(M, t, delta)
    N = (2 * M + 1) ** t
    return Fraction(sum(c for v, c in _volume_counts(M, t, delta) if pred(v, M, delta)), N)


def rssp_single_target_all(M, n, delta) -> dict[int, Fraction]:
    """``{z: P(f_n(z) = 1)}`` for every z in {-M..M} (one pass)."""
    M, n, delta = _norm(M, n, delta)
    tab = _tables(M, n, delta)[n]
    N = (2 * M + 1) ** n
    out = {}
    for z in range(-M, M + 1):
        bz, bmz = z + M, -z + M
        # a class {g, mirror g} holds c sequences, c/2 for each orientation
        s = sum(c * (((g >> bz) & 1) + ((g >> bmz) & 1)) for g, c in tab.items())
        out[z] = Fraction(s, 2 * N)
    return out


def rssp_single_target(M, n, delta, z) -> Fraction:
    """P(f_n(z) = 1) = P(exists S subset [n]: |sum_S X - z| <= Delta) (``unified.def1``)."""
    validate(M, n, delta, z)
    return rssp_single_target_all(M, n, delta)[_as_int("z", z)]


def rssp_tau_event(M, t, delta) -> Fraction:
    """P(tau <= t) = P(v_t >= 2M+1-Delta) (``unified.def4``)."""
    return _prob_volume(M, t, delta, lambda v, M, d: v >= 2 * M + 1 - d)


def rssp_all_covered(M, t, delta) -> Fraction:
    """P(v_t = 2M+1): every z in {-M..M} is Delta-approximated (``unified.claim1``)."""
    return _prob_volume(M, t, delta, lambda v, M, d: v == 2 * M + 1)


def rssp_tau1_event(M, t, delta) -> Fraction:
    """P(tau1 <= t) = P(v_t > M+1) (``unified.def5``)."""
    return _prob_volume(M, t, delta, lambda v, M, d: v > M + 1)


def rssp_tau1_tau2_sum_event(M, t, delta, reading) -> Fraction:
    """P(tau1 + tau2 <= t).  formula: tau2 == 0 so this is P(tau1 <= t); prose: tau1 + tau2 =
    max(tau1, tau), so this is P(v_t > M+1 and v_t >= 2M+1-Delta)."""
    validate(M, t, delta, reading=reading)
    if reading == "formula":
        return rssp_tau1_event(M, t, delta)
    return _prob_volume(M, t, delta, lambda v, M, d: v > M + 1 and v >= 2 * M + 1 - d)


# ----------------------------------------------------------------------------------------------
# tau2: the stamped DP
# ----------------------------------------------------------------------------------------------
@lru_cache(maxsize=256)
def _joint(M: int, delta: int, K: int, s_max: int) -> dict:
    return eng.tau2_joint(M, delta, K, s_max)


def rssp_half_event(M, t, delta, reading) -> Fraction:
    """P(tau1 <= floor(t/2) and tau2 <= floor(t/2)) (``unified.step_thm4_union``); only times
    <= 2 floor(t/2) <= t are involved, so this is exact for both readings."""
    validate(M, t, delta, reading=reading, what="half")
    M, t, delta = _as_int("M", M), _as_int("t", t), _as_int("delta", delta)
    h = t // 2
    if reading == "formula":
        return rssp_tau1_event(M, h, delta)
    return _joint(M, delta, h, h)["hit"][h]


@dataclass(frozen=True)
class Bracket:
    """Rigorous rational bounds ``lower <= value <= upper`` from following paths with tau1 <= K
    (``horizon``); ``tail = P(tau1 > K)``.  ``lower == upper`` means the value is exact."""

    lower: Fraction
    upper: Fraction
    horizon: int
    tail: Fraction

    @property
    def exact(self) -> bool:
        return self.lower == self.upper


HORIZON_TAIL = Fraction(1, 10 ** 12)  # default: follow paths until P(tau1 > K) <= 1e-12 ...
HORIZON_SECONDS = 10.0                 # ... unless the stamped DP is estimated to cost more


def _default_horizon(M: int, delta: int, s: int) -> int:
    """0 when tau1 = 0 surely; else K = max(2s, 8) doubled while P(tau1 > K) > ``HORIZON_TAIL``
    and the DP with horizon 2K stays within ``HORIZON_SECONDS`` (estimated)."""
    if tau1_is_bounded(M, delta):
        return 0
    K = max(2 * s, 8)
    while (1 - rssp_tau1_event(M, K, delta) > HORIZON_TAIL
           and rssp_cost.seconds(M, 2 * K + s, factor=2.0) <= HORIZON_SECONDS):
        K *= 2
    return K


def rssp_tau2_bracket(M, s, delta, reading, horizon=None) -> Bracket:
    """Bounds on P(tau2 <= s) (``unified.lemma6``): [P(tau1<=K, tau2<=s), that + P(tau1>K)]."""
    validate(M, s, delta, reading=reading, what="half", check_size=(reading != "formula"))
    M, s, delta = _as_int("M", M), _as_int("t", s), _as_int("delta", delta)
    if reading == "formula":
        return Bracket(Fraction(1), Fraction(1), 0, Fraction(0))
    K = _default_horizon(M, delta, s) if horizon is None else _as_int("horizon", horizon)
    j = _joint(M, delta, K, s)
    return Bracket(j["hit"][s], j["hit"][s] + j["tail"], K, j["tail"])


def rssp_second_phase_brackets(M, s_max, delta, horizon) -> dict:
    """Brackets for every s = 0..s_max from ONE stamped DP with horizon K (``unified.lemma6``,
    ``unified.step_lemma6_e``, ``unified.step_lemma6_m``): ``tau2_prose[s]`` bounds
    P(tau2_prose <= s) and ``expected_w[s]`` bounds E[w_s], exactly as :func:`rssp_tau2_bracket`
    and :func:`rssp_expected_w` do one s at a time.  K = 0 (exact) when tau1 is bounded."""
    validate(M, s_max, delta, what="half")
    M, s_max, delta = _as_int("M", M), _as_int("t", s_max), _as_int("delta", delta)
    K = 0 if tau1_is_bounded(M, delta) else _as_int("horizon", horizon)
    j = _joint(M, delta, K, s_max)
    tail = j["tail"]
    return {"tau2_prose": [Bracket(h, h + tail, K, tail) for h in j["hit"]],
            "expected_w": [Bracket(w, w + max(M - 1, 0) * tail, K, tail) for w in j["w_sum"]],
            "horizon": K, "tail": tail}


def rssp_tau2_law(M, t_max, delta, reading, horizon=None) -> list[Fraction]:
    """[P(tau2 <= s) for s = 0..t_max].  Exact for the formula reading (all ones) and for the prose
    reading when tau1 is bounded; otherwise raises TooLargeError (see :func:`rssp_tau2_bracket`)."""
    validate(M, t_max, delta, reading=reading, what="half")
    M, t_max, delta = _as_int("M", M), _as_int("t", t_max), _as_int("delta", delta)
    if reading == "formula":
        return [Fraction(1)] * (t_max + 1)
    if not tau1_is_bounded(M, delta):
        raise TooLargeError(
            f"P(tau2 <= s) (prose) involves the unbounded time tau1 + s for M={M}, delta={delta}; "
            f"use exact.rssp.rssp_tau2_bracket (rigorous bounds) or Monte Carlo")
    return list(_joint(M, delta, 0, t_max)["hit"])


def rssp_tau2_event(M, t, delta, reading) -> Fraction:
    """P(tau2 <= t); see :func:`rssp_tau2_law` for when it is exact."""
    return rssp_tau2_law(M, t, delta, reading)[_as_int("t", t)]


def rssp_expected_w(M, s, delta, horizon=None) -> Bracket:
    """Bounds on E[w_s] (``unified.step_lemma6_e``): lower = E[w_s; tau1 <= K], upper = lower +
    (M-1) P(tau1 > K) (w_s <= w_0 <= M-1).  Exact when tau1 is bounded."""
    validate(M, s, delta, what="half")
    M, s, delta = _as_int("M", M), _as_int("t", s), _as_int("delta", delta)
    K = _default_horizon(M, delta, s) if horizon is None else _as_int("horizon", horizon)
    j = _joint(M, delta, K, s)
    lo = j["w_sum"][s]
    return Bracket(lo, lo + max(M - 1, 0) * j["tail"], K, j["tail"])


# ----------------------------------------------------------------------------------------------
# per-state data for Lemmas 2, 3, 5
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StateRow:
    """One reachable state after exactly t steps: f_t on [-2M-Delta, 2M+Delta] and v_{t-1}.

    ``next_volumes[j]`` = v_{t+1} when X_{t+1} = j - M; ``tilde_volumes`` = the Lemma 3 auxiliary
    sum as the brief writes it, sum_{i=-M}^{M} [f_t(i) + (1 - f_t(i)) f_t(i - x)], which is
    identical to ``next_volumes`` (it is Eq. (1) summed over [-M, M]); ``tilde_volumes_restricted``
    reads the printed indicator I_{-M..M} as restricting i - x to {-M..M} (then tilde <= 2 v_t).
    """

    M: int
    delta: int
    t: int
    count: int
    volume: int
    prev_volume: int | None
    f_window: tuple[int, ...]
    next_volumes: tuple[int, ...]
    tilde_volumes: tuple[int, ...]
    tilde_volumes_restricted: tuple[int, ...]
    expected_next_volume: Fraction = field(compare=False)

    def f(self, z: int) -> int:
        R = 2 * self.M + self.delta
        return self.f_window[z + R] if abs(z) <= R else 0  # f_t(z) for |z| <= 2M+Delta


def _row(M: int, delta: int, t: int, bits: tuple[int, ...], pv: int | None, count: int) -> StateRow:
    R = 2 * M + delta
    f = lambda z: bits[z + R]  # noqa: E731
    vol = sum(f(i) for i in range(-M, M + 1))
    nxt, til = [], []
    for x in range(-M, M + 1):
        nxt.append(sum(f(i) | f(i - x) for i in range(-M, M + 1)))
        til.append(sum(f(i) + (1 - f(i)) * f(i - x) * (1 if -M <= i - x <= M else 0)
                       for i in range(-M, M + 1)))
    return StateRow(M, delta, t, count, vol, pv, bits, tuple(nxt), tuple(nxt), tuple(til),
                    Fraction(sum(nxt), 2 * M + 1))


@lru_cache(maxsize=64)
def _state_table(M: int, t: int, delta: int, mirror: bool) -> tuple[StateRow, ...]:
    R = 2 * M + delta
    width = 2 * R + 1
    rows = []
    for (g, pv), c in sorted(eng.final_tables_with_prev(M, t, delta, R).items()):
        bits = tuple((g >> (i)) & 1 for i in range(width))
        mg = eng.mirror(g, width)
        pvv = None if pv < 0 else pv
        if mirror and mg != g:
            mbits = tuple((mg >> i) & 1 for i in range(width))
            rows.append(_row(M, delta, t, bits, pvv, c // 2))
            rows.append(_row(M, delta, t, mbits, pvv, c // 2))
        else:
            rows.append(_row(M, delta, t, bits, pvv, c))
    return tuple(rows)


def rssp_state_table(M, t, delta, mirror: bool = True) -> list[StateRow]:
    """Every distinct reachable (f_t on [-2M-Delta, 2M+Delta], v_{t-1}) after exactly t steps, with
    the number of sequences in {-M..M}^t reaching it (counts sum to (2M+1)^t).  With
    ``mirror=False`` a state and its mirror image are one row carrying both counts."""
    validate(M, t, delta, what="volume")
    return list(_state_table(_as_int("M", M), _as_int("t", t), _as_int("delta", delta), bool(mirror)))


def rssp_states_upto(M, t_max, delta, mirror: bool = True) -> list[list[StateRow]]:
    """``[rssp_state_table(M, t, delta) for t = 0..t_max]``."""
    return [rssp_state_table(M, t, delta, mirror) for t in range(_as_int("t", t_max) + 1)]
