"""`slides` -- E. Natale, "On the Random Subset Sum Problem and Neural Networks" (seed 003, 30 May
2023; claims.md §4). One declaration per claim id.

The RSSP slide: "Given X_1..X_n i.i.d. random variables, with prob. 1 - eps for each z in [-1,1]
there is S subset {1..n} such that z - eps <= sum_S X_i <= z + eps. Lueker '98: n = O(log 1/eps)."
The distribution is unstated; the checks use U[-1,1] (as `unified.thm1` does), closed tolerance,
targets [-1, 1]. Two quantifier readings: one event for every z (`slides.model`, the main reading)
and "for each z" separately (`slides.model.per_z`). Checks: :mod:`bounds.continuous_rssp`.
"""
from __future__ import annotations

from ticketcheck.bounds.claim import Claim, Param
from ticketcheck.bounds.continuous_rssp import per_eps_check, prediction_check, readings_check
from ticketcheck.bounds.registry import register

SRC = "slides (seed 003)"
ALL_Z = "every z in [-1, 1] eps-approximated"
TARGETS = ("-1", "-1/2", "1/4", "1/2", "1")
RSSP_SLIDE = ("RSSP. For which n does the following holds? Given X_1, ..., X_n i.i.d. random variables, "
              "with prob. 1 - eps for each z in [-1,1] there is S subset {1, ..., n} such that "
              "z - eps <= sum_{i in S} X_i <= z + eps.")
P_J = Param("j", "int", 1, None, doc="eps = 2^-j")


def _rec(id_, title, statement, **kw):
    return Claim(id=id_, title=title, source=SRC, statement=statement, methods=("REC",), **kw)


register(
    Claim(id="slides.model", title="RSSP as stated on the slides", source=SRC + ", slide 'SLTH and "
          "the Random Subset-Sum Problem'", statement=RSSP_SLIDE, methods=("MC",), params=(P_J,),
          notes="Distribution of X_i not specified on the slide: U[-1,1] is used. Tolerance closed. "
                "Targets [-1, 1]. Any subset. Reading: one event of probability >= 1 - eps in which "
                "every z has a subset. The slide asks for which n this holds (answer: slides.thm1); "
                "the check runs both quantifier readings on the same samples (tested z: "
                + ", ".join(TARGETS) + "), reports the n each needs (info: the per-z n does not "
                "suffice for the one-event reading, which the slide does not claim) and compares "
                "what the model implies: the one-event reading includes the per-z one.",
          checks=[readings_check("readings_same_samples", "-1", "1", True, TARGETS, (3, 4, 5, 6),
                                 (3, 4), 3000, 1000)]),
    Claim(id="slides.model.per_z", title="RSSP slide, per-z quantifier reading", source=SRC,
          statement=RSSP_SLIDE + " [reading: for each fixed z in [-1,1], P(exists S: z - eps <= "
                    "sum_S X_i <= z + eps) >= 1 - eps]", methods=("MC",), params=(P_J,),
          variant_of="slides.model",
          notes="Per-z event = coverage of the one-point interval [z, z]; z = 1, the edge of the "
                "range, where the density of subset sums is lowest among z in [-1, 1] (z = 0 is "
                "always hit by the empty set). slides.model compares the readings on the same samples.",
          checks=[per_eps_check("smallest_n_z1", "1", "1", True, range(2, 8), (2, 3), 3000, 1000,
                                "z = 1 eps-approximated")]),
    Claim(id="slides.thm1", title="Lueker '98", source=SRC,
          statement="RSSP. For which n does the following holds? ... Lueker '98: n = O(log 1/eps).",
          methods=("MC",), params=(Param("n", "int", 0, 24), P_J),
          constants={"C": "existential (O(.))"}, constants_kind="existential",
          log_base="unspecified (ln, log2)", depends_on=("slides.model",),
          notes="Monte Carlo with X_i ~ U[-1,1] (the unstated distribution; unified.thm1 uses it), "
                "targets [-1, 1], closed tolerance. Compare unified.thm1 (targets [-1/2, 1/2]).",
          checks=[per_eps_check("smallest_n", "-1", "1", True, range(2, 8), (2, 3), 3000, 1000,
                                ALL_Z),
                  prediction_check("one_constant", "-1", "1", True, 4, 6, 3000, (3, 4, 3000),
                                   ALL_Z)]),
    _rec("slides.thm2", "da Cunha et al., ICLR 2022 (SLTH for CNNs)",
         "Theorem (da Cunha et al., ICLR 2022). Given eps, delta > 0, any CNN with k parameters and l "
         "layers, and kernels with l_1 norm at most 1, can be approximated within error eps by pruning "
         "a random CNN with O(k log(k l / min{eps, delta})) parameters and 2l layers with probability "
         "at least 1 - delta."),
    _rec("slides.claim1", "SLTH proof strategies",
         "Pensia et al. (NeurIPS 2020): Find combination of random weights close to w; Malach et al. "
         "(ICML 2020): Find random weight close to w."),
    _rec("slides.claim2", "pruning state of the art",
         "Blalock et al. (2020): iterated magnitude pruning still SOTA compression technique."),
    _rec("slides.claim3", "LTH",
         "Frankle & Carbin (ICLR 2019): Large random networks contains sub-networks that reach "
         "comparable accuracy when trained"),
    _rec("slides.claim4", "Strong LTH",
         "Ramanujan et al. (CVPR 2020) find a good subnetwork without changing weights (train by "
         "pruning!); A network with random weights contains sub-networks that can approximate any "
         "given sufficiently-smaller neural network (without training)"),
    _rec("slides.claim5", "ILP connection",
         "Deep connection with integer linear programs [Dyer & Frieze '89, Borst et al. '22]"),
    _rec("slides.meta", "non-technical slide content",
         "Academic path (PhD 2017 Sapienza; IRIF 2014/15; Simons Institute 2016, 2018; MPI Informatics "
         "2017-2018; COATI Inria 2019), 'Best PhD + Young Researcher Prizes by It. Ch. EATCS', quote "
         "'Ideas are sculpted in the brain by sparsifying it. - L. Valiant'.",
         notes="Not claims about RSSP/SLTH."),
)
