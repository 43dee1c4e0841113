"""Observables of a continuous single random target as the LT-existence experiment ran it
(:mod:`montecarlo.continuous_target`; protocol in ``shared/spec/experiments.md`` §2).

Parameters (all three observables): ``n`` samples; ``eps`` the tolerance (rational); ``max_size``
the largest subset size tried (the published script: ``n - 1``, the full set is never tried);
``variant`` ``"L+1"`` (samples uniform on [-1, 1]) or ``"2L"`` (each sample the product of two
independent uniforms on [-1, 1]); the target ``z`` uniform on ``[lo, hi]``; ``closed`` 1 for
``|sum - z| <= eps`` (the experiment), 0 for ``< eps``. Subsets are tried by increasing size, in
lexicographic order within a size; the first within ``eps`` stops the search.

* ``lt_existence.failure`` -- P(no subset of size <= max_size within eps): an Estimate with its
  Clopper-Pearson interval;
* ``lt_existence.mean_error`` -- mean of ``|sum - z|`` of the reported subset (the first found, or
  for a failure the best one met), over all instances as in the script;
* ``lt_existence.mean_size`` -- mean size of the reported subset, over all instances.

The two means carry empirical Bernstein intervals (:mod:`montecarlo.bernstein`). Monte Carlo only;
the three share one run per (parameters, trials, seed).
"""
from __future__ import annotations

from functools import lru_cache

from ticketcheck.observables import Observable, register

PARAMS = ("n", "eps", "max_size", "variant", "lo", "hi", "closed")


def _validate(n, eps, max_size, variant, lo, hi, closed):
    from ticketcheck.montecarlo.continuous_target import settings
    settings(n, eps, max_size, variant, lo, hi, closed)


@lru_cache(maxsize=16)
def _run(n, eps, max_size, variant, lo, hi, closed, trials, seed):
    from ticketcheck.montecarlo.continuous_target import run
    return run(n, eps, trials, seed, max_size, variant, lo, hi, bool(closed))


def _key(n, eps, max_size, variant, lo, hi, closed):
    return (int(n), str(eps), int(max_size), str(variant), str(lo), str(hi), int(bool(closed)))


def _failure(n, eps, max_size, variant, lo, hi, closed, trials, seed):
    return _run(*_key(n, eps, max_size, variant, lo, hi, closed), int(trials), int(seed)).failure()


def _mean_error(n, eps, max_size, variant, lo, hi, closed, trials, seed):
    return _run(*_key(n, eps, max_size, variant, lo, hi, closed), int(trials), int(seed)).mean_error()


def _mean_size(n, eps, max_size, variant, lo, hi, closed, trials, seed):
    return _run(*_key(n, eps, max_size, variant, lo, hi, closed), int(trials), int(seed)).mean_size()


register(Observable(name="lt_existence.failure", params=PARAMS, montecarlo=_failure,
                    validate=_validate, kind="probability",
                    doc="P(no subset of size <= max_size of n samples is within eps of a target "
                        "uniform on [lo, hi]) (LT-existence protocol)",
                    tex=r"P(\\text{no subset of size} \\le @max_size@ \\text{ within } @eps@ \\text{ of } z)"))
register(Observable(name="lt_existence.mean_error", params=PARAMS, montecarlo=_mean_error,
                    validate=_validate, kind="real",
                    doc="mean |sum - z| of the first subset found (best one for a failure), all "
                        "instances (LT-existence protocol)",
                    tex=r"E|\\textstyle\\sum_S X_i - z|"))
register(Observable(name="lt_existence.mean_size", params=PARAMS, montecarlo=_mean_size,
                    validate=_validate, kind="real",
                    doc="mean size of the first subset found (best one for a failure), all "
                        "instances (LT-existence protocol)",
                    tex=r"E|S|"))
