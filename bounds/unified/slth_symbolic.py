"""Symbolic and arithmetic steps of `unified` §4 / App. D (claims.md §1.2), attached to the ids
registered in :mod:`bounds.unified.slth`.

Identities are checked twice: by sympy (``SymbolicCheck``) and on random explicit weights in
S_delta with exact rationals (``ComputedCheck``: the number of mismatches is compared with 0).
Real inequalities are certified by the arb engine (``CertifyCheck``). The arithmetic of the union
bound (Eq. (10)) and of the per-layer error (Eq. (8)) is enumerated on integer width tuples
d_0..d_l.

Every judged check can fail: a coefficient or constant the statement prints (the 1 in front of a
term of an identity, the Lipschitz constant 1, the 2 of 2 Delta delta, ...) is a declared constant,
substituted by the engines or read through ``ctx.constant``, and a falsifier scales it by 2 or 1/2
(design.md, "Verdicts"). Where a proof step uses more than what it cites, a :class:`GapCheck` keeps
the cited step (``implication``) and the form the proof uses (``used``) apart; both parts carry the
gap check's name, so that they see the same draws and the replay command (``--check NAME``) runs
them.
"""
from __future__ import annotations

import itertools
import math
import random
from bisect import bisect_left
from fractions import Fraction
from functools import lru_cache
from typing import Iterator

import sympy as sp

from ticketcheck.arb_eval import evaluate
from ticketcheck.bounds.claim import (CertifyCheck, Comparison, ComputedCheck, Falsifier, GapCheck,
                                      SymbolicCheck)
from ticketcheck.bounds.registry import attach

# positive symbols (the symbolic engine treats free symbols as positive reals by default)
eps, delta, Delta, M, a, u, y, p, q, x = sp.symbols("epsilon delta Delta M a u y p q x", positive=True)
d, d1, d2 = sp.symbols("d d1 d2", positive=True)
i_, ell = sp.symbols("i ell", positive=True, integer=True)
FACTOR = sp.log((1 / delta + 1) / (Delta + 1))        # Eq. (4), the overparameterization factor

#: printed constants of the statements, declared so that a falsifier can scale them
c_one = sp.Symbol("c_1", positive=True)       # a printed 1 (the coefficient of a term, the +1 of M+1)
c_two = sp.Symbol("c_2", positive=True)       # a printed 2 (the 2 of 2 Delta delta)
c_err = sp.Symbol("c_eps", positive=True)     # §4.1 (a): an error eps corresponds to c_eps Delta delta
c_half = sp.Symbol("c_half", positive=True)   # the 1/2 of e^(eps/2)
ONE = {c_one: 1}
ONE_DOUBLED = (Falsifier.scale("c_1", 2, doc="the printed coefficient 1 doubled: the identity fails"),)
#: the statements' domains, where the engines look for a counterexample (eps in (0, 1), delta <= 1/2)
EPS_DOMAIN = {"domain": {"epsilon": (0, 1), "delta": (0, sp.Rational(1, 2)), "Delta": (1, 8)}}


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
    2 Delta delta N_T < 1, i.e. Delta < K/2 with K = 1/delta): reported (no constant of Eq. (4)
    scaled by 2 makes it non-positive there)."""
    k = int(ctx["k"])
    K = 1 << k
    worst = min(Fraction(K + 1, D + 1) for D in range(1, max(2, (K + 1) // 2)))
    yield Comparison({"Delta": f"1..{max(1, (K - 1) // 2)}"}, worst, 1, "report",
                     label="smallest (1/delta + 1)/(Delta + 1) over Delta < 1/(2 delta) vs 1: the "
                           "overparameterization factor is positive on Theorem 3's domain",
                     lhs_tex=r"\min_{\Delta<1/(2\delta)}\frac{1/\delta+1}{\Delta+1}", rhs_tex="1",
                     info={"factor_zero_or_negative_from_Delta": K})


attach("unified.def11", SymbolicCheck(
    "theorem2_factor_at_M_1_over_delta", "substitution", sp.log((M + 1) / (Delta + 1)),
    sp.log((1 / delta + c_one) / (Delta + 1)), subs={M: 1 / delta}, constants=ONE,
    falsifiers=ONE_DOUBLED, options=EPS_DOMAIN,
    doc="Theorem 2's log((M+1)/(Delta+1)) with M = 1/delta is Eq. (4) (c_1: the printed +1 of "
        "1/delta + 1)"))
attach("unified.def11", ComputedCheck("positive_on_theorem3_domain", def11_compute,
                                      grid={"k": list(range(1, 13))}, quick_grid={"k": [3]}))

attach("unified.eq4", SymbolicCheck(
    "b_substitution", "identity", FACTOR.subs(Delta, eps / (c_err * delta)),
    sp.log((1 + delta) / (eps + delta)), constants={c_err: 1}, options=EPS_DOMAIN,
    falsifiers=(Falsifier.scale("c_eps", 2, doc="c_eps = 2 is Lemma 1's relation eps = 2 Delta delta: "
                                                "the substitution then gives log(2(1+delta)/(eps+2 delta))"),),
    doc="(b): with (a)'s Delta delta = eps, log((1/delta+1)/(Delta+1)) = log((1+delta)/(eps+delta)) "
        "(c_eps: the factor of (a), eps = c_eps Delta delta, printed 1)"))
attach("unified.eq4", SymbolicCheck(
    "c_limit", "limit", sp.log((1 + delta) / (eps + delta)), sp.log(c_one / eps), var=delta, point=0,
    constants=ONE, falsifiers=ONE_DOUBLED, options=EPS_DOMAIN,
    doc="(c): delta -> 0+ gives log(1/eps) (c_1: the printed 1 of 1/eps)"))


@lru_cache(maxsize=None)
def _limit_with_lemma1_relation():
    """lim_{delta -> 0+} of Eq. (4) with Lemma 1's relation eps = 2 Delta delta (sympy)."""
    return sp.limit(FACTOR.subs(Delta, eps / (2 * delta)), delta, 0, "+")


def eq4_lemma1_limit(ctx) -> Iterator[Comparison]:
    """(a) says an error eps corresponds to Delta delta; Lemma 1 sets eps = 2 Delta delta (Theorem 3:
    2 Delta N_T delta). With Lemma 1's relation the limit of Eq. (4) is log(2/eps), an additive
    log 2 from (c)'s log(1/eps). Two printed relations of the paper are not reconciled: reported."""
    e = Fraction(ctx["eps"])
    lim = _limit_with_lemma1_relation()
    yield Comparison({}, evaluate(lim, {"epsilon": e}), evaluate(sp.log(1 / eps), {"epsilon": e}),
                     "report",
                     label="limit delta -> 0 of Eq. (4) with Lemma 1's eps = 2 Delta delta vs (c)'s "
                           "log(1/eps), which uses (a)'s eps = Delta delta",
                     lhs_tex=r"\lim_{\delta\to0}\log\frac{1/\delta+1}{\epsilon/(2\delta)+1}",
                     rhs_tex=r"\log\frac1\epsilon", info={"limit": sp.sstr(lim)})


attach("unified.eq4", ComputedCheck(
    "c_limit_with_lemma1_relation", eq4_lemma1_limit,
    grid={"eps": [Fraction(1, 2), Fraction(1, 10)]}, quick_grid={"eps": [Fraction(1, 2)]}))
attach("unified.eq4", SymbolicCheck(
    "d_substitution", "substitution", FACTOR, sp.log(1 / delta + c_one), subs={Delta: 0},
    constants=ONE, falsifiers=ONE_DOUBLED, options=EPS_DOMAIN,
    doc="(d): Delta = 0 gives log(1/delta + 1) (c_1: the printed + 1)"))

_RESULT_TEX = {"unified.thm3": "Theorem 3", "unified.lemma1": "Lemma 1", "unified.lemma7": "Lemma 7",
               "unified.lemma8": "Lemma 8", "unified.thm2": "Theorem 2"}


def eq4_domain(ctx) -> Iterator[Comparison]:
    """(d) Delta = 0 against the domains of the formal results as encoded (Theorem 3 and Lemmas
    1, 7, 8: Delta in Z^+ and delta = eps/(2 Delta ...); Theorem 2: Delta in {0..M}): a yes/no fact
    per result."""
    import dataclasses

    from ticketcheck.bounds.unified._common import exact_case_comparisons
    for c in exact_case_comparisons({"Delta": 0}):
        name = _RESULT_TEX.get(c.params.get("result"), c.params.get("result"))
        yield dataclasses.replace(
            c, kind="fact",
            label=f"Delta = 0 (exact representation, §4.1 (d)) lies inside the hypotheses of {name} "
                  f"and its delta is defined there")


attach("unified.eq4", ComputedCheck("d_domain", eq4_domain, grid=lambda: [{}],
                                    falsifiers=(Falsifier.tighten(doc="the fact fails as printed"),)))


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
           + c_one * sum(dd[i] * s[2 + i] * sp.Max(0, c[i] * t[2 + i] * x) for i in range(2)))
    return lhs, rhs


def lemma1_dec_compute(ctx) -> Iterator[Comparison]:
    """(v.s)^T sigma((u.s') x) = (b.s1)^T sigma(a.s1' x) + (d.s2)^T sigma(c.s2' x) and
    w x = sigma(w x) - sigma(-w x) on random v, u in S_delta^{2n}, masks, x (exact); ``c_1`` is the
    printed coefficient 1 of the second term of each identity."""
    rng = random.Random(ctx.seed)
    K, n, T = 1 << int(ctx["k"]), int(ctx["n"]), int(ctx["instances"])
    c = ctx.constant("c_1")
    bad_dec = bad_relu = 0
    for _ in range(T):
        v = [s_delta(rng, K) for _ in range(2 * n)]
        uu = [s_delta(rng, K) for _ in range(2 * n)]
        s = [rng.randint(0, 1) for _ in range(2 * n)]
        sp_ = [rng.randint(0, 1) for _ in range(2 * n)]
        xv, w = rand_x(rng), s_delta(rng, K)
        lhs = sum(v[i] * s[i] * relu(uu[i] * sp_[i] * xv) for i in range(2 * n))
        rhs = (sum(v[i] * s[i] * relu(uu[i] * sp_[i] * xv) for i in range(n))
               + c * sum(v[n + i] * s[n + i] * relu(uu[n + i] * sp_[n + i] * xv) for i in range(n)))
        bad_dec += lhs != rhs
        bad_relu += w * xv != relu(w * xv) - c * relu(-w * xv)
    yield _mismatch_cmp(bad_dec, T, "the split into the [a; c], [b; d] halves differs", key="split")
    yield _mismatch_cmp(bad_relu, T, "w x != sigma(w x) - sigma(-w x)", key="relu identity")


_l1l, _l1r = _lemma1_dec_sym()
attach("unified.step_lemma1_dec", SymbolicCheck("sympy_split", "identity", _l1l, _l1r, constants=ONE,
                                                falsifiers=ONE_DOUBLED,
                                                doc="n = 2: the sum over [a; c] splits into the halves"))
attach("unified.step_lemma1_dec", SymbolicCheck("relu_identity_wx_positive", "identity",
                                                sp.Max(0, y) - sp.Max(0, -y), c_one * y, constants=ONE,
                                                falsifiers=ONE_DOUBLED,
                                                doc="w x = y > 0: sigma(y) - sigma(-y) = y"))
attach("unified.step_lemma1_dec", SymbolicCheck("relu_identity_wx_negative", "identity",
                                                sp.Max(0, -y) - sp.Max(0, y), -c_one * y, constants=ONE,
                                                falsifiers=ONE_DOUBLED,
                                                doc="w x = -y < 0: sigma(-y) - sigma(y) = -y"))
attach("unified.step_lemma1_dec", ComputedCheck(
    "random_exact_instances", lemma1_dec_compute,
    grid=lambda: [{"k": k, "n": n, "instances": 300} for k, n in ((2, 3), (3, 8), (4, 16))],
    quick_grid=lambda: [{"k": 3, "n": 4, "instances": 50}], constants={"c_1": 1},
    falsifiers=ONE_DOUBLED))


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
    block-diagonal matrix vs the blockwise sums sum_j (s_{i,j}.v_{i,j})^T sigma(u_j x_j) (exact;
    ``c_1`` is the printed coefficient 1 of the blockwise sum)."""
    rng = random.Random(ctx.seed)
    K, n, T = 1 << int(ctx["k"]), int(ctx["n"]), int(ctx["instances"])
    d_in, d_out = int(ctx["d_in"]), int(ctx["d_out"])
    c = ctx.constant("c_1")
    bad = 0
    for _ in range(T):
        U, V, S, X = _layer_instance(rng, K, d_in, d_out, n)
        h = _block_diag_product(U, X, n)
        for i in range(d_out):
            full = sum(S[i][j][r] * V[i][j][r] * h[j * n + r] for j in range(d_in) for r in range(n))
            blocks = sum(sum(S[i][j][r] * V[i][j][r] * relu(U[j][r] * X[j]) for r in range(n))
                         for j in range(d_in))
            bad += full != c * blocks
    yield _mismatch_cmp(bad, T * d_out, "an output of the full product differs from the blockwise sum")


def _sym_layer(d_in, d_out):
    uu = [sp.Symbol(f"u{j}") for j in range(d_in)]
    xs = [sp.Symbol(f"x{j}") for j in range(d_in)]
    Mp = sp.Matrix(d_in, d_in, lambda r, c: uu[r] if r == c else 0)     # n = 1 unit per block
    h = (Mp * sp.Matrix(xs)).applyfunc(lambda e: sp.Max(0, e))
    V = sp.Matrix(d_out, d_in, lambda i, j: sp.Symbol(f"v{i}_{j}") * sp.Symbol(f"s{i}_{j}"))
    full = V * h
    blocks = sp.Matrix(d_out, 1, lambda i, _: sum(V[i, j] * sp.Max(0, uu[j] * xs[j]) for j in range(d_in)))
    return sum((full - c_one * blocks).applyfunc(sp.expand)), sp.Integer(0)


_dg = lambda d_out: (lambda: [{"k": 4, "n": n, "d_in": di, "d_out": d_out, "instances": 100}
                              for n, di in ((2, 2), (3, 3), (4, 2))])
_dq = lambda d_out: (lambda: [{"k": 4, "n": 2, "d_in": 2, "d_out": d_out, "instances": 20}])
attach("unified.step_lemma7_a", SymbolicCheck("sympy_block_diag", "identity", *_sym_layer(3, 1),
                                              constants=ONE, falsifiers=ONE_DOUBLED,
                                              doc="d = 3 blocks of one unit: (s.v)^T sigma(M' x) = "
                                                  "sum_i (s_i.v_i)^T sigma(u_i x_i)"))
attach("unified.step_lemma7_a", ComputedCheck("random_exact_instances", layer_dec_compute,
                                              grid=_dg(1), quick_grid=_dq(1), constants={"c_1": 1},
                                              falsifiers=ONE_DOUBLED))
attach("unified.step_lemma8_a", SymbolicCheck("sympy_block_diag", "identity", *_sym_layer(2, 3),
                                              constants=ONE, falsifiers=ONE_DOUBLED,
                                              doc="d1 = 2, d2 = 3, one unit per block"))
attach("unified.step_lemma8_a", ComputedCheck("random_exact_instances", layer_dec_compute,
                                              grid=lambda: [{"k": 4, "n": n, "d_in": di, "d_out": do,
                                                             "instances": 60}
                                                            for n, di, do in ((2, 2, 2), (3, 2, 3),
                                                                              (2, 3, 2))],
                                              quick_grid=_dq(2), constants={"c_1": 1},
                                              falsifiers=ONE_DOUBLED))


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


@lru_cache(maxsize=64)
def _block_errors_on_E(seed: int, k: int, D: int, n: int, T: int) -> tuple[list, dict]:
    """Draws of one block of n units (u, v in S_delta^n, exact, units delta^2): the best error for
    target w is max(dist(w, A), dist(w, B)), A / B the subset sums of {v_i u_i : u_i > 0 / < 0}
    (slopes for x > 0 / x < 0). e_S = sup over w in S_delta (event E_i: e_S <= Delta delta), e_I =
    sup over real |w| <= 1. Returns the (e_S, e_I) of the draws on E_i and a summary (cached: the
    two parts of the gap check and its falsifier read the same draws; do not modify)."""
    rng = random.Random(seed)
    K = 1 << k
    K2 = K * K
    on_E = []
    for _ in range(T):
        uu = [rng.randint(-K, K) for _ in range(n)]
        vv = [rng.randint(-K, K) for _ in range(n)]
        A = _subset_sums([vi * ui for vi, ui in zip(vv, uu) if ui > 0])
        B = _subset_sums([vi * ui for vi, ui in zip(vv, uu) if ui < 0])
        e_S = max(max(_dist(A, j * K), _dist(B, j * K)) for j in range(-K, K + 1))
        if e_S <= D * K:
            on_E.append((e_S, max(_sup_dist(A, -K2, K2), _sup_dist(B, -K2, K2))))
    info = {"draws": T, "draws_on_E_i": len(on_E), "units": "delta^2", "block_units": n,
            "max_e_I_over_Delta_delta": float(max((e for _, e in on_E), default=0) / (D * K)),
            "max_e_S_over_Delta_delta": float(max((e for e, _ in on_E), default=0) / (D * K))}
    return on_E, info


def _no_draw_on_E(info) -> Comparison:
    return Comparison({}, None, 0, "==", label="no draw on the event E_i: nothing to compare", info=info)


def lemma7_equality(ctx) -> Iterator[Comparison]:
    """The chain's '=' switches the sup over w_i from S_delta (where the event E_i bounds the
    error) to |w_i| <= 1: the number of draws on E_i where the two sups differ, vs 0."""
    k, D, n, T = int(ctx["k"]), int(ctx["Delta"]), int(ctx["n"]), int(ctx["draws"])
    on_E, info = _block_errors_on_E(ctx.seed, k, D, n, T)
    if not on_E:
        yield _no_draw_on_E(info)
        return
    yield Comparison({}, sum(e_S != e_I for e_S, e_I in on_E), 0, "==",
                     label="draws on E_i where the largest error over real |w| <= 1 differs from the "
                           "largest error over w in S_delta (the chain writes them as equal)",
                     lhs_tex=r"\#\{\text{draws on }E_i:\ \sup_{|w|\le1}\inf_{\mathbf s}\sup_{|x|\le1}"
                             r"|wx-\hat g(x)|\ne\sup_{w\in S_\delta}\inf_{\mathbf s}\sup_{|x|\le1}"
                             r"|wx-\hat g(x)|\}",
                     rhs_tex="0", info=info)


def lemma7_interval_bound(ctx) -> Iterator[Comparison]:
    """What the chain uses: on E_i, sup over real |w| <= 1 of the block's error <= 2 Delta delta
    (``bound_factor``: the printed 2). True (a real w is within delta/2 of S_delta), although E_i
    only bounds the error on S_delta by Delta delta."""
    k, D, n, T = int(ctx["k"]), int(ctx["Delta"]), int(ctx["n"]), int(ctx["draws"])
    on_E, info = _block_errors_on_E(ctx.seed, k, D, n, T)
    if not on_E:
        yield _no_draw_on_E(info)
        return
    K = 1 << k
    yield Comparison({}, max(e_I for _, e_I in on_E), ctx.constant("bound_factor") * D * K, "<=",
                     label="largest error over real |w| <= 1 (delta^2 units) over the draws on E_i "
                           "vs 2 Delta delta, the chain's next bound",
                     lhs_tex=r"\max_{\text{draws on }E_i}\sup_{|w|\le1}\inf_{\mathbf s}\sup_{|x|\le1}"
                             r"|wx-\hat g(x)|",
                     rhs_tex=r"2\Delta\delta", info=info)


def _substitution_of_delta(claim_id: str, error_over_2, delta_value, doc: str) -> None:
    """'2 (...) delta = eps when delta = ...' as a substitution; c_2 is the printed 2."""
    attach(claim_id, SymbolicCheck(
        "substitution_delta", "substitution", c_two * error_over_2, eps, subs={delta: delta_value},
        constants={c_two: 2}, options=EPS_DOMAIN, falsifiers=(Falsifier.scale("c_2", Fraction(1, 2)),),
        doc=doc + " (c_2: the printed 2)"))


def _chain_gap(claim_id: str, name: str, cited, used, grid, quick, factor: str, falsifier_doc: str,
               doc: str) -> None:
    """A chain line that its justification does not give (``cited``, judged without falsifier) and
    the bound the chain goes on to use (``used``, whose printed factor 2 is ``factor``), on the same
    grid and, sharing the name, the same draws."""
    def pts(g):
        return lambda: [dict(p) for p in g]
    attach(claim_id, GapCheck(
        name, implication=ComputedCheck(name, cited, grid=pts(grid), quick_grid=pts(quick)),
        used=ComputedCheck(name, used, grid=pts(grid), quick_grid=pts(quick), constants={factor: 2},
                           falsifiers=(Falsifier.scale(factor, Fraction(1, 2), doc=falsifier_doc),)),
        doc=doc))


#: narrow blocks (n = 12, 16: about 1% of the draws lie on E_i with an interval error above
#: Delta delta, so 800 draws reach that regime whatever the seed) and wide ones (dense subset sums)
_L7_GRID = [{"k": 2, "Delta": 1, "n": 12, "draws": 800}, {"k": 2, "Delta": 1, "n": 24, "draws": 40},
            {"k": 3, "Delta": 1, "n": 16, "draws": 800}, {"k": 3, "Delta": 1, "n": 32, "draws": 40}]
_L7_QUICK = [{"k": 2, "Delta": 1, "n": 12, "draws": 800}]
_substitution_of_delta("unified.step_lemma7_c", d * Delta * delta, eps / (2 * d * Delta),
                       "2 d Delta delta = eps when delta = eps/(2 d Delta)")
_chain_gap("unified.step_lemma7_c", "sup_over_S_delta_vs_interval", lemma7_equality, lemma7_interval_bound,
           _L7_GRID, _L7_QUICK, "bound_factor",
           "Delta delta instead of 2 Delta delta: on E_i the interval error reaches 1.5 Delta delta",
           "E_i bounds the error for w in S_delta only; the chain writes the sup over |w_i| <= 1 as "
           "equal to it, then bounds it by 2 Delta delta 'by definition of E'")


def _residual_instances(ctx):
    """Lemma 8's chain on residuals r_i = sum_j e_{i,j} x_j with per-weight errors |e_{i,j}| <=
    2 Delta delta (E_{i,j}'s tolerance, delta^2 grid) and ||x||_inf <= 1 (exact)."""
    rng = random.Random(ctx.seed)
    k, D, T = int(ctx["k"]), int(ctx["Delta"]), int(ctx["instances"])
    dd1, dd2 = int(ctx["d1"]), int(ctx["d2"])
    K = 1 << k
    tol = 2 * D * K                       # 2 Delta delta in delta^2 units (E_{i,j})
    for _ in range(T):
        E = [[Fraction(rng.randint(-tol, tol), K * K) for _ in range(dd1)] for _ in range(dd2)]
        X = [rand_x(rng) for _ in range(dd1)]
        r = [sum(E[i][j] * X[j] for j in range(dd1)) for i in range(dd2)]
        l1 = sum(abs(E[i][j] * X[j]) for i in range(dd2) for j in range(dd1))
        yield r, l1


def lemma8_line2(ctx) -> Iterator[Comparison]:
    """The chain's second line as printed: ||r||_2 <= |sum_i r_i| (the l2 norm of the d2 output
    residuals replaced by the absolute value of their sum)."""
    T = int(ctx["instances"])
    bad = sum(sum(ri * ri for ri in r) > sum(r) ** 2 for r, _ in _residual_instances(ctx))
    yield _mismatch_cmp(bad, T, "||r||_2 > |sum_i r_i| (the chain's second line as printed)",
                        {"d1": int(ctx["d1"]), "d2": int(ctx["d2"]), "instances": T},
                        key="line 2 as printed")


def lemma8_used_bound(ctx) -> Iterator[Comparison]:
    """What the chain uses: ||r||_2 <= sum_{i,j} |e_ij x_j| (third line) <= 2 Delta delta d1 d2
    (``final_factor``: the printed 2)."""
    k, D, T = int(ctx["k"]), int(ctx["Delta"]), int(ctx["instances"])
    dd1, dd2 = int(ctx["d1"]), int(ctx["d2"])
    K = 1 << k
    final = ctx.constant("final_factor") * Fraction(D * dd1 * dd2, K)
    bad_l1 = bad_final = 0
    for r, l1 in _residual_instances(ctx):
        bad_l1 += sum(ri * ri for ri in r) > l1 * l1
        bad_final += l1 > final
    info = {"d1": dd1, "d2": dd2, "instances": T}
    yield _mismatch_cmp(bad_l1, T, "||r||_2 > sum_{i,j} |e_ij x_j| (third line, l1 bound)", info,
                        key="line 3 (l1)")
    yield _mismatch_cmp(bad_final, T, "sum_{i,j} |e_ij x_j| > 2 Delta delta d1 d2", info,
                        key="final bound")


_L8_GRID = [{"k": 4, "Delta": 1, "d1": a_, "d2": b_, "instances": 300} for a_, b_ in ((1, 2), (2, 2), (3, 2))]
_L8_QUICK = [{"k": 4, "Delta": 1, "d1": 2, "d2": 2, "instances": 50}]
_substitution_of_delta("unified.step_lemma8_b", Delta * delta * d1 * d2, eps / (2 * d1 * d2 * Delta),
                       "2 Delta delta d1 d2 = eps when delta = eps/(2 d1 d2 Delta)")
_chain_gap("unified.step_lemma8_b", "chain_on_residuals", lemma8_line2, lemma8_used_bound, _L8_GRID,
           _L8_QUICK, "final_factor", "Delta delta d1 d2 instead of 2 Delta delta d1 d2",
           "the second line as printed (|sum_i r_i| in place of the norm) is false; the bound the chain "
           "goes on to use (||r||_2 <= sum |e_ij x_j| <= 2 Delta delta d1 d2) is true")
_substitution_of_delta("unified.step_lemma1_5", Delta * delta, eps / (2 * Delta),
                       "2 Delta delta = eps when delta = eps/(2 Delta)")


# ============================================================ width tuples: Eq. (8), Eq. (10)

def width_tuples(ell_max: int, d_max: int):
    for ell_ in range(1, ell_max + 1):
        yield from itertools.product(range(1, d_max + 1), repeat=ell_ + 1)


def eq8_compute(ctx) -> Iterator[Comparison]:
    """Lemma 8's error 2 Delta delta d_{i-1} d_i with Theorem 3's delta = eps/(2 Delta N_T) equals
    eps d_{i-1} d_i / N_T; Eq. (8) needs it <= eps/(2l) for every layer (Lemma 8's strict '<' then
    gives Eq. (8)'s '<'). Ratio to eps exact."""
    ell_, dmax = int(ctx["ell"]), int(ctx["d_max"])
    worst, where, ok_tuples, total = None, None, 0, 0
    for ds in itertools.product(range(1, dmax + 1), repeat=ell_ + 1):
        NT = sum(ds[i] * ds[i + 1] for i in range(ell_))
        r = max(Fraction(ds[i] * ds[i + 1], NT) for i in range(ell_))
        total += 1
        ok_tuples += r <= Fraction(1, 2 * ell_)
        if worst is None or r > worst or (r == worst and sum(ds) < sum(where)):
            worst, where = r, ds
    best_delta = "eps/(4 l Delta max_i d_{i-1} d_i)"
    yield Comparison({"widths": "-".join(map(str, where))}, worst, Fraction(1, 2 * ell_), "<=",
                     label="largest ratio over width tuples and layers of Lemma 8's error bound at "
                           "Theorem 3's delta to eps (= d_{i-1} d_i / N_T) vs 1/(2l): Eq. (8) needs "
                           "every layer within eps/(2l)",
                     lhs_tex=r"\max_i\frac{2\Delta\delta d_{i-1}d_i}{\varepsilon}\Big|_{\delta="
                             r"\varepsilon/(2\Delta N_T)}=\max_i\frac{d_{i-1}d_i}{N_T}",
                     rhs_tex=r"\frac{1}{2\ell}",
                     info={"tuples": total, "tuples_where_every_layer_satisfies_it": ok_tuples,
                           "delta_that_would_work": best_delta,
                           "note": "max_i d_{i-1} d_i >= N_T / l > N_T/(2l): never satisfied"})


attach("unified.eq8", ComputedCheck("delta_of_theorem3_per_layer", eq8_compute,
                                    grid=lambda: [{"ell": e, "d_max": 4} for e in (1, 2, 3)],
                                    quick_grid=lambda: [{"ell": 2, "d_max": 2}],
                                    falsifiers=(Falsifier.tighten(doc="violated as printed"),)))


def eq9_compute(ctx) -> Iterator[Comparison]:
    """||sigma(a) - sigma(b)||_2 <= L ||a - b||_2 on random exact vectors (squares compared; ``L``
    is the Lipschitz constant 1 the step uses)."""
    rng = random.Random(ctx.seed)
    T, dim = int(ctx["instances"]), int(ctx["dim"])
    lip = Fraction(ctx.constant("L"))
    bad = 0
    for _ in range(T):
        A = [rand_x(rng) * 3 for _ in range(dim)]
        B = [rand_x(rng) * 3 for _ in range(dim)]
        bad += (sum((relu(s) - relu(t)) ** 2 for s, t in zip(A, B))
                > lip * lip * sum((s - t) ** 2 for s, t in zip(A, B)))
    yield _mismatch_cmp(bad, T, "||sigma(a) - sigma(b)|| > ||a - b||")


_HALF_L = (Falsifier.scale("L", Fraction(1, 2), doc="ReLU is not 1/2-Lipschitz"),)
attach("unified.eq9", SymbolicCheck("case_both_nonnegative", "identity", sp.Max(0, p) - sp.Max(0, q),
                                    c_one * (p - q), constants=ONE, falsifiers=ONE_DOUBLED,
                                    doc="a = p >= 0, b = q >= 0: sigma(a) - sigma(b) = a - b"))
attach("unified.eq9", SymbolicCheck("case_opposite_signs", "identity",
                                    (p + q) ** 2 - (sp.Max(0, p) - sp.Max(0, -q)) ** 2, c_one * q * (2 * p + q),
                                    constants=ONE, falsifiers=ONE_DOUBLED,
                                    doc="a = p >= 0 > b = -q: (a - b)^2 - (sigma(a) - sigma(b))^2 = "
                                        "q (2p + q) >= 0"))
attach("unified.eq9", SymbolicCheck("case_both_negative", "identity",
                                    sp.Max(0, -p) - sp.Max(0, -q) + c_one * (p - q), p - q,
                                    constants=ONE, falsifiers=ONE_DOUBLED,
                                    doc="a, b < 0: sigma(a) - sigma(b) = 0; with the three cases, "
                                        "|sigma(a_i) - sigma(b_i)| <= |a_i - b_i| per component, "
                                        "hence in l2"))
attach("unified.eq9", ComputedCheck("random_exact_vectors", eq9_compute,
                                    grid={"dim": [1, 3, 8], "instances": [300]},
                                    quick_grid={"dim": [3], "instances": [50]}, constants={"L": 1},
                                    falsifiers=_HALF_L))


def union_sum_compute(ctx) -> Iterator[Comparison]:
    """sum_{i=0}^{l-1} 4 d_i d_{i+1} (Eq. (10)) vs 4 d^2 l (Theorem 3), d = max{d_i : i >= d_from}
    (``d_from`` = 1: d = max{d_1..d_l} as §4 prints it, d_0 excluded), on every tuple with
    d_i <= d_max. Judged: the gap at the simplest tuple where it is positive (smallest sum of widths),
    else the largest gap; the largest gap and the tuples with d_0 <= d are in the record."""
    ell_, dmax = int(ctx["ell"]), int(ctx["d_max"])
    start = int(ctx.constant("d_from"))

    def gap(ds):
        return sum(4 * ds[i] * ds[i + 1] for i in range(ell_)) - 4 * max(ds[start:]) ** 2 * ell_

    tuples = sorted(itertools.product(range(1, dmax + 1), repeat=ell_ + 1), key=lambda t: (sum(t), t))
    worst = max(tuples, key=gap)
    simplest = next((t for t in tuples if gap(t) > 0), None)
    small = max((t for t in tuples if t[0] <= max(t[1:])), key=gap)
    d_tex = r"d=\max\{d_%d,\dots,d_\ell\}" % start
    info = {"largest_gap": gap(worst), "worst_tuple": list(worst),
            "smallest_counterexample": list(simplest or ()), "d": f"max{{d_{start}..d_l}}"}
    rows = (("all tuples", simplest or worst, "<="), ("tuples with d_0 <= d", small, "report"))
    for key, ds, rel in rows:
        yield Comparison({"tuples": key, "widths": "-".join(map(str, ds))}, gap(ds), 0, rel,
                         label=f"sum_i 4 d_i d_(i+1) - 4 d^2 l at widths {'-'.join(map(str, ds))} "
                               f"({'the simplest tuple where it is positive' if ds == simplest else 'the largest over ' + key}"
                               f"; l = {ell_}, d_i <= {dmax}, d = max{{d_{start}..d_l}}): Eq. (10)'s "
                               f"failure factor minus Theorem 3's",
                         lhs_tex=r"\sum_{i=0}^{\ell-1}4d_id_{i+1}-4d^2\ell,\ " + d_tex, rhs_tex="0",
                         info=info)


attach("unified.eq10", ComputedCheck("union_bound_sum_vs_4d2l", union_sum_compute,
                                     grid=lambda: [{"ell": e, "d_max": 4} for e in (1, 2, 3)],
                                     quick_grid=lambda: [{"ell": 1, "d_max": 3}], constants={"d_from": 1},
                                     falsifiers=(Falsifier.tighten(doc="violated as printed"),)))


def thm3_eps_compute(ctx) -> Iterator[Comparison]:
    """(ii) delta must be both eps/(2 Delta N_T) and 2^-k: eps = 2 Delta N_T 2^-k, a discrete set.
    For each eps, the number of k >= 1 with 2 Delta N_T / 2^k = eps (exact). Reported: where no k
    exists the statement's hypotheses cannot all hold, so the point is outside them (no
    counterexample); the admissible eps are listed."""
    e = Fraction(ctx["eps"])
    D, NT = int(ctx["Delta"]), int(ctx["N_T"])
    sols = [k for k in range(1, 200) if Fraction(2 * D * NT, 1 << k) == e]
    admissible = [str(Fraction(2 * D * NT, 1 << k)) for k in range(1, 12)
                  if Fraction(2 * D * NT, 1 << k) < 1][:5]
    yield Comparison({}, len(sols), 1, "report",
                     label="number of k with delta = eps/(2 Delta N_T) = 2^-k (Theorem 3 needs both; "
                           "it says 'eps any real number in (0,1)')",
                     lhs_tex=r"\#\{k\ge1:\ \epsilon/(2\Delta N_T)=2^{-k}\}", rhs_tex="1",
                     info={"k": sols, "largest_admissible_eps": admissible})


attach("unified.thm3", ComputedCheck("eps_and_dyadic_delta", thm3_eps_compute,
                                     grid={"eps": [Fraction(1, 2), Fraction(3, 10), Fraction(1, 3),
                                                   Fraction(3, 4)], "Delta": [1, 3], "N_T": [1, 5]},
                                     quick_grid={"eps": [Fraction(1, 2), Fraction(3, 10)], "Delta": [1],
                                                 "N_T": [1]}))


# ============================================================ Theorem 3, final bound

attach("unified.step_thm3_final", SymbolicCheck(
    "geometric_sum", "identity", sp.Sum((1 + a) ** (i_ - 1) * a, (i_, 1, ell)).doit(),
    (1 + a) ** ell - c_one, constants=ONE, falsifiers=ONE_DOUBLED,
    options={"domain": {"a": (0, sp.Rational(1, 2)), "ell": (1, 12)}},
    doc="sum_{i=1}^l (1 + a)^(i-1) a = (1 + a)^l - 1 (a = eps/(2l); c_1: the printed 1)"))
attach("unified.step_thm3_final", CertifyCheck(
    "one_plus_a_over_l_pow_l_lt_exp_a", sp.log(1 + u), c_one * u, "<", {"u": (0, sp.Rational(1, 2))},
    options={"open": {"u": "lo"}}, constants=ONE,
    falsifiers=(Falsifier.scale("c_1", Fraction(1, 2), doc="log(1 + u) < u/2 fails near 0"),),
    doc="(1 + a/l)^l < e^a  <=>  l log(1 + a/l) < a  <=>  log(1 + u) < u with u = a/l in (0, 1/2] "
        "(a = eps/2 < 1/2, l >= 1)"))
attach("unified.step_thm3_final", CertifyCheck(
    "exp_half_eps_minus_1_lt_eps", sp.exp(c_half * eps) - 1, eps, "<", {"epsilon": (0, 1)},
    options={"open": {"epsilon": "lo"}}, constants={c_half: sp.Rational(1, 2)},
    falsifiers=(Falsifier.scale("c_half", 2, doc="e^eps - 1 < eps fails on (0, 1)"),),
    doc="e^(eps/2) - 1 < eps on (0, 1) (c_half: the printed 1/2)"))


# ============================================================ Theorem 2 as used in Lemma 1

def units_compute(ctx) -> Iterator[Comparison]:
    """Mapping of Theorem 2 onto Lemma 1 (grid unit delta^2, M = 1/delta^2, tolerance Delta/delta
    units): its factor log((M+1)/(tol+1)) vs Eq. (4)'s log((1/delta+1)/(Delta+1)); Theorem 2's
    domain tol <= M. Recorded (claims.md: 'record the mapping each checker uses'): the two factors
    differ by less than log 2, which the existential constant C absorbs (Eq. (4) exceeds log 2 on
    Lemma 1's domain)."""
    k, D = int(ctx["k"]), int(ctx["Delta"])
    K = 1 << k
    ratio = Fraction((K * K + 1) * (D + 1), (D * K + 1) * (K + 1))
    diff = evaluate(sp.log(sp.Rational(ratio.numerator, ratio.denominator)), {})
    info = {"grid_unit": "delta^2", "M": K * K, "targets": f"w = j/delta units, j = -{K}..{K}",
            "tolerance_units": D * K, "strict": "< Delta delta = at most Delta/delta - 1 units",
            "ratio_of_arguments": str(ratio)}
    yield Comparison({"side": "lower"}, ratio, 1, "report",
                     label="(M+1)/(tol+1) with M = 1/delta^2, tol = Delta/delta, divided by "
                           "(1/delta+1)/(Delta+1): the delta^2-unit factor is not smaller",
                     lhs_tex=r"\frac{(1/\delta^2+1)/(\Delta/\delta+1)}{(1/\delta+1)/(\Delta+1)}",
                     rhs_tex="1", info=info)
    yield Comparison({"side": "upper"}, diff, evaluate(sp.log(2), {}), "report",
                     label="log((M+1)/(tol+1)) - log((1/delta+1)/(Delta+1)) vs log 2: the two "
                           "readings of the factor differ by at most an additive log 2",
                     lhs_tex=r"\log\frac{1/\delta^2+1}{\Delta/\delta+1}-\log\frac{1/\delta+1}{\Delta+1}",
                     rhs_tex=r"\log 2", info=info)
    yield Comparison({"side": "domain"}, D * K, K * K, "report",
                     label="Theorem 2's tolerance Delta/delta (delta^2 units) vs its M = 1/delta^2 "
                           "(Theorem 2 needs Delta <= M)",
                     lhs_tex=r"\Delta/\delta", rhs_tex=r"M=1/\delta^2", info=info)


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
    """Random 2l-layer networks g with weights in S_delta and random binary masks S_i (exact): every
    pruned weight S_i . M_i lies in S_delta (0 is in S_delta), so g_hat is itself a delta-quantized
    network of the class of Eq. (3); all-ones masks give g_hat = g. ``mask_one`` is the value a
    binary mask keeps a weight with (1)."""
    rng = random.Random(ctx.seed)
    K, T = 1 << int(ctx["k"]), int(ctx["instances"])
    keep = ctx.constant("mask_one")
    widths = [int(v) for v in str(ctx["widths"]).split("-")]
    grid = {Fraction(j, K) for j in range(-K, K + 1)}
    outside = mismatch = 0
    for _ in range(T):
        Ms = [[[s_delta(rng, K) for _ in range(widths[i])] for _ in range(widths[i + 1])]
              for i in range(len(widths) - 1)]
        Ss = [[[keep * rng.randint(0, 1) for _ in row] for row in Mi] for Mi in Ms]
        pruned = [[[s * m for s, m in zip(srow, mrow)] for srow, mrow in zip(Si, Mi)]
                  for Si, Mi in zip(Ss, Ms)]
        outside += sum(1 for Pi in pruned for row in Pi for w in row if w not in grid)
        X = [rand_x(rng) for _ in range(widths[0])]
        ones = [[[keep * m for m in mrow] for mrow in Mi] for Mi in Ms]
        mismatch += _net_eval(ones, X) != _net_eval(Ms, X)
    yield _mismatch_cmp(outside, T, "a pruned weight S_i . M_i is not in S_delta (weights counted)",
                        {"widths": widths}, key="pruned weights in S_delta")
    yield _mismatch_cmp(mismatch, T, "g_hat with all-ones masks differs from g at a random x",
                        {"widths": widths}, key="all-ones masks")


attach("unified.def10", ComputedCheck("pruned_network_in_class", def10_compute,
                                      grid=lambda: [{"k": k, "widths": w, "instances": 40}
                                                    for k in (1, 3) for w in ("2-3-1", "3-4-4-2")],
                                      quick_grid=lambda: [{"k": 2, "widths": "2-3-1", "instances": 10}],
                                      constants={"mask_one": 1},
                                      falsifiers=(Falsifier.scale("mask_one", 2,
                                                                  doc="masks in {0, 2}: pruned weights "
                                                                      "leave S_delta"),)))
