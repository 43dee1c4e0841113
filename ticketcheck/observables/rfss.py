"""Observables of the Random Fixed-Size Subset Sum problem (sparsity paper, ``sparsity.model1/2/3``).

Discrete samples, uniform on ``{-M..M}`` (exact by (size, sum)-state counting, :mod:`exact.rfss`;
Monte Carlo twin in :mod:`montecarlo.rfss`); strict tolerance ``< delta`` as in the paper:

* ``rfss.single_target(M, n, k, delta, z)``  P(exists |S| = k: |Sigma_S - z| < delta)
* ``rfss.all_targets(M, n, k, delta)``       P(every integer |z| <= floor(M sqrt k) is hit)

Continuous samples (Monte Carlo only; each trial decided exactly by meet in the middle):

* ``rfss.continuous_single_target(n, k, eps, z, dist)``  P(exists |S| = k: |Sigma_S - z| < eps)
* ``rfss.continuous_all_targets(n, k, eps, dist)``       P(for all z in [-sqrt k, sqrt k] ...)
* ``rss.any_subset_covers(n, eps, dist)``                Corollary 3: any subset, ``<= eps``, z in [-1,1]

``dist``: ``"uniform"``, ``"D"`` (Lemma 2) or ``"mixture:<p>:<other>"`` (Corollary 1).
"""
from __future__ import annotations

from ticketcheck.exact import rfss as ex
from ticketcheck.errors import InputError
from ticketcheck.observables import Observable, register
from ticketcheck.montecarlo import rfss as mc


def _validate_discrete(M, n, k, delta, z=0):
    ex.validate_discrete(M, n, k, delta, z, "<")


def _validate_cont(n, k, eps, z=0, dist="uniform"):
    mc._validate_continuous(n, k, eps, 1, 0, dist)
    try:
        mc._f(z)
    except (TypeError, ValueError, ZeroDivisionError):
        raise InputError(f"target z must be a number (int, p/q or decimal), got {z!r}") from None


def _mc_single(M, n, k, delta, z, trials, seed):
    return mc.rfss_single_target(M, n, k, delta, z, trials=trials, seed=seed)


def _mc_all(M, n, k, delta, trials, seed):
    return mc.rfss_all_targets(M, n, k, delta, trials=trials, seed=seed)


register(Observable(
    name="rfss.single_target", params=("M", "n", "k", "delta", "z"),
    exact=lambda M, n, k, delta, z: ex.rfss_single_target(M, n, k, delta, z),
    montecarlo=_mc_single, cost=lambda M, n, k, delta, z: ex.rfss_cost(M, n, k),
    validate=_validate_discrete,
    doc="P(exists |S| = k: |Sigma_S - z| < delta), X_i uniform on {-M..M} (discrete RFSS)",
    tex=r"P\big(\exists |S| = @k@: |\textstyle\sum_{i \in S} X_i - @z@| < @delta@\big)"))

register(Observable(
    name="rfss.all_targets", params=("M", "n", "k", "delta"),
    exact=lambda M, n, k, delta: ex.rfss_all_targets(M, n, k, delta),
    montecarlo=_mc_all, cost=lambda M, n, k, delta: ex.rfss_cost(M, n, k),
    validate=lambda M, n, k, delta: _validate_discrete(M, n, k, delta),
    doc="P(every integer |z| <= floor(M sqrt k) is hit: |Sigma_S - z| < delta, |S| = k), X_i uniform "
        "on {-M..M}",
    tex=r"P\big(\forall z\ \exists |S| = @k@: |\textstyle\sum_{i \in S} X_i - z| < @delta@\big)"))

register(Observable(
    name="rfss.continuous_single_target", params=("n", "k", "eps", "z", "dist"),
    montecarlo=lambda n, k, eps, z, dist, trials, seed: mc.continuous_single_target(
        n, k, eps, z, dist, trials=trials, seed=seed),
    validate=lambda n, k, eps, z, dist: _validate_cont(n, k, eps, z, dist),
    doc="P(exists |S| = k: |Sigma_S - z| < eps), continuous samples (Theorem 2)",
    tex=r"P\big(\exists |S| = @k@: |\textstyle\sum_{i \in S} X_i - @z@| < @eps@\big)"))

register(Observable(
    name="rfss.continuous_all_targets", params=("n", "k", "eps", "dist"),
    montecarlo=lambda n, k, eps, dist, trials, seed: mc.continuous_all_targets(
        n, k, eps, dist, trials=trials, seed=seed),
    validate=lambda n, k, eps, dist: _validate_cont(n, k, eps, 0, dist),
    doc="P(for all z in [-sqrt k, sqrt k] exists |S_z| = k: |Sigma - z| < eps) (Corollaries 1, 2)",
    tex=r"P\big(\forall z \in [-\sqrt{@k@}, \sqrt{@k@}]\ \exists |S| = @k@: |\textstyle\sum_{i \in S} X_i - z| < @eps@\big)"))

register(Observable(
    name="rss.any_subset_covers", params=("n", "eps", "dist"),
    montecarlo=lambda n, eps, dist, trials, seed: mc.any_subset_covers(
        n, eps, dist, trials=trials, seed=seed),
    validate=lambda n, eps, dist: _validate_cont(n, 1, eps, 0, dist),
    doc="P(for all z in [-1,1] exists S: |z - Sigma_S| <= eps) (Corollary 3, any subset)",
    tex=r"P\big(\forall z \in [-1,1]\ \exists S: |z - \textstyle\sum_{i \in S} X_i| \le @eps@\big)"))
