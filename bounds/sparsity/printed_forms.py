"""The ``sparsity`` paper's displayed conditions and constants, as printed (sympy).

Log bases exactly as written: ``log2`` in Eqs. (1), (3), (4), (28) and ``H_2`` (Definition 2); ``ln``
in App. D and Corollary 3. Constants: ``lambda = 1 - 1/(2 pi)`` (Theorem 5), Allasia's ``sqrt(3)/20``
(Theorem 6), ``ln(2)/4`` (Lemma 2), ``C_18`` (App. C), the amplification constants ``c_amp = 8 c_hyp /
c_thm`` and ``r = (4 / c_thm) ln(k / eps)`` (App. D, Step 3). Tolerances are strict (``< eps``) in
every RFSS statement (Theorem 2, Corollaries 1, 2).
"""
from __future__ import annotations

import sympy as sp

x_, k_, n_, eps_, c_hyp, c_thm, c_amp, p_, d_, gamma_ = sp.symbols(
    "x k n epsilon c_hyp c_thm c_amp p d gamma", positive=True)


def H2(x):
    """Binary entropy ``H_2(x) = -x log2 x - (1-x) log2(1-x)`` (Definition 2)."""
    return -x * sp.log(x, 2) - (1 - x) * sp.log(1 - x, 2)


EQ1_RHS = c_hyp * sp.log(k_ / eps_, 2) / H2(k_ / n_)             # Eq. (1)
EQ3_RHS = c_amp * sp.log(k_ / eps_, 2) ** 2 / H2(k_ / n_)        # Eq. (3)
EQ4_RHS = 2 * c_amp * sp.log(1 / eps_, 2) ** 2 / H2(k_ / n_)     # Eq. (4)
C_AMP_PROOF = 8 * c_hyp / c_thm                                  # App. D Step 3
R_PROOF = 4 / c_thm * sp.log(k_ / eps_)                          # App. D Step 3 (natural log)
LAMBDA_THM5 = 1 - 1 / (2 * sp.pi)                                # Theorem 5
ALLASIA = sp.sqrt(3) / 20                                        # Theorem 6
LEMMA2_Q = sp.log(2) / 4                                         # Lemma 2
BETA3_STD_UNIFORM = 3 * sp.sqrt(3) / 4                           # App. C (E|X|^3, X ~ U[-sqrt3, sqrt3])
C18 = (sp.erf(2 * sp.sqrt(3) / sp.sqrt(2)) - sp.erf(sp.sqrt(3) / sp.sqrt(2))) / 2 \
    - 2 * sp.sqrt(3) / (20 * sp.sqrt(18))                        # App. C

CONSTANTS_RFSS = {"c_thm": "existential (Theorem 2)", "c_amp": "existential, = 8 c_hyp / c_thm in App. D",
                  "r": "(4 / c_thm) ln(k / eps) (App. D)"}
