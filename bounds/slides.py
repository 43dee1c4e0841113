"""`slides` -- E. Natale, "On the Random Subset Sum Problem and Neural Networks" (seed 003, 30 May
2023; claims.md §4). One declaration per claim id.

The RSSP slide ("SLTH and the Random Subset-Sum Problem"): "RSSP. For which n does the following
holds? Given X_1..X_n i.i.d. random variables, with prob. 1 - eps for each z in [-1,1] there is
S subset {1..n} such that z - eps <= sum_S X_i <= z + eps. Lueker '98: n = O(log 1/eps)."

What can be judged here: nothing. The slide poses a question (`slides.model`, and its per-z reading
`slides.model.per_z`) and answers it with a citation whose constant is existential
(`slides.thm1`, "n = O(log 1/eps)"): no finite sample can contradict either (issue 9, item 3). So
the checks *measure* (relation ``report``): the n each quantifier reading needs per eps, and the
fitted constant C as the bracket the 99% intervals allow, per log base (the base is unstated: a
reading), with the grid it was fitted on. The distribution is unstated: U[-1,1] (as `unified.thm1`
states it); closed tolerance; targets [-1, 1] (and [-1/2, 1/2], the `unified.thm1` range, reported
beside it as claims.md asks). Every other slide item is recorded (REC), each with the reason.
Computations: :mod:`bounds.continuous_rssp` (exact coverage test per sample, :mod:`montecarlo.lueker`).
"""
from __future__ import annotations

import sympy as sp

from ticketcheck.bounds.claim import Claim, Param, Reading
from ticketcheck.bounds.continuous_rssp import quantifier_readings_report, smallest_n_report
from ticketcheck.bounds.registry import register, register_paper

SRC = "slides (seed 003)"
register_paper("slides", "E. Natale, On the Random Subset Sum Problem and Neural Networks (slides, 2023)",
               citation=SRC, order=4)
RSSP_SLIDE_SRC = SRC + ", slide 'SLTH and the Random Subset-Sum Problem'"
TARGETS = ("-1", "-1/2", "1/4", "1/2", "1")
RSSP_SLIDE = ("RSSP. For which n does the following holds? Given X_1, ..., X_n i.i.d. random variables, "
              "with prob. 1 - eps for each z in [-1,1] there is S subset {1, ..., n} such that "
              "z - eps <= sum_{i in S} X_i <= z + eps.")
RSSP_SLIDE_TEX = (r"\textbf{RSSP.} For which $n$ does the following holds? Given $X_1,\dots,X_n$ i.i.d. "
                  r"random variables, with prob.\ $1-\epsilon$ for each $z\in[-1,1]$ there is "
                  r"$S\subseteq\{1,\dots,n\}$ such that $z-\epsilon\le\sum_{i\in S}X_i\le z+\epsilon$.")

eps = sp.Symbol("eps", positive=True)
#: the slide's epsilon is unrestricted; a probability 1 - eps and a tolerance eps mean 0 < eps < 1
EPS_RANGE = sp.And(eps > 0, eps < 1)

P_J = Param("j", "int", 1, None, doc="eps = 2^-j (grid parameter)", tex="j")
P_EPS = Param("eps", "real", 0, 1, doc="tolerance and failure probability", tex=r"\epsilon")
P_N = Param("n", "int", 0, 24, doc="number of samples X_i", tex="n")
P_BASE = Param("log_base", "choice", choices=("ln", "log2"), doc="base of the unqualified log",
               tex=r"\log")

#: "O(log 1/eps)" has no base on the slide: inside O(.) the base only rescales the constant, so no
#: verdict depends on it, but the fitted constant does; each base is reported on its own
LOG_BASE = Reading("log_base", {"ln": "ln", "log2": "log2"},
                   source="slide 'SLTH and the Random Subset-Sum Problem': 'Lueker '98: n = O(log 1/eps)', "
                          "log without a base")

REC_WHY = "REC: "


def _rec(id_, title, statement, why, latex="", **kw):
    return Claim(id=id_, title=title, source=SRC, statement=statement, methods=("REC",),
                 notes=REC_WHY + why, latex=latex or statement, **kw)


register(
    Claim(id="slides.model", title="RSSP as stated on the slides", source=RSSP_SLIDE_SRC,
          statement=RSSP_SLIDE, methods=("MC",), params=(P_J, P_EPS), hypothesis=EPS_RANGE,
          latex=RSSP_SLIDE_TEX,
          notes="Measured, not judged: the slide asks a question ('for which n does the following "
                "hold?'); it asserts nothing a sample could contradict (its answer is slides.thm1). "
                "Distribution of X_i unstated: U[-1,1] is used. Closed tolerance, targets [-1, 1], "
                "any subset. Main reading: one event of probability >= 1 - eps in which every z has "
                "a subset. Reported per eps = 2^-j on the same samples: the smallest n under this "
                "reading and under the per-z one (slides.model.per_z; worst of z in "
                + ", ".join(TARGETS) + "), as brackets from 99% Clopper-Pearson intervals. The "
                "one-event n is the larger, as it must be (one event includes each z).",
          checks=[quantifier_readings_report("quantifier_readings", "-1", "1", TARGETS, (3, 4, 5),
                                             (3,), 2000, 600)]),
    Claim(id="slides.model.per_z", title="RSSP slide, per-z quantifier reading", source=RSSP_SLIDE_SRC,
          statement=RSSP_SLIDE + " [reading: for each fixed z in [-1,1], P(exists S: z - eps <= "
                    "sum_S X_i <= z + eps) >= 1 - eps]", methods=("MC",), params=(P_J, P_EPS),
          variant_of="slides.model", hypothesis=EPS_RANGE,
          latex=RSSP_SLIDE_TEX + r" [reading: for each fixed $z\in[-1,1]$, "
                r"$\mathbb P(\exists S: z-\epsilon\le\sum_{i\in S}X_i\le z+\epsilon)\ge1-\epsilon$]",
          notes="Measured, not judged (a reading of the question of slides.model). Per-z event = "
                "coverage of the one-point interval [z, z]; z = 1, the edge of the range, where the "
                "density of subset sums is lowest among z in [-1, 1] (z = 0 is always hit by the "
                "empty set). Reported per eps: the bracket of the smallest n with P(z = 1 "
                "eps-approximated) >= 1 - eps, next to log2(1/eps). slides.model reports both "
                "readings on the same samples.",
          checks=[smallest_n_report("smallest_n_z1", [("1", "1")], range(2, 7), (2, 3), 2000, 600)]),
    Claim(id="slides.thm1", title="Lueker '98", source=RSSP_SLIDE_SRC,
          statement="RSSP. For which n does the following holds? ... Lueker '98: n = O(log 1/eps).",
          latex=r"\textbf{RSSP.} For which $n$ does the following holds? \dots\ Lueker '98: "
                r"$n=O(\log\frac1\epsilon)$.",
          methods=("MC",), params=(P_N, P_J, P_EPS, P_BASE), hypothesis=EPS_RANGE,
          constants={"C": "existential (O(.))"}, constants_kind="existential",
          log_base="unspecified (ln, log2)", depends_on=("slides.model",), readings=(LOG_BASE,),
          notes="Measured, not judged: 'n = O(log 1/eps)' has an existential constant and the slide "
                "gives no value or range for it, so no finite sample can contradict it. Reported: "
                "per eps = 2^-j (j = 2..6) the bracket of the smallest n with P(every z "
                "eps-approximated) >= 1 - eps next to log2(1/eps), and the fitted constant C (the "
                "smallest C with 'n > C log(1/eps) => P >= 1 - eps' on every tested eps, n <= 22) "
                "as a bracket in ln and in log2 (the base is unstated: a reading), with the grid it "
                "was fitted on. X_i ~ U[-1,1] (unstated; unified.thm1 states it), closed tolerance, "
                "targets [-1, 1] and [-1/2, 1/2] (unified.thm1's range, as claims.md asks).",
          checks=[smallest_n_report("fitted_constant", [("-1", "1"), ("-1/2", "1/2")], range(2, 7),
                                    (2, 3), 2000, 600, constant=True)]),
    _rec("slides.thm2", "da Cunha et al., ICLR 2022 (SLTH for CNNs)",
         "Theorem (da Cunha et al., ICLR 2022). Given eps, delta > 0, any CNN with k parameters and l "
         "layers, and kernels with l_1 norm at most 1, can be approximated within error eps by pruning "
         "a random CNN with O(k log(k l / min{eps, delta})) parameters and 2l layers with probability "
         "at least 1 - delta.",
         "the size is O(k log(kl/min{eps, delta})) with an unspecified constant, and the statement "
         "quantifies over every CNN target: no value to compare with and no finite family of "
         "targets that decides it; the slide quotes no number.",
         latex=r"\textbf{Theorem (da Cunha et al., ICLR 2022).} Given $\epsilon,\delta>0$, any CNN with "
               r"$k$ parameters and $\ell$ layers, and kernels with $\ell_1$ norm at most 1, can be "
               r"approximated within error $\epsilon$ by pruning a random CNN with "
               r"$O\bigl(k\log\frac{k\ell}{\min\{\epsilon,\delta\}}\bigr)$ parameters and $2\ell$ "
               r"layers with probability at least $1-\delta$."),
    _rec("slides.claim1", "SLTH proof strategies",
         "Pensia et al. (NeurIPS 2020): Find combination of random weights close to w; Malach et al. "
         "(ICML 2020): Find random weight close to w.",
         "a description of two proof strategies (no quantity; the constructions themselves are "
         "checked under sparsity.cor3 and the slth.* observables).",
         latex=r"Pensia et al.\ (NeurIPS 2020): Find combination of random weights close to $w$; "
               r"Malach et al.\ (ICML 2020): Find random weight close to $w$."),
    _rec("slides.claim2", "pruning state of the art",
         "Blalock et al. (2020): iterated magnitude pruning still SOTA compression technique.",
         "a survey's empirical finding about the literature (benchmarks, hardware and data the "
         "toolkit does not have); no number quoted."),
    _rec("slides.claim3", "LTH",
         "Frankle & Carbin (ICLR 2019): Large random networks contains sub-networks that reach "
         "comparable accuracy when trained",
         "an empirical hypothesis about training large networks on data ('comparable accuracy' is "
         "not quantified); needs training runs the toolkit does not do.",
         latex=r"Frankle \& Carbin (ICLR 2019): Large random networks contains sub-networks that reach "
               r"comparable accuracy when trained"),
    _rec("slides.claim4", "Strong LTH",
         "Ramanujan et al. (CVPR 2020) find a good subnetwork without changing weights (train by "
         "pruning!); A network with random weights contains sub-networks that can approximate any "
         "given sufficiently-smaller neural network (without training)",
         "the first half is an empirical report (training by pruning on data); the second is the "
         "SLTH with 'sufficiently smaller' and the approximation error unquantified, so there is no "
         "statement to compute (the quantified versions are checked under unified.thm3 and "
         "sparsity.*)."),
    _rec("slides.claim5", "ILP connection",
         "Deep connection with integer linear programs [Dyer & Frieze '89, Borst et al. '22]",
         "a qualitative pointer to the literature; no statement."),
    _rec("slides.meta", "non-technical slide content",
         "Academic path (PhD 2017 Sapienza; IRIF 2014/15; Simons Institute 2016, 2018; MPI Informatics "
         "2017-2018; COATI Inria 2019), 'Best PhD + Young Researcher Prizes by It. Ch. EATCS', quote "
         "'Ideas are sculpted in the brain by sparsifying it. - L. Valiant'.",
         "biographical slide content and a quotation, not claims about RSSP/SLTH."),
)
