"""Per-state slacks of Lemmas 2, 3, 5, Eq. (2), Eq. (6) and their proof steps (``unified``
App. A). Each function maps a :class:`exact.rssp_extra.LevelTable` (all reachable states at one
time, or the states along one sequence) to ``(min slack as an exact Fraction, info)``; a claim
holds on the table iff the minimum slack is >= 0 (``== 0`` for identities).

The constants of each statement (Lemma 2's 1/4 and the 2 of 2M, Eq. (6)'s 7/8, ...) are arguments
(Fractions, default the printed value), so that a falsifier or a correction can change them.
All arithmetic is integer; a slack is ``numerator / denominator`` with a common denominator.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np

from ticketcheck.exact.rssp_extra import LevelTable


def _argmin_frac(num: np.ndarray, den: int, mask: np.ndarray | None = None):
    """(min Fraction, row index) of num/den over rows in mask; (None, None) if mask is empty."""
    num = np.asarray(num)
    if mask is not None:
        idx = np.nonzero(mask)[0]
        if idx.size == 0:
            return None, None
        j = idx[int(np.argmin(num[idx]))]
    else:
        j = int(np.argmin(num))
    return Fraction(int(num[j]), den), int(j)


def _info(tab: LevelTable, j: int | None, **extra) -> dict:
    out = dict(extra)
    if j is not None:
        out["state"] = tab.describe(j)
        out["E[v_t+1|state]"] = str(tab.expected_next(j))
    out["states"] = int(len(tab.v))
    return out


# ------------------------------------------------------------------ Lemma 2 and variants

def _pq(x) -> tuple[int, int]:
    q = Fraction(x)
    return q.numerator, q.denominator


def lemma2(tab: LevelTable, mask=None, drift=Fraction(1, 4), den=2):
    """E[v'] - (v + drift v (1 - v/(den M))) (Lemma 2, Eq. (2): drift = 1/4, den = 2); with
    drift = a/b, den = c/d the common denominator is (2M+1) b c M."""
    M, v, S = tab.M, tab.v, tab.sum_next
    (a, b), (c, d) = _pq(drift), _pq(den)
    n = 2 * M + 1
    num = S * b * c * M - v * n * b * c * M - a * v * (c * M - d * v) * n
    m, j = _argmin_frac(num, n * b * c * M, mask)
    info = _info(tab, j)
    gain = a * v * (c * M - d * v)              # (b c M) * drift v (1 - v/(den M))
    pos = gain > 0
    if mask is not None:
        pos = pos & mask
    if pos.any():
        # ratio (E v' - v) / (drift v (1 - v/(den M))) = b c M (S - n v) / (n gain)
        ratios = [Fraction(int(b * c * M * (S[k] - n * v[k])), int(n * gain[k])) for k in np.nonzero(pos)[0]]
        info["min_ratio_(E[v']-v)/(v/4(1-v/2M))"] = str(min(ratios))
        info["min_ratio_float"] = float(min(ratios))
    return m, info


def lemma2_denominator_2M1(tab: LevelTable, mask=None, drift=Fraction(1, 4), inner=1):
    """E[v'] - v(1 + drift (inner - v/(2M+1))) (Lemma 2 as used in Lemma 5, drift = 1/4, inner = 1);
    denominator b(2M+1) for drift = a/b (inner an integer)."""
    M, v, S = tab.M, tab.v, tab.sum_next
    a, b = _pq(drift)
    n = 2 * M + 1
    num = b * S - b * n * v - a * v * (int(inner) * n - v)
    m, j = _argmin_frac(num, b * n, mask)
    return m, _info(tab, j)


def lemma5(tab: LevelTable, mask=None, lead=1, drift=Fraction(1, 4)):
    """w(lead - drift(1 - w/(2M+1))) - E[w'] with w = 2M+1-v (Lemma 5: lead = 1, drift = 1/4);
    denominator (2M+1) b l for drift = a/b, lead = k/l."""
    M, v, S = tab.M, tab.v, tab.sum_next
    (a, b), (k, l) = _pq(drift), _pq(lead)
    n = 2 * M + 1
    w = n - v
    num = k * b * n * w - a * l * w * v - l * b * n * n + l * b * S
    m, j = _argmin_frac(num, l * b * n, mask)
    info = _info(tab, j)
    pos = w > 0
    if mask is not None:
        pos = pos & mask
    if pos.any():
        rhs = [Fraction(int(w[i])) * (Fraction(k, l) - Fraction(a, b) * Fraction(int(v[i]), n))
               for i in np.nonzero(pos)[0]]
        ratios = [Fraction(int(n * n - S[i]), n) / r for i, r in zip(np.nonzero(pos)[0], rhs) if r > 0]
        if ratios:
            info["max_ratio_E[w']/rhs"] = str(max(ratios))
            info["max_ratio_float"] = float(max(ratios))
    return m, info


def eq6(tab: LevelTable, mask=None, factor=Fraction(7, 8)):
    """factor w - E[w'] (Eq. (6): factor = 7/8); denominator q(2M+1) for factor = p/q."""
    M, v, S = tab.M, tab.v, tab.sum_next
    p, q = _pq(factor)
    n = 2 * M + 1
    w = n - v
    num = p * n * w - q * n * n + q * S
    m, j = _argmin_frac(num, q * n, mask)
    return m, _info(tab, j)


def nine_eighths(tab: LevelTable, mask=None, tilde: bool = False, factor=Fraction(9, 8)):
    """E[v'] - factor v (or E[ṽ] - factor v; factor = 9/8): the implicit input of the Lemma 3
    proof; denominator q(2M+1) for factor = p/q."""
    M, v = tab.M, tab.v
    S = tab.sum_tilde if tilde else tab.sum_next
    p, q = _pq(factor)
    num = q * S - p * (2 * M + 1) * v
    m, j = _argmin_frac(num, q * (2 * M + 1), mask)
    return m, _info(tab, j)


def lemma3_prob(tab: LevelTable, b: Fraction, mask=None):
    """min over states of P(v_{t+1} >= (1+beta) v_t | state) (exact Fraction) and the state."""
    b = Fraction(b)
    M, v = tab.M, tab.v
    ok = (b.denominator * tab.next_volumes) >= ((b.denominator + b.numerator) * v)[:, None]
    cnt = ok.sum(axis=1)
    m, j = _argmin_frac(cnt, 2 * M + 1, mask)
    return m, _info(tab, j)


# ------------------------------------------------------------------ Lemma 3 auxiliary process

def tilde_checks(tab: LevelTable, reading: str = "restricted", mask=None, two=2):
    """Three minima over (state, x), states in ``mask``: v_{t+1} - ṽ, two v - ṽ (two = 2), and
    E[ṽ] - Lemma 2's right side, where ṽ is the restricted reading (only coverage coming from inside
    {-M..M} counts) or the literal one (the indicator on i, already in range: ṽ = v_{t+1}).
    Returns a dict of (Fraction, info)."""
    M, v = tab.M, tab.v
    tilde = tab.tilde if reading == "restricted" else tab.next_volumes
    sum_tilde = tab.sum_tilde if reading == "restricted" else tab.sum_next
    rows = np.arange(len(v)) if mask is None else np.nonzero(mask)[0]
    out = {}
    p, q = _pq(two)
    d1 = (tab.next_volumes - tilde)[rows] * q
    d2 = p * v[rows, None] - q * tilde[rows]
    for key, d in (("v_next_minus_tilde", d1), ("2v_minus_tilde", d2)):
        flat = int(np.argmin(d))
        r, xi = divmod(flat, 2 * M + 1)
        s = int(rows[r])
        out[key] = (Fraction(int(d[r, xi]), q), _info(tab, s, x=int(xi - M),
                                                      v_next=int(tab.next_volumes[s, xi]),
                                                      tilde=int(tilde[s, xi])))
    num = 8 * M * sum_tilde - 8 * M * (2 * M + 1) * v - (2 * M + 1) * v * (2 * M - v)
    m, j = _argmin_frac(num, 8 * M * (2 * M + 1), mask)
    out["E_tilde_minus_lemma2_rhs"] = (m, _info(tab, j))
    return out


# ------------------------------------------------------------------ Lemma 2 proof steps

def _cumsum(tab: LevelTable) -> np.ndarray:
    b = tab.bits.astype(np.int64)
    return np.concatenate([np.zeros((b.shape[0], 1), np.int64), np.cumsum(b, axis=1)], axis=1)


def _window_mass(tab: LevelTable, cs: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """sum_{k=lo}^{hi} f_t(k) per state (z -> column z + 2M)."""
    M = tab.M
    return cs[:, hi + 2 * M + 1] - cs[:, lo + 2 * M]


def step_lemma2_a(tab: LevelTable, prefactor=1):
    """max over states of |E[v'] - (v + prefactor/(2M+1) sum_i (1-f(i)) sum_{k=i-M}^{i+M} f(k))|
    (the expansion of Lemma 2's proof: prefactor = 1)."""
    M, v = tab.M, tab.v
    p, q = _pq(prefactor)
    cs = _cumsum(tab)
    inner = np.zeros_like(v)
    for i in range(-M, M + 1):
        inner = inner + (1 - tab.bits[:, i + 2 * M]) * _window_mass(tab, cs, i - M, i + M)
    diff = q * tab.sum_next - q * (2 * M + 1) * v - p * inner
    j = int(np.argmax(np.abs(diff)))
    return Fraction(int(abs(diff[j])), q * (2 * M + 1)), _info(tab, j)


def half_widths(M: int, reading: str) -> int:
    """M/2 read as ``floor`` or ``ceil`` (the same for even M)."""
    if reading == "floor":
        return M // 2
    if reading == "ceil":
        return (M + 1) // 2
    raise ValueError(f"M/2 reading must be floor or ceil, got {reading!r}")


def _masses(tab: LevelTable, h: int):
    cs = _cumsum(tab)
    mus = list(range(-h, h + 1))
    mass = np.stack([_window_mass(tab, cs, mu - h, mu + h) for mu in mus], axis=1)
    return mus, mass


def step_lemma2_b(tab: LevelTable, h: int):
    """Two minima: (i) over states and every mu of (2M+1)E[v'] - (2M+1)v - gap(mu) mass(mu)
    (the range restriction, stated 'for some mu'; tested for every mu and for the best mu);
    (ii) over states of max_mu mass(mu) - v/2 (existence of mu*)."""
    M, v = tab.M, tab.v
    mus, mass = _masses(tab, h)
    gap = (2 * h + 1) - mass
    lhs = (tab.sum_next - (2 * M + 1) * v)[:, None] - gap * mass
    flat = int(np.argmin(lhs))
    s, k = divmod(flat, len(mus))
    every = (Fraction(int(lhs[s, k]), 2 * M + 1), _info(tab, s, mu=mus[k]))
    best = lhs.max(axis=1)
    sb = int(np.argmin(best))
    some = (Fraction(int(best[sb]), 2 * M + 1), _info(tab, sb))
    d = 2 * mass.max(axis=1) - v
    s2 = int(np.argmin(d))
    exist = (Fraction(int(d[s2]), 2), _info(tab, s2))
    return {"restriction_every_mu": every, "restriction_some_mu": some, "mu_star_exists": exist}


def step_lemma2_c(tab: LevelTable, h: int):
    """The two last inequalities of Lemma 2's proof with mu* = argmax of the window mass (worst
    tie), and whether SOME mu with mass >= v/2 makes both hold (fraction of states)."""
    M, v = tab.M, tab.v
    mus, mass = _masses(tab, h)
    gap = (2 * h + 1) - mass
    # ineq 1: E[v'] >= v + (1/(2M)) (v/2) gap   -> 4M S - 4M(2M+1) v - (2M+1) v gap >= 0
    i1 = 4 * M * tab.sum_next[:, None] - 4 * M * (2 * M + 1) * v[:, None] - (2 * M + 1) * v[:, None] * gap
    # ineq 2: v + v gap/(4M) >= v + v/4 (1 - v/2M)   ->  2 v gap - v (2M - v) >= 0
    i2 = 2 * v[:, None] * gap - (v * (2 * M - v))[:, None]
    mx = mass.max(axis=1, keepdims=True)
    is_star = mass == mx
    big = np.iinfo(np.int64).max
    w1 = np.where(is_star, i1, big).min(axis=1)
    w2 = np.where(is_star, i2, big).min(axis=1)
    s1, s2 = int(np.argmin(w1)), int(np.argmin(w2))
    admissible = 2 * mass >= v[:, None]
    both = admissible & (i1 >= 0) & (i2 >= 0)
    frac_ok = Fraction(int(both.any(axis=1).sum()), len(v))
    bad = np.nonzero(~both.any(axis=1))[0]
    return {
        "ineq1_argmax_mu": (Fraction(int(w1[s1]), 4 * M * (2 * M + 1)), _info(tab, s1)),
        "ineq2_argmax_mu": (Fraction(int(w2[s2]), 8 * M), _info(tab, s2)),
        "some_admissible_mu_makes_both_hold": (frac_ok, _info(tab, int(bad[0]) if bad.size else None,
                                                              states_without=int(bad.size))),
    }
