"""`unified` §3, Theorem 1 (Lueker 1998): the continuous random subset sum (claims.md `unified.thm1`).

X_i i.i.d. U[-1,1], any subset, every z in [-1/2, 1/2] simultaneously, tolerance <= eps (closed).
The constant C is existential and the log base unstated: the checks of
:mod:`bounds.continuous_rssp` report the smallest n per eps, the implied C in ln and log2, the
empirical constant, and an out-of-sample prediction test of one C across eps.
"""
from __future__ import annotations

from ticketcheck.bounds.claim import Param
from ticketcheck.bounds.continuous_rssp import per_eps_check, prediction_check
from ticketcheck.bounds.unified.constants import claim

WHAT = "every z in [-1/2, 1/2] eps-approximated"

claim("unified.thm1", "Theorem 1 (Lueker 1998)", "§3 Theorem 1",
      "Consider X_1, ..., X_n sampled uniformly from U[-1,1]. If n > C log(1/eps), then with "
      "probability at least 1 - eps, for any z in [-1/2, 1/2], there exists S subset [n] such that "
      "|sum_{i in S} X_i - z| <= eps.",
      ("MC",), params=(Param("n", "int", 0, 24, doc="number of samples"),
                       Param("j", "int", 1, None, doc="eps = 2^-j")),
      constants={"C": "existential"}, constants_kind="existential", log_base="unspecified (ln, log2)",
      depends_on=("unified.model3",),
      notes="Monte Carlo with an exact coverage test per sample (all 2^n subset sums, integer units "
            "of 2^-52). Compare slides.thm1 (targets [-1, 1]).",
      checks=[per_eps_check("smallest_n", "-1/2", "1/2", True, range(2, 9), (2, 3), 6000, 1000,
                            WHAT),
              prediction_check("one_constant", "-1/2", "1/2", True, 5, 8, 4000, (4, 5, 3000), WHAT)])
