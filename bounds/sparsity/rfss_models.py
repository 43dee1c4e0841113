"""``sparsity`` §2-3: the random models of the RFSS results, binary entropy, the rounding convention
(claims.md §2.0, ``sparsity.def2``, ``sparsity.fn_ceil``).

``model1``/``model2`` carry checks that the implemented success events (meet-in-the-middle kernels
of ``montecarlo.rfss_mitm``, exact discrete counting of ``exact.rfss``) are the events of the
definitions, on hand-computed cases (strict ``< eps`` at exact binary fractions, so a sum at
distance exactly ``eps`` must *not* count) and against the definition applied by brute force.
"""
from __future__ import annotations

import math
import random
from fractions import Fraction

import mpmath
import numpy as np
import sympy as sp

from ticketcheck.arb_eval import evaluate
from ticketcheck.bounds.claim import Falsifier, Reading, SymbolicCheck
from ticketcheck.bounds.sparsity import second_moment as T
from ticketcheck.bounds.sparsity.printed_forms import H2, x_
from ticketcheck.bounds.sparsity.sample_size import frac_arb, h2_arb, h2_mp, log2_arb, with_prec
from ticketcheck.bounds.registry import declare_readings
from ticketcheck.bounds.sparsity.declare import (P_CHYP, P_EPS, P_K, P_MU, P_N, P_ZREL, TIGHTEN, claim, cmp,
                                             computed)
from ticketcheck.exact import rfss as exr
from ticketcheck.montecarlo import rfss_mitm as mm

R = Fraction

# ================================================================ model1: single target, |S| = k

# (samples, k, z, eps, hand answer, hand min distance or None); samples are exact binary fractions
SINGLE_HAND = [
    # 2-subset sums 3/4, 0, 5/4, -1/4, 1, 1/4: the two closest are at distance exactly 1/4
    ((0.5, 0.25, -0.5, 0.75), 2, 0.5, 0.25, False, 0.25),
    ((0.5, 0.25, -0.5, 0.75), 2, 0.5, 0.25 + 1 / 64, True, 0.25),
    # 3-subsets of (1/2, -1/4, 1/8, 1): 3/8, 5/4, 13/8, 7/8; 3/8 is within 1/8 of z = 1/4
    ((0.5, -0.25, 0.125, 1.0), 3, 0.25, 0.125, False, 0.125),
    ((0.5, -0.25, 0.125, 1.0), 3, 0.25, 0.25, True, 0.125),
    # k = n: the single sum 1/2 hits z = 1/2 exactly
    ((0.25, 0.25), 2, 0.5, 0.125, True, 0.0),
    # k = 1: the samples themselves; nearest to z = -1 is -3/4 at distance 1/4
    ((-0.75, 0.0, 0.5), 1, -1.0, 0.25, False, 0.25),
]

DISCRETE_CASES = [(1, 3, 1, 1, 0), (1, 4, 2, 1, 1), (2, 3, 2, 1, 0), (1, 4, 2, R(1, 2), R(1, 2)),
                  (2, 4, 2, 2, 3), (1, 5, 3, 1, 2)]


def _single_hand(ctx):
    for i, (xs, k, z, eps, ans, dmin) in enumerate(SINGLE_HAND):
        x = np.array(xs)
        p = {"case": i, "k": k, "z": z, "eps": eps}
        got = {"mitm": mm.mitm_min_dist(x, k, z), "brute (numba)": mm.brute_min_dist(x, k, z),
               "itertools (Python)": mm.py_min_dist(xs, k, z)}
        for name, d in got.items():
            yield cmp(p, int(d < eps), int(ans), "==",
                      f"event exists |S|=k: |Sigma_S - z| < eps by {name} vs the hand answer",
                      samples=list(xs), min_distance=d)
            yield cmp(p, R(d), R(dmin), "==", f"min_S |Sigma_S - z| by {name} vs hand value")


def _discrete_definition(ctx):
    for M, n, k, delta, z in DISCRETE_CASES:
        p = {"M": M, "n": n, "k": k, "delta": delta, "z": z}
        yield cmp(p, exr.rfss_single_target(M, n, k, delta, z),
                  exr.brute_force_single_target(M, n, k, delta, z), "==",
                  "exact (size, sum)-state counting vs the definition by brute force "
                  "(every sample vector, every k-subset, strict < delta)")


MODEL1_HAND = computed("hand_cases_continuous", _single_hand, {"cases": ["all"]},
                       doc="Hand-computed samples (exact binary fractions): the three "
                           "implementations of the single-target event agree with the hand "
                           "answer, including sums at distance exactly eps (strict: no hit).")
MODEL1_DISCRETE = computed("discrete_exact_vs_definition", _discrete_definition,
                           {"cases": ["all"]},
                           doc="exact.rfss (state counting) vs brute force over {-M..M}^n.")

claim("model1", "RFSS, single target (Theorem 2)", "§3 Theorem 2; claims.md §2.0",
      "Samples Omega = {X_1..X_n} i.i.d. real random variables with sum-bounded density "
      "(Uniform[-1,1] the main instance); subsets S subset [n] with |S| = k exactly, 1 <= k <= n/2 "
      "(Remark: 1 <= k <= lambda n); one fixed target z in [-sqrt k, sqrt k]; success: exists S, "
      "|S| = k: |Sigma_S - z| < eps (strict). Claimed probability >= c_thm.",
      ("REC", "EXACT"), checks=[MODEL1_HAND, MODEL1_DISCRETE], params=(P_K, P_N, P_EPS),
      latex=(r"$\Omega=\{X_1,\dots,X_n\}$ i.i.d.\ sum-bounded; $S\subset[n]$, $|S|=k$, $1\le k\le n/2$; one "
             r"fixed $z\in[-\sqrt k,\sqrt k]$; success: $\exists S:|\Sigma_S-z|<\varepsilon$"),
      notes="Definitional (measured): the checks test that the implementations compute the "
            "definition's event (a disagreement would show as violated). Implemented by montecarlo.rfss (continuous, meet in the middle, "
            "observable rfss.continuous_single_target) and exact.rfss (discrete uniform on "
            "{-M..M}, observable rfss.single_target); the checks confirm the event on hand cases.")

# ================================================================ model2: all targets

# (samples, k, eps, lo, hi, hand answer)
COVER_HAND = [
    # k = 1 on [-1, 1]: balls of radius 1/4 around -3/4, -1/4, 1/4, 3/4 leave -1, -1/2, 0, 1/2, 1
    ((-0.75, -0.25, 0.25, 0.75), 1, 0.25, -1.0, 1.0, False),
    ((-0.75, -0.25, 0.25, 0.75), 1, 0.3125, -1.0, 1.0, True),
    # k = 2: sums -1/2, -1/4, 0, 1/4, 1/2, 3/4 on [-sqrt 2, sqrt 2]: the left end needs eps > 0.914
    ((-0.5, 0.0, 0.5, 0.25), 2, 0.95, -math.sqrt(2), math.sqrt(2), True),
    ((-0.5, 0.0, 0.5, 0.25), 2, 0.9, -math.sqrt(2), math.sqrt(2), False),
    # a gap of exactly 2 eps between consecutive sums leaves its midpoint uncovered (strict)
    ((-1.0, 0.0, 1.0), 1, 0.5, -1.0, 1.0, False),
]


def _cover_hand(ctx):
    for i, (xs, k, eps, lo, hi, ans) in enumerate(COVER_HAND):
        x = np.array(xs)
        p = {"case": i, "k": k, "eps": eps}
        for name, v in (("mitm sweep", mm.mitm_covers(x, k, eps, lo, hi)),
                        ("mitm full predecessor", mm.mitm_covers_full(x, k, eps, lo, hi)),
                        ("sorted sums (numba)", mm.brute_covers(x, k, eps, lo, hi)),
                        ("claims.md recipe (Python)", mm.py_covers(xs, k, eps, lo, hi))):
            yield cmp(p, int(bool(v)), int(ans), "==",
                      f"all targets in [lo, hi] covered with < eps, by {name}, vs hand answer",
                      samples=list(xs), lo=lo, hi=hi)


def _cover_random(ctx):
    """Random Uniform[-1,1] samples: kernels vs the claims.md recipe; eps near the coverage edge."""
    rng = random.Random(ctx.seed)
    n, k, m = int(ctx["n"]), int(ctx["k"]), int(ctx["samples"])
    r = math.sqrt(k)
    dis, covered = 0, 0
    for _ in range(m):
        xs = [rng.uniform(-1, 1) for _ in range(n)]
        x = np.array(xs)
        sums = sorted(sum(c) for c in __import__("itertools").combinations(xs, k))
        gaps = [b - a for a, b in zip(sums, sums[1:]) if -r - 1 < a < r + 1]
        eps = (max(gaps) / 2 if gaps else 0.5) * rng.choice((0.999, 1.001))
        ref = mm.py_covers(xs, k, eps, -r, r)
        covered += ref
        for v in (mm.mitm_covers(x, k, eps, -r, r), mm.mitm_covers_full(x, k, eps, -r, r),
                  mm.brute_covers(x, k, eps, -r, r)):
            dis += int(bool(v) != ref)
    yield cmp({"n": n, "k": k, "samples": m}, dis, 0, "==",
              "disagreements of the three kernels with the claims.md recipe on random samples "
              "(eps within 0.1% of the largest gap / 2)", covered_by_recipe=covered, seed=ctx.seed)


MODEL2_HAND = computed("hand_cases_cover", _cover_hand, {"cases": ["all"]},
                       doc="Hand-computed coverage of [lo, hi] by open eps-balls around the k-subset "
                           "sums, including exact ties (strict) and an irrational end sqrt(2).")
MODEL2_RANDOM = computed("kernels_vs_recipe", _cover_random,
                         {"n": [8, 10], "k": [1, 2, 3], "samples": [60]},
                         quick_grid={"n": [8], "k": [2], "samples": [20]},
                         doc="The meet-in-the-middle coverage kernels vs the catalogue's recipe.")

claim("model2", "RFSS, all targets (Corollaries 1, 2)", "§3 Corollaries 1, 2; claims.md §2.0",
      "Samples i.i.d. with density p Uniform([-1,1]) + (1-p) (other density), 0 < p <= 1; success: "
      "for all z in [-sqrt k, sqrt k] exists S_z subset [n], |S_z| = k: |Sigma_{S_z} - z| < eps (all "
      "targets simultaneously, strict). Claimed probability >= 1 - eps. Checker recipe: sort all "
      "C(n,k) sums and check that the open eps-balls cover [-sqrt k, sqrt k].",
      ("REC", "EXACT"), checks=[MODEL2_HAND, MODEL2_RANDOM], params=(P_K, P_N, P_EPS),
      latex=(r"$\forall z\in[-\sqrt k,\sqrt k]\ \exists S_z\subset[n],|S_z|=k:|\Sigma_{S_z}-z|<\varepsilon$ "
             r"(all targets simultaneously); claimed probability $\ge1-\varepsilon$"),
      notes="Definitional (measured): the checks test the implementations against the definition. "
            "Implemented by montecarlo.rfss.continuous_all_targets (observable "
            "rfss.continuous_all_targets, dist uniform / D / mixture:<p>:<other>).")

claim("model3", "RSS, any subset (Corollary 3, quoted from Pensia et al.)", "App. F; claims.md §2.0",
      "X_i i.i.d. with law D (sparsity.lemma2); any subset; all z in [-1, 1]; tolerance <= eps "
      "(non-strict).", ("REC",), latex='$X_i$ i.i.d.\\ with law $D$ (Lemma 2); any subset; all $z\\in[-1,1]$; tolerance $\\le\\varepsilon$',
      notes="Definitional; implemented by montecarlo.rfss.any_subset_covers (observable "
            "rss.any_subset_covers).")

claim("model4", "Networks (Theorems 3, 4, 5)", "§4; claims.md §2.0",
      "Large network weights i.i.d. Uniform[-1,1] (Thm 3), or equivariant parameters i.i.d. "
      "Uniform[-1,1] (Thm 4). Targets: the class F of Eq. (27) (spectral norm ||W_i|| <= 1), resp. "
      "Eq. (31). Success: with probability >= 1 - eps, every target is eps-approximated by a "
      "subnetwork with density <= gamma.", ("REC",), latex='Networks with i.i.d.\\ Uniform$[-1,1]$ weights (Thm 3) or equivariant parameters (Thm 4); targets $\\mathcal F$ of Eq.\\ (27) resp.\\ (31); with probability $\\ge1-\\varepsilon$ every target is $\\varepsilon$-approximated by a subnetwork of density $\\le\\gamma$', notes="Definitional (used by §4's modules).")

# ================================================================ def2: binary entropy

H2_HALF = SymbolicCheck("H2(1/2)=1", "substitution", H2(x_), 1, subs={x_: sp.Rational(1, 2)},
                        doc="H2(1/2) = 1 (the maximum).")
H2_QUARTER = SymbolicCheck("H2(1/4)", "substitution", H2(x_), 2 - sp.Rational(3, 4) * sp.log(3, 2),
                           subs={x_: sp.Rational(1, 4)}, doc="H2(1/4) = 2 - (3/4) log2 3.")
H2_SYMMETRY = SymbolicCheck("symmetry", "identity", H2(1 - x_), H2(x_), doc="H2(1 - x) = H2(x).")
H2_LIMIT0 = SymbolicCheck("limit_at_0", "limit", H2(x_), 0, var=x_, point=0, options={"dir": "+"},
                          doc="0 log 0 = 0: H2(x) -> 0 as x -> 0+ (continuity at the ends).")
H2_STATIONARY = SymbolicCheck("stationary_at_1/2", "substitution", sp.diff(H2(x_), x_), 0,
                              subs={x_: sp.Rational(1, 2)},
                              doc="H2'(1/2) = 0 (log2((1-x)/x) vanishes at 1/2).")


def _mpf(q: Fraction):
    return mpmath.mpf(q.numerator) / q.denominator


def _h2_helpers(ctx):
    """The arb/mpmath helpers every sparsity checker uses, vs sympy's H2 evaluated with arb."""
    for q in (R(0), R(1, 10), R(1, 4), R(1, 3), R(1, 2), R(7, 8), R(1)):
        p = {"x": q}
        ref = 0 if q in (0, 1) else evaluate(H2(x_), {"x": q})
        ref = ref if not isinstance(ref, Fraction) else frac_arb(ref)
        with with_prec(320):
            got = h2_arb(q)
        if q in (0, 1):
            yield cmp(p, got, 0, "==", "h2_arb at an end point (0 log 0 = 0)")
            yield cmp(p, float(h2_mp(_mpf(q))), 0.0, "==", "h2_mp at an end point (0 log 0 = 0)")
            continue
        yield cmp(p, abs(got - ref), R(1, 2 ** 100), "<=", "|h2_arb(x) - H2(x) (sympy, arb)|")
        yield cmp(p, abs(float(h2_mp(_mpf(q))) - float(ref.mid())), 1e-14, "<=",
                  "|h2_mp(x) - H2(x)| (mpmath helper)")
    # log2 helper used by Eq. (1)
    with with_prec(320):
        got = log2_arb(R(1, 10))
    yield cmp({"x": R(1, 10)}, abs(got - evaluate(sp.log(x_, 2), {"x": R(1, 10)})),
              R(1, 2 ** 100), "<=", "|log2_arb(1/10) - log2(1/10)|")


claim("def2", "Binary entropy", "§3 (before Theorem 2)",
      "Denote, for all x in [0, 1], the binary entropy as H2(x) = -x log2 x - (1-x) log2(1-x).",
      ("SYM", "NUM"), checks=[H2_HALF, H2_QUARTER, H2_SYMMETRY, H2_LIMIT0, H2_STATIONARY,
                              computed("helpers_vs_sympy", _h2_helpers, {"values": ["table"]},
                                       doc="h2_arb / h2_mp / log2_arb vs sympy's H2 with arb.")],
      log_base="log2", latex=r"$H_2(x)=-x\log_2x-(1-x)\log_2(1-x)$, $x\in[0,1]$",
      notes="A definition (measured): its values and properties are computed by sympy and the "
            "helpers every checker uses are compared with it. 0 log 0 = 0 (the limit); log base 2 as "
            "printed.")

# ================================================================ fn_ceil: rounding conventions

#: the paper leaves the rounding of non-integer terms open ("ceilings and floors as suitable"): a
#: reading of the whole paper, on every check whose records carry the parameter 'rounding'
declare_readings("sparsity", Reading(
    "rounding", {"ceil": "ceil", "floor": "floor"},
    source="§3 (after Corollary 2): 'our proofs adopt the convention of taking ceilings and floors "
           "as suitable for non integer fractional terms'"))


def _rounding(ctx):
    """mu k rounded up or down: the proof's bounds on the addends (11) and (12) (Eqs. (15)-(17) and
    (24)-(26), as in ``sparsity.step_thm2_end``) hold with either split of the overlap range."""
    from ticketcheck.bounds.sparsity.theorem2_addends import addend_bounds
    d = T.data(ctx)
    k, eps, mu = int(ctx["k"]), R(ctx["eps"]), R(ctx["mu"])
    p = T.params_of(ctx)
    for name, lo in (("ceil", math.ceil(mu * k)), ("floor", math.floor(mu * k))):
        b = addend_bounds(d, k, eps, mu, lo, ctx.constant("window"))
        a = b["a"]
        q = {**p, "rounding": name}
        if lo < k:                       # (11) runs over lo <= i <= k-1
            yield cmp(q, a["a11"], b["b11"], "<=",
                      f"{name}(mu k): (11) <= Pr(I >= {name}(mu k)) 2 eps max f(0, .) (Eqs. (16), "
                      "(17))", split=lo, n=d["n"], lhs_tex="(11)",
                      rhs_tex=r"\Pr(I\ge\mu k)\cdot2\varepsilon\max_m f(0,m)")
        if lo > 0:                       # (12) runs over 0 <= i <= lo-1
            yield cmp(q, a["a12"], b["b12"], "<=",
                      f"{name}(mu k): (12) <= max_i sup_y g_(k-i) (Eqs. (25), (26))", split=lo,
                      n=d["n"], lhs_tex="(12)", rhs_tex=r"\max_i\sup_y\Pr(|\Sigma_{[k-i]}-(z-y)|<\varepsilon)")


def eq1_sides(n: int, k: int, eps: Fraction, c: Fraction):
    """Both sides of Eq. (1) at n: exactly as ``2^(n H2(k/n))`` vs ``(k/eps)^c`` (integer c, n <= 300,
    so that exact ties such as ``2 H2(1/2) = log2 4`` are decided), else ``n H2(k/n)`` vs
    ``c log2(k/eps)`` as arb balls (256 bits)."""
    if c.denominator == 1 and n <= 300:
        return (Fraction(n ** n, k ** k * (n - k) ** (n - k)), (Fraction(k) / eps) ** int(c),
                "2^(n H2(k/n)) vs (k/eps)^c_hyp")
    with with_prec(256):
        return (n * h2_arb(R(k, n)), frac_arb(c) * log2_arb(R(k) / eps),
                "n H2(k/n) vs c_hyp log2(k/eps)")


def _n_rounding(ctx):
    """n = the smallest integer satisfying Eq. (1) (and k <= n/2): n satisfies it, n - 1 does not."""
    k, eps, c = int(ctx["k"]), R(ctx["eps"]), R(ctx["c_hyp"])
    n = T.n_of(k, eps, c)
    p = T.params_of(ctx)
    lhs, rhs, form = eq1_sides(n, k, eps, c)
    yield cmp(p, lhs, rhs, ">=", f"Eq. (1) holds at n = n_min ({form})", n=n,
              lhs_tex=r"nH_2(k/n)", rhs_tex=r"c_{hyp}\log_2\frac k\varepsilon")
    if n - 1 >= 2 * k:
        lhs, rhs, form = eq1_sides(n - 1, k, eps, c)
        yield cmp(p, lhs, rhs, "<", f"n - 1 violates Eq. (1) ({form}), so n is the least integer",
                  n=n)
    else:
        yield cmp(p, n - 1, 2 * k, "<", "n - 1 < 2k (k <= n/2 binds)", n=n)


claim("fn_ceil", "Rounding convention", "§3 (after Corollary 2)",
      "As customary in conference versions of papers, our proofs adopt the convention of taking "
      "ceilings and floors as suitable for non integer fractional terms. This is done in the "
      "interest of the reader (and ours), and does not impact the results in any significant way.",
      ("EXACT",),
      checks=[computed("mu_k_up_or_down", _rounding, T.proof_grid(True),
                       quick_grid=T.proof_grid(True, "quick"), constants={"window": 2},
                       falsifiers=(Falsifier.scale("window", Fraction(1, 2)),),
                       doc="The split point mu k of (11)/(12) rounded up or down: the proof's "
                           "bounds on (11) and (12) hold with both."),
              computed("n_is_smallest_integer", _n_rounding,
                       {"k": list(T.THM2_K), "eps": list(T.THM2_EPS), "c_hyp": list(T.THM2_CHYP)},
                       quick_grid={"k": [1, 4], "eps": [R(1, 4), R(1, 10)], "c_hyp": [1]},
                       falsifiers=(TIGHTEN,),
                       doc="The n of every Theorem 2 checker is the least integer with Eq. (1).")],
      latex=(r"our proofs adopt the convention of taking ceilings and floors as suitable for non integer "
             r"fractional terms \dots\ does not impact the results in any significant way"),
      params=(P_K, P_N, P_EPS, P_CHYP, P_ZREL, P_MU),
      notes="The rounding is left open: declared as a reading of the paper (parameter 'rounding': "
            "ceil, floor), checked under both where a check varies it. "
            "Conventions of the sparsity Theorem 2 / Corollary 1 checkers: n = the least integer "
            "satisfying Eq. (1) (resp. (3)) with k <= lambda n; mu k -> ceil(mu k) (i >= ceil(mu k) "
            "in (11), i <= ceil(mu k) - 1 in (12)); r = ceil((4/c_thm) ln(k/eps)); n* = ceil of Eq. "
            "(1)'s right side with eps' = eps/2; the alpha n' uniform samples of App. D Step 2 -> "
            "ceil(alpha n') (|I| > alpha n' gives at least that many); the union-bound grid of App. D "
            "Step 3 has ceil(2 sqrt(k)/eps') points (floor reported too); targets z = z_rel sqrt(k) "
            "as rationals from below (module bounds/sparsity/second_moment.py).")
