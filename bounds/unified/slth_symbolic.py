"""Symbolic and arithmetic steps of `unified` §4 / App. D (claims.md §1.2), attached to the ids
registered in :mod:`bounds.unified.slth`.

Identities are checked twice: by sympy (``SymbolicCheck``) and on random explicit weights in
S_delta with exact rationals (``ComputedCheck``: the number of mismatches is compared with 0).
Real inequalities are certified by the arb engine (``CertifyCheck``). The arithmetic of the union
bounds (Eq. (8), Eq. (10), Theorem 3) is enumerated on integer width tuples d_0..d_l.
"""
from __future__ import annotations

import itertools
import math
import random
from bisect import bisect_left
from fractions import Fraction
from typing import Iterator

import sympy as sp

from ticketcheck.arb_eval import evaluate
from ticketcheck.bounds.claim import CertifyCheck, Comparison, ComputedCheck, SymbolicCheck
from ticketcheck.bounds.registry import attach

# positive symbols (the symbolic engine treats free symbols as positive reals by default)
eps, delta, Delta, M, a, u, y, p, q, x = sp.symbols("epsilon delta Delta M a u y p q x", positive=True)
d, d1, d2 = sp.symbols("d d1 d2", positive=True)
i_, ell = sp.symbols("i ell", positive=True, integer=True)
FACTOR = sp.log((1 / delta + 1) / (Delta + 1))        # Eq. (4), the overparameterization factor


def relu(v: Fraction) -> Fraction:
    return v if v > 0 else Fraction(0)


def s_delta(rng: random.Random, K: int) -> Fraction:
    """A uniform element of S_delta = {-1, -1 + 1/K, ..., 1} (delta = 1/K)."""
    return Fraction(rng.randint(-K, K), K)


def rand_x(rng: random.Random) -> Fraction:
    return Fraction(rng.randint(-1000, 1000), 1000)


def _mismatch_cmp(bad: int, total: int, what: str, info=None, key: str = "") -> Comparison:
    params = {"instances": total, **({"property": key} if key else {})}
    return Comparison(params, bad, 0, "==",
                      label=f"number of random exact instances where {what}", info=info or {})


# ============================================================ def11 and Eq. (4)

def def11_compute(ctx) -> Iterator[Comparison]:
    """Sign of the factor log((1/delta+1)/(Delta+1)) on Theorem 3's domain (eps < 1 forces
    2 Delta delta N_T < 1, i.e. Delta < K/2 with K = 1/delta): (K+1) > (Delta+1) exactly."""
    k = int(ctx["k"])
    K = 1 << k
    worst = min(Fraction(K + 1, D + 1) for D in range(1, max(2, (K + 1) // 2)))
    yield Comparison({"Delta": f"1..{max(1, (K - 1) // 2)}"}, worst, 1, ">",
                     label="min over Delta < 1/(2 delta) of (1/delta + 1)/(Delta + 1) vs 1: the "
                           "overparameterization factor is positive on Theorem 3's domain",
                     info={"factor_zero_or_negative_from_Delta": K})


attach("unified.def11", SymbolicCheck(
    "theorem2_factor_at_M_1_over_delta", "substitution", sp.log((M + 1) / (Delta + 1)), FACTOR,
    subs={M: 1 / delta}, doc="Theorem 2's log((M+1)/(Delta+1)) with M = 1/delta is Eq. (4)"))
attach("unified.def11", ComputedCheck("positive_on_theorem3_domain", def11_compute,
                                      grid={"k": list(range(1, 13))}, quick_grid={"k": [3]}))

attach("unified.eq4", SymbolicCheck(
    "b_substitution", "substitution", FACTOR, sp.log((1 + delta) / (eps + delta)), subs={Delta: eps / delta},
    doc="(b): with Delta delta = eps, log((1/delta+1)/(Delta+1)) = log((1+delta)/(eps+delta))"))
attach("unified.eq4", SymbolicCheck(
    "c_limit", "limit", sp.log((1 + delta) / (eps + delta)), sp.log(1 / eps), var=delta, point=0,
    doc="(c): delta -> 0+ gives log(1/eps)"))
attach("unified.eq4", SymbolicCheck(
    "c_limit_with_lemma1_relation", "limit", FACTOR.subs(Delta, eps / (2 * delta)), sp.log(1 / eps),
    var=delta, point=0, options={"domain": {"epsilon": (0, 1)}},
    doc="(a) vs Lemma 1: with Lemma 1's eps = 2 Delta delta (not Delta delta) the limit is "
        "log(2/eps), an additive log 2 away from the claimed log(1/eps)"))
attach("unified.eq4", SymbolicCheck(
    "d_substitution", "substitution", FACTOR, sp.log(1 / delta + 1), subs={Delta: 0},
    doc="(d): Delta = 0 gives log(1/delta + 1)"))


def eq4_domain(ctx) -> Iterator[Comparison]:
    """(d) Delta = 0 against the domains of the formal results as encoded (Theorem 3 and Lemmas
    1, 7, 8: Delta in Z^+ and delta = eps/(2 Delta ...); Theorem 2: Delta in {0..M})."""
    from ticketcheck.bounds.unified._common import exact_case_comparisons
    yield from exact_case_comparisons({"Delta": 0})


attach("unified.eq4", ComputedCheck("d_domain", eq4_domain, grid=lambda: [{}]))


# ============================================================ block decompositions (Lemmas 1, 7, 8)

def _lemma1_dec_sym():
    b = sp.symbols("b1:3")
    dd = sp.symbols("dd1:3")
    aa = sp.symbols("a1:3")
    c = sp.symbols("c1:3")
    s = sp.symbols("s1:5")
    t = sp.symbols("t1:5")
    v, uu = list(b) + list(dd), list(aa) + list(c)
    lhs = sum(v[i] * s[i] * sp.Max(0, uu[i] * t[i] * x) for i in range(4))
    rhs = (sum(b[i] * s[i] * sp.Max(0, aa[i] * t[i] * x) for i in range(2))
           + sum(dd[i] * s[2 + i] * sp.Max(0, c[i] * t[2 + i] * x) for i in range(2)))
    return lhs, rhs


def lemma1_dec_compute(ctx) -> Iterator[Comparison]:
    """(v.s)^T sigma((u.s') x) = (b.s1)^T sigma(a.s1' x) + (d.s2)^T sigma(c.s2' x) and
    w x = sigma(w x) - sigma(-w x) on random v, u in S_delta^{2n}, masks, x (exact)."""
    rng = random.Random(ctx.seed)
    K, n, T = 1 << int(ctx["k"]), int(ctx["n"]), int(ctx["instances"])
    bad_dec = bad_relu = 0
    for _ in range(T):
        v = [s_delta(rng, K) for _ in range(2 * n)]
        uu = [s_delta(rng, K) for _ in range(2 * n)]
        s = [rng.randint(0, 1) for _ in range(2 * n)]
        sp_ = [rng.randint(0, 1) for _ in range(2 * n)]
        xv, w = rand_x(rng), s_delta(rng, K)
        lhs = sum(v[i] * s[i] * relu(uu[i] * sp_[i] * xv) for i in range(2 * n))
        rhs = (sum(v[i] * s[i] * relu(uu[i] * sp_[i] * xv) for i in range(n))
               + sum(v[n + i] * s[n + i] * relu(uu[n + i] * sp_[n + i] * xv) for i in range(n)))
        bad_dec += lhs != rhs
        bad_relu += w * xv != relu(w * xv) - relu(-w * xv)
    yield _mismatch_cmp(bad_dec, T, "the split into the [a; c], [b; d] halves differs", key="split")
    yield _mismatch_cmp(bad_relu, T, "w x != sigma(w x) - sigma(-w x)", key="relu identity")


_l1l, _l1r = _lemma1_dec_sym()
attach("unified.step_lemma1_dec", SymbolicCheck("sympy_split", "identity", _l1l, _l1r,
                                                doc="n = 2: the sum over [a; c] splits into the halves"))
attach("unified.step_lemma1_dec", SymbolicCheck("relu_identity_wx_positive", "identity",
                                                sp.Max(0, y) - sp.Max(0, -y), y,
                                                doc="w x = y > 0: sigma(y) - sigma(-y) = y"))
attach("unified.step_lemma1_dec", SymbolicCheck("relu_identity_wx_negative", "identity",
                                                sp.Max(0, -y) - sp.Max(0, y), -y,
                                                doc="w x = -y < 0: sigma(-y) - sigma(y) = -y"))
attach("unified.step_lemma1_dec", ComputedCheck(
    "random_exact_instances", lemma1_dec_compute,
    grid=lambda: [{"k": k, "n": n, "instances": 300} for k, n in ((2, 3), (3, 8), (4, 16))],
    quick_grid=lambda: [{"k": 3, "n": 4, "instances": 50}]))


def _layer_instance(rng, K, d_in, d_out, n):
    """Random blocks u_j in S_delta^n (j < d_in), v_{i,j} in S_delta^n, masks s_{i,j}, x."""
    U = [[s_delta(rng, K) for _ in range(n)] for _ in range(d_in)]
    V = [[[s_delta(rng, K) for _ in range(n)] for _ in range(d_in)] for _ in range(d_out)]
    S = [[[rng.randint(0, 1) for _ in range(n)] for _ in range(d_in)] for _ in range(d_out)]
    X = [rand_x(rng) for _ in range(d_in)]
    return U, V, S, X


def _block_diag_product(U, X, n):
    """sigma(M' x) for the block-diagonal M' (rows j*n + r hold u_j[r] in column j): computed as
    a full matrix-vector product, zeros included."""
    d_in = len(U)
    rows = []
    for j in range(d_in):
        for r in range(n):
            row = [U[j][r] if c == j else Fraction(0) for c in range(d_in)]
            rows.append(relu(sum(row[c] * X[c] for c in range(d_in))))
    return rows


def layer_dec_compute(ctx) -> Iterator[Comparison]:
    """Lemma 7 Step 1 (d_out = 1) / Lemma 8 Step 1: (S.N) sigma(M' x) computed with the full
    block-diagonal matrix vs the blockwise sums sum_j (s_{i,j}.v_{i,j})^T sigma(u_j x_j) (exact)."""
    rng = random.Random(ctx.seed)
    K, n, T = 1 << int(ctx["k"]), int(ctx["n"]), int(ctx["instances"])
    d_in, d_out = int(ctx["d_in"]), int(ctx["d_out"])
    bad = 0
    for _ in range(T):
        U, V, S, X = _layer_instance(rng, K, d_in, d_out, n)
        h = _block_diag_product(U, X, n)
        for i in range(d_out):
            full = sum(S[i][j][r] * V[i][j][r] * h[j * n + r] for j in range(d_in) for r in range(n))
            blocks = sum(sum(S[i][j][r] * V[i][j][r] * relu(U[j][r] * X[j]) for r in range(n))
                         for j in range(d_in))
            bad += full != blocks
    yield _mismatch_cmp(bad, T * d_out, "an output of the full product differs from the blockwise sum")


def _sym_layer(d_in, d_out):
    uu = [sp.Symbol(f"u{j}") for j in range(d_in)]
    xs = [sp.Symbol(f"x{j}") for j in range(d_in)]
    Mp = sp.Matrix(d_in, d_in, lambda r, c: uu[r] if r == c else 0)     # n = 1 unit per block
    h = (Mp * sp.Matrix(xs)).applyfunc(lambda e: sp.Max(0, e))
    V = sp.Matrix(d_out, d_in, lambda i, j: sp.Symbol(f"v{i}_{j}") * sp.Symbol(f"s{i}_{j}"))
    full = V * h
    blocks = sp.Matrix(d_out, 1, lambda i, _: sum(V[i, j] * sp.Max(0, uu[j] * xs[j]) for j in range(d_in)))
    return sum((full - blocks).applyfunc(sp.expand)), sp.Integer(0)


_dg = lambda d_out: (lambda: [{"k": 3, "n": n, "d_in": di, "d_out": d_out, "instances": 100}
                              for n, di in ((2, 2), (3, 3), (4, 2))])
_dq = lambda d_out: (lambda: [{"k": 3, "n": 2, "d_in": 2, "d_out": d_out, "instances": 20}])
attach("unified.step_lemma7_a", SymbolicCheck("sympy_block_diag", "identity", *_sym_layer(3, 1),
                                              doc="d = 3 blocks of one unit: (s.v)^T sigma(M' x) = "
                                                  "sum_i (s_i.v_i)^T sigma(u_i x_i)"))
attach("unified.step_lemma7_a", ComputedCheck("random_exact_instances", layer_dec_compute,
                                              grid=_dg(1), quick_grid=_dq(1)))
attach("unified.step_lemma8_a", SymbolicCheck("sympy_block_diag", "identity", *_sym_layer(2, 3),
                                              doc="d1 = 2, d2 = 3, one unit per block"))
attach("unified.step_lemma8_a", ComputedCheck("random_exact_instances", layer_dec_compute,
                                              grid=lambda: [{"k": 3, "n": n, "d_in": di, "d_out": do,
                                                             "instances": 60}
                                                            for n, di, do in ((2, 2, 2), (3, 2, 3),
                                                                              (2, 3, 2))],
                                              quick_grid=_dq(2)))


# ============================================================ Lemma 7 / Lemma 8 final chains

def _subset_sums(vals: list[int]) -> list[int]:
    sums = {0}
    for v in vals:
        sums |= {s + v for s in sums}
    return sorted(sums)


def _dist(A: list[int], w) -> Fraction:
    i = bisect_left(A, w)
    best = None
    for j in (i - 1, i):
        if 0 <= j < len(A):
            dv = abs(Fraction(A[j]) - w)
            best = dv if best is None or dv < best else best
    return best


def _sup_dist(A: list[int], lo: int, hi: int) -> Fraction:
    """sup over real w in [lo, hi] of dist(w, A): at the ends or at midpoints of gaps."""
    cands = [_dist(A, Fraction(lo)), _dist(A, Fraction(hi))]
    for s, t in zip(A, A[1:]):
        m = Fraction(s + t, 2)
        if lo <= m <= hi:
            cands.append(Fraction(t - s, 2))
    return max(cands)


def lemma7_chain_compute(ctx) -> Iterator[Comparison]:
    """One block of n units (u, v in S_delta^n, exact, units delta^2): the best error for target w
    is max(dist(w, A), dist(w, B)), A / B the subset sums of {v_i u_i : u_i > 0 / < 0} (slopes for
    x > 0 / x < 0). e_S = sup over w in S_delta (event E_i: e_S <= Delta delta), e_I = sup over
    |w| <= 1, the quantity after the chain's equality sign."""
    rng = random.Random(ctx.seed)
    k, D, n, T = int(ctx["k"]), int(ctx["Delta"]), int(ctx["n"]), int(ctx["draws"])
    K = 1 << k
    K2 = K * K
    on_E, eq_fail, worst_I, worst_S = 0, 0, Fraction(0), Fraction(0)
    for _ in range(T):
        uu = [rng.randint(-K, K) for _ in range(n)]
        vv = [rng.randint(-K, K) for _ in range(n)]
        A = _subset_sums([vi * ui for vi, ui in zip(vv, uu) if ui > 0])
        B = _subset_sums([vi * ui for vi, ui in zip(vv, uu) if ui < 0])
        e_S = max(max(_dist(A, j * K), _dist(B, j * K)) for j in range(-K, K + 1))
        e_I = max(_sup_dist(A, -K2, K2), _sup_dist(B, -K2, K2))
        if e_S <= D * K:
            on_E += 1
            eq_fail += e_I != e_S
            worst_I, worst_S = max(worst_I, e_I), max(worst_S, e_S)
    info = {"draws": T, "draws_on_E_i": on_E, "max_e_I_over_delta": float(worst_I / K),
            "max_e_S_over_delta": float(worst_S / K), "units": "delta^2", "block_units": n}
    if on_E == 0:
        yield Comparison({}, None, 0, "==", label="no draw on the event E_i: nothing to compare",
                         info=info)
        return
    yield Comparison({"reading": "equality"}, eq_fail, 0, "==",
                     label="draws on E_i where sup_{|w|<=1} inf_s sup_x |wx - ...| != sup_{w in "
                           "S_delta} inf_s sup_x |wx - ...| (the chain's '=' switches the sup from "
                           "S_delta to |w| <= 1)", info=info)
    yield Comparison({"reading": "final bound"}, worst_I, 2 * D * K, "<=",
                     label="max over draws on E_i of sup_{|w|<=1} inf_s sup_x |wx - ...| (delta^2 "
                           "units) vs 2 Delta delta, the chain's next bound", info=info)


attach("unified.step_lemma7_c", SymbolicCheck(
    "substitution_delta", "substitution", 2 * d * Delta * delta, eps, subs={delta: eps / (2 * d * Delta)},
    doc="2 d Delta delta = eps when delta = eps/(2 d Delta)"))
attach("unified.step_lemma7_c", ComputedCheck(
    "sup_over_S_delta_vs_interval", lemma7_chain_compute,
    grid=lambda: [{"k": 2, "Delta": 1, "n": 24, "draws": 40}, {"k": 3, "Delta": 1, "n": 32, "draws": 40}],
    quick_grid=lambda: [{"k": 2, "Delta": 1, "n": 24, "draws": 10}]))


def lemma8_chain_compute(ctx) -> Iterator[Comparison]:
    """Lemma 8's chain on residuals r_i = sum_j e_{i,j} x_j with per-weight errors |e_{i,j}| <=
    2 Delta delta (delta^2 grid) and ||x||_inf <= 1 (exact): the printed second line ||r||_2 <=
    |sum_i r_i| and the valid bound ||r||_2 <= sum_{i,j} |e_{i,j} x_j| <= 2 Delta delta d1 d2."""
    rng = random.Random(ctx.seed)
    k, D, T = int(ctx["k"]), int(ctx["Delta"]), int(ctx["instances"])
    dd1, dd2 = int(ctx["d1"]), int(ctx["d2"])
    K = 1 << k
    tol = 2 * D * K                       # 2 Delta delta in delta^2 units
    bad_line2 = bad_l1 = bad_final = 0
    for _ in range(T):
        E = [[Fraction(rng.randint(-tol, tol), K * K) for _ in range(dd1)] for _ in range(dd2)]
        X = [rand_x(rng) for _ in range(dd1)]
        r = [sum(E[i][j] * X[j] for j in range(dd1)) for i in range(dd2)]
        l2sq = sum(ri * ri for ri in r)
        l1 = sum(abs(E[i][j] * X[j]) for i in range(dd2) for j in range(dd1))
        bad_line2 += l2sq > sum(r) ** 2
        bad_l1 += l2sq > l1 * l1
        bad_final += l1 > Fraction(tol * dd1 * dd2, K * K)
    info = {"d1": dd1, "d2": dd2, "instances": T}
    yield _mismatch_cmp(bad_line2, T, "||r||_2 > |sum_i r_i| (the chain's second line as printed: "
                                      "the l2 norm replaced by the absolute value of a sum)", info,
                        key="line 2 as printed")
    yield _mismatch_cmp(bad_l1, T, "||r||_2 > sum_{i,j} |e_ij x_j| (third line, l1 bound)", info,
                        key="line 3 (l1)")
    yield _mismatch_cmp(bad_final, T, "sum_{i,j} |e_ij x_j| > 2 Delta delta d1 d2", info,
                        key="final bound")


attach("unified.step_lemma8_b", SymbolicCheck(
    "substitution_delta", "substitution", 2 * Delta * delta * d1 * d2, eps,
    subs={delta: eps / (2 * d1 * d2 * Delta)}, doc="2 Delta delta d1 d2 = eps when delta = eps/(2 d1 d2 Delta)"))
attach("unified.step_lemma8_b", ComputedCheck(
    "chain_on_residuals", lemma8_chain_compute,
    grid=lambda: [{"k": 3, "Delta": 1, "d1": a_, "d2": b_, "instances": 300}
                  for a_, b_ in ((1, 2), (2, 2), (3, 2))],
    quick_grid=lambda: [{"k": 3, "Delta": 1, "d1": 2, "d2": 2, "instances": 50}]))
attach("unified.step_lemma1_5", SymbolicCheck(
    "substitution_delta", "substitution", 2 * Delta * delta, eps, subs={delta: eps / (2 * Delta)},
    doc="2 Delta delta = eps when delta = eps/(2 Delta)"))


# ============================================================ width tuples: Eq. (8), Eq. (10), Thm 3

def width_tuples(ell_max: int, d_max: int):
    for ell_ in range(1, ell_max + 1):
        yield from itertools.product(range(1, d_max + 1), repeat=ell_ + 1)


def eq8_compute(ctx) -> Iterator[Comparison]:
    """Lemma 8's error 2 Delta delta d_{i-1} d_i with Theorem 3's delta = eps/(2 Delta N_T) equals
    eps d_{i-1} d_i / N_T; Eq. (8) needs it < eps/(2l) for every layer. Ratio to eps exact."""
    ell_, dmax = int(ctx["ell"]), int(ctx["d_max"])
    worst, where, ok_tuples, total = None, None, 0, 0
    for ds in itertools.product(range(1, dmax + 1), repeat=ell_ + 1):
        NT = sum(ds[i] * ds[i + 1] for i in range(ell_))
        r = max(Fraction(ds[i] * ds[i + 1], NT) for i in range(ell_))
        total += 1
        ok_tuples += r < Fraction(1, 2 * ell_)
        if worst is None or r > worst or (r == worst and sum(ds) < sum(where)):
            worst, where = r, ds
    best_delta = "eps/(4 l Delta max_i d_{i-1} d_i)"
    yield Comparison({"widths": "-".join(map(str, where))}, worst, Fraction(1, 2 * ell_), "<",
                     label="max over width tuples and layers of (Lemma 8 error at Theorem 3's delta)/eps "
                           "= d_{i-1} d_i / N_T vs 1/(2l) (Eq. (8) needs every layer below eps/(2l))",
                     info={"tuples": total, "tuples_where_every_layer_satisfies_it": ok_tuples,
                           "delta_that_would_work": best_delta,
                           "note": "max_i d_{i-1} d_i >= N_T / l > N_T/(2l): never satisfied"})


attach("unified.eq8", ComputedCheck("delta_of_theorem3_per_layer", eq8_compute,
                                    grid=lambda: [{"ell": e, "d_max": 4} for e in (1, 2, 3)],
                                    quick_grid=lambda: [{"ell": 2, "d_max": 2}]))


def eq9_compute(ctx) -> Iterator[Comparison]:
    """||sigma(a) - sigma(b)||_2 <= ||a - b||_2 on random exact vectors (squares compared)."""
    rng = random.Random(ctx.seed)
    T, dim = int(ctx["instances"]), int(ctx["dim"])
    bad = 0
    for _ in range(T):
        A = [rand_x(rng) * 3 for _ in range(dim)]
        B = [rand_x(rng) * 3 for _ in range(dim)]
        bad += (sum((relu(s) - relu(t)) ** 2 for s, t in zip(A, B))
                > sum((s - t) ** 2 for s, t in zip(A, B)))
    yield _mismatch_cmp(bad, T, "||sigma(a) - sigma(b)|| > ||a - b||")


attach("unified.eq9", SymbolicCheck("case_both_nonnegative", "identity", sp.Max(0, p) - sp.Max(0, q), p - q,
                                    doc="a = p >= 0, b = q >= 0: sigma(a) - sigma(b) = a - b"))
attach("unified.eq9", SymbolicCheck("case_opposite_signs", "identity",
                                    (p + q) ** 2 - (sp.Max(0, p) - sp.Max(0, -q)) ** 2, q * (2 * p + q),
                                    doc="a = p >= 0 > b = -q: (a - b)^2 - (sigma(a) - sigma(b))^2 = "
                                        "q (2p + q) >= 0"))
attach("unified.eq9", SymbolicCheck("case_both_negative", "identity", sp.Max(0, -p) - sp.Max(0, -q), 0,
                                    doc="a, b < 0: sigma(a) - sigma(b) = 0; with the three cases, "
                                        "|sigma(a_i) - sigma(b_i)| <= |a_i - b_i| per component, "
                                        "hence in l2"))
attach("unified.eq9", ComputedCheck("random_exact_vectors", eq9_compute,
                                    grid={"dim": [1, 3, 8], "instances": [300]},
                                    quick_grid={"dim": [3], "instances": [50]}))


def union_sum_compute(ctx) -> Iterator[Comparison]:
    """sum_{i=0}^{l-1} 4 d_i d_{i+1} (Eq. (10)) vs 4 d^2 l (Theorem 3), d = max{d_1..d_l} (d_0
    excluded, Definition 2), on every tuple with d_i <= d_max; also with d_0 <= d, and with d_0
    included in the max."""
    ell_, dmax = int(ctx["ell"]), int(ctx["d_max"])
    rows = {"all tuples": (None, None), "tuples with d_0 <= d": (None, None),
            "d = max{d_0..d_l}": (None, None)}
    smallest = None
    for ds in itertools.product(range(1, dmax + 1), repeat=ell_ + 1):
        s = sum(4 * ds[i] * ds[i + 1] for i in range(ell_))
        dd = max(ds[1:])
        for key, dm, use in (("all tuples", dd, True), ("tuples with d_0 <= d", dd, ds[0] <= dd),
                             ("d = max{d_0..d_l}", max(ds), True)):
            if not use:
                continue
            gap = s - 4 * dm * dm * ell_
            if key == "all tuples" and gap > 0 and (smallest is None or sum(ds) < sum(smallest)):
                smallest = ds
            cur = rows[key]
            if cur[0] is None or gap > cur[0] or (gap == cur[0] and sum(ds) < sum(cur[1])):
                rows[key] = (gap, ds)
    for key, (gap, ds) in rows.items():
        yield Comparison({"tuples": key, "widths": "-".join(map(str, ds))}, gap, 0, "<=",
                         label=f"max over {key} (l = {ell_}, d_i <= {dmax}) of sum 4 d_i d_(i+1) - "
                               f"4 d^2 l", info={"worst_tuple": list(ds),
                                                 "smallest_counterexample": list(smallest or ())})


_union_check = lambda: ComputedCheck("union_bound_sum_vs_4d2l", union_sum_compute,
                                     grid=lambda: [{"ell": e, "d_max": 4} for e in (1, 2, 3)],
                                     quick_grid=lambda: [{"ell": 1, "d_max": 3}])
attach("unified.eq10", _union_check())
attach("unified.thm3", _union_check())


def thm3_eps_compute(ctx) -> Iterator[Comparison]:
    """(ii) delta must be both eps/(2 Delta N_T) and 2^-k: eps = 2 Delta N_T 2^-k, a discrete set.
    For each eps, the number of k >= 1 with 2 Delta N_T / 2^k = eps (exact) vs 'any eps in (0,1)'."""
    e = Fraction(ctx["eps"])
    D, NT = int(ctx["Delta"]), int(ctx["N_T"])
    sols = [k for k in range(1, 200) if Fraction(2 * D * NT, 1 << k) == e]
    admissible = [str(Fraction(2 * D * NT, 1 << k)) for k in range(1, 12)
                  if Fraction(2 * D * NT, 1 << k) < 1][:5]
    yield Comparison({}, len(sols), 1, ">=",
                     label="number of k with delta = eps/(2 Delta N_T) = 2^-k (Theorem 3 needs both; "
                           "it says 'eps any real number in (0,1)')",
                     info={"k": sols, "largest_admissible_eps": admissible})


attach("unified.thm3", ComputedCheck("eps_and_dyadic_delta", thm3_eps_compute,
                                     grid={"eps": [Fraction(1, 2), Fraction(3, 10), Fraction(1, 3),
                                                   Fraction(3, 4)], "Delta": [1, 3], "N_T": [1, 5]},
                                     quick_grid={"eps": [Fraction(1, 2), Fraction(3, 10)], "Delta": [1],
                                                 "N_T": [1]}))


# ============================================================ Theorem 3, final bound

attach("unified.step_thm3_final", SymbolicCheck(
    "geometric_sum", "identity", sp.Sum((1 + a) ** (i_ - 1) * a, (i_, 1, ell)).doit(), (1 + a) ** ell - 1,
    doc="sum_{i=1}^l (1 + a)^(i-1) a = (1 + a)^l - 1 (a = eps/(2l))"))
attach("unified.step_thm3_final", CertifyCheck(
    "one_plus_a_over_l_pow_l_lt_exp_a", sp.log(1 + u), u, "<", {"u": (0, sp.Rational(1, 2))},
    options={"open": {"u": "lo"}},
    doc="(1 + a/l)^l < e^a  <=>  l log(1 + a/l) < a  <=>  log(1 + u) < u with u = a/l in (0, 1/2] "
        "(a = eps/2 < 1/2, l >= 1)"))
attach("unified.step_thm3_final", CertifyCheck(
    "exp_half_eps_minus_1_lt_eps", sp.exp(eps / 2) - 1, eps, "<", {"epsilon": (0, 1)},
    options={"open": {"epsilon": "lo"}}, doc="e^(eps/2) - 1 < eps on (0, 1)"))


# ============================================================ Theorem 2 as used in Lemma 1

def units_compute(ctx) -> Iterator[Comparison]:
    """Mapping of Theorem 2 onto Lemma 1 (grid unit delta^2, M = 1/delta^2, tolerance Delta/delta
    units): its factor log((M+1)/(tol+1)) vs Eq. (4)'s log((1/delta+1)/(Delta+1)); Theorem 2's
    domain tol <= M."""
    k, D = int(ctx["k"]), int(ctx["Delta"])
    K = 1 << k
    ratio = Fraction((K * K + 1) * (D + 1), (D * K + 1) * (K + 1))
    diff = evaluate(sp.log(sp.Rational(ratio.numerator, ratio.denominator)), {})
    info = {"grid_unit": "delta^2", "M": K * K, "targets": f"w = j/delta units, j = -{K}..{K}",
            "tolerance_units": D * K, "strict": "< Delta delta = at most Delta/delta - 1 units",
            "ratio_of_arguments": str(ratio)}
    yield Comparison({"side": "lower"}, ratio, 1, ">=",
                     label="(M+1)/(tol+1) with M = 1/delta^2, tol = Delta/delta, divided by "
                           "(1/delta+1)/(Delta+1): the delta^2-unit factor is not smaller", info=info)
    yield Comparison({"side": "upper"}, diff, evaluate(sp.log(2), {}), "<=",
                     label="log((M+1)/(tol+1)) - log((1/delta+1)/(Delta+1)) vs log 2: the two "
                           "readings of the factor differ by at most an additive log 2", info=info)
    yield Comparison({"side": "domain"}, D * K, K * K, "<=",
                     label="Theorem 2's tolerance Delta/delta (delta^2 units) vs its M = 1/delta^2 "
                           "(Theorem 2 needs Delta <= M)", info=info)


attach("unified.thm2.as_used_in_lemma1", ComputedCheck(
    "unit_mapping", units_compute,
    grid=lambda: [{"k": k, "Delta": D} for k in range(1, 11) for D in range(1, (1 << k) // 2 + 1)
                  if D <= 8],
    quick_grid=lambda: [{"k": 3, "Delta": D} for D in (1, 3)]))


# ============================================================ Definition 2 (network class)

def _net_eval(Ws, X):
    """W_l sigma(W_{l-1} ... sigma(W_1 x)) (Eq. (3)), exact."""
    h = X
    for idx, W in enumerate(Ws):
        z = [sum(W[r][c] * h[c] for c in range(len(h))) for r in range(len(W))]
        h = z if idx == len(Ws) - 1 else [relu(v) for v in z]
    return h


def def10_compute(ctx) -> Iterator[Comparison]:
    """Random 2l-layer networks g with weights in S_delta and random masks S_i (exact): every
    pruned weight S_i . M_i lies in S_delta (0 is in S_delta), so g_hat is itself a delta-quantized
    network of the class of Eq. (3); all-ones masks give g_hat = g."""
    rng = random.Random(ctx.seed)
    K, T = 1 << int(ctx["k"]), int(ctx["instances"])
    widths = [int(v) for v in str(ctx["widths"]).split("-")]
    grid = {Fraction(j, K) for j in range(-K, K + 1)}
    outside = mismatch = 0
    for _ in range(T):
        Ms = [[[s_delta(rng, K) for _ in range(widths[i])] for _ in range(widths[i + 1])]
              for i in range(len(widths) - 1)]
        Ss = [[[rng.randint(0, 1) for _ in row] for row in Mi] for Mi in Ms]
        pruned = [[[s * m for s, m in zip(srow, mrow)] for srow, mrow in zip(Si, Mi)]
                  for Si, Mi in zip(Ss, Ms)]
        outside += sum(1 for Pi in pruned for row in Pi for w in row if w not in grid)
        X = [rand_x(rng) for _ in range(widths[0])]
        ones = [[[1 * m for m in mrow] for mrow in Mi] for Mi in Ms]
        mismatch += _net_eval(ones, X) != _net_eval(Ms, X)
    yield _mismatch_cmp(outside, T, "a pruned weight S_i . M_i is not in S_delta (weights counted)",
                        {"widths": widths}, key="pruned weights in S_delta")
    yield _mismatch_cmp(mismatch, T, "g_hat with all-ones masks differs from g at a random x",
                        {"widths": widths}, key="all-ones masks")


attach("unified.def10", ComputedCheck("pruned_network_in_class", def10_compute,
                                      grid=lambda: [{"k": k, "widths": w, "instances": 40}
                                                    for k in (1, 3) for w in ("2-3-1", "3-4-4-2")],
                                      quick_grid=lambda: [{"k": 2, "widths": "2-3-1", "instances": 10}]))
