"""Running one check on its grid, possibly under a :class:`~ticketcheck.harness.variants.Variant`
(a falsifier or a correction): bound checks through the observables, computed checks through a
context, certify/symbolic checks through their engines, gap checks as their two parts.

Every run returns the check's result dict with its point records; verdicts of the whole check are
decided later (``harness.runner``), from these records only.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

import sympy as sp

from ticketcheck import observables
from ticketcheck.arb_eval import evaluate, exactify
from ticketcheck.bounds.claim import (BoundCheck, CertifyCheck, Claim, ComputedCheck, GapCheck,
                                      SymbolicCheck)
from ticketcheck.errors import DisagreementError
from ticketcheck.harness import grid as gridmod
from ticketcheck.harness.context import CheckContext, eval_exact, eval_hypothesis
from ticketcheck.harness.options import RunOptions, point_seed, replay_command
from ticketcheck.harness.points import decide_refining, point_record
from ticketcheck.harness.scope import Scope
from ticketcheck.harness.vacuity import informative_from
from ticketcheck.harness.values import describe, param_json
from ticketcheck.harness.variants import Variant, apply_to_check
from ticketcheck.harness.verdict import PointDecision, decide_point, holm
from ticketcheck.numbers import compare, is_estimate, is_exact
from ticketcheck.verdicts import OUT_OF_SCOPE, VIOLATED

__all__ = ["CheckRun", "run_check", "check_points", "hypothesis_text", "bound_expr"]


@dataclass
class CheckRun:
    """What the checks of one claim share during a run: options, inherited hypotheses, and a memo of
    observable values (a falsifier reuses the values of the run it varies: same observables, same
    seeds)."""

    claim: Claim
    opts: RunOptions
    scope: Scope
    memo: dict = field(default_factory=dict)


def hypothesis_text(h) -> str | None:
    """The hypothesis as sympy text, ``"python predicate"`` for a callable, None for none."""
    if h is True or h is None or h is sp.true:
        return None
    if callable(h) and not isinstance(h, sp.Basic):
        return "python predicate"
    return str(h)


def bound_expr(check: BoundCheck):
    """The bound with its constants substituted. An existential constant without a value takes the
    weakest value of the paper's range if it gives one, else of the search range (its check is then
    ``measured``)."""
    expr = sp.sympify(check.bound)
    subs = {(k if isinstance(k, sp.Basic) else sp.Symbol(str(k))): exactify(v) for k, v in check.constants.items()}
    subs = {_match(expr, k): v for k, v in subs.items()}
    for ec in check.empirical:
        if ec.symbol not in subs:
            rng = ec.paper_range or ec.search
            subs[ec.symbol] = exactify(rng[1] if ec.claim_gets_weaker == "up" else rng[0])
    return expr.xreplace(subs) if subs else expr


def _match(expr, sym):
    """``sym`` itself, or the free symbol of ``expr`` with its name (declared with other assumptions)."""
    if sym in expr.free_symbols:
        return sym
    return next((s for s in expr.free_symbols if s.name == sym.name), sym)


def tex(expr) -> str:
    """LaTeX of a sympy expression or relation (``log`` as the paper writes it)."""
    if expr is True or expr is None or expr is sp.true:
        return ""
    if callable(expr) and not isinstance(expr, sp.Basic):
        return ""
    return sp.latex(sp.sympify(expr))


_REL_TEX = {">=": r"\ge", ">": ">", "<=": r"\le", "<": "<", "==": "=", "report": r"\;\text{vs}\;"}


def bound_latex(check: BoundCheck, bexpr, obs) -> dict:
    """The check's statement typeset: observable side (declared, or the observable's name with its
    arguments), relation, bound, hypotheses."""
    lhs = check.lhs_tex or obs.latex({p: tex(sp.sympify(check.args[p])) if p in check.args
                                      else tex(sp.Symbol(p)) for p in obs.params})
    return {"lhs": lhs, "rhs": tex(bexpr), "relation": _REL_TEX.get(check.relation, check.relation),
            "hypotheses": tex(check.hypothesis)}


def check_points(check, opts: RunOptions) -> list[dict]:
    base = check.quick_grid if (opts.quick and getattr(check, "quick_grid", None)) else check.grid
    pts = gridmod.expand(base)
    return gridmod.override(pts, opts.grid)


def _scope_of(run: CheckRun, check_hyp, orig_hyp, params) -> tuple[str | None, bool]:
    """(reason the point is out of scope or None, whether it is inside the ORIGINAL hypotheses)."""
    outside = run.scope.outside(params) if run.scope else None
    if outside:
        return outside, False
    own = eval_hypothesis(check_hyp, params)
    orig = own if orig_hyp is check_hyp else eval_hypothesis(orig_hyp, params)
    if not own:
        return "the claim's hypothesis fails here", orig
    return None, orig


def _stop(variant: Variant | None, d: PointDecision, inside: bool, n_points: int, alpha: float) -> bool:
    """In a falsifier run: a violated point inside the original hypotheses ends the run (Monte Carlo
    candidates are decided by Bonferroni over the grid, a valid family-wise level)."""
    if variant is None or not variant.stop_early or not inside:
        return False
    if d.verdict == VIOLATED:
        return True
    if d.verdict == "violated?" and d.pvalue is not None and d.pvalue <= alpha / max(1, n_points):
        d.verdict = VIOLATED
        d.note += f"; Bonferroni-rejected over {n_points} points (falsifier run)"
        return True
    return False


# ------------------------------------------------------------------ bound checks

def run_bound_check(run: CheckRun, check: BoundCheck, variant: Variant | None = None) -> dict:
    claim, opts = run.claim, run.opts
    orig = check
    if variant is not None:
        check = apply_to_check(check, variant)
    obs = observables.get(check.observable)
    points = check_points(check, opts)
    records: list[dict] = []
    decisions: list[PointDecision] = []
    truths: list[tuple[dict, Any]] = []
    exact_points: list[tuple[dict, dict, Any]] = []
    bexpr = bound_expr(check)
    n_mc = 0
    stopped = False
    for i, params in enumerate(points):
        if opts.progress and variant is None and (i % 5 == 0 or i == len(points) - 1):
            opts.progress(f"{claim.id} [{check.name}] point {i + 1}/{len(points)}")
        why, inside = _scope_of(run, check.hypothesis, orig.hypothesis, params)
        if why:
            d = PointDecision(OUT_OF_SCOPE, why)
            records.append(point_record(claim.id, check.name, params, None, None, check.relation,
                                        check.kind, d, "none", check.observable, opts))
            decisions.append(d)
            continue
        args = {p: eval_exact(check.args.get(p, sp.Symbol(p)), params) if p in check.args
                else params.get(p) for p in obs.params}
        obs.check_args(args)
        rhs = evaluate(bexpr, params)
        seed = point_seed(opts.seed, claim.id, orig.name, params)
        d0 = decide_point(None, rhs, check.relation, check.kind)
        if d0.verdict == "vacuous" and not check.empirical:
            value, method = None, "none"
            d = d0
        else:
            key = (obs.name, tuple(sorted((k, str(v)) for k, v in args.items())), seed, opts.trials,
                   opts.budget)
            if key not in run.memo:
                run.memo[key] = observables.evaluate(obs.name, args, budget=opts.budget,
                                                     trials=opts.trials, seed=seed)
            value, method = run.memo[key]
            d, rhs = decide_refining(value, rhs, bexpr, params, check.relation, check.kind)
            if method == "montecarlo":
                n_mc += 1
            else:
                exact_points.append((params, args, value))
            truths.append((params, value))
        decisions.append(d)
        records.append(point_record(claim.id, check.name, params, value, rhs, check.relation,
                                    check.kind, d, method, check.observable, opts,
                                    {"args": {k: param_json(v) for k, v in args.items()}},
                                    in_hypotheses=inside))
        if _stop(variant, d, inside, len(points), opts.alpha):
            stopped = True
            break
    if not stopped:
        holm(decisions, n_mc, opts.alpha)
    for rec, d in zip(records, decisions):
        rec["verdict"], rec["note"] = d.verdict, d.note
    res = {"name": check.name, "type": "bound", "observable": check.observable,
           "bound": str(bexpr), "relation": check.relation,
           "hypothesis": hypothesis_text(check.hypothesis),
           "args": {p: str(check.args.get(p, p)) for p in obs.params}, "points": records}
    if variant is None:
        res["latex"] = bound_latex(check, bexpr, obs)
    if variant is not None:
        return res
    in_scope = [r for r in records if r["verdict"] != OUT_OF_SCOPE]
    informative = None
    if in_scope and all(r["verdict"] == "vacuous" for r in in_scope):
        found = informative_from(check, obs, bexpr, points, records)
        if found:
            informative = {**found, "params": {k: param_json(v) for k, v in found["params"].items()}}
    res.update({"overlap": _overlap(obs, exact_points, opts, claim, check),
                "empirical_constants": [_empirical_constant(check, ec, truths) for ec in check.empirical],
                "informative_from": informative})
    return res


def _overlap(obs, exact_points, opts: RunOptions, claim, check) -> list[dict]:
    """Exact vs Monte Carlo on the first exact points: a disagreement is a bug in one of them."""
    out = []
    if obs.montecarlo is None or opts.overlap_points <= 0:
        return out
    for params, args, value in exact_points[: opts.overlap_points]:
        if not is_exact(value):
            continue
        seed = point_seed(opts.seed + 1, claim.id, check.name, params)
        est = obs.montecarlo(**args, trials=opts.overlap_trials, seed=seed)
        out.append(_agreement(value, est, params, f"{claim.id} [{check.name}]", obs.name, seed))
    return out


def _agreement(value, est, params, where: str, name: str, seed: int) -> dict:
    lo, hi = est.interval(1 - 1e-6)
    exact_f = float(Fraction(value))
    ok = lo - 1e-12 <= exact_f <= hi + 1e-12
    if not ok:
        raise DisagreementError(
            f"{where} at {gridmod.grid_text(params)}: exact {exact_f:.6g} outside the Monte Carlo "
            f"interval [{lo:.6g}, {hi:.6g}] ({est.trials} trials, seed {seed}); one of exact/ or "
            f"montecarlo/ {name} is wrong")
    return {"params": {k: param_json(v) for k, v in params.items()},
            "exact": describe(value).get("exact"), "exact_float": exact_f,
            "estimate": est.value, "ci_1e-6": [lo, hi], "trials": est.trials, "agree": ok}


def _empirical_constant(check: BoundCheck, ec, truths) -> dict:
    """Smallest (or largest) constant value for which the claim holds at every tested point."""
    expr0 = sp.sympify(check.bound)
    fixed = {k: exactify(v) for k, v in {**check.constants, **ec.fixed}.items() if k != ec.symbol}
    expr0 = expr0.xreplace(fixed)
    lo, hi = Fraction(ec.search[0]), Fraction(ec.search[1])

    def ok(c: Fraction, params, value) -> bool | None:
        rhs = evaluate(expr0.xreplace({ec.symbol: exactify(c)}), params)
        v = value
        if is_estimate(value):  # optimistic end of the interval: the data cannot exclude it
            v = value.interval()[1] if check.relation in (">=", ">") else value.interval()[0]
            v = Fraction(v)
        return compare(v, rhs, check.relation)

    worst, where = None, None
    infeasible = []
    for params, value in truths:
        if value is None:
            continue
        good_end, bad_end = (hi, lo) if ec.claim_gets_weaker == "up" else (lo, hi)
        if ok(good_end, params, value) is not True:
            infeasible.append(gridmod.grid_text(params))
            continue
        if ok(bad_end, params, value) is True:
            cstar = bad_end
        else:
            a, b = bad_end, good_end
            for _ in range(48):
                mid = (a + b) / 2
                if ok(mid, params, value) is True:
                    b = mid
                else:
                    a = mid
            cstar = b
        better = (worst is None or (cstar > worst if ec.claim_gets_weaker == "up" else cstar < worst))
        if better:
            worst, where = cstar, params
    grid_desc = sorted({k for p, _ in truths for k in p})
    return {"symbol": str(ec.symbol), "value": float(worst) if worst is not None else None,
            "direction": "smallest" if ec.claim_gets_weaker == "up" else "largest",
            "search": [float(lo), float(hi)], "at": {k: param_json(v) for k, v in (where or {}).items()},
            "paper_range": [str(x) for x in ec.paper_range] if ec.paper_range else None,
            "fitted_on": {"points": len(truths), "parameters": grid_desc},
            "infeasible_points": infeasible[:20], "n_infeasible": len(infeasible),
            "fixed": {str(k): str(v) for k, v in fixed.items()}, "doc": ec.doc}


# ------------------------------------------------------------------ computed checks

def _overlap_observer(run: CheckRun, check, log: list[dict], variant: Variant | None):
    """``ctx.observe`` for a computed check: the chooser, plus (outside falsifier runs) exact values
    checked against Monte Carlo on the first ``overlap_points`` distinct exact observations."""
    seen: set = set()

    def observe(name, args, *, budget, trials, seed):
        value, method = observables.evaluate(name, args, budget=budget, trials=trials, seed=seed)
        key = (name, tuple(sorted((k, str(v)) for k, v in args.items())))
        if (variant is None and method == "exact" and is_exact(value) and key not in seen
                and len(log) < run.opts.overlap_points):
            seen.add(key)
            obs = observables.get(name)
            if obs.montecarlo is not None:
                est = obs.montecarlo(**args, trials=run.opts.overlap_trials, seed=seed + 1)
                log.append({"observable": name, **_agreement(value, est, args,
                                                              f"{run.claim.id} [{check.name}]", name, seed + 1)})
        return value, method
    return observe


def run_computed_check(run: CheckRun, check: ComputedCheck, variant: Variant | None = None) -> dict:
    claim, opts = run.claim, run.opts
    overlap: list[dict] = []
    observer = _overlap_observer(run, check, overlap, variant)
    hyp = variant.hypothesis_for(check.hypothesis) if variant is not None else check.hypothesis
    constants = variant.constants_for(check.constants) if variant is not None else dict(check.constants)
    points = check_points(check, opts)
    records, decisions = [], []
    read: set = set()
    n_mc = 0
    stopped = False
    for i, params in enumerate(points):
        if opts.progress and variant is None and (i % 5 == 0 or i == len(points) - 1):
            opts.progress(f"{claim.id} [{check.name}] point {i + 1}/{len(points)}")
        why, inside = _scope_of(run, hyp, check.hypothesis, params)
        if why:
            d = PointDecision(OUT_OF_SCOPE, why)
            decisions.append(d)
            records.append(point_record(claim.id, check.name, params, None, None, ">=", "real", d,
                                        "none", "", opts))
            continue
        ctx = CheckContext(params, seed=point_seed(opts.seed, claim.id, check.name, params),
                           trials=opts.trials, budget=opts.budget, constants=constants,
                           constants_read=read, observer=observer)
        for comp in check.compute(ctx):
            relation = variant.relation_for(comp.relation) if variant is not None else comp.relation
            if comp.rhs_expr is not None:
                d, comp.rhs = decide_refining(comp.lhs, comp.rhs, comp.rhs_expr[0], comp.rhs_expr[1],
                                              relation, comp.kind)
            else:
                d = decide_point(comp.lhs, comp.rhs, relation, comp.kind)
            method = ("montecarlo" if is_estimate(comp.lhs) else
                      "exact" if is_exact(comp.lhs) and (comp.rhs is None or is_exact(comp.rhs))
                      else "computed")
            if is_estimate(comp.lhs) and relation != "report":
                n_mc += 1
            decisions.append(d)
            p = {**params, **{k: v for k, v in comp.params.items() if k not in params}}
            rec = point_record(claim.id, check.name, p, comp.lhs, comp.rhs, relation,
                               comp.kind, d, method, comp.label, opts, comp.info,
                               grid_params=params, in_hypotheses=inside)
            if comp.lhs_tex:
                rec["lhs_latex"] = comp.lhs_tex
            if comp.rhs_tex:
                rec["rhs_latex"] = comp.rhs_tex
            records.append(rec)
            if _stop(variant, d, inside, len(points), opts.alpha):
                stopped = True
                break
        if stopped:
            break
    if not stopped:
        holm(decisions, n_mc, opts.alpha)
    for rec, d in zip(records, decisions):
        rec["verdict"], rec["note"] = d.verdict, d.note
    res = {"name": check.name, "type": "computed", "points": records, "grid_points": len(points)}
    if overlap:
        res["overlap"] = overlap
    if constants:
        res["constants_read"] = sorted(read)
    return res


# ------------------------------------------------------------------ engines

def run_engine_check(run: CheckRun, check, variant: Variant | None = None) -> dict:
    """A certify/symbolic check: the engine decides; the replay is the check's own command."""
    if variant is not None:
        check = apply_to_check(check, variant)
    elif getattr(check, "constants", None):
        check = apply_to_check(check, Variant("declared constants"))
    kind = "certify" if isinstance(check, CertifyCheck) else "symbolic"
    module, function = (("ticketcheck.harness.certify", "certify_check") if kind == "certify"
                        else ("ticketcheck.harness.symbolic", "run_symbolic"))
    res = getattr(importlib.import_module(module), function)(check, run.opts)
    res.setdefault("name", check.name)
    res.setdefault("type", kind)
    res.setdefault("points", [])
    if getattr(check, "relation", None):
        res.setdefault("relation", check.relation)
    res["replay"] = replay_command(run.claim.id, check.name, {}, run.opts)
    return res


# ------------------------------------------------------------------ gap checks

def run_gap_check(run: CheckRun, check: GapCheck, variant: Variant | None = None) -> dict:
    """The implication and the used form, run as two checks; their records are kept apart."""
    imp = run_check(run, check.implication, variant if variant is not None and not variant.stop_early else None)
    used = run_check(run, check.used, variant)
    return {"name": check.name, "type": "gap", "parts": {"implication": imp, "used": used},
            "points": [*({**p, "part": "implication"} for p in imp.get("points", [])),
                       *({**p, "part": "used"} for p in used.get("points", []))]}


def run_check(run: CheckRun, check, variant: Variant | None = None) -> dict:
    if isinstance(check, BoundCheck):
        return run_bound_check(run, check, variant)
    if isinstance(check, ComputedCheck):
        return run_computed_check(run, check, variant)
    if isinstance(check, (CertifyCheck, SymbolicCheck)):
        return run_engine_check(run, check, variant)
    if isinstance(check, GapCheck):
        return run_gap_check(run, check, variant)
    raise TypeError(f"unknown check type {type(check).__name__}")
