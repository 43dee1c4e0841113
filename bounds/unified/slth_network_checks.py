"""Network-level construction checks for `unified` Lemmas 1, 7, 8 and Theorem 3 (§4, App. D).

The random network is drawn (weights uniform on S_delta), pruned by the pre-processing of Steps 1
and 3 and the subset sums of Steps 2 and 4 (:mod:`montecarlo.pensia`, exact table solver), and the
pruned network is *evaluated exactly* (:mod:`exact.relu_sup`). Widths: ``2 n d_{i-1}`` hidden units
per target layer (the ``C d_{i-1} n`` of Lemma 8 / Theorem 3 with ``C = 2``). Per-half tolerance:
``< Delta delta`` (Steps 2 and 4). Grid parameters: ``k`` (delta = 2^-k), ``Delta``, ``n``,
``widths`` ("d0xd1x...xdl"), ``draws``; the harness adds ``_seed``.

The masks are chosen to meet the per-weight tolerance, so on a successful draw the error of the
pruned network cannot exceed what the tolerance gives: the errors are *reported* (relation
``report``: at every tested point they are far below eps, and no constant of the statement scaled by
2 brings eps below them), with the draws' success frequency. The explicit construction and the Monte
Carlo kernel are cross-checked on the same draws; a difference raises
:class:`~ticketcheck.errors.DisagreementError` (a bug of ours, not a property of the paper).
"""
from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Iterator

import numpy as np

from ticketcheck.bounds.claim import Comparison
from ticketcheck.bounds.unified.slth_checks import disagreement


def parse_widths(w) -> tuple[int, ...]:
    """Widths ``d_0..d_l`` from ``"2x3x1"`` (the ``--grid`` form; ``-`` and ``_`` also separate) or a
    sequence; one-line error otherwise."""
    from ticketcheck.errors import InputError
    try:
        out = tuple(int(v) for v in (re.split(r"[-x_]", w) if isinstance(w, str) else w))
    except (TypeError, ValueError):
        out = ()
    if len(out) < 2 or min(out) < 1:
        raise InputError(f"widths = {w!r}: give the target widths as positive integers joined by "
                         f"'x', e.g. widths=2x3x1")
    return out


def _widths(ctx) -> tuple[int, ...]:
    return parse_widths(ctx["widths"])


def _z_law_summary(Zs: list[int], k: int) -> dict:
    """Empirical law of the products Z_i = b_i a_i (a_i > 0) offered to Step 2, vs the exact law
    and vs the uniform law on the full grid {-K^2..K^2} that Theorem 2 assumes."""
    from ticketcheck.exact.slth import z_pmf
    if not Zs:
        return {}
    K = 1 << k
    exact = z_pmf(k, conditioned=True)
    vals, counts = np.unique(np.asarray(Zs), return_counts=True)
    emp = {int(v): c / len(Zs) for v, c in zip(vals, counts)}
    tv_exact = 0.5 * sum(abs(emp.get(z, 0.0) - float(p)) for z, p in exact.items())
    grid = 2 * K * K + 1
    tv_unif = 0.5 * (sum(abs(emp.get(z, 0.0) - 1 / grid) for z in range(-K * K, K * K + 1)))
    return {"Z_samples": len(Zs), "Z_distinct_values": len(emp), "Z_support_exact": len(exact),
            "Z_grid_points_theorem2": grid, "Z_tv_empirical_vs_exact_law": round(tv_exact, 4),
            "Z_tv_empirical_vs_uniform_grid": round(tv_unif, 4),
            "Z_P(Z=0)_exact": str(exact.get(0, 0))}


def layer_network(ctx) -> Iterator[Comparison]:
    """One target layer (Lemma 1: d = (1,1); Lemma 7: (d,1); Lemma 8: (d1,d2)), every target
    ``W in S_delta^{d_out x d_in}`` at once. Comparisons: (1) explicit masks vs the Monte Carlo
    kernel on the same draws (residual extremes and successes, exact equality); (2) worst-case
    error over W and ``||x||_inf <= 1`` on successful draws vs eps; (3) the pruned network, built
    for the worst W and evaluated exactly at its breakpoints, reproduces that worst case."""
    from ticketcheck.exact.relu_sup import error_sq, sup_error, sup_error_coordinate_breaks
    from ticketcheck.observables._slth_construction import (build_quantized, layer_draw, pruned_exact, quantized_params,
                                    residual_table, worst_case)
    from ticketcheck.montecarlo.estimate import Estimate
    from ticketcheck.montecarlo.slth import layer_residuals, layer_success
    k, D, n = int(ctx["k"]), int(ctx["Delta"]), int(ctx["n"])
    widths = _widths(ctx)
    if len(widths) != 2:
        from ticketcheck.errors import InputError
        raise InputError(f"widths = {ctx['widths']!r}: one target layer d_in x d_out here, e.g. 2x1")
    d_in, d_out = widths
    draws = int(ctx.get("draws", 12))
    seed = ctx.seed & 0x7FFFFFFF
    rel = ctx.get("relation", "<")   # the statement's relation (Lemma 1: <=, Lemmas 7, 8: <)
    P = quantized_params(Fraction(1, 1 << k), D, widths, n=n)
    K = P.K
    eps = Fraction(2 * D * d_in * d_out, K)          # 2 Delta delta d1 d2 (Lemma 1: d = 1)
    eps_sq_units = (eps * K * K) ** 2                 # squared, delta^4 units
    kern = layer_residuals(k, d_in, d_out, n, 1, draws, seed)
    kern_ok = layer_success(k, P.tol_units, True, d_in, d_out, n, 1, draws, seed)
    mismatch = 0
    good = 0
    worst = (-1, None, None, None)
    surv, tot = [], 0
    Zs: list[int] = []
    for t in range(draws):
        M1, M2 = layer_draw(P, 0, seed, t)
        R, OK = residual_table(P, 0, M1, M2)
        mismatch += int((R.max(axis=3) != kern[t, :, :, :, 0]).sum()
                        + (R.min(axis=3) != kern[t, :, :, :, 1]).sum())
        for j in range(d_in):
            Zs += [int(M2[0, h]) * int(M1[h, j]) for h in range(j * 2 * n, j * 2 * n + n)
                   if M1[h, j] > 0]
        if not OK.all():
            continue
        good += 1
        sq, W, x = worst_case(R, K)
        if sq > worst[0]:
            worst = (sq, W, x, t)
    info = {"draws": draws, "successful_draws": good, "widths": list(widths), "n": n,
            "hidden_width": 2 * n * d_in, "C": 2, "eps": str(eps),
            "tolerance_per_half": "< Delta*delta (Steps 2, 4)", "seed": seed,
            "failure_frequency": Estimate(draws - good, draws, seed).to_json(),
            **_z_law_summary(Zs, k)}
    where = (f"unified layer construction at k={k}, Delta={D}, n={n}, widths={ctx['widths']}, "
             f"seed={seed}")
    disagreement("entries of the residual extremes that differ", mismatch, 0, where)
    disagreement("draws where every W is reached", good, kern_ok.successes, where)
    if worst[1] is None:
        return
    sq, W, x, t = worst
    C = build_quantized(P, [W], seed, t)
    f, g = pruned_exact(C, K)
    at_x = error_sq(f, g, [Fraction(v) for v in x])
    if d_in <= 2:
        box = sup_error(f, g, "linf")
        ball = sup_error(f, g, "l2")
        info2 = {"l2_ball_sup": float(ball.value.mid()), "linf_box_sup": float(box.value.mid())}
    else:
        box = sup_error_coordinate_breaks(f, g)
        info2 = {"linf_box_sup": float(box.value.mid())}
    info2.update({"worst_W_delta_units": W.tolist(), "worst_x": list(x), "draw": t,
                  "worst_error": math.sqrt(sq) / (K * K), "surviving_weights": C.surviving(),
                  "total_weights": C.total(), "density": C.density()})
    disagreement("exact sup over the box of the network built for the worst W vs the worst case "
                 "from the residuals", box.value_sq, Fraction(sq, K ** 4), where)
    yield Comparison({}, Fraction(sq), eps_sq_units, "report",
                     label="largest squared error (delta^4 units) over every W in S_delta^{d_out x d_in} "
                           "and ||x||_inf <= 1, successful draws, vs eps^2 (eps = 2 Delta delta d1 d2)",
                     lhs_tex=r"\max_{\mathbf W}\sup_{\|\mathbf x\|_\infty\le1}"
                             r"\|\mathbf W\mathbf x-\hat g(\mathbf x)\|^2",
                     rhs_tex=r"\varepsilon^2", info={**info, **info2, "value_at_worst_x": str(at_x),
                                                     "statement_relation": rel})


def _targets(P, rng: np.random.Generator, count: int) -> list[list[np.ndarray]]:
    """Targets f in F_{d0..dl}: all-ones and alternating-sign layers (spectral norm up to d) and
    uniform random layers on S_delta."""
    w, K = P.widths, P.K
    L = len(w) - 1
    out = [[np.full((w[i + 1], w[i]), K, dtype=np.int64) for i in range(L)],
           [np.fromfunction(lambda a, b: K * (-1) ** (a + b), (w[i + 1], w[i]), dtype=np.int64)
            for i in range(L)]]
    for _ in range(count):
        out.append([rng.integers(-K, K + 1, (w[i + 1], w[i]), dtype=np.int64) for i in range(L)])
    return out


def thm3_network(ctx) -> Iterator[Comparison]:
    """Theorem 3 on a tiny target (l >= 1, d_0 <= 2): delta = eps/(2 Delta N_T), i.e.
    eps = 2 Delta N_T delta; the 2l-layer network is pruned for several f in F and the exact sup of
    ||f(x) - g(x)|| over ||x||_2 <= 1 (the proof's domain) and ||x||_inf <= 1 is compared with eps."""
    from ticketcheck.exact.relu_sup import sup_error
    from ticketcheck.observables._slth_construction import build_quantized, pruned_exact, quantized_params
    from ticketcheck.numbers import compare
    from ticketcheck.montecarlo.estimate import Estimate
    k, D, n = int(ctx["k"]), int(ctx["Delta"]), int(ctx["n"])
    widths = _widths(ctx)
    draws = int(ctx.get("draws", 6))
    seed = ctx.seed & 0x7FFFFFFF
    P = quantized_params(Fraction(1, 1 << k), D, widths, n=n)
    eps = Fraction(2 * D * P.N_T, P.K)
    rng = np.random.default_rng(seed)
    targets = _targets(P, rng, int(ctx.get("targets", 3)))
    worst = {"l2": (Fraction(-1), None), "linf": (Fraction(-1), None)}
    good = 0
    surv = []
    for t in range(draws):
        ok_all = True
        for ti, tg in enumerate(targets):
            C = build_quantized(P, tg, seed, t)
            if not C.success:
                ok_all = False
                break
            f, g = pruned_exact(C, P.K)
            surv.append(C.surviving())
            for norm in ("l2", "linf"):
                r = sup_error(f, g, norm)
                v = r.value_sq
                if compare(v, worst[norm][0], ">") is not False:
                    worst[norm] = (v, {"draw": t, "target": ti, "W": [m.tolist() for m in tg],
                                       "argmax": str(r.argmax), "exact": r.exact})
        good += ok_all
    d = max(widths[1:])
    L = len(widths) - 1
    est = Estimate(good, draws, seed)
    p_hi = est.interval()[1]
    cmax = math.log(4 * d * d * L / (1 - p_hi)) / n if p_hi < 1 else None
    info = {"widths": list(widths), "N_T": P.N_T, "eps": str(eps), "n": n, "C": 2,
            "draws": draws, "draws_all_targets_reached": good,
            "success_frequency": est.to_json(), "targets_per_draw": len(targets),
            "largest_C'_consistent_with_1-4d^2l exp(-C'n)": cmax,
            "surviving_weights_mean": (sum(surv) / len(surv)) if surv else None,
            "total_weights": sum(2 * n * widths[i] * (widths[i] + widths[i + 1]) for i in range(L))}
    for norm, what in (("l2", "||x||_2 <= 1 (proof of Thm 3, Eqs. (8)-(9))"),
                       ("linf", "||x||_inf <= 1 (Lemmas 7, 8)")):
        v, where = worst[norm]
        if where is None:
            continue
        yield Comparison({"domain": norm}, v, eps * eps, "report",
                         label=f"largest squared error sup_x ||f(x) - g(x)||^2 over draws and tested "
                               f"targets f, {what}, vs eps^2 = (2 Delta N_T delta)^2",
                         lhs_tex=r"\max_f\sup_{\mathbf x}\|f(\mathbf x)-\hat g(\mathbf x)\|^2",
                         rhs_tex=r"\epsilon^2", info={**info, **where})


def thm3_proof_probability(ctx) -> Iterator[Comparison]:
    """`unified.thm3.as_in_proof`: the proof ends "with probability at least 1 - eps". On the tiny
    instance l = 1, d_0 = d_1 = 1 (N_T = 1, eps = 2 Delta delta, width 2n as in Lemma 1) the success
    probability P(n) of the construction (every w in S_delta within eps) is computed for each n of
    ``ns`` (exact when affordable, Monte Carlo otherwise) and reported next to 1 - eps.

    Not judged: the proof's n comes from Eq. (10) with the existential constants C, C' (the widths
    are C d_{i-1} n), so "P >= 1 - eps" can only be read "from some width on", which no finite list
    of widths can contradict; the smallest tested width whose value clears 1 - eps and the implied
    width constant n / log((1/delta + 1)/(Delta + 1)) (ln) are reported with the widths tried (a
    width fitted on a grid and re-checked on it cannot fail)."""
    from ticketcheck.numbers import compare, is_estimate
    k, D = int(ctx["k"]), int(ctx["Delta"])
    ns = [int(v) for v in str(ctx["ns"]).split("-")]
    eps = Fraction(2 * D, 1 << k)
    target = 1 - eps
    factor = math.log(((1 << k) + 1) / (D + 1))
    rows, chosen = [], None
    for n in ns:
        val, method = ctx.observe("slth.layer_success", k=k, n=n, d1=1, d2=1, tol=2 * D, strict=0,
                                  reading="statement")
        lo = Fraction(val.interval()[0]) if is_estimate(val) else val
        rows.append((n, val, method))
        if chosen is None and compare(lo, target, ">=") is True:
            chosen = n
    fit = {"smallest_tested_width_with_P>=1-eps": chosen, "widths_tried": ns,
           "empirical_C_ln": chosen / factor if chosen else None,
           "log((1/delta+1)/(Delta+1))": factor, "eps": str(eps),
           "statement_form": "1 - 4 d^2 l exp(-C' n) (C' existential), see unified.thm3"}
    for n, val, method in rows:
        yield Comparison({"n": n}, val, target, "report", kind="probability",
                         label="probability that every w in S_delta is within eps (l = 1, d_0 = d_1 = 1, "
                               "2n hidden units) vs 1 - eps, the proof's 'with probability at least "
                               "1 - eps'",
                         lhs_tex=r"\mathbb P\big(\forall w\in S_\delta:\ \min_{\mathbf S}"
                                 r"\sup_{|x|\le1}|wx-\hat g(x)|\le\epsilon\big)",
                         rhs_tex=r"1-\epsilon", info={**fit, "method": method})
