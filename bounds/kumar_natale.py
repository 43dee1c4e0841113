"""`kumar_natale` -- Kumar & Natale, "Quantization vs Pruning: Insights from the Strong Lottery
Ticket Hypothesis" (seed 002; claims.md §3).

Seed 002 is a README of an "Arxiv Dataset Agent" whose "File Sample" holds only the title, authors,
abstract and first paragraph of §1; the paper's theorems are not in the seeds. Every claim is
recorded verbatim (``REC``); `unified.cite6` is the second-hand description of its results.
"""
from __future__ import annotations

from ticketcheck.bounds.claim import Claim
from ticketcheck.bounds.registry import register, register_paper

SRC = "seed 002 (README 'File Sample': abstract and §1)"
register_paper("kumar_natale", "Kumar & Natale, Quantization vs Pruning (seed README sample)",
               citation=SRC, order=3)


def _rec(id_, title, statement, source=SRC, **kw):
    return Claim(id=id_, title=title, source=source, statement=statement, methods=("REC",), **kw)


register(
    _rec("kumar_natale.model", "random model (second-hand)",
         "Not given in the seed. From unified's description (unified.cite6): quantized weights in a "
         "finite grid; exact representation (Delta = 0); 'mixed-precision assumptions' (activations of "
         "even layers of precision delta, odd layers delta^2).",
         source="unified §1, §2, §4.1, §4.2 (second-hand)", notes="Recorded as second-hand."),
    _rec("kumar_natale.claim1", "previous work (abstract)",
         "Previous works demonstrated that extremely low-precision networks, such as binary networks, "
         "can be constructed by pruning large, randomly-initialized networks, and showed that the ratio "
         "between the size of the original and the pruned networks is at most polylogarithmic."),
    _rec("kumar_natale.claim2", "SLTH/RSSP tool (abstract)",
         "The specific pruning method they employed inspired a line of theoretical work known as the "
         "Strong Lottery Ticket Hypothesis (SLTH), which leverages insights from the Random Subset Sum "
         "Problem. However, these results primarily address the continuous setting and cannot be applied "
         "to extend SLTH results to the quantized setting."),
    _rec("kumar_natale.claim3", "method (abstract)",
         "we build on foundational results by Borgs et al. on the Number Partitioning Problem to derive "
         "new theoretical results for the Random Subset Sum Problem in a quantized setting."),
    _rec("kumar_natale.claim4", "exact representation (abstract)",
         "we demonstrate that, in the quantized setting, the analogous class of target discrete neural "
         "networks can be represented exactly"),
    _rec("kumar_natale.claim5", "optimality (abstract)",
         "we prove optimal bounds on the necessary overparameterization of the initial network as a "
         "function of the precision of the target network.",
         notes="Cross-reference: unified.cite6 ('characterized the optimal trade-off between "
               "overparameterization and weight precision'; 'inverse-polynomial decay of the failure "
               "probability'; overparameterization 'log(1/delta + 1)')."),
    _rec("kumar_natale.claim6", "introduction (first paragraph)",
         "recent empirical work shows that aggressive quantization can preserve accuracy even down to "
         "the few bits regime."),
)


# ================================================================================================
# From the public full text (arXiv 2508.11020 v1), catalogued in npp.md: number partitioning
# ================================================================================================
from fractions import Fraction  # noqa: E402

from ticketcheck.bounds import kumar_natale_checks as kc  # noqa: E402
from ticketcheck.bounds.claim import ComputedCheck, Falsifier, Param  # noqa: E402

FULL = "arXiv 2508.11020 v1 (full text), via ../shared/spec/npp.md"
PARITY = Param("parity", "choice", choices=("even", "odd", "any"),
               doc="condition on the parity of Lambda = sum X_i")
LAW = Param("law", "choice", choices=kc.LAWS,
            doc="instances from {-M..-1, 1..M} (nonzero) or {-M..M} (with_zero)")
P_N = Param("n", "int", 1, None, doc="number of weights")
P_M = Param("M", "int", 1, None, doc="weights uniform on {1..M} (NPP) / {-M..-1, 1..M} (RSSP)")
#: the 2 of |Lambda - 2t| (Lemma 2); its falsifier |Lambda - t| must be caught
LEMMA2 = {"constants": {"factor": 2},
          "falsifiers": (Falsifier.scale("factor", Fraction(1, 2), doc="|Lambda - t| for |Lambda - 2t|"),)}

register(Claim(
    id="kumar_natale.lemma2", title="subset sum <=> partition (Lemma 2)",
    source=f"{FULL}: §3.2 Lemma 2 and App. A",
    statement="For any integers X_1..X_n and t, with Lambda = sum X_i: some S subset [n] has "
              "sum_{i in S} X_i = t iff some sigma in {-1,1}^n has |sigma.X| = |Lambda - 2t| "
              "(sigma_i = -1 on S gives sigma.X = Lambda - 2 sum_S X_i; the complement of S gives the "
              "opposite sign). Also: the NPP on X is solvable iff it is solvable on (|X_1|, ..., "
              "|X_n|), whose entries are uniform on {1..M} when X is uniform on {-M..-1, 1..M}.",
    methods=("EXACT",), params=(P_N, P_M, LAW, Param("t", "int", None, None, doc="target"),
                                Param("instances", "int", 1, None, doc="random instances")),
    notes="Typo in the printed proof: '(Lambda - x) - x = Lambda - 2' where Lambda - 2x is meant "
          "(npp.md); the statement is checked as stated. Judged: (1) every instance of {-M..-1, "
          "1..M}^n and of {-M..M}^n (the lemma is for any integers) for n <= 6, M <= 4, every target "
          "t in [-2nM-1, 2nM+1] (both sides are false for |t| > nM), each direction of the iff counted "
          "separately, and the X vs |X| statement for every discrepancy d in 0..nM+1; (2) random "
          "instances of larger n, M (every integer target); (3) P(RSSP with target t solvable) for "
          "X uniform on {-M..-1, 1..M} computed two ways, by a DP over subset sums and through the "
          "lemma and the NPP generating polynomials (exact/rssp_nonzero.py), which must be equal.",
    checks=[
        ComputedCheck("exhaustive", kc.lemma2_exhaustive_compute,
                      lambda: [{"n": n, "M": M, "law": law} for law in kc.LAWS
                               for n in range(1, 7) for M in range(1, 5)],
                      quick_grid=lambda: [{"n": n, "M": M, "law": law} for law in kc.LAWS
                                          for n, M in ((3, 2), (6, 4))], **LEMMA2),
        ComputedCheck("random_instances", kc.lemma2_random_compute,
                      lambda: [{"n": n, "M": M, "law": law, "instances": k}
                               for law in kc.LAWS for n, M, k in ((12, 1000, 100), (20, 50, 50),
                                                                  (30, 3, 50))],
                      quick_grid=lambda: [{"n": 12, "M": 100, "law": "nonzero", "instances": 30}],
                      **LEMMA2),
        ComputedCheck("probability_two_ways", kc.lemma2_probability_compute,
                      lambda: [{"M": M, "n": n, "t": t} for M, n in ((2, 6), (4, 5), (8, 4))
                               for t in (0, 1, 3, M, 2 * M + 1)],
                      quick_grid=lambda: [{"M": 4, "n": 5, "t": t} for t in (1, 4)], **LEMMA2),
    ]))

_KAPPAS = (Fraction(1, 2), Fraction(3, 4), Fraction(9, 10), Fraction(1), Fraction(11, 10),
           Fraction(5, 4), Fraction(3, 2))

register(Claim(
    id="kumar_natale.phase_transition", title="NPP phase transition at kappa = log2(M)/n",
    source=f"{FULL}: §2, quoting Mertens and Borgs et al.",
    statement="With kappa = log2(M)/n, for kappa < 1 perfect partitions exist in number of order "
              "2^n (something sub-exponential) and with probability -> 1; for kappa > 1 their "
              "number drops to zero with probability -> 1.",
    methods=("EXACT", "MC"), params=(Param("n", "int", 1, 40), Param("kappa", "real", 0, None),
                                     PARITY, Param("n_max", "int", 8, 128)),
    notes="A limit statement: no finite n can violate it, so what is judged is the first moment "
          "that drives both halves: E[# perfect partitions | parity] (sigma ~ -sigma, exact for "
          "every M by inclusion-exclusion) must grow with n along kappa = 1/2, 3/4, 9/10 and shrink "
          "along kappa = 11/10, 5/4, 3/2 (n = 8..64; M = nearest integer to 2^(kappa n)). The "
          "probability curves P(perfect partition) (exact when affordable, else Monte Carlo with "
          "Clopper-Pearson intervals) for n = 8..24 and those kappas (and kappa = 1, where the BCP "
          "window's shift n - log2(n)/2 puts the limit at 0) are measured next to the limits 1 and 0, "
          "not judged; the info holds E and the Markov bound P <= E. Observation: along kappa < 1 "
          "log2(E)/n tends to 1 - kappa, not 1, so 'number of order 2^n (sub-exponential)' is "
          "loose unless kappa -> 0 (the info of the trend check shows log2(E)/n next to 1 - kappa; "
          "npp.md paraphrases the paper, so this is reported, not judged).",
    checks=[
        ComputedCheck("first_moment_trend", kc.first_moment_trend_compute,
                      lambda: [{"kappa": k, "parity": p, "n_max": 64} for k in _KAPPAS if k != 1
                               for p in ("even", "odd")],
                      quick_grid=lambda: [{"kappa": k, "parity": "even", "n_max": 32}
                                          for k in (Fraction(3, 4), Fraction(5, 4))],
                      constants={"kappa_c": 1},
                      falsifiers=(Falsifier.scale("kappa_c", Fraction(1, 2),
                                                  doc="transition placed at kappa = 1/2"),)),
        ComputedCheck("probability_curves", kc.phase_curves_compute,
                      lambda: [{"n": n, "kappa": k, "parity": "any"} for k in _KAPPAS
                               for n in (8, 12, 16, 20)],
                      quick_grid=lambda: [{"n": n, "kappa": k, "parity": "any"}
                                          for k in (Fraction(3, 4), Fraction(5, 4)) for n in (8, 16)]),
    ]))

_LAMBDAS = (Fraction(-1), Fraction(0), Fraction(1), Fraction(2))

register(Claim(
    id="kumar_natale.cite_bcp", title="Borgs-Chayes-Pittel scaling window",
    source=f"{FULL}: §2 / Lemma 1, citing Borgs, Chayes & Pittel (Random Structures & Algorithms "
           f"19, 2001)",
    statement="Write M = 2^B and B = n - (1/2) log2(n) + lambda. The expected number of perfect "
              "partitions (sigma and -sigma identified) is about E = sqrt(3/(2 pi)) 2^-lambda when "
              "Lambda is even, and twice that when Lambda is odd, and as n -> oo with lambda fixed: "
              "P(perfect | Lambda even) -> 1 - exp(-E), P(perfect | Lambda odd) -> 1 - exp(-2E).",
    methods=("EXACT", "MC"), params=(Param("n", "int", 1, 40), Param("lam", "real", None, None),
                                     PARITY, Param("n_max", "int", 8, 128)),
    notes="Limit statements, per parity (never folded: the two limits differ). Judged: the first "
          "moment, exactly: at fixed lambda (M = nearest integer to 2^(n - log2(n)/2 + lambda), "
          "lambda recomputed from that M) the relative gap |E_n / (E or 2E) - 1| must decrease along "
          "n = 8..64 (it does, like 0.15/n). Measured, not judged: P(perfect | parity) at n = 12..20 "
          "and lambda = -1, 0, 1, 2 (n = 12, 16, 20 in the review; exact when affordable, else Monte Carlo with Clopper-Pearson "
          "intervals over the instances of that parity, their number reported) next to 1 - exp(-E) "
          "/ 1 - exp(-2E); a finite-n gap is not a violation of a limit, and the info shows whether "
          "the limit lies in the 99% interval and the Poisson value with the exact finite-n first "
          "moment. npp.md's own run (n = 20, M = 2^16..2^20, 40,000 instances) is the grid "
          "'replication' (lambda = B - 20 + log2(20)/2 for B = 16..20).",
    checks=[
        ComputedCheck("first_moment", kc.bcp_first_moment_compute,
                      lambda: [{"lam": lam, "parity": p, "n_max": 64} for lam in _LAMBDAS
                               for p in ("even", "odd")],
                      quick_grid=lambda: [{"lam": Fraction(0), "parity": p, "n_max": 24}
                                          for p in ("even", "odd")],
                      constants={"window": Fraction(1, 2), "odd_factor": 2},
                      falsifiers=(Falsifier.scale("window", 2, doc="B = n - log2(n) + lambda"),
                                  Falsifier.scale("odd_factor", Fraction(1, 2),
                                                  doc="odd totals compared with E, not 2E"))),
        ComputedCheck("limit_law", kc.bcp_limit_law_compute,
                      lambda: [{"n": n, "lam": lam, "parity": p} for lam in _LAMBDAS
                               for n in (12, 16, 20) for p in ("even", "odd")],
                      quick_grid=lambda: [{"n": 16, "lam": Fraction(0), "parity": p}
                                          for p in ("even", "odd")]),
        ComputedCheck("replication", kc.bcp_replication_compute,
                      lambda: [{"n": 20, "B": B, "parity": p} for B in range(16, 21)
                               for p in ("even", "odd")],
                      quick_grid=lambda: [{"n": 20, "B": 18, "parity": p} for p in ("even", "odd")]),
    ]))

_NOT_AVAILABLE = ("Recorded: the bound is a formula that is not available in the public text (the "
                  "displayed formulas did not survive extraction; npp.md catalogues only statements "
                  "whose content is given in words). ")

for _id, _title, _src, _words in (
    ("kumar_natale.lemma1", "moment bounds on P(Z_{n,z} > 0)", "§3.1 Lemma 1",
     "Lemma 1 bounds P(Z_{n,z} > 0) above (Markov) and below (Cauchy-Schwarz / second moment) from "
     "Borgs-Chayes-Pittel's first and second moments."),
    ("kumar_natale.lemma3", "transfer to the RSSP", "§3.2 Lemma 3",
     "Lemma 3 transfers the bounds of Lemma 1 to the RSSP through Lemma 2, splitting on the parity "
     "of Lambda."),
    ("kumar_natale.lemma4", "RSSP solvable w.h.p. for lim kappa_n < 1", "§3.2 Lemma 4",
     "Lemma 4: if lim kappa_n < 1 and t = O(M), the RSSP is solvable with high probability; the "
     "proof uses Hoeffding's inequality to keep Lambda of order M sqrt(n) log n."),
    ("kumar_natale.thm1", "exact representation of quantized targets", "§4 Theorem 1",
     "Theorem 1: a depth-2l network of width O(d log(1/delta)) can be pruned to represent any "
     "delta_t-quantized target exactly, with failure probability inverse-polynomial in "
     "log(1/delta) ('with high probability', their footnote 1)."),
    ("kumar_natale.thm2", "Theorem 2", "§4 Theorem 2",
     "Theorem 2 (listed in npp.md's ids without a description of its content)."),
    ("kumar_natale.thm3", "width lower bound", "§5 Theorem 3",
     "Theorem 3: a matching Omega(d log(1/delta)) width lower bound by parameter counting."),
    ("kumar_natale.cor1", "optimality of the width", "§5 Corollary 1",
     "Corollary 1: with Theorem 1, the width O(d log(1/delta)) is optimal (the Omega(d "
     "log(1/delta)) lower bound by parameter counting)."),
):
    register(_rec(_id, _title, f"What the words say: {_words}", source=f"{FULL}: {_src}",
                  notes=_NOT_AVAILABLE + ("npp.md gives no content for Theorem 2 beyond its id."
                                          if _id.endswith("thm2") else "")))
