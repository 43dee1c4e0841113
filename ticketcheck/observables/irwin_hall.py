"""Observables of the sum of n Uniform[-1,1] variables (sparsity paper, Lemma 1 and Appendix C).

* ``irwin_hall.density(x, n)``  exact density f(x, n) at rational x (a Fraction, :mod:`exact.irwin_hall`)
* ``irwin_hall.cdf(x, n)``      exact CDF at rational x

``kind="real"``: these are values, not probabilities of events (no vacuity rule).
"""
from __future__ import annotations

from ticketcheck.exact import irwin_hall as ih
from ticketcheck.observables import Observable, register


def _validate(x, n):
    ih.validate_n(n)
    ih._as_fraction(x)


register(Observable(name="irwin_hall.density", params=("x", "n"), exact=ih.density,
                    cost=lambda x, n: 1e-6 * n * n, validate=_validate, kind="real",
                    doc="density f(x, n) of U_1 + ... + U_n, U_i ~ Uniform[-1,1] (exact)",
                    tex=r"f_{@n@}(@x@)"))
register(Observable(name="irwin_hall.cdf", params=("x", "n"), exact=ih.cdf,
                    cost=lambda x, n: 1e-6 * n * n, validate=_validate, kind="real",
                    doc="CDF of U_1 + ... + U_n, U_i ~ Uniform[-1,1] (exact)",
                    tex=r"P(U_1 + \\dots + U_{@n@} \\le @x@)"))
