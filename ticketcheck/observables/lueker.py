"""Observables of the continuous random subset sum (Lueker 1998; `unified.thm1`, `slides.thm1`).

* ``lueker.coverage(n, eps, lo, hi, closed)`` -- P(every z in [lo, hi] has S subset [n] with
  |sum_S X - z| <= eps (closed = 1) or < eps (closed = 0)), X_i i.i.d. U[-1,1];
* ``lueker.single_target(n, eps, z, closed)`` -- P(some S subset [n] has |sum_S X - z| <= eps).

Monte Carlo only (:mod:`montecarlo.lueker`: all 2^n subset sums, exact integer coverage test per
sample; n <= 24).
"""
from __future__ import annotations

from ticketcheck.errors import InputError
from ticketcheck.observables import Observable, register


def _closed(closed):
    if closed not in (0, 1, True, False):
        raise InputError(f"closed = {closed!r}: use 1 for '<= eps' or 0 for '< eps'")


def _validate_cov(n, eps, lo, hi, closed):
    from ticketcheck.montecarlo.lueker import _validate
    _closed(closed)
    _validate(n, eps, lo, hi)


def _validate_one(n, eps, z, closed):
    _validate_cov(n, eps, z, z, closed)


def _mc_cov(n, eps, lo, hi, closed, trials, seed):
    from ticketcheck.montecarlo.lueker import coverage
    return coverage(n, eps, lo, hi, bool(closed), trials, seed)


def _mc_one(n, eps, z, closed, trials, seed):
    from ticketcheck.montecarlo.lueker import single_target
    return single_target(n, eps, z, bool(closed), trials, seed)


register(Observable(name="lueker.coverage", params=("n", "eps", "lo", "hi", "closed"),
                    montecarlo=_mc_cov, validate=_validate_cov, kind="probability",
                    doc="P(all z in [lo, hi] eps-approximated by subset sums of n U[-1,1] samples)",
                    tex=r"P\big(\forall z \in [@lo@, @hi@]\ \exists S \subseteq [@n@]: |\textstyle\sum_{i \in S} X_i - z| \le @eps@\big)"))
register(Observable(name="lueker.single_target", params=("n", "eps", "z", "closed"),
                    montecarlo=_mc_one, validate=_validate_one, kind="probability",
                    doc="P(z eps-approximated by a subset sum of n U[-1,1] samples)",
                    tex=r"P\big(\exists S \subseteq [@n@]: |\textstyle\sum_{i \in S} X_i - @z@| \le @eps@\big)"))
