"""Per-state comparisons for Lemmas 2, 3, 5, Eq. (2), Eq. (6) and their proof steps (``unified``
App. A). Each function maps a :class:`exact.rssp_extra.LevelTable` (all reachable states at one
time, or the states along one sequence) to ``(min slack as an exact Fraction, info)``; a claim
holds on the table iff the minimum slack is >= 0 (``== 0`` for identities).

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

def lemma2(tab: LevelTable, mask=None):
    """E[v'] - (v + v/4 (1 - v/(2M))) (Lemma 2, Eq. (2)); denominator 8M(2M+1)."""
    M, v, S = tab.M, tab.v, tab.sum_next
    num = 8 * M * S - 8 * M * (2 * M + 1) * v - (2 * M + 1) * v * (2 * M - v)
    m, j = _argmin_frac(num, 8 * M * (2 * M + 1), mask)
    info = _info(tab, j)
    rhs = v * (2 * M - v)                       # 8M * (v/4)(1 - v/2M) * (2M+1)/(2M+1)
    pos = rhs > 0
    if mask is not None:
        pos = pos & mask
    if pos.any():
        # ratio (E v' - v) / (v/4 (1 - v/2M)) = 8M (S - (2M+1) v) / ((2M+1) v (2M - v))
        ratios = [Fraction(int(8 * M * (S[k] - (2 * M + 1) * v[k])), int((2 * M + 1) * rhs[k]))
                  for k in np.nonzero(pos)[0]]
        info["min_ratio_(E[v']-v)/(v/4(1-v/2M))"] = str(min(ratios))
        info["min_ratio_float"] = float(min(ratios))
    return m, info


def lemma2_denominator_2M1(tab: LevelTable, mask=None):
    """E[v'] - v(1 + 1/4 (1 - v/(2M+1))) (Lemma 2 as used in Lemma 5); denominator 4(2M+1)."""
    M, v, S = tab.M, tab.v, tab.sum_next
    num = 4 * S - 4 * (2 * M + 1) * v - v * (2 * M + 1 - v)
    m, j = _argmin_frac(num, 4 * (2 * M + 1), mask)
    return m, _info(tab, j)


def lemma5(tab: LevelTable, mask=None):
    """w(1 - 1/4(1 - w/(2M+1))) - E[w'] with w = 2M+1-v (Lemma 5); denominator 4(2M+1)."""
    M, v, S = tab.M, tab.v, tab.sum_next
    n = 2 * M + 1
    w = n - v
    num = 4 * n * w - w * v - 4 * n * n + 4 * S
    m, j = _argmin_frac(num, 4 * n, mask)
    info = _info(tab, j)
    pos = w > 0
    if mask is not None:
        pos = pos & mask
    if pos.any():
        ratios = [Fraction(int(n * n - S[k]), n) / (Fraction(int(w[k])) * (1 - Fraction(int(v[k]), 4 * n)))
                  for k in np.nonzero(pos)[0]]
        info["max_ratio_E[w']/rhs"] = str(max(ratios))
        info["max_ratio_float"] = float(max(ratios))
    return m, info


def eq6(tab: LevelTable, mask=None):
    """7/8 w - E[w'] (Eq. (6)); denominator 8(2M+1)."""
    M, v, S = tab.M, tab.v, tab.sum_next
    n = 2 * M + 1
    w = n - v
    num = 7 * n * w - 8 * n * n + 8 * S
    m, j = _argmin_frac(num, 8 * n, mask)
    return m, _info(tab, j)


def nine_eighths(tab: LevelTable, mask=None, tilde: bool = False):
    """E[v'] - 9/8 v (or E[ṽ] - 9/8 v): the implicit input of the Lemma 3 proof; den 8(2M+1)."""
    M, v = tab.M, tab.v
    S = tab.sum_tilde if tilde else tab.sum_next
    num = 8 * S - 9 * (2 * M + 1) * v
    m, j = _argmin_frac(num, 8 * (2 * M + 1), mask)
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

def tilde_checks(tab: LevelTable):
    """Four per-(state, x) minima: v_{t+1} - ṽ, 2v - ṽ (restricted reading), 2v - v_{t+1}
    (literal reading ṽ = v_{t+1}), and E[ṽ] - Lemma 2's right side. Returns a dict of
    (Fraction, info)."""
    M, v = tab.M, tab.v
    out = {}
    d1 = tab.next_volumes - tab.tilde
    d2 = 2 * v[:, None] - tab.tilde
    d3 = 2 * v[:, None] - tab.next_volumes
    for key, d in (("v_next_minus_tilde", d1), ("2v_minus_tilde", d2),
                   ("2v_minus_v_next_literal", d3)):
        flat = int(np.argmin(d))
        s, xi = divmod(flat, 2 * M + 1)
        out[key] = (Fraction(int(d[s, xi])), _info(tab, s, x=int(xi - M),
                                                    v_next=int(tab.next_volumes[s, xi]),
                                                    tilde=int(tab.tilde[s, xi])))
    num = 8 * M * tab.sum_tilde - 8 * M * (2 * M + 1) * v - (2 * M + 1) * v * (2 * M - v)
    m, j = _argmin_frac(num, 8 * M * (2 * M + 1))
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


def step_lemma2_a(tab: LevelTable):
    """(2M+1) E[v'] - [(2M+1) v + sum_i (1-f(i)) sum_{k=i-M}^{i+M} f(k)] per state: max |diff|."""
    M, v = tab.M, tab.v
    cs = _cumsum(tab)
    rhs = (2 * M + 1) * v.copy()
    for i in range(-M, M + 1):
        rhs = rhs + (1 - tab.bits[:, i + 2 * M]) * _window_mass(tab, cs, i - M, i + M)
    diff = tab.sum_next - rhs
    j = int(np.argmax(np.abs(diff)))
    return Fraction(int(abs(diff[j])), 2 * M + 1), _info(tab, j)


def half_widths(M: int, reading: str) -> int | None:
    """M/2 for even M; floor/ceil of M/2 for odd M (``None`` if the reading does not apply)."""
    if M % 2 == 0:
        return M // 2 if reading == "exact" else None
    if reading == "floor":
        return M // 2
    if reading == "ceil":
        return (M + 1) // 2
    return None


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
