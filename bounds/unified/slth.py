"""`unified` §4 and App. D -- the quantized strong lottery ticket (claims.md §1.2).

One declaration per claim id. Construction checks (the random network is drawn, pruned by the
subset-sum problems of the proofs, and measured) live in :mod:`bounds.unified.slth_checks`; the
symbolic/certified steps (eq4, step_lemma1_5, eq8-eq10, ...) are attached by the certification
module; here only the Claim records and the computed/MC checks.

Readings used by the checks (claims.md):
* delta = 2^-k (K = 2^k), eps = 2 Delta delta (Lemma 1), 2 Delta delta d (Lemma 7),
  2 Delta delta d1 d2 (Lemma 8); the hypothesis eps in (0, 1) restricts the grids.
* Theorem 2 as used in Lemma 1 (`unified.thm2.as_used_in_lemma1`): grid unit delta^2 for the
  products Z_i; targets w in S_delta are multiples of 1/delta in those units; tolerance
  Delta*delta = Delta/delta units of delta^2; the log factor is log((1/delta+1)/(Delta+1)), i.e.
  M = 1/delta in units of delta.
* Constants: existential in the statements; runs at the paper's numbers use kappa = 225,
  C = C' = 60/ln(17/16) "imported from Thm 4".
"""
from __future__ import annotations

import math

import sympy as sp

from ticketcheck.bounds.claim import BoundCheck, Claim, ComputedCheck, EmpiricalConstant, Param
from ticketcheck.bounds.registry import register
from ticketcheck.bounds.unified import slth_checks as ch
from ticketcheck.bounds.unified import slth_network_checks as net

SRC = "unified"
kappa, Cp, n, k, Delta = sp.symbols("kappa Cprime n k Delta", positive=True)
Lsym = sp.log((2 ** k + 1) / (Delta + 1))


def _pts(pairs, **extra):
    return lambda: [{"k": a, "Delta": b, **extra} for a, b in pairs]


P_K = Param("k", "int", 1, 12, doc="delta = 2^-k")
P_D = Param("Delta", "int", 1, None, doc="Delta in Z^+")
P_N = Param("n", "int", 1, None, doc="width parameter")

L1_PAIRS = [(2, 1), (3, 1), (3, 3), (4, 1), (4, 7)]


def amp(name, cfg, pairs, quick, doc):
    return ComputedCheck(name=name, compute=ch.amplified(cfg), grid=_pts(pairs),
                         quick_grid=_pts(quick), doc=doc)


def network_check(claim_kind, points, quick, doc):
    """Construction built and evaluated (see :mod:`bounds.unified.slth_network_checks`)."""
    fn = net.thm3_network if claim_kind == "thm3" else net.layer_network
    return ComputedCheck(name="network", compute=fn, grid=lambda: [dict(p) for p in points],
                         quick_grid=lambda: [dict(p) for p in quick], doc=doc)


def small_n_check(name, factor, tol, strict, reading, d1=1, d2=1, pairs=((2, 1), (3, 1)),
                  ns=(8, 16, 32, 48), quick=((3, 1),), quick_ns=(16, 32)):
    """P(success) against 1 - factor exp(-n/kappa) (C' = 0, its weakest value) on small widths;
    kappa is searched (the smallest kappa consistent with the data is reported)."""
    bound = 1 - factor * sp.exp(-n / kappa)
    args = {"k": k, "n": n, "d1": d1, "d2": d2, "tol": tol, "strict": int(strict), "reading": reading}

    def grid(ns_):
        return lambda: [{"k": a, "Delta": b, "n": m} for a, b in pairs for m in ns_]

    def qgrid():
        return [{"k": a, "Delta": b, "n": m} for a, b in quick for m in quick_ns]
    return BoundCheck(name=name, observable="slth.layer_success", bound=bound, relation=">=",
                      grid=grid(ns), quick_grid=qgrid, args=args, kind="probability",
                      empirical=[EmpiricalConstant(kappa, (sp.Rational(1, 1000), 225), "up",
                                                   doc="smallest kappa with C' = 0")],
                      doc="success probability at small widths (MC/exact) vs the bound's shape")


register(
    Claim(id="unified.def9", title="S_delta and precision (§4; App. B table)", source=SRC,
          statement="S_delta := {-1, -1+delta, ..., 1}, delta = 2^-k; b has precision delta if "
                    "b in S_delta. |S_delta| = 2^(k+1) + 1.",
          methods=("SYM",), params=(P_K,),
          checks=[ComputedCheck(name="grid_size", compute=ch.def9_size,
                                grid={"k": list(range(1, 13))}, quick_grid={"k": [1, 5]})]),
    Claim(id="unified.def10", title="Definition 2 (network class), §4", source=SRC,
          statement="F_{d0..dl}: f(x) = W_l sigma(W_{l-1} ... sigma(W_1 x)), W_i in S_delta^{d_i x "
                    "d_{i-1}}, d = max{d_1..d_l}; pruned g_hat(x) = (S_2l . M_2l) sigma(... "
                    "sigma((S_1 . M_1) x)). No norm constraint on W_i.",
          methods=("REC", "EXACT"), notes="Definitional (checked on exact instances by "
                                  "slth_symbolic.py). The lack of a norm constraint matters for "
                                  "unified.step_thm3_norm."),
    Claim(id="unified.thm3", title="Theorem 3 (formal), §4", source=SRC,
          statement="delta = eps/(2 Delta N_T), N_T = sum d_{i-1} d_i; 2l-layer random network with "
                    "weights uniform on S_delta, n > log((1/delta+1)/(Delta+1)), M_2i: d_i x C "
                    "d_{i-1} n, M_{2i-1}: C d_{i-1} n x d_{i-1}. With probability >= 1 - 4 d^2 l "
                    "exp(-C' n), every f in F is eps-approximated by a pruning.",
          methods=("ARITH", "SYM", "MC"), params=(P_K, P_D, P_N), constants_kind="existential",
          constants={"C": "existential", "C'": "existential"},
          depends_on=("unified.lemma8", "unified.lemma7", "unified.lemma1", "unified.thm2",
                      "unified.thm5"),
          notes="(iii) tiny instance l = 1, d0 = d1 = 1 (N_T = 1, eps = 2 Delta delta), width C n "
                "with C = 2 (Lemma 1's 2n units), event for all w in S_delta simultaneously, tolerance "
                "<= eps; C' is existential: the largest C' consistent with the data is reported. "
                "Sup domain |x| <= 1 (one input).",
          checks=[BoundCheck(
              name="tiny_mc", observable="slth.layer_success",
              bound=1 - 4 * sp.exp(-Cp * n), relation=">=",
              grid=lambda: [{"k": a, "Delta": 1, "n": m} for a in (2, 3) for m in (8, 16, 24, 32, 48)],
              quick_grid=lambda: [{"k": 3, "Delta": 1, "n": m} for m in (16, 32)],
              args={"k": k, "n": n, "d1": 1, "d2": 1, "tol": 2 * Delta, "strict": 0,
                    "reading": "statement"},
              hypothesis=lambda p: p["n"] > math.log(((1 << p["k"]) + 1) / (p["Delta"] + 1))
              and 2 * p["Delta"] < (1 << p["k"]),
              empirical=[EmpiricalConstant(Cp, (0, 5), "down", doc="largest C' (d = l = 1)")],
              doc="success probability of the l = 1, d0 = d1 = 1 instance vs 1 - 4 exp(-C' n)"),
              network_check("thm3", [
                  {"k": 3, "Delta": 1, "n": 32, "widths": "1x1x1", "draws": 6},
                  {"k": 4, "Delta": 1, "n": 48, "widths": "2x2x1", "draws": 3},
                  {"k": 4, "Delta": 1, "n": 32, "widths": "1x2x1", "draws": 4}],
                  [{"k": 3, "Delta": 1, "n": 32, "widths": "1x1x1", "draws": 2}],
                  "(iv) 2l = 4-layer network pruned for several f in F (all-ones, alternating, "
                  "random), exact sup error over ||x||_2 <= 1 and ||x||_inf <= 1 vs eps")]),
    Claim(id="unified.thm3.informal", title="informal Theorem (§1)", source=SRC,
          statement="A depth-2l random network of width O(d log(1/delta)) whose weights use log 1/delta "
                    "bits of precision can be pruned to eps-approximate any l-layer target of width <= d.",
          methods=("REC", "ARITH"),
          checks=[ComputedCheck(name="bits", compute=ch.informal_bits,
                                grid={"k": list(range(1, 13))}, quick_grid={"k": [3]})]),
    Claim(id="unified.def11", title="overparameterization factor (§4, Eq. (4))", source=SRC,
          statement="log((1/delta + 1)/(Delta + 1)) is the overparameterization factor.",
          methods=("SYM",)),
    Claim(id="unified.remark1", title="Remark 1 (§4)", source=SRC,
          statement="the requirement of uniformly distributed weights can be removed via a standard "
                    "rejection sampling argument Lueker (1998); the restriction to ReLU can be relaxed "
                    "(Burkholz 2022a).", methods=("REC",)),
    Claim(id="unified.lemma1", title="Lemma 1 (Approximating a weight), §4", source=SRC,
          statement="eps in (0,1), delta = eps/(2 Delta), g(x) = v^T sigma(u x), v, u in S_delta^{2n}, "
                    "n >= C log((1/delta+1)/(Delta+1)); with probability >= 1 - 4 exp(-(n - C' "
                    "log(...))^2/(kappa n)), for any w in S_delta there are s, s' in {0,1}^{2n} with "
                    "sup_{|x|<=1} |w x - (v.s)^T sigma((u.s') x)| <= eps.",
          methods=("MC",), params=(P_K, P_D, P_N), constants_kind="existential",
          constants={"kappa": "225 (imported)", "C'": "60/ln(17/16) (imported)"}, log_base="ln",
          depends_on=("unified.thm2", "unified.thm5", "unified.step_lemma1_1", "unified.step_lemma1_2"),
          notes="Event: every w in S_delta simultaneously; for x > 0 the slopes are subset sums of "
                "{v_i u_i : u_i > 0}, for x < 0 of {v_i u_i : u_i < 0} (delta^2 grid, bitset DP). "
                "paper_constants: " + ch.IMPORTED + "; the lower bound at large n is amplified from "
                "a width-64 Monte Carlo by disjoint sub-networks (see slth_checks.Amplified).",
          checks=[
              amp("paper_constants", ch.Amplified(4, "2Delta", False, "statement"), L1_PAIRS,
                  [(3, 1)], "Lemma 1 event at n = ceil(m C'L), constants imported from Thm 4"),
              small_n_check("small_width", 4, 2 * Delta, False, "statement",
                            pairs=((2, 1), (3, 1), (4, 1))),
              ComputedCheck(name="construction", compute=ch.lemma1_construction,
                            grid=lambda: [{"k": 3, "Delta": 1, "n": 24, "reading": "statement"},
                                          {"k": 2, "Delta": 1, "n": 16, "reading": "statement"}],
                            quick_grid=lambda: [{"k": 3, "Delta": 1, "n": 24,
                                                 "reading": "statement", "draws": 4}],
                            doc="explicit masks, pruned network evaluated at its breakpoints"),
              network_check("layer", [
                  {"k": 3, "Delta": 1, "n": 48, "widths": "1x1", "draws": 24, "relation": "<="},
                  {"k": 4, "Delta": 3, "n": 32, "widths": "1x1", "draws": 24, "relation": "<="}],
                  [{"k": 3, "Delta": 1, "n": 48, "widths": "1x1", "draws": 6, "relation": "<="}],
                  "dense random network (2n hidden units), masks by Steps 1-4, exact sup error "
                  "for every w in S_delta, kernel cross-check"),
          ]),
    Claim(id="unified.step_lemma1_dec", title="decomposition identity (Lemma 1 proof)", source=SRC,
          statement="(v.s)^T sigma((u.s')x) = (b.s1)^T sigma(a.s1' x) + (d.s2)^T sigma(c.s2' x); "
                    "w x = sigma(w x) - sigma(-w x).", methods=("SYM",)),
    Claim(id="unified.step_lemma1_1", title="Step 1 distributional claim", source=SRC,
          statement="a^+ = max{0, a} contains n i.i.d. random variables uniformly distributed over "
                    "non negative entries of S_delta (Step 3: c^- over non positive entries).",
          methods=("EXACT",), params=(P_K,),
          checks=[ComputedCheck(name="law_of_a_plus", compute=ch.step1_law,
                                grid={"k": list(range(1, 9))}, quick_grid={"k": [1, 3]})]),
    Claim(id="unified.step_lemma1_2", title="Step 2 claims", source=SRC,
          statement="(a) integer and S_delta subset sum are equivalent up to scaling; (b) Z_i = b_i "
                    "a_i^+ are of precision delta^2 and not uniformly distributed; (c) for n large "
                    "enough a constant fraction is uniformly distributed (Theorem 5); (d) by Theorem 2, "
                    "w.p. >= 1 - 2 exp(-(n - C log(...))^2/(kappa n)), for all w in S_delta, "
                    "|w - b^T(s1 . a^+)| < Delta delta; (e) hence sup_x |sigma(wx) - b^T sigma((s1.a^+)x)| "
                    "< Delta delta.",
          methods=("EXACT", "MC"), params=(P_K, P_D), constants_kind="existential",
          notes="(d) is checked through the two-sided event (both halves), whose probability is "
                "at most that of one half: a lower bound that clears 1 - 2exp(...) decides (d).",
          checks=[
              ComputedCheck(name="law_of_Z", compute=ch.step2_law,
                            grid=lambda: [{"k": kk, "conditioned": c} for kk in range(1, 9)
                                          for c in (0, 1)],
                            quick_grid=lambda: [{"k": 3, "conditioned": 0}]),
              amp("half_event", ch.Amplified(2, "Delta", True, "construction"), L1_PAIRS, [(3, 1)],
                  "Step 2 event (< Delta delta, products b_i a_i^+) at the paper's constants"),
          ]),
    Claim(id="unified.thm2.as_used_in_lemma1", title="Theorem 2 as applied in Lemma 1", source=SRC,
          statement="Theorem 2 in the units of S_delta (M <-> 1/delta): strict tolerance < Delta delta "
                    "for all w in S_delta with probability >= 1 - 2 exp(-(n - C log((1/delta+1)/"
                    "(Delta+1)))^2/(kappa n)), for samples Z_i of precision delta^2.",
          methods=("REC", "SYM"), variant_of="unified.thm2",
          notes="Mapping used by the checkers here: grid unit delta^2; samples Z_i = b_i a_i^+ in "
                "{-1/delta^2..1/delta^2}; targets w in S_delta are j/delta (j = -1/delta..1/delta) "
                "in those units; tolerance Delta delta = Delta/delta units, strict. Theorem 2 itself "
                "needs samples uniform on a full interval: see unified.step_lemma1_2 law_of_Z."),
    Claim(id="unified.step_lemma1_4", title="Step 4", source=SRC,
          statement="Applying Theorem 2 again, w.p. >= 1 - 2 exp(...), there is s2 with, for all w in "
                    "S_delta, sup_x |-sigma(-wx) - d^T sigma((s2 . c^-)x)| < Delta delta.",
          methods=("MC",), constants_kind="existential",
          checks=[amp("half_event", ch.Amplified(2, "Delta", True, "construction"), L1_PAIRS,
                      [(3, 1)], "Step 4 event (< Delta delta, products d_i c_i^-)")]),
    Claim(id="unified.step_lemma1_5", title="Step 5", source=SRC,
          statement="union bound: probability >= 1 - 4 exp(-(n - C' log(...))^2/(kappa n)); "
                    "inf_s sup_x |wx - (v.s)^T sigma((u.s')x)| <= 2 Delta delta = eps.",
          methods=("SYM", "MC"), constants_kind="existential",
          checks=[amp("both_halves", ch.Amplified(4, "Delta", True, "construction"), L1_PAIRS,
                      [(3, 1)], "Steps 2 and 4 together (the construction of the proof)")]),
    Claim(id="unified.eq4", title="Eq. (4) and §4.1 identities", source=SRC,
          statement="(a) error eps continuous <-> Delta delta quantized; (b) log((1/delta+1)/(Delta+1)) "
                    "= log((1+delta)/(eps+delta)); (c) -> log(1/eps) as delta -> 0; (d) Delta = 0 gives "
                    "log(1/delta + 1).", methods=("SYM",)),
    Claim(id="unified.claim2", title="§4.2 mixed precision", source=SRC,
          statement="with activations of precision delta (even layers) and delta^2 (odd layers) as in "
                    "Kumar & Natale (2025), Lemmas 1, 7, and 8 remain valid.", methods=("REC",),
          notes="In the construction the hidden activations u_i x are products of two delta-precision "
                "numbers when x in S_delta, i.e. of precision delta^2, consistent with the remark."),
    Claim(id="unified.lemma7", title="Lemma 7 (univariate linear function), App. D", source=SRC,
          statement="delta = eps/(2 Delta d); g(x) = v^T sigma(M x), M in S_delta^{C log(...) x d}; "
                    "n > C log(...); w.p. >= 1 - 4d exp(-(n - C' log(...))^2/(kappa n)), for any w in "
                    "S_delta^d there are s, T with sup_{||x||_inf<=1} |w^T x - g_hat(x)| < eps.",
          methods=("SYM", "MC"), params=(P_K, P_D, P_N), constants_kind="existential",
          depends_on=("unified.lemma1",),
          notes="Proof architecture: d blocks of 2n units (per Lemma 1). Tolerance per block: the "
                "proof's event E_i (<= Delta delta); final error < eps = 2 d Delta delta.",
          checks=[
              amp("paper_constants", ch.Amplified("4*d", "2Delta", False, "statement", d1=2),
                  [(3, 1), (4, 1), (4, 3)], [(3, 1)], "d = 2, event for all w in S_delta^2"),
              network_check("layer", [
                  {"k": 3, "Delta": 1, "n": 48, "widths": "2x1", "draws": 16},
                  {"k": 4, "Delta": 1, "n": 48, "widths": "2x1", "draws": 8}],
                  [{"k": 3, "Delta": 1, "n": 48, "widths": "2x1", "draws": 4}],
                  "d = 2 blocks of 2n units, every w in S_delta^2, exact sup over ||x||_inf <= 1"),
          ]),
    Claim(id="unified.step_lemma7_a", title="Lemma 7 proof, block decomposition", source=SRC,
          statement="(s.v)^T sigma(M' x) = sum_i (s_i . v_i)^T sigma(u_i x_i).", methods=("SYM",)),
    Claim(id="unified.lemma1.as_used_in_lemma7", title="Lemma 1 as used in Lemma 7", source=SRC,
          statement="E_i := {sup_{w in S_delta} inf_{s_i in {0,1}^n} sup_{|x|<=1} |wx - (v_i . s_i)^T "
                    "sigma(u_i x)| <= Delta delta}; by Lemma 1 P(E_i) >= 1 - 4 exp(...).",
          methods=("MC",), variant_of="unified.lemma1", constants_kind="existential",
          notes="Blocks of n units (the proof's dimension), tolerance <= Delta delta (Lemma 1 itself "
                "gives <= 2 Delta delta with 2n units).",
          checks=[amp("paper_constants", ch.Amplified(4, "Delta", False, "statement", half_units=True),
                      L1_PAIRS, [(3, 1)], "E_i with n units and tolerance Delta delta")]),
    Claim(id="unified.step_lemma7_b", title="Lemma 7 proof, union bound", source=SRC,
          statement="E = cap_i E_i holds with probability >= 1 - 4d exp(...).", methods=("MC",),
          constants_kind="existential",
          checks=[amp("paper_constants", ch.Amplified("4*d", "Delta", False, "statement", d1=2,
                                                      half_units=True),
                      [(3, 1), (4, 1)], [(3, 1)], "E for d = 2, blocks of n units")]),
    Claim(id="unified.step_lemma7_c", title="Lemma 7 proof, final chain", source=SRC,
          statement="... <= sum_i 2 Delta delta <= 2 d Delta delta; since delta = eps/(2 d Delta) the "
                    "result follows (the sup over w_i switches from S_delta to |w_i| <= 1).",
          methods=("SYM",)),
    Claim(id="unified.lemma8", title="Lemma 8 (Approximating a layer), App. D", source=SRC,
          statement="delta = eps/(2 Delta d1 d2); g(x) = N sigma(M x), N: d2 x C d1 log(...), M: C d1 "
                    "log(...) x d1; w.p. >= 1 - 4 d1 d2 exp(...), for any W in S_delta^{d1 x d2}: "
                    "exists S, T: sup_W sup_{||x||_inf<=1} ||W x - g_hat(x)|| < eps.",
          methods=("SYM", "MC"), params=(P_K, P_D), constants_kind="existential",
          depends_on=("unified.lemma1", "unified.lemma7"),
          notes="R1 (for all W exists S,T) is tested by building the construction (u_j shared by "
                "the d2 outputs); R2 (exists S,T for all W) is impossible: one fixed mask cannot "
                "approximate both w = 1 and w = -1 within eps < 1 (check r2_fixed_mask).",
          checks=[
              amp("paper_constants_R1", ch.Amplified("4*d1*d2", "2Delta", False, "statement", d1=2,
                                                     d2=2), [(4, 1)], [(4, 1)],
                  "d1 = d2 = 2, every W in S_delta^{2x2}"),
              network_check("layer", [
                  {"k": 4, "Delta": 1, "n": 48, "widths": "2x2", "draws": 8},
                  {"k": 3, "Delta": 1, "n": 48, "widths": "1x2", "draws": 12}],
                  [{"k": 3, "Delta": 1, "n": 48, "widths": "2x2", "draws": 3}],
                  "reading R1: u_j shared by the d2 outputs, every W, exact sup error"),
              ComputedCheck(name="r2_fixed_mask", compute=ch.lemma8_r2,
                            grid=_pts([(2, 1), (3, 1), (4, 1)]), quick_grid=_pts([(3, 1)])),
          ]),
    Claim(id="unified.step_lemma8_a", title="Lemma 8 proof, block decomposition", source=SRC,
          statement="(S.N) sigma(M' x) = [sum_j (s_{i,j} . v_{i,j})^T sigma(u_j x_j)]_i.",
          methods=("SYM",)),
    Claim(id="unified.lemma1.as_used_in_lemma8", title="Lemma 1 as used in Lemma 8", source=SRC,
          statement="E_{i,j} := {sup_{w} inf_{s_{i,j}} sup_{|x|<=1} |wx - (v_{i,j}.s_{i,j})^T "
                    "sigma(u_i x)| <= 2 Delta delta}, probability >= 1 - 4 exp(...), union 1 - 4 d1 d2 "
                    "exp(...).", methods=("MC",), variant_of="unified.lemma1",
          constants_kind="existential",
          checks=[amp("paper_constants", ch.Amplified(4, "2Delta", False, "statement", half_units=True),
                      L1_PAIRS, [(3, 1)], "E_ij with n units and tolerance 2 Delta delta")]),
    Claim(id="unified.step_lemma8_b", title="Lemma 8 proof, final chain", source=SRC,
          statement="... <= 2 Delta delta d1 d2; since delta = eps/(2 d1 d2 Delta) the result follows.",
          methods=("SYM",)),
    Claim(id="unified.eq8", title="App. D Eq. (8)", source=SRC,
          statement="with the probability of Lemma 8, sup_w exists S_2i, S_2i-1: sup_{||x||<=1} "
                    "||W_i x - (M_2i . S_2i) sigma((S_2i . M_2i-1) x)|| < eps/(2l).", methods=("SYM",)),
    Claim(id="unified.eq9", title="App. D Eq. (9)", source=SRC,
          statement="ReLU 1-Lipschitz: sup_{||x||<=1} ||sigma(W_i x) - sigma(...)|| < eps/(2l).",
          methods=("SYM",)),
    Claim(id="unified.eq10", title="App. D Eq. (10)", source=SRC,
          statement="union bound: probability 1 - sum_{i=0}^{l-1} 4 d_i d_{i+1} exp(-(n - C' log(...))^2"
                    "/(kappa n)).", methods=("ARITH",)),
    Claim(id="unified.step_thm3_norm", title="norm growth (Thm 3 proof)", source=SRC,
          statement="||x'_i|| <= (1 + eps/(2l))^(i-1), using ||sigma(W_i x'_i)|| <= ||W_i x'_i|| <= "
                    "||x'_i||.", methods=("NUM", "SYM"),
          notes="||W_i x|| <= ||x|| means spectral norm <= 1, which Definition 2 does not impose.",
          checks=[ComputedCheck(name="spectral_norm", compute=ch.thm3_norm,
                                grid={"d": [1, 2, 3, 4]}, quick_grid={"d": [1, 2]})]),
    Claim(id="unified.step_thm3_err", title="error recursion (Thm 3 proof)", source=SRC,
          statement="||x_{i+1} - x'_{i+1}|| <= ||x_i - x'_i|| + (1 + eps/(2l))^(i-1) eps/(2l); unrolled "
                    "sum <= eps, using ||sigma(W_i x_i) - sigma(W_i x'_i)|| <= ||x_i - x'_i||.",
          methods=("NUM",),
          checks=[ComputedCheck(name="explicit_matrices", compute=ch.thm3_err,
                                grid=lambda: [{"d": d, "eps": e} for d in (1, 2, 3, 4)
                                              for e in ("1/2", "1/8")],
                                quick_grid=lambda: [{"d": 3, "eps": "1/2"}])]),
    Claim(id="unified.step_thm3_final", title="final bound (Thm 3 proof)", source=SRC,
          statement="with probability at least 1 - eps, ||f(x) - g(x)|| <= sum_i (1 + eps/(2l))^(i-1) "
                    "eps/(2l) = (1 + eps/(2l))^l - 1 < e^(eps/2) - 1 < eps.", methods=("SYM", "CERT")),
    Claim(id="unified.thm3.as_in_proof", title="Theorem 3 as concluded in the proof", source=SRC,
          statement="probability 'at least 1 - eps' (proof) vs 1 - 4 d^2 l exp(-C' n) (statement).",
          methods=("MC", "EXACT"), variant_of="unified.thm3",
          notes="The two probabilities are different expressions; not reconciled. Checked on the "
                "tiny instance l = 1, d0 = d1 = 1: the width from which P(success) >= 1 - eps.",
          checks=[ComputedCheck(name="width_for_one_minus_eps", compute=net.thm3_proof_probability,
                                grid=lambda: [{"k": a, "Delta": 1, "ns": "4-8-12-16-24-32-48-64"}
                                              for a in (2, 3)],
                                quick_grid=lambda: [{"k": 3, "Delta": 1, "ns": "8-16-32"}],
                                doc="smallest width n (of those tested) with P(success) >= 1 - eps")]),
)
