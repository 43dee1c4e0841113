"""`unified` §4 and App. D -- the quantized strong lottery ticket (claims.md §1.2).

One declaration per claim id. Construction checks (the random network is drawn, pruned by the
subset-sum problems of the proofs, and measured) live in :mod:`bounds.unified.slth_checks` and
:mod:`bounds.unified.slth_network_checks`; the symbolic/certified steps (eq4, step_lemma1_5,
eq8-eq10, ...) are attached by :mod:`bounds.unified.slth_symbolic`; here the Claim records, their
hypotheses and the computed/MC checks.

Readings used by the checks (claims.md):
* delta = 2^-k (K = 2^k), eps = 2 Delta delta (Lemma 1), 2 Delta delta d (Lemma 7),
  2 Delta delta d1 d2 (Lemma 8), 2 Delta delta N_T (Theorem 3); the hypothesis eps in (0, 1)
  (``hypothesis=`` of the lemmas and theorem; proof steps inherit it).
* Theorem 2 as used in Lemma 1 (`unified.thm2.as_used_in_lemma1`): grid unit delta^2 for the
  products Z_i; targets w in S_delta are multiples of 1/delta in those units; tolerance
  Delta*delta = Delta/delta units of delta^2; the log factor is log((1/delta+1)/(Delta+1)), i.e.
  M = 1/delta in units of delta.
* Tolerances are what each statement prints (claims.md warning 1): Lemma 1 and Theorem 3 '<= eps',
  Steps 2 and 4 '< Delta delta', E_i of Lemma 7 '<= Delta delta', E_{i,j} of Lemma 8
  '<= 2 Delta delta', Lemmas 7 and 8 '< eps'; none is left open, so none is a reading.
* Lemma 8's quantifier order ("for any W ... exists S, T: sup_W ...") is left open: a reading
  ``quantifier`` (R1: for every W there are masks; R2: one pair of masks for every W).

Verdicts. The probability bounds of Lemmas 1, 7, 8 and Theorem 3 have existential constants
(C, C', kappa: "positive absolute constants", §4): they are measured -- the smallest kappa (C' = 0)
or largest C' consistent with the data is fitted, and the comparison at the constants Theorem 4
gives for Theorem 2 (kappa = 225, C' = 60/ln(17/16)) is shown, but at every affordable width that
bound is far below the data, so it could not fail. The constructions' errors are reported (the masks
are chosen within the tolerance). What can fail is judged: the printed identities and inequalities
of the proof steps, the distributional claims, the arithmetic of Eqs. (8) and (10).
"""
from __future__ import annotations

import sympy as sp

from ticketcheck.bounds.claim import (BoundCheck, Claim, ComputedCheck, Correction, EmpiricalConstant,
                                      Falsifier, GapCheck, Inherit, Param, Reading)
from ticketcheck.bounds.registry import register
from ticketcheck.bounds.unified import slth_checks as ch
from ticketcheck.bounds.unified import slth_network_checks as net

SRC = "unified"
kappa, Cp, n, k, Delta = sp.symbols("kappa Cprime n k Delta", positive=True)
d, d1, d2, N_T, eps = sp.symbols("d d1 d2 N_T eps", positive=True)
Lsym = sp.log((2 ** k + 1) / (Delta + 1))


def _pts(pairs, **extra):
    return lambda: [{"k": a, "Delta": b, **extra} for a, b in pairs]


P_K = Param("k", "int", 1, 12, doc="delta = 2^-k", tex="k")
P_D = Param("Delta", "int", 1, None, doc="Delta in Z^+", tex=r"\Delta")
P_N = Param("n", "int", 1, None, doc="width parameter", tex="n")
P_EPS = Param("eps", "real", 0, 1, doc="eps in (0, 1)", tex=r"\epsilon")
P_DD = Param("d", "int", 1, None, doc="input dimension (Lemma 7)", tex="d")
P_D1 = Param("d1", "int", 1, None, doc="input dimension (Lemma 8)", tex="d_1")
P_D2 = Param("d2", "int", 1, None, doc="output dimension (Lemma 8)", tex="d_2")
P_ELL = Param("ell", "int", 1, None, doc="number of target layers", tex=r"\ell")
P_NT = Param("N_T", "int", 1, None, doc="N_T = sum_i d_{i-1} d_i", tex="N_T")

#: the statements' hypotheses, with delta = 2^-k (§4) and eps = 2 Delta delta (times d, d1 d2, N_T)
#: in (0, 1); the widths' conditions n >= C log(...) carry an existential C and are not encoded
H_LEMMA1 = sp.And(Delta >= 1, 2 * Delta < 2 ** k)
H_LEMMA7 = sp.And(Delta >= 1, d >= 1, 2 * Delta * d < 2 ** k)
H_LEMMA8 = sp.And(Delta >= 1, d1 >= 1, d2 >= 1, 2 * Delta * d1 * d2 < 2 ** k)
H_THM3 = sp.And(eps > 0, eps < 1, Delta >= 1)
#: a step that does not depend on eps or Delta (a ratio to eps, a property of ReLU or of explicit
#: matrices) is inside Theorem 3's hypotheses at any admissible eps, Delta: one is substituted
ANY_EPS = {"eps": sp.Rational(1, 2), "Delta": 1}
IN_THM3 = (Inherit("unified.thm3", ANY_EPS, doc="the step does not depend on eps or Delta"),)
IN_LEMMA1 = (Inherit("unified.lemma1"),)
IN_LEMMA1_D1 = (Inherit("unified.lemma1", {"Delta": 1},
                        doc="the step does not depend on Delta: k is in Lemma 1's domain iff Delta = 1 is"),)

L1_PAIRS = [(2, 1), (3, 1), (3, 3), (4, 1), (4, 7)]
QUANTIFIER = Reading("quantifier", {"R1: for every W there are masks S, T": "R1",
                                    "R2: one pair of masks S, T for every W": "R2"},
                     source="App. D, Lemma 8: 'for any W in S_delta^{d1 x d2}: exists S, T: "
                            "sup_{W in S_delta^{d1 x d2}} sup_x ...' (both quantifiers printed)")


def amp(name, cfg, pairs, quick, doc, **extra):
    return ComputedCheck(name=name, compute=ch.amplified(cfg), grid=_pts(pairs, **extra),
                         quick_grid=_pts(quick, **extra), doc=doc)


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
                      lhs_tex=r"\mathbb P\big(\forall w\in S_\delta\ \exists\mathbf s,\mathbf s':\ "
                              r"\sup_{|x|\le1}|wx-(\mathbf v\odot\mathbf s)^T\sigma((\mathbf u\odot"
                              r"\mathbf s')x)|\le\epsilon\big)",
                      doc="success probability at small widths (MC/exact) vs the bound's shape")


def theorem2_gap(step: str, half: str):
    """Steps 2 and 4 of Lemma 1's proof apply Theorem 2 to the products Z_i (b_i a_i^+, d_i c_i^-):
    the implication 'Theorem 2's model holds for Z' is checked exactly (support, full interval);
    the form the proof uses (the step's event with the step's probability bound) is measured at the
    constants of Theorem 4 (it could not fail there)."""
    return GapCheck(
        "theorem2_applies_to_Z",
        implication=ComputedCheck(name="theorem2_applies_to_Z", compute=ch.theorem2_model,
                                  grid=lambda: [{"k": kk, "Delta": 1} for kk in range(1, 9)],
                                  quick_grid=lambda: [{"k": 3, "Delta": 1}],
                                  doc="Theorem 2 needs samples uniform on a full grid {-M..M}"),
        used=amp("theorem2_applies_to_Z", ch.Amplified(2, "Delta", True, "construction"), L1_PAIRS, [(3, 1)],
                 f"{step} event (< Delta delta, products {half}) at the paper's constants"),
        doc=f"{step}: 'by Theorem 2' for samples that are not uniform on a full interval")


register(
    Claim(id="unified.def9", title="S_delta and precision (§4; App. B table)", source=SRC,
          statement="S_delta := {-1, -1+delta, ..., 1}, delta = 2^-k; b has precision delta if "
                    "b in S_delta. |S_delta| = 2^(k+1) + 1.",
          methods=("SYM",), params=(P_K,),
          latex=r"S_\delta:=\{-1,-1+\delta,-1+2\delta,\dots,1\},\ \delta=2^{-k},\ k\in\mathbb N;\ "
                r"|S_\delta|=2^{k+1}+1",
          checks=[ComputedCheck(name="grid_size", compute=ch.def9_size,
                                grid={"k": list(range(1, 13))}, quick_grid={"k": [1, 5]},
                                constants={"plus_one": 1},
                                falsifiers=(Falsifier.scale(
                                    "plus_one", 2, doc="2^(k+1) + 2 is not the number of points"),))]),
    Claim(id="unified.def10", title="Definition 2 (network class), §4", source=SRC,
          statement="F_{d0..dl}: f(x) = W_l sigma(W_{l-1} ... sigma(W_1 x)), W_i in S_delta^{d_i x "
                    "d_{i-1}}, d = max{d_1..d_l}; pruned g_hat(x) = (S_2l . M_2l) sigma(... "
                    "sigma((S_1 . M_1) x)). No norm constraint on W_i.",
          methods=("REC", "EXACT"), notes="Definitional (checked on exact instances by "
                                  "slth_symbolic.py). The lack of a norm constraint matters for "
                                  "unified.step_thm3_norm.",
          latex=r"\mathcal F_{d_0,\dots,d_\ell}=\{f(\mathbf x)=\mathbf W_\ell\sigma(\mathbf W_{\ell-1}"
                r"\cdots\sigma(\mathbf W_1\mathbf x)):\ \mathbf W_i\in S_\delta^{d_i\times d_{i-1}}\},\ "
                r"d=\max\{d_1,\dots,d_\ell\};\ \hat g(\mathbf x)=(\mathbf S_{2\ell}\odot\mathbf M_{2\ell})"
                r"\sigma(\cdots\sigma((\mathbf S_1\odot\mathbf M_1)\mathbf x))"),
    Claim(id="unified.thm3", title="Theorem 3 (formal), §4", source=SRC,
          statement="delta = eps/(2 Delta N_T), N_T = sum d_{i-1} d_i; 2l-layer random network with "
                    "weights uniform on S_delta, n > log((1/delta+1)/(Delta+1)), M_2i: d_i x C "
                    "d_{i-1} n, M_{2i-1}: C d_{i-1} n x d_{i-1}. With probability >= 1 - 4 d^2 l "
                    "exp(-C' n), every f in F is eps-approximated by a pruning.",
          methods=("ARITH", "SYM", "MC"), params=(P_K, P_D, P_N, P_EPS, P_NT),
          constants_kind="existential", constants={"C": "existential", "C'": "existential"},
          hypothesis=H_THM3,
          depends_on=("unified.lemma8", "unified.lemma7", "unified.lemma1", "unified.thm2",
                      "unified.thm5", "unified.eq8", "unified.eq9", "unified.eq10",
                      "unified.step_thm3_norm", "unified.step_thm3_err", "unified.step_thm3_final"),
          latex=r"\delta=\frac{\epsilon}{2\Delta N_T},\ N_T=\sum_{i=1}^\ell d_{i-1}d_i,\ "
                r"\epsilon\in(0,1),\ \Delta\in\mathbb Z^+,\ n>\log\frac{1/\delta+1}{\Delta+1}:\ "
                r"\mathbb P\Big(\forall f\in\mathcal F_{d_0,\dots,d_\ell}:\ \min_{\mathbf S_i}\sup_{\mathbf x}"
                r"\|f(\mathbf x)-\hat g(\mathbf x)\|\le\epsilon\Big)\ge1-4d^2\ell e^{-C'n}",
          notes="Statement checks: (iii) tiny instance l = 1, d0 = d1 = 1 (N_T = 1, eps = 2 Delta delta), "
                "width C n with C = 2 (Lemma 1's 2n units), event for all w in S_delta simultaneously, "
                "tolerance <= eps; C' is existential: the largest C' consistent with the data is "
                "reported. (iv) pruned 4-layer networks, errors reported. (ii) eps must also make "
                "delta dyadic: where it cannot, the hypotheses cannot all hold (reported, no "
                "counterexample). The union-bound arithmetic (i) is a step of the proof: "
                "unified.eq10 (Eq. (10)'s sum 4 d_i d_(i+1) exceeds 4 d^2 l when d_0 > d); the "
                "statement's probability has an existential C' and is not decided by it.",
          checks=[BoundCheck(
              name="tiny_mc", observable="slth.layer_success",
              bound=1 - 4 * sp.exp(-Cp * n), relation=">=",
              grid=lambda: [{"k": a, "Delta": 1, "n": m} for a in (2, 3) for m in (8, 16, 24, 32, 48)],
              quick_grid=lambda: [{"k": 3, "Delta": 1, "n": m} for m in (16, 32)],
              args={"k": k, "n": n, "d1": 1, "d2": 1, "tol": 2 * Delta, "strict": 0,
                    "reading": "statement"},
              hypothesis=sp.And(n > Lsym, 2 * Delta < 2 ** k),
              empirical=[EmpiricalConstant(Cp, (0, 5), "down", doc="largest C' (d = l = 1)")],
              lhs_tex=r"\mathbb P\big(\forall w\in S_\delta:\ \min_{\mathbf S}\sup_{|x|\le1}"
                      r"|wx-\hat g(x)|\le\epsilon\big)",
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
          methods=("REC", "ARITH"), params=(P_K,),
          latex=r"\text{width }\mathcal O(d\log(1/\delta)),\ \log(1/\delta)\text{ bits of precision}",
          notes="Reported: S_delta has 2^(k+1) + 1 points, so indexing it takes k + 2 = log2(1/delta) + 2 "
                "bits; 'log 1/delta bits' holds up to this additive 2 (the informal statement does not "
                "say whether it means exactly or up to O(1)).",
          checks=[ComputedCheck(name="bits", compute=ch.informal_bits,
                                grid={"k": list(range(1, 13))}, quick_grid={"k": [3]})]),
    Claim(id="unified.def11", title="overparameterization factor (§4, Eq. (4))", source=SRC,
          statement="log((1/delta + 1)/(Delta + 1)) is the overparameterization factor.",
          methods=("SYM",), params=(P_K,),
          latex=r"\log\frac{\frac1\delta+1}{\Delta+1}\ \text{(overparameterization factor)}"),
    Claim(id="unified.remark1", title="Remark 1 (§4)", source=SRC,
          statement="the requirement of uniformly distributed weights can be removed via a standard "
                    "rejection sampling argument Lueker (1998); the restriction to ReLU can be relaxed "
                    "(Burkholz 2022a).", methods=("REC",),
          latex=r"\text{uniform weights: removable by rejection sampling (Lueker 1998); ReLU: "
                r"relaxable (Burkholz 2022a)}"),
    Claim(id="unified.lemma1", title="Lemma 1 (Approximating a weight), §4", source=SRC,
          statement="eps in (0,1), delta = eps/(2 Delta), g(x) = v^T sigma(u x), v, u in S_delta^{2n}, "
                    "n >= C log((1/delta+1)/(Delta+1)); with probability >= 1 - 4 exp(-(n - C' "
                    "log(...))^2/(kappa n)), for any w in S_delta there are s, s' in {0,1}^{2n} with "
                    "sup_{|x|<=1} |w x - (v.s)^T sigma((u.s') x)| <= eps.",
          methods=("MC",), params=(P_K, P_D, P_N), constants_kind="existential",
          constants={"kappa": "225 (imported)", "C'": "60/ln(17/16) (imported)"}, log_base="ln",
          hypothesis=H_LEMMA1,
          depends_on=("unified.thm2", "unified.thm5", "unified.step_lemma1_dec", "unified.step_lemma1_1",
                      "unified.step_lemma1_2", "unified.thm2.as_used_in_lemma1", "unified.step_lemma1_4",
                      "unified.step_lemma1_5"),
          latex=r"\epsilon\in(0,1),\ \delta=\frac{\epsilon}{2\Delta},\ \mathbf v,\mathbf u\in S_\delta^{2n},\ "
                r"n\ge C\log\frac{1/\delta+1}{\Delta+1}:\ \mathbb P\Big(\forall w\in S_\delta\ \exists"
                r"\mathbf s,\mathbf s':\ \sup_{|x|\le1}|wx-(\mathbf v\odot\mathbf s)^T\sigma((\mathbf u\odot"
                r"\mathbf s')x)|\le\epsilon\Big)\ge1-4\exp\Big(-\frac{(n-C'\log\frac{1/\delta+1}{\Delta+1})^2}"
                r"{\kappa n}\Big)",
          notes="Event: every w in S_delta simultaneously; for x > 0 the slopes are subset sums of "
                "{v_i u_i : u_i > 0}, for x < 0 of {v_i u_i : u_i < 0} (delta^2 grid, bitset DP). "
                "Measured: C, C', kappa are existential; small_width fits the smallest kappa (C' = 0); "
                "paper_constants compares with " + ch.IMPORTED + " (could not fail: the bound is "
                "below 1 - 4e^-3 at n <= 4 C'L while the data give 1 - 10^-40); the construction's "
                "error is reported (at most Delta delta = eps/2: the two halves act on disjoint x "
                "ranges). The lower bound at large n is amplified from a width-64 Monte Carlo by "
                "disjoint sub-networks (see slth_checks.Amplified).",
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
                    "w x = sigma(w x) - sigma(-w x).", methods=("SYM",), params=(P_K,),
          inherits=IN_LEMMA1_D1,
          latex=r"(\mathbf v\odot\mathbf s)^T\sigma((\mathbf u\odot\mathbf s')x)=(\mathbf b\odot\mathbf s_1)^T"
                r"\sigma(\mathbf a\odot\mathbf s_1'x)+(\mathbf d\odot\mathbf s_2)^T\sigma(\mathbf c\odot"
                r"\mathbf s_2'x);\ wx=\sigma(wx)-\sigma(-wx)"),
    Claim(id="unified.step_lemma1_1", title="Step 1 distributional claim", source=SRC,
          statement="a^+ = max{0, a} contains n i.i.d. random variables uniformly distributed over "
                    "non negative entries of S_delta (Step 3: c^- over non positive entries).",
          methods=("EXACT",), params=(P_K,), inherits=IN_LEMMA1_D1,
          latex=r"\mathbf a^+=\max\{0,\mathbf a\}\text{ contains }n\text{ i.i.d. random variables "
                r"uniformly distributed over non negative entries of }S_\delta",
          notes="As stated (unconditionally) a^+ puts mass (1/delta + 1)/(2/delta + 1) on 0, not "
                "1/(1/delta + 1); the entries that are >= 0 are uniform on S_delta >= 0 (reported), "
                "but there are a random number of them. k = 1 (eps = Delta >= 1) is outside Lemma 1.",
          checks=[ComputedCheck(name="law_of_a_plus", compute=ch.step1_law,
                                grid={"k": list(range(1, 9))}, quick_grid={"k": [1, 3]},
                                falsifiers=(Falsifier.tighten(doc="violated as printed"),))]),
    Claim(id="unified.step_lemma1_2", title="Step 2 claims", source=SRC,
          statement="(a) integer and S_delta subset sum are equivalent up to scaling; (b) Z_i = b_i "
                    "a_i^+ are of precision delta^2 and not uniformly distributed; (c) for n large "
                    "enough a constant fraction is uniformly distributed (Theorem 5); (d) by Theorem 2, "
                    "w.p. >= 1 - 2 exp(-(n - C log(...))^2/(kappa n)), for all w in S_delta, "
                    "|w - b^T(s1 . a^+)| < Delta delta; (e) hence sup_x |sigma(wx) - b^T sigma((s1.a^+)x)| "
                    "< Delta delta.",
          methods=("EXACT", "MC"), params=(P_K, P_D), constants_kind="existential",
          inherits=IN_LEMMA1,
          latex=r"Z_i=b_ia_i^+:\ \text{(b) precision }\delta^2,\text{ not uniform; (c) a constant "
                r"fraction uniform (Thm 5); (d) by Thm 2, }\mathbb P\big(\forall w\in S_\delta:\ "
                r"|w-\mathbf b^T(\mathbf s_1\odot\mathbf a^+)|<\Delta\delta\big)\ge1-2\exp\Big(-\frac{(n-C"
                r"\log\frac{1/\delta+1}{\Delta+1})^2}{\kappa n}\Big)",
          notes="(d) is a gap: Theorem 2 needs samples uniform on a full grid {-M..M} with targets in "
                "it; Z = b a^+ takes 61 of the 129 values of the delta^2 grid at delta = 1/8, and the "
                "full interval {-m..m} inside its support stops at m = 10 < 64 = 1/delta^2 (the largest "
                "target): Theorem 2 does not apply (theorem2_model_for_Z, violated at every k). The "
                "form the proof uses (the Step 2 event with a 1 - 2exp(...) bound, existential "
                "constants) is measured. (b) and (c) are reported: the uniform fraction alpha of "
                "Theorem 5 decreases with k (0.28, 0.23, 0.21, 0.18, ... at k = 1, 2, 3, 4) and no "
                "finite range decides whether it stays bounded away from 0. The (d) event is checked "
                "through the two-sided event (both halves), whose probability is at most that of one "
                "half.",
          checks=[
              ComputedCheck(name="law_of_Z", compute=ch.step2_law,
                            grid=lambda: [{"k": kk, "Delta": 1, "conditioned": c} for kk in range(1, 9)
                                          for c in (0, 1)],
                            quick_grid=lambda: [{"k": 3, "Delta": 1, "conditioned": 0}],
                            doc="the law of Z does not depend on Delta; Delta = 1 places k in Lemma "
                                "1's domain"),
              theorem2_gap("Step 2", "b_i a_i^+"),
          ]),
    Claim(id="unified.thm2.as_used_in_lemma1", title="Theorem 2 as applied in Lemma 1", source=SRC,
          statement="Theorem 2 in the units of S_delta (M <-> 1/delta): strict tolerance < Delta delta "
                    "for all w in S_delta with probability >= 1 - 2 exp(-(n - C log((1/delta+1)/"
                    "(Delta+1)))^2/(kappa n)), for samples Z_i of precision delta^2.",
          methods=("REC", "SYM"), variant_of="unified.thm2", params=(P_K, P_D), inherits=IN_LEMMA1,
          latex=r"M\leftrightarrow1/\delta:\ \mathbb P\big(\forall w\in S_\delta\ \exists S:\ "
                r"|w-\textstyle\sum_{i\in S}Z_i|<\Delta\delta\big)\ge1-2\exp\Big(-\frac{(n-C\log"
                r"\frac{1/\delta+1}{\Delta+1})^2}{\kappa n}\Big)",
          notes="Recorded mapping (claims.md: record it): grid unit delta^2; samples Z_i = b_i a_i^+ in "
                "{-1/delta^2..1/delta^2}; targets w in S_delta are j/delta (j = -1/delta..1/delta) "
                "in those units; tolerance Delta delta = Delta/delta units, strict. In delta^2 units "
                "Theorem 2's factor is log((1/delta^2+1)/(Delta/delta+1)), at most log 2 above Eq. (4) "
                "(absorbed by the existential C). Theorem 2 itself needs samples uniform on a full "
                "interval: see unified.step_lemma1_2 (theorem2_model_for_Z)."),
    Claim(id="unified.step_lemma1_4", title="Step 4", source=SRC,
          statement="Applying Theorem 2 again, w.p. >= 1 - 2 exp(...), there is s2 with, for all w in "
                    "S_delta, sup_x |-sigma(-wx) - d^T sigma((s2 . c^-)x)| < Delta delta.",
          methods=("MC",), constants_kind="existential", params=(P_K, P_D), inherits=IN_LEMMA1,
          latex=r"\mathbb P\big(\exists\mathbf s_2\ \forall w\in S_\delta:\ \sup_{x\in[-1,1]}|-\sigma(-wx)"
                r"-\mathbf d^T\sigma((\mathbf s_2\odot\mathbf c^-)x)|<\Delta\delta\big)\ge1-2\exp(\cdots)",
          notes="Same gap as Step 2: d_i c_i^- has the law of b_i a_i^+ (c^- = -a^+, d = -b in law), "
                "which is not uniform on a full interval, so Theorem 2 does not apply; the event's "
                "probability (existential constants) is measured.",
          checks=[theorem2_gap("Step 4", "d_i c_i^-")]),
    Claim(id="unified.step_lemma1_5", title="Step 5", source=SRC,
          statement="union bound: probability >= 1 - 4 exp(-(n - C' log(...))^2/(kappa n)); "
                    "inf_s sup_x |wx - (v.s)^T sigma((u.s')x)| <= 2 Delta delta = eps.",
          methods=("SYM", "MC"), constants_kind="existential", params=(P_K, P_D), inherits=IN_LEMMA1,
          latex=r"\inf_{\mathbf s}\sup_{|x|\le1}|wx-(\mathbf v\odot\mathbf s)^T\sigma((\mathbf u\odot"
                r"\mathbf s')x)|\le2\Delta\delta=\epsilon\ \text{w.p.}\ \ge1-4\exp\Big(-\frac{(n-C'\log"
                r"\frac{1/\delta+1}{\Delta+1})^2}{\kappa n}\Big)",
          checks=[amp("both_halves", ch.Amplified(4, "Delta", True, "construction"), L1_PAIRS,
                      [(3, 1)], "Steps 2 and 4 together (the construction of the proof)")]),
    Claim(id="unified.eq4", title="Eq. (4) and §4.1 identities", source=SRC,
          statement="(a) error eps continuous <-> Delta delta quantized; (b) log((1/delta+1)/(Delta+1)) "
                    "= log((1+delta)/(eps+delta)); (c) -> log(1/eps) as delta -> 0; (d) Delta = 0 gives "
                    "log(1/delta + 1).", methods=("SYM",), params=(P_EPS,),
          latex=r"\log\frac{\frac1\delta+1}{\Delta+1}=\log\frac{\frac1\delta+1}{\frac\epsilon\delta+1}"
                r"=\log\frac{1+\delta}{\epsilon+\delta}\xrightarrow{\delta\to0}\log\frac1\epsilon;\ "
                r"\Delta=0:\ \log\Big(\frac1\delta+1\Big)",
          notes="(b), (c) hold with (a)'s eps = Delta delta; with Lemma 1's eps = 2 Delta delta the "
                "limit is log(2/eps) (reported; two printed relations are not reconciled). (d): the "
                "substitution is right, but Delta = 0 lies outside the hypotheses of Theorem 3 and "
                "Lemmas 1, 7, 8 (Delta in Z^+, delta = eps/(2 Delta ...) undefined), so exact "
                "representation is not a special case of those results."),
    Claim(id="unified.claim2", title="§4.2 mixed precision", source=SRC,
          statement="with activations of precision delta (even layers) and delta^2 (odd layers) as in "
                    "Kumar & Natale (2025), Lemmas 1, 7, and 8 remain valid.", methods=("REC",),
          latex=r"\text{activations of precision }\delta\text{ (even layers) and }\delta^2\text{ (odd "
                r"layers): Lemmas 1, 7, 8 remain valid}",
          notes="In the construction the hidden activations u_i x are products of two delta-precision "
                "numbers when x in S_delta, i.e. of precision delta^2, consistent with the remark."),
    Claim(id="unified.lemma7", title="Lemma 7 (univariate linear function), App. D", source=SRC,
          statement="delta = eps/(2 Delta d); g(x) = v^T sigma(M x), M in S_delta^{C log(...) x d}; "
                    "n > C log(...); w.p. >= 1 - 4d exp(-(n - C' log(...))^2/(kappa n)), for any w in "
                    "S_delta^d there are s, T with sup_{||x||_inf<=1} |w^T x - g_hat(x)| < eps.",
          methods=("SYM", "MC"), params=(P_K, P_D, P_N, P_DD), constants_kind="existential",
          hypothesis=H_LEMMA7,
          depends_on=("unified.lemma1", "unified.step_lemma7_a", "unified.lemma1.as_used_in_lemma7",
                      "unified.step_lemma7_b", "unified.step_lemma7_c"),
          latex=r"\delta=\frac{\epsilon}{2\Delta d},\ n>C\log\frac{1/\delta+1}{\Delta+1}:\ \mathbb P"
                r"\Big(\forall\mathbf w\in S_\delta^d\ \exists\mathbf s,\mathbf T:\ \sup_{\|\mathbf x\|_\infty"
                r"\le1}|\mathbf w^T\mathbf x-\hat g(\mathbf x)|<\epsilon\Big)\ge1-4d\exp\Big(-\frac{(n-C'"
                r"\log\frac{1/\delta+1}{\Delta+1})^2}{\kappa n}\Big)",
          notes="Proof architecture: d blocks of 2n units (per Lemma 1). Tolerance per block: the "
                "proof's event E_i (<= Delta delta); final error < eps = 2 d Delta delta. Measured: "
                "existential constants (the comparison at the constants of Thm 4 could not fail) and "
                "the construction's error (reported).",
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
          statement="(s.v)^T sigma(M' x) = sum_i (s_i . v_i)^T sigma(u_i x_i).", methods=("SYM",),
          params=(P_K,),
          inherits=(Inherit("unified.lemma7", {"Delta": 1, "d": sp.Symbol("d_in")},
                            doc="d = d_in blocks; the identity does not depend on Delta"),),
          latex=r"(\mathbf s\odot\mathbf v)^T\sigma(\mathbf M'\mathbf x)=\sum_{i=1}^d(\mathbf s_i\odot"
                r"\mathbf v_i)^T\sigma(\mathbf u_ix_i)"),
    Claim(id="unified.lemma1.as_used_in_lemma7", title="Lemma 1 as used in Lemma 7", source=SRC,
          statement="E_i := {sup_{w in S_delta} inf_{s_i in {0,1}^n} sup_{|x|<=1} |wx - (v_i . s_i)^T "
                    "sigma(u_i x)| <= Delta delta}; by Lemma 1 P(E_i) >= 1 - 4 exp(...).",
          methods=("MC",), variant_of="unified.lemma1", constants_kind="existential",
          params=(P_K, P_D), inherits=(Inherit("unified.lemma7", {"d": 1},
                                               doc="one block; Lemma 7 with d = 1 is the widest domain"),),
          latex=r"E_i:=\Big\{\sup_{w\in S_\delta}\inf_{\mathbf s_i\in\{0,1\}^n}\sup_{|x|\le1}|wx-(\mathbf v_i"
                r"\odot\mathbf s_i)^T\sigma(\mathbf u_ix)|\le\Delta\delta\Big\},\ \mathbb P(E_i)\ge1-4\exp"
                r"\Big(-\frac{(n-C'\log\frac{1/\delta+1}{\Delta+1})^2}{\kappa n}\Big)",
          notes="Blocks of n units (the proof's dimension), tolerance <= Delta delta, while Lemma 1 gives "
                "<= 2 Delta delta with 2n units: Lemma 1's event does not imply E_i (a draw where one "
                "holds and the other fails is exhibited by lemma1_event_implies_E_i). The probability of "
                "E_i has existential constants: measured.",
          checks=[GapCheck(
              "lemma1_event_implies_E_i",
              implication=ComputedCheck(name="lemma1_event_implies_E_i", compute=ch.lemma1_implies_event,
                                        grid=lambda: [{"k": kk, "Delta": 1, "n": m, "draws": 400}
                                                      for kk, m in ((2, 8), (3, 12), (3, 16))],
                                        quick_grid=lambda: [{"k": 3, "Delta": 1, "n": 12, "draws": 200}],
                                        doc="same draws: Lemma 1's event (tolerance 2 Delta delta) "
                                            "without E_i (Delta delta)"),
              used=amp("lemma1_event_implies_E_i",
                       ch.Amplified(4, "Delta", False, "statement", half_units=True),
                       L1_PAIRS, [(3, 1)], "E_i with n units and tolerance Delta delta, at the "
                                           "constants of Thm 4"),
              doc="Lemma 1 gives tolerance 2 Delta delta with 2n units; E_i asks Delta delta with n")]),
    Claim(id="unified.step_lemma7_b", title="Lemma 7 proof, union bound", source=SRC,
          statement="E = cap_i E_i holds with probability >= 1 - 4d exp(...).", methods=("MC",),
          constants_kind="existential", params=(P_K, P_D),
          inherits=(Inherit("unified.lemma7", {"d": 2}, doc="the check takes d = 2 blocks"),),
          latex=r"\mathbb P\Big(\bigcap_iE_i\Big)\ge1-4d\exp\Big(-\frac{(n-C'\log\frac{1/\delta+1}"
                r"{\Delta+1})^2}{\kappa n}\Big)",
          checks=[amp("paper_constants", ch.Amplified("4*d", "Delta", False, "statement", d1=2,
                                                      half_units=True),
                      [(3, 1), (4, 1)], [(3, 1)], "E for d = 2, blocks of n units")]),
    Claim(id="unified.step_lemma7_c", title="Lemma 7 proof, final chain", source=SRC,
          statement="... <= sum_i 2 Delta delta <= 2 d Delta delta; since delta = eps/(2 d Delta) the "
                    "result follows (the sup over w_i switches from S_delta to |w_i| <= 1).",
          methods=("SYM",), params=(P_K, P_D, P_N),
          inherits=(Inherit("unified.lemma7", {"d": 1}, doc="one block of the chain"),),
          latex=r"\cdots=\sum_{i=1}^d\sup_{|w_i|\le1}\inf_{\mathbf s_i}\sup_{|x_i|\le1}|w_ix_i-(\mathbf s_i"
                r"\odot\mathbf v_i)^T\sigma(\mathbf u_ix_i)|\le\sum_{i=1}^d2\Delta\delta\le2d\Delta\delta,\ "
                r"\delta=\frac{\varepsilon}{2d\Delta}",
          notes="Gap: on E_i the error is bounded for w in S_delta only (by Delta delta); the chain "
                "writes the sup over |w_i| <= 1 as equal to it (false on many draws) and bounds it by "
                "2 Delta delta 'by definition of E'. That bound is true (a real w is within delta/2 of "
                "S_delta; on E_i the interval error reaches 1.5 Delta delta), but E does not give it.")
    ,
    Claim(id="unified.lemma8", title="Lemma 8 (Approximating a layer), App. D", source=SRC,
          statement="delta = eps/(2 Delta d1 d2); g(x) = N sigma(M x), N: d2 x C d1 log(...), M: C d1 "
                    "log(...) x d1; w.p. >= 1 - 4 d1 d2 exp(...), for any W in S_delta^{d1 x d2}: "
                    "exists S, T: sup_W sup_{||x||_inf<=1} ||W x - g_hat(x)|| < eps.",
          methods=("SYM", "MC"), params=(P_K, P_D, P_D1, P_D2), constants_kind="existential",
          hypothesis=H_LEMMA8, readings=(QUANTIFIER,),
          depends_on=("unified.lemma1", "unified.lemma7", "unified.step_lemma8_a",
                      "unified.lemma1.as_used_in_lemma8", "unified.step_lemma8_b"),
          latex=r"\delta=\frac{\varepsilon}{2\Delta d_1d_2}:\ \mathbb P\Big(\forall\mathbf W\in S_\delta^{d_1"
                r"\times d_2}\ \exists\mathbf S,\mathbf T:\ \sup_{\mathbf W\in S_\delta^{d_1\times d_2}}"
                r"\sup_{\|x\|_\infty\le1}\|f_{\mathbf W}(x)-\hat g(\mathbf x)\|<\varepsilon\Big)\ge1-4d_1d_2"
                r"\exp\Big(-\frac{(n-C'\log\frac{1/\delta+1}{\Delta+1})^2}{\kappa n}\Big)",
          notes="Reading R1 (for all W exists S, T) is tested by building the construction (u_j shared "
                "by the d2 outputs): measured (existential constants, errors reported). Reading R2 "
                "(exists S, T for all W) is impossible: one fixed mask cannot approximate both w = 1 "
                "and w = -1 within eps < 1 (check r2_fixed_mask, violated). The claim is violated "
                "only if every reading fails.",
          checks=[
              amp("paper_constants_R1", ch.Amplified("4*d1*d2", "2Delta", False, "statement", d1=2,
                                                     d2=2), [(4, 1)], [(4, 1)],
                  "d1 = d2 = 2, every W in S_delta^{2x2}", quantifier="R1"),
              network_check("layer", [
                  {"k": 4, "Delta": 1, "n": 48, "widths": "2x2", "draws": 8, "quantifier": "R1"},
                  {"k": 3, "Delta": 1, "n": 48, "widths": "1x2", "draws": 12, "quantifier": "R1"}],
                  [{"k": 3, "Delta": 1, "n": 48, "widths": "2x2", "draws": 3, "quantifier": "R1"}],
                  "reading R1: u_j shared by the d2 outputs, every W, exact sup error"),
              ComputedCheck(name="r2_fixed_mask", compute=ch.lemma8_r2,
                            grid=_pts([(2, 1), (3, 1), (4, 1)], quantifier="R2"),
                            quick_grid=_pts([(3, 1)], quantifier="R2"), constants={"eps_factor": 2},
                            falsifiers=(Falsifier.scale("eps_factor", 2,
                                                         doc="R2 fails even with eps doubled"),)),
          ]),
    Claim(id="unified.step_lemma8_a", title="Lemma 8 proof, block decomposition", source=SRC,
          statement="(S.N) sigma(M' x) = [sum_j (s_{i,j} . v_{i,j})^T sigma(u_j x_j)]_i.",
          methods=("SYM",), params=(P_K,),
          inherits=(Inherit("unified.lemma8", {"Delta": 1, "d1": sp.Symbol("d_in"),
                                               "d2": sp.Symbol("d_out")},
                            doc="d1 = d_in, d2 = d_out; the identity does not depend on Delta"),),
          latex=r"(\mathbf S\odot\mathbf N)\sigma(\mathbf M'x)=\Big[\sum_{j=1}^{d_1}(\mathbf s_{i,j}\odot"
                r"\mathbf v_{i,j})^T\sigma(\mathbf u_jx_j)\Big]_i"),
    Claim(id="unified.lemma1.as_used_in_lemma8", title="Lemma 1 as used in Lemma 8", source=SRC,
          statement="E_{i,j} := {sup_{w} inf_{s_{i,j}} sup_{|x|<=1} |wx - (v_{i,j}.s_{i,j})^T "
                    "sigma(u_i x)| <= 2 Delta delta}, probability >= 1 - 4 exp(...), union 1 - 4 d1 d2 "
                    "exp(...).", methods=("MC",), variant_of="unified.lemma1",
          constants_kind="existential", params=(P_K, P_D),
          inherits=(Inherit("unified.lemma8", {"d1": 1, "d2": 1},
                            doc="one event E_ij; Lemma 8 with d1 = d2 = 1 is the widest domain"),),
          latex=r"E_{i,j}:=\Big\{\sup_{w\in S_\delta}\inf_{\mathbf s_{i,j}}\sup_{|x|\le1}|wx-(\mathbf v_{i,j}"
                r"\odot\mathbf s_{i,j})^T\sigma(\mathbf u_ix)|\le2\Delta\delta\Big\},\ \mathbb P(E_{i,j})\ge1-"
                r"4\exp\Big(-\frac{(n-C'\log\frac{1/\delta+1}{\Delta+1})^2}{\kappa n}\Big)",
          notes="Blocks of n units with tolerance 2 Delta delta: Lemma 1 at width n/2, whose bound "
                "differs from the one quoted by the existential constants only (C' -> 2C', kappa -> "
                "2 kappa). Measured.",
          checks=[amp("paper_constants", ch.Amplified(4, "2Delta", False, "statement", half_units=True),
                      L1_PAIRS, [(3, 1)], "E_ij with n units and tolerance 2 Delta delta")]),
    Claim(id="unified.step_lemma8_b", title="Lemma 8 proof, final chain", source=SRC,
          statement="... <= 2 Delta delta d1 d2; since delta = eps/(2 d1 d2 Delta) the result follows.",
          methods=("SYM",), params=(P_K, P_D, P_D1, P_D2), inherits=(Inherit("unified.lemma8"),),
          latex=r"\cdots\le\sup\inf\sup\Big|\sum_{i=1}^{d_2}\sum_{j=1}^{d_1}w_{i,j}x_j-\sum_{j=1}^{d_1}"
                r"(\mathbf s_{i,j}\odot\mathbf v_{i,j})^T\sigma(\mathbf u_jx_j)\Big|\le\cdots\le2\Delta\delta"
                r" d_1d_2,\ \delta=\frac{\varepsilon}{2d_1d_2\Delta}",
          notes="Gap: the second line as printed replaces the norm of the d2 output residuals by the "
                "absolute value of their sum (false on random residuals); the bound the chain goes on "
                "to use, ||r|| <= sum_{i,j} |e_ij x_j| <= 2 Delta delta d1 d2, is true."),
    Claim(id="unified.eq8", title="App. D Eq. (8)", source=SRC,
          statement="with the probability of Lemma 8, sup_w exists S_2i, S_2i-1: sup_{||x||<=1} "
                    "||W_i x - (M_2i . S_2i) sigma((S_2i . M_2i-1) x)|| < eps/(2l).", methods=("SYM",),
          params=(P_ELL,), inherits=IN_THM3,
          latex=r"\sup_{\mathbf W\in S_\delta^{d_{i+1}\times d_i}}\exists\mathbf S_{2i},\mathbf S_{2i-1}:\ "
                r"\sup_{\|\mathbf x\|\le1}\|\mathbf W_i\mathbf x-(\mathbf M_{2i}\odot\mathbf S_{2i})\sigma("
                r"(\mathbf S_{2i}\odot\mathbf M_{2i-1})\mathbf x)\|<\frac{\varepsilon}{2\ell}"),
    Claim(id="unified.eq9", title="App. D Eq. (9)", source=SRC,
          statement="ReLU 1-Lipschitz: sup_{||x||<=1} ||sigma(W_i x) - sigma(...)|| < eps/(2l).",
          methods=("SYM",), inherits=IN_THM3,
          latex=r"\sup_{\|\mathbf x\|\le1}\|\sigma(\mathbf W_i\mathbf x)-\sigma((\mathbf M_{2i}\odot\mathbf "
                r"S_{2i})\sigma((\mathbf M_{2i-1}\odot\mathbf S_{2i-1})\mathbf x))\|<\frac{\varepsilon}{2\ell}"),
    Claim(id="unified.eq10", title="App. D Eq. (10)", source=SRC,
          statement="union bound: probability 1 - sum_{i=0}^{l-1} 4 d_i d_{i+1} exp(-(n - C' log(...))^2"
                    "/(kappa n)).", methods=("ARITH",), params=(P_ELL,), inherits=IN_THM3,
          latex=r"1-\sum_{i=0}^{\ell-1}4d_id_{i+1}\exp\Big(-\frac{(n-C'\log\frac{1/\delta+1}{\Delta+1})^2}"
                r"{\kappa n}\Big)",
          notes="Checked as claims.md asks: Eq. (10)'s factor sum_i 4 d_i d_(i+1) against Theorem 3's "
                "4 d^2 l ('simply using the definition of n in Equation 10 gives the required result'), "
                "d = max{d_1..d_l} (Definition 2). It exceeds 4 d^2 l when d_0 > d.",
          correction=Correction(
              "index", "d = max{d_0, ..., d_l}: the maximum taken from index 0, as the sum of Eq. (10) "
                       "runs over d_0 d_1, ..., d_(l-1) d_l",
              source="App. D Eq. (10): sum_{i=0}^{l-1} 4 d_i d_{i+1} (index from 0); §4 after Definition "
                     "2 prints d = max{d_1, ..., d_l}",
              constants={"d_from": 0})),
    Claim(id="unified.step_thm3_norm", title="norm growth (Thm 3 proof)", source=SRC,
          statement="||x'_i|| <= (1 + eps/(2l))^(i-1), using ||sigma(W_i x'_i)|| <= ||W_i x'_i|| <= "
                    "||x'_i||.", methods=("NUM", "SYM"), params=(P_DD,), inherits=IN_THM3,
          latex=r"\|\mathbf x'_i\|\le\Big(1+\frac{\varepsilon}{2\ell}\Big)^{i-1},\ \text{using }\|\mathbf W_i"
                r"\mathbf x'_i\|\le\|\mathbf x'_i\|",
          notes="||W_i x|| <= ||x|| means spectral norm <= 1, which Definition 2 does not impose.",
          checks=[ComputedCheck(name="spectral_norm", compute=ch.thm3_norm,
                                grid={"d": [1, 2, 3, 4]}, quick_grid={"d": [1, 2]},
                                constants={"lipschitz": 1},
                                falsifiers=(Falsifier.tighten(doc="||W x|| < ||x|| fails already at d = 1"),
                                            ))]),
    Claim(id="unified.step_thm3_err", title="error recursion (Thm 3 proof)", source=SRC,
          statement="||x_{i+1} - x'_{i+1}|| <= ||x_i - x'_i|| + (1 + eps/(2l))^(i-1) eps/(2l); unrolled "
                    "sum <= eps, using ||sigma(W_i x_i) - sigma(W_i x'_i)|| <= ||x_i - x'_i||.",
          methods=("NUM",), params=(P_DD, P_EPS),
          inherits=(Inherit("unified.thm3", {"Delta": 1}, doc="the recursion does not depend on Delta"),),
          latex=r"\|\mathbf x_{i+1}-\mathbf x'_{i+1}\|<\|\mathbf x_i-\mathbf x'_i\|+\Big(1+\frac{\varepsilon}"
                r"{2\ell}\Big)^{i-1}\frac{\varepsilon}{2\ell};\ \|f(\mathbf x)-g(\mathbf x)\|<\varepsilon",
          checks=[ComputedCheck(name="explicit_matrices", compute=ch.thm3_err,
                                grid=lambda: [{"d": d_, "eps": e} for d_ in (1, 2, 3, 4)
                                              for e in ("1/2", "1/8")],
                                quick_grid=lambda: [{"d": 3, "eps": "1/2"}],
                                falsifiers=(Falsifier.tighten(doc="violated as printed"),))]),
    Claim(id="unified.step_thm3_final", title="final bound (Thm 3 proof)", source=SRC,
          statement="with probability at least 1 - eps, ||f(x) - g(x)|| <= sum_i (1 + eps/(2l))^(i-1) "
                    "eps/(2l) = (1 + eps/(2l))^l - 1 < e^(eps/2) - 1 < eps.", methods=("SYM", "CERT"),
          inherits=IN_THM3,
          latex=r"\sum_{i=1}^\ell\Big(1+\frac{\varepsilon}{2\ell}\Big)^{i-1}\frac{\varepsilon}{2\ell}=\Big(1+"
                r"\frac{\varepsilon}{2\ell}\Big)^\ell-1<e^{\varepsilon/2}-1<\varepsilon"),
    Claim(id="unified.thm3.as_in_proof", title="Theorem 3 as concluded in the proof", source=SRC,
          statement="probability 'at least 1 - eps' (proof) vs 1 - 4 d^2 l exp(-C' n) (statement).",
          methods=("MC", "EXACT"), variant_of="unified.thm3", params=(P_K, P_D),
          inherits=(Inherit("unified.thm3", {"eps": 2 * Delta / 2 ** k},
                            doc="l = 1, d_0 = d_1 = 1: N_T = 1, eps = 2 Delta delta"),),
          latex=r"\mathbb P\big(\|f(\mathbf x)-g(\mathbf x)\|<\varepsilon\big)\ge1-\varepsilon",
          notes="The two probabilities are different expressions; not reconciled. Measured on the "
                "tiny instance l = 1, d0 = d1 = 1: the success probability against 1 - eps for each "
                "tested width, with the smallest width clearing 1 - eps and its width constant. The "
                "proof's n (Eq. (10)) has existential constants, so no finite list of widths can "
                "contradict 'at least 1 - eps' (the former check fitted that width on its grid and "
                "re-checked it there: it could not fail).",
          checks=[ComputedCheck(name="width_for_one_minus_eps", compute=net.thm3_proof_probability,
                                grid=lambda: [{"k": a, "Delta": 1, "ns": "4-8-12-16-24-32-48-64"}
                                              for a in (2, 3)],
                                quick_grid=lambda: [{"k": 3, "Delta": 1, "ns": "8-16-32"}],
                                doc="P(success) per tested width vs 1 - eps, reported")]),
)
