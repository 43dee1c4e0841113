"""The construction behind `sparsity` Theorem 3 (App. F), built and measured (the check
``construction`` of ``sparsity.thm3``, declared in :mod:`bounds.sparsity.networks`).

A target ``f in F`` (Eq. (27): spectral norm ``||W_i|| <= 1``) with widths ``d_0..d_l`` is
approximated by pruning a random ``2l``-layer network with Uniform[-1, 1] weights:
``M_{2i-1}`` is ``2 d_{i-1} n x d_{i-1}``, ``M_{2i}`` is ``d_i x 2 d_{i-1} n`` (Theorem 3's shapes, with
``n`` in place of ``n_i^*``). Per [25] Lemma 1 and App. F: pre-processing keeps ``a^+`` / ``c^-``;
every weight is matched, in each half, by a subset of **exactly** ``k = gamma' n`` products
(Corollary 1 instead of Corollary 3), with per-weight tolerance ``eps / (2 l d_{i-1} d_i)`` (the
argument ``2 l d_{i-1} d_i / eps`` of ``n^*`` in App. F); edges into unused hidden units are removed.

Measured per draw: whether every weight is matched; surviving edges per layer against App. F's
count ``4 d_{i-1} d_i k``; the density ``m_t / m`` against ``gamma = rho gamma'``; the exact sup of
``||f(x) - g(x)||_2`` over ``||x||_2 <= 1`` (:mod:`exact.relu_sup`, ``d_0 = 2``) against ``eps``; and
the ``c_amp`` that Eq. (28) would need for the tested ``n`` to be ``n_i^*`` (the constant is
existential; the success frequency at that ``n`` is reported with its interval); and a scan of
widths giving the smallest ``n`` whose success frequency reaches ``1 - eps`` (the width needed)
with the ``c_amp`` it implies.
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache
from typing import Iterator

import mpmath
import numpy as np

from ticketcheck.bounds.claim import Comparison
from ticketcheck.bounds.sparsity.sample_size import h2_mp


def _widths(ctx) -> tuple[int, ...]:
    from ticketcheck.bounds.unified.slth_network_checks import parse_widths
    return parse_widths(ctx["widths"])


def _params(ctx):
    """(widths, n, eps, gamma', k) with one-line errors for values the construction cannot use."""
    from ticketcheck.errors import InputError
    widths = _widths(ctx)
    if widths[0] > 2:
        raise InputError(f"d_0 = {widths[0]}: the exact sup over the input ball is implemented for "
                         f"d_0 <= 2")
    n, eps, gp = int(ctx["n"]), Fraction(ctx["eps"]), Fraction(ctx["gamma_prime"])
    if not 0 < eps < 1:
        raise InputError(f"eps = {eps}: Theorem 3 (via Corollary 1) needs 0 < eps < 1")
    if not 0 < gp < 1:
        raise InputError(f"gamma' = {gp}: need 0 < gamma' < 1")
    k = int(gp * n)
    if n < 1 or k < 1:
        raise InputError(f"n = {n}, gamma' = {gp}: the width is too small for the construction "
                         f"(k = floor(gamma' n) = {k}; need k >= 1)")
    return widths, n, eps, Fraction(k, n), k


def spectral_targets(widths, rng: np.random.Generator) -> list[np.ndarray]:
    """Random layers with spectral norm <= 1 (Gaussian, divided by slightly more than its largest
    singular value), i.e. targets in the class F of Eq. (27)."""
    out = []
    for i in range(len(widths) - 1):
        A = rng.standard_normal((widths[i + 1], widths[i]))
        out.append(A / (np.linalg.norm(A, 2) * (1 + 1e-9)))
    return out


def rho_of(widths) -> Fraction:
    """rho = max_i max(d_{i-1}/d_i, d_i/d_{i-1}) (Definition 3)."""
    return max(max(Fraction(widths[i], widths[i + 1]), Fraction(widths[i + 1], widths[i]))
               for i in range(len(widths) - 1))


def implied_camp(n: int, gamma_p: Fraction, eps: Fraction, d_prev: int, d_next: int, ell: int) -> float:
    """c_amp with n = c_amp log2^2(2 l d_{i-1} d_i gamma' n / eps) / H_2(gamma') (Eq. (28))."""
    arg = 2 * ell * d_prev * d_next * gamma_p * n / eps
    return float(n * h2_mp(mpmath.mpf(gamma_p.numerator) / gamma_p.denominator)
                 / (math.log2(arg) ** 2))


def width_scan(targets, widths, gp: Fraction, eps: Fraction, tols, seed: int, draws: int,
               ns=(8, 12, 16, 24, 32, 40, 48, 64)):
    """Successes of the construction (every weight matched, k = floor(gamma' n)) over ``draws``
    random networks for each width ``n``; the smallest ``n`` whose success frequency reaches
    Theorem 3's ``1 - eps`` (point estimate) is the empirical width needed."""
    from ticketcheck.montecarlo.pensia import build
    out, needed = {}, None
    for n in ns:
        k = int(gp * n)
        if k < 1:
            continue
        ok = sum(build(targets, n, tols, np.random.default_rng([seed, 1000 + n, t]), strict=True,
                       k=k).success for t in range(draws))
        out[n] = ok
        if needed is None and Fraction(ok, draws) >= 1 - eps:
            needed = n
    return out, needed


@lru_cache(maxsize=64)
def construction_data(widths: tuple, n: int, eps: Fraction, gp: Fraction, k: int, draws: int,
                      seed: int) -> dict:
    """The construction built ``draws`` times and measured (see the module doc); cached, so that a
    falsifier of the check (a changed constant of App. F's count) reuses the same networks."""
    from ticketcheck.exact.relu_sup import as_net, sup_error
    from ticketcheck.numbers import compare
    from ticketcheck.montecarlo.estimate import Estimate
    from ticketcheck.montecarlo.pensia import build
    ell = len(widths) - 1
    tols = [float(eps / (2 * ell * widths[i] * widths[i + 1])) for i in range(ell)]
    rng = np.random.default_rng(seed)
    targets = spectral_targets(widths, rng)
    rho = rho_of(widths)
    gamma = rho * gp
    good = 0
    worst_err = Fraction(-1)
    worst_at = None
    worst_density = Fraction(0)
    worst_per_ddk = Fraction(0)          # max over draws and layers of surviving / (d_{i-1} d_i k)
    for t in range(draws):
        C = build(targets, n, tols, np.random.default_rng([seed, t]), strict=True, k=k)
        dens = Fraction(C.surviving(), C.total())
        worst_density = max(worst_density, dens)
        for i, L in enumerate(C.layers):
            worst_per_ddk = max(worst_per_ddk, Fraction(L.surviving(), widths[i] * widths[i + 1] * k))
        if not C.success:
            continue
        good += 1
        if widths[0] <= 2:
            r = sup_error(as_net(C.targets()), as_net(C.pruned()), "l2")
            if compare(r.value_sq, worst_err, ">") is not False:
                worst_err, worst_at = r.value_sq, {"draw": t, "argmax": str(r.argmax),
                                                   "exact": r.exact}
    est = Estimate(good, draws, seed)
    camps = [implied_camp(n, gp, eps, widths[i], widths[i + 1], ell) for i in range(ell)]
    scan, n_needed = width_scan(targets, widths, gp, eps, tols, seed, draws)
    info = {"widths": list(widths), "n_per_half": n, "k": k, "gamma_prime": str(gp),
            "rho": str(rho), "gamma": str(gamma), "eps": str(eps),
            "per_weight_tolerance": tols, "draws": draws, "successful_draws": good,
            "success_frequency": est.to_json(), "claimed_success_probability": float(1 - eps),
            "c_amp_implied_by_n_per_layer": camps,
            "width_scan_successes": scan, "draws_per_width": draws,
            "n_needed_empirical": n_needed,
            "c_amp_implied_by_n_needed": ([implied_camp(n_needed, Fraction(int(gp * n_needed),
                                                                          n_needed), eps,
                                                        widths[i], widths[i + 1], ell)
                                           for i in range(ell)] if n_needed else None),
            "random_parameters": int(sum(2 * widths[i] * n * (widths[i] + widths[i + 1])
                                         for i in range(ell))),
            "max_density": float(worst_density)}
    return {"gamma": gamma, "worst_density": worst_density, "worst_per_ddk": worst_per_ddk,
            "worst_err": worst_err, "worst_at": worst_at, "info": info}


def thm3_construction(ctx) -> Iterator[Comparison]:
    """Theorem 3's construction measured: App. F's count of surviving edges (its 4 is the check's
    constant ``four``), the density against gamma = rho gamma', the exact sup error against eps."""
    widths, n, eps, gp, k = _params(ctx)          # gamma' actually used: k / n
    draws = int(ctx.get("draws", 6))
    d = construction_data(tuple(widths), n, eps, gp, k, draws, ctx.seed & 0x7FFFFFFF)
    info = d["info"]
    four = Fraction(ctx.constant("four"))
    yield Comparison({}, d["worst_per_ddk"] / four, 1, "<=",
                     label="max over draws and layers of surviving edges / (4 d_{i-1} d_i k) "
                           "(App. F's count of the edges kept by the construction)", info=info,
                     lhs_tex=r"\max\frac{\#\text{surviving edges of layer } i}{4d_{i-1}d_ik}", rhs_tex="1")
    yield Comparison({}, d["worst_density"], d["gamma"], "<=",
                     label="max over draws of the density m_t / m of the pruned network vs "
                           "gamma = rho gamma' (Theorem 3)", info=info,
                     lhs_tex=r"\max m_t/m", rhs_tex=r"\gamma=\rho\gamma'")
    if d["worst_at"] is not None:
        yield Comparison({}, d["worst_err"], eps * eps, "<=",
                         label="max over successful draws of sup_{||x||_2 <= 1} ||f(x) - g(x)||^2 "
                               "(exact, at the breakpoints) vs eps^2", info={**info, **d["worst_at"]},
                         lhs_tex=r"\max\sup_{\|x\|_2\le1}\|f(x)-g(x)\|^2", rhs_tex=r"\varepsilon^2")
