"""The one generic harness loop: walk a claim's grid, compute both sides, decide verdicts.

For a :class:`~bounds.claim.BoundCheck` point the observable is computed exactly when its estimated
cost fits ``RunOptions.budget`` (seconds) and by Monte Carlo otherwise; the bound is evaluated with
arb balls (>= 50 digits). On an *overlap band* (the first ``overlap_points`` exact points) Monte Carlo
is run as well and a :class:`~harness.errors.DisagreementError` is raised if the exact value falls
outside its interval at confidence 1 - 1e-6: a loud failure, since one of the two is wrong.
"""
from __future__ import annotations

import shlex
import time
import zlib
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping

import sympy as sp

from ticketcheck.arb_eval import evaluate, exactify
from ticketcheck.bounds.claim import BoundCheck, CertifyCheck, Claim, Comparison, ComputedCheck, SymbolicCheck
from ticketcheck.harness import grid as gridmod
from ticketcheck.harness.context import CheckContext, eval_exact, eval_hypothesis
from ticketcheck import observables
from ticketcheck.errors import DisagreementError, InputError, TicketcheckError, TooLargeError
from ticketcheck.harness.vacuity import informative_from
from ticketcheck.harness.values import describe, log10_gap_to_one, param_json
from ticketcheck.harness.verdict import (ALPHA, PointDecision, aggregate, compare, decide_point, holm,
                             is_estimate, is_exact, slack, to_float)

from ticketcheck.version import __version__ as VERSION


@dataclass
class RunOptions:
    trials: int = 20000
    seed: int = 12345
    budget: float = 2.0
    confidence: float = 0.99
    alpha: float = ALPHA
    quick: bool = False
    grid: str | None = None
    check: str | None = None
    overlap_points: int = 2
    overlap_trials: int = 4000
    progress: Callable[[str], None] | None = None
    extra: dict = field(default_factory=dict)


def point_seed(seed: int, claim_id: str, check: str, params: Mapping) -> int:
    """Seed of one grid point: a function of the run seed, the claim, the check and the params."""
    key = f"{seed}|{claim_id}|{check}|{sorted((k, str(v)) for k, v in params.items())}"
    return zlib.crc32(key.encode()) ^ (seed * 2654435761 % 2**32)


def replay_command(claim_id: str, check: str | None, params: Mapping, opts: RunOptions,
                   method: str | None = None) -> str:
    parts = [f"ticketcheck check {claim_id}"]
    if check:
        parts.append(f"--check {check}")
    if params:
        parts.append(f"--grid {shlex.quote(gridmod.grid_text(params))}")
        if opts.quick:  # the point's other defaults come from the quick grid
            parts.append("--quick")
    if method == "montecarlo":
        parts.append(f"--seed {opts.seed} --trials {opts.trials}")
    if opts.budget != RunOptions.budget:  # exact-vs-MC choice depends on it
        parts.append(f"--budget {opts.budget:g}")
    return " ".join(parts)


# ---------------------------------------------------------------- helpers

def hypothesis_text(h) -> str | None:
    """The hypothesis as sympy text (re-evaluable by the reports), ``"python predicate"`` for a
    callable, None for none."""
    if h is True or h is None or h is sp.true:
        return None
    if callable(h) and not isinstance(h, sp.Basic):
        return "python predicate"
    return str(h)


def _bound_expr(check: BoundCheck, params: Mapping):
    """The bound with its constants substituted. An existential constant without a value (searched
    by an :class:`EmpiricalConstant`) takes the weakest value of its search range, so that the point
    verdict says whether *some* constant in the range makes the claim true there."""
    expr = sp.sympify(check.bound)
    subs = {k: exactify(v) for k, v in check.constants.items()}
    for ec in check.empirical:
        if ec.symbol not in subs:
            subs[ec.symbol] = exactify(ec.search[1] if ec.claim_gets_weaker == "up" else ec.search[0])
    return expr.xreplace(subs) if subs else expr


# ---------------------------------------------------------------- one point

def _point_record(claim: Claim, check_name: str, params: Mapping, lhs, rhs, relation: str,
                  kind: str, decision: PointDecision, method: str, label: str, opts: RunOptions,
                  info: Mapping | None = None, grid_params: Mapping | None = None) -> dict:
    """The JSON record of one comparison. ``params`` is what is shown (for a ComputedCheck the grid
    point plus the sub-point keys its comparison added, e.g. ``t``); ``grid_params`` is the grid
    point itself, the only thing ``--grid`` accepts, so the replay command is built from it."""
    grid_params = params if grid_params is None else grid_params
    rec: dict[str, Any] = {
        "id": claim.id,
        "check": check_name,
        "params": {k: param_json(v) for k, v in params.items()},
        "relation": relation,
        "kind": kind,
        "label": label,
        "method": method,
        "bound": None, "bound_text": None,
        "exact": None, "exact_float": None,
        "estimate": None, "ci": None, "trials": None,
        "value": None,
        "verdict": decision.verdict,
        "slack": None,
        "note": decision.note,
        "replay": replay_command(claim.id, check_name, grid_params, opts, method),
    }
    if set(params) != set(grid_params):
        rec["grid_params"] = {k: param_json(v) for k, v in grid_params.items()}
    if rhs is not None:
        d = describe(rhs)
        rec["bound"] = d.get("float")
        rec["bound_text"] = d.get("exact") or d.get("text")
    if is_exact(lhs):
        d = describe(lhs)
        rec["exact"], rec["exact_float"] = d["exact"], d["float"]
        rec["value"] = d["float"]
    elif is_estimate(lhs):
        d = lhs.to_json()
        rec["estimate"], rec["ci"], rec["trials"] = d["value"], d["ci"], d["trials"]
        rec["seed"] = d.get("seed")
        rec["value"] = d["value"]
    elif lhs is not None:
        d = describe(lhs)
        rec["value"] = d.get("float")
        rec["value_text"] = d.get("text")
    if lhs is not None and rhs is not None:
        try:
            s = slack(lhs, rhs, relation)
            rec["slack"] = to_float(s)
            if is_exact(s):
                rec["slack_exact"] = describe(s)["exact"]
        except (TypeError, ValueError):
            pass
    if kind == "probability":  # gaps to 1 below the float range, for the reports' tail plots
        gaps = {"value": log10_gap_to_one(lhs), "bound": log10_gap_to_one(rhs)}
        if any(g is not None for g in gaps.values()):
            rec["log10_gap_to_1"] = gaps
    if info:
        rec["info"] = {k: (describe(v) if isinstance(v, (Fraction,)) else v) for k, v in info.items()}
    return rec


REFINE_BITS = (680, 2720, 10880)


def decide_refining(value, rhs, bound_expr, params: Mapping, relation: str, kind: str):
    """:func:`decide_point`, re-evaluating the bound with tighter balls while the two sides tie at the
    working precision (e.g. an exact 1 against 1 - exp(-358), which 170 relative bits cannot tell
    apart). Returns ``(decision, rhs)`` with the rhs actually used."""
    d = decide_point(value, rhs, relation, kind)
    for bits in REFINE_BITS:
        if not (d.verdict == "inconclusive" and d.note.startswith("tie at the working precision")):
            break
        rhs = evaluate(bound_expr, params, target_bits=bits, max_prec=2 * bits)
        d = decide_point(value, rhs, relation, kind)
    return d, rhs


def _check_points(check, opts: RunOptions) -> list[dict]:
    base = check.quick_grid if (opts.quick and getattr(check, "quick_grid", None)) else check.grid
    pts = gridmod.expand(base)
    return gridmod.override(pts, opts.grid)


def run_bound_check(claim: Claim, check: BoundCheck, opts: RunOptions) -> dict:
    obs = observables.get(check.observable)
    points = _check_points(check, opts)
    records: list[dict] = []
    decisions: list[PointDecision] = []
    truths: list[tuple[dict, Any]] = []
    exact_points: list[tuple[dict, dict, Any]] = []
    bound_expr = _bound_expr(check, {})
    n_mc = 0
    for i, params in enumerate(points):
        if opts.progress and (i % 5 == 0 or i == len(points) - 1):
            opts.progress(f"{claim.id} [{check.name}] point {i + 1}/{len(points)}")
        if not eval_hypothesis(check.hypothesis, params):
            d = PointDecision("out_of_scope", "the claim's hypothesis fails here")
            records.append(_point_record(claim, check.name, params, None, None, check.relation,
                                         check.kind, d, "none", check.observable, opts))
            decisions.append(d)
            continue
        args = {p: eval_exact(check.args.get(p, sp.Symbol(p)), params) if p in check.args
                else params.get(p) for p in obs.params}
        obs.check_args(args)
        rhs = evaluate(bound_expr, params)
        seed = point_seed(opts.seed, claim.id, check.name, params)
        d0 = decide_point(None, rhs, check.relation, check.kind)
        if d0.verdict == "vacuous" and not check.empirical:
            value, method = None, "none"
            d = d0
        else:
            value, method = observables.evaluate(obs.name, args, budget=opts.budget,
                                                   trials=opts.trials, seed=seed)
            d, rhs = decide_refining(value, rhs, bound_expr, params, check.relation, check.kind)
            if method == "montecarlo":
                n_mc += 1
            else:
                exact_points.append((params, args, value))
            truths.append((params, value))
        decisions.append(d)
        records.append(_point_record(claim, check.name, params, value, rhs, check.relation,
                                     check.kind, d, method, check.observable, opts,
                                     {"args": {k: param_json(v) for k, v in args.items()}}))
    holm(decisions, n_mc, opts.alpha)
    for rec, d in zip(records, decisions):
        rec["verdict"], rec["note"] = d.verdict, d.note
    overlap = _overlap(obs, exact_points, opts, claim, check)
    in_scope = [r for r in records if r["verdict"] != "out_of_scope"]
    informative = None
    if in_scope and all(r["verdict"] == "vacuous" for r in in_scope):
        found = informative_from(check, obs, bound_expr, points, records)
        if found:
            informative = {**found, "params": {k: param_json(v) for k, v in found["params"].items()}}
    empirical = [_empirical_constant(check, ec, truths) for ec in check.empirical]
    return {"name": check.name, "type": "bound", "observable": check.observable,
            "bound": str(_bound_expr(check, {})), "relation": check.relation,
            "hypothesis": hypothesis_text(check.hypothesis),
            "args": {p: str(check.args.get(p, p)) for p in obs.params}, "points": records,
            "overlap": overlap, "empirical_constants": empirical, "informative_from": informative,
            "verdict": aggregate([r["verdict"] for r in records])}


def _overlap(obs, exact_points, opts: RunOptions, claim, check) -> list[dict]:
    out = []
    if obs.montecarlo is None or opts.overlap_points <= 0:
        return out
    for params, args, value in exact_points[: opts.overlap_points]:
        seed = point_seed(opts.seed + 1, claim.id, check.name, params)
        est = obs.montecarlo(**args, trials=opts.overlap_trials, seed=seed)
        lo, hi = est.interval(1 - 1e-6)
        exact_f = float(Fraction(value))
        ok = lo - 1e-12 <= exact_f <= hi + 1e-12
        out.append({"params": {k: param_json(v) for k, v in params.items()},
                    "exact": describe(value).get("exact"), "exact_float": exact_f,
                    "estimate": est.value, "ci_1e-6": [lo, hi], "trials": est.trials,
                    "agree": ok})
        if not ok:
            raise DisagreementError(
                f"{claim.id} [{check.name}] at {gridmod.grid_text(params)}: exact {exact_f:.6g} "
                f"outside the Monte Carlo interval [{lo:.6g}, {hi:.6g}] ({est.trials} trials, "
                f"seed {seed}); one of exact/ or montecarlo/ {obs.name} is wrong")
    return out


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
    return {"symbol": str(ec.symbol), "value": float(worst) if worst is not None else None,
            "direction": "smallest" if ec.claim_gets_weaker == "up" else "largest",
            "search": [float(lo), float(hi)], "at": {k: param_json(v) for k, v in (where or {}).items()},
            "infeasible_points": infeasible[:20], "n_infeasible": len(infeasible),
            "fixed": {str(k): str(v) for k, v in fixed.items()}, "doc": ec.doc}


def run_computed_check(claim: Claim, check: ComputedCheck, opts: RunOptions) -> dict:
    points = _check_points(check, opts)
    records, decisions = [], []
    n_mc = 0
    for i, params in enumerate(points):
        if opts.progress and (i % 5 == 0 or i == len(points) - 1):
            opts.progress(f"{claim.id} [{check.name}] point {i + 1}/{len(points)}")
        if not eval_hypothesis(check.hypothesis, params):
            d = PointDecision("out_of_scope", "the claim's hypothesis fails here")
            decisions.append(d)
            records.append(_point_record(claim, check.name, params, None, None, ">=", "real", d,
                                         "none", "", opts))
            continue
        ctx = CheckContext(params, seed=point_seed(opts.seed, claim.id, check.name, params),
                           trials=opts.trials, budget=opts.budget)
        for comp in check.compute(ctx):
            if comp.rhs_expr is not None:
                d, comp.rhs = decide_refining(comp.lhs, comp.rhs, comp.rhs_expr[0], comp.rhs_expr[1],
                                              comp.relation, comp.kind)
            else:
                d = decide_point(comp.lhs, comp.rhs, comp.relation, comp.kind)
            method = ("montecarlo" if is_estimate(comp.lhs) else
                      "exact" if is_exact(comp.lhs) and (comp.rhs is None or is_exact(comp.rhs))
                      else "computed")
            if is_estimate(comp.lhs) and comp.relation != "report":
                n_mc += 1
            decisions.append(d)
            p = {**params, **{k: v for k, v in comp.params.items() if k not in params}}
            records.append(_point_record(claim, check.name, p, comp.lhs, comp.rhs, comp.relation,
                                         comp.kind, d, method, comp.label, opts, comp.info,
                                         grid_params=params))
    holm(decisions, n_mc, opts.alpha)
    for rec, d in zip(records, decisions):
        rec["verdict"], rec["note"] = d.verdict, d.note
    return {"name": check.name, "type": "computed", "points": records,
            "verdict": aggregate([r["verdict"] for r in records])}


def _run_engine(claim: Claim, check, opts: RunOptions, kind: str, module: str, function: str) -> dict:
    """A certify/symbolic check: the engine decides; the replay is the check's own command."""
    import importlib
    run = getattr(importlib.import_module(module), function)
    res = run(check, opts)
    res.setdefault("name", check.name)
    res.setdefault("type", kind)
    res.setdefault("points", [])
    res["replay"] = replay_command(claim.id, check.name, {}, opts)
    return res


def run_certify_check(claim: Claim, check: CertifyCheck, opts: RunOptions) -> dict:
    return _run_engine(claim, check, opts, "certify", "ticketcheck.harness.certify", "certify_check")


def run_symbolic_check(claim: Claim, check: SymbolicCheck, opts: RunOptions) -> dict:
    return _run_engine(claim, check, opts, "symbolic", "ticketcheck.harness.symbolic", "run_symbolic")


def _check_param_names(check) -> set[str] | None:
    grid = getattr(check, "grid", None)
    if grid is None:
        return None
    pts = gridmod.expand(grid)
    return set(pts[0]) if pts else set()


def _checks_using_grid(claim: Claim, checks, opts: RunOptions):
    """With --grid and no --check: run the checks that have every parameter the user named."""
    user = set(gridmod.parse_grid(opts.grid))
    keep = [c for c in checks if (_check_param_names(c) or set()) >= user]
    if not keep:
        known = sorted(set().union(*[(_check_param_names(c) or set()) for c in checks])) if checks else []
        raise InputError(f"no check of {claim.id} has the grid parameter(s) "
                         f"{', '.join(sorted(user))}; its parameters are: {', '.join(known) or 'none'}")
    return keep


def _bound_of(v) -> Fraction | None:
    """A Param end (int, Fraction, sympy Rational or None) as a Fraction."""
    return None if v is None else Fraction(str(v))


def _check_user_grid_domains(claim: Claim, grid_text: str) -> None:
    """``--grid`` values outside a parameter's declared domain (``Claim.params``: e.g. M >= 1) are
    refused with a one-line message instead of being fed to the formulas (log(0), ...)."""
    declared = {p.name: p for p in claim.params}
    for name, values in gridmod.parse_grid(grid_text).items():
        p = declared.get(name)
        if p is None or p.kind == "choice":
            continue
        for v in values:
            try:
                q = Fraction(v) if not isinstance(v, Fraction) else v
            except (TypeError, ValueError):
                raise InputError(f"{claim.id}: {name} = {v!r} is not a number") from None
            if p.kind == "int" and q.denominator != 1:
                raise InputError(f"{claim.id}: {name} must be an integer, got {v}")
            low, high = _bound_of(p.low), _bound_of(p.high)
            if (low is not None and q < low) or (high is not None and q > high):
                rng = f"[{'-inf' if low is None else p.low}, {'inf' if high is None else p.high}]"
                raise InputError(f"{claim.id}: {name} = {v} is outside its domain {rng}"
                                 f"{' (' + p.doc + ')' if p.doc else ''}; choose a value in it")


def run_claim(claim: Claim, opts: RunOptions | None = None) -> dict:
    """Run every check of ``claim`` (or only ``opts.check``) and aggregate."""
    opts = opts or RunOptions()
    t0 = time.perf_counter()
    checks = [c for c in claim.checks if opts.check in (None, c.name)]
    if opts.check and not checks:
        raise InputError(f"{claim.id} has no check {opts.check!r}; its checks: "
                         f"{', '.join(c.name for c in claim.checks) or 'none (REC)'}")
    if opts.grid:
        _check_user_grid_domains(claim, opts.grid)
    if opts.grid and not opts.check:
        checks = _checks_using_grid(claim, checks, opts)
    results = []
    for check in checks:
        if isinstance(check, BoundCheck):
            results.append(run_bound_check(claim, check, opts))
        elif isinstance(check, ComputedCheck):
            results.append(run_computed_check(claim, check, opts))
        elif isinstance(check, CertifyCheck):
            results.append(run_certify_check(claim, check, opts))
        elif isinstance(check, SymbolicCheck):
            results.append(run_symbolic_check(claim, check, opts))
        else:  # pragma: no cover
            raise TypeError(check)
    verdict = aggregate([r["verdict"] for r in results]) if results else "recorded"
    out = {**claim.summary(), "statement": claim.statement, "paper": claim.paper,
           "constants": {k: str(v) for k, v in claim.constants.items()},
           "constants_kind": claim.constants_kind, "log_base": claim.log_base,
           "notes": claim.notes, "depends_on": list(claim.depends_on),
           "verdict": verdict, "results": results,
           "seconds": round(time.perf_counter() - t0, 3),
           "options": {"seed": opts.seed, "trials": opts.trials, "budget": opts.budget,
                       "quick": opts.quick, "grid": opts.grid, "version": VERSION}}
    out["counterexample"] = smallest_counterexample(results)
    out["counts"] = _counts(results)
    out["min_slack"] = _min_slack(results)
    return out


def _counts(results) -> dict:
    c: dict[str, int] = {}
    for r in results:
        pts = r.get("points") or []
        if not pts:
            c[r["verdict"]] = c.get(r["verdict"], 0) + 1
        for p in pts:
            c[p["verdict"]] = c.get(p["verdict"], 0) + 1
    return c


def _min_slack(results):
    vals = [p["slack"] for r in results for p in r.get("points", [])
            if p.get("slack") is not None and p["verdict"] in ("holds", "violated")]
    return min(vals) if vals else None


def _size(params: Mapping) -> tuple:
    nums = []
    for v in params.values():
        try:
            nums.append(abs(float(Fraction(v) if isinstance(v, str) and "/" in v else v)))
        except (TypeError, ValueError):
            nums.append(0.0)
    return (sum(nums), tuple(nums))


def _counterexample_rank(rec: Mapping) -> tuple:
    """Order of counterexamples: the smallest grid point first; among the comparisons of one grid
    point, the most concrete (most sub-point keys, e.g. a re-evaluated (M, Delta, t) before the count
    of violating pairs it belongs to), then the smallest sub-point."""
    params = rec.get("params", {}) or {}
    grid = rec.get("grid_params", params) or {}
    sub = {k: v for k, v in params.items() if k not in grid}
    return (_size(grid), -len(sub), _size(sub))


def smallest_counterexample(results) -> dict | None:
    bad = [(p, r["name"]) for r in results for p in r.get("points", []) if p["verdict"] == "violated"]
    for r in results:
        ce = r.get("counterexample")
        if ce:  # certify/symbolic: replayed by the check's own command
            bad.append(({"replay": r.get("replay"), **ce}, r["name"]))
    if not bad:
        return None
    p, name = min(bad, key=lambda x: _counterexample_rank(x[0]))
    return {"check": name, **{k: p.get(k) for k in ("params", "bound", "bound_text", "exact",
                                                     "estimate", "ci", "value", "slack", "replay",
                                                     "label", "note") if k in p}}
