"""Running one check on its grid, possibly under a :class:`~ticketcheck.harness.variants.Variant`
(a falsifier or a correction): bound checks through the observables, computed checks through a
context, certify/symbolic checks through their engines, gap checks as their two parts.

Every run returns the check's result dict with its point records; verdicts of the whole check are
decided later (``harness.runner``), from these records only.

A bound or computed check runs in two steps: a map over its grid points (:func:`bound_segment`,
:func:`computed_segment`: any contiguous stretch ``[start, stop)`` of the grid gives a
:class:`Segment`), then a reduce over the gathered segments (:func:`finish_bound_check`,
:func:`finish_computed_check`: Holm's correction over the Monte Carlo points, the exact-vs-Monte-Carlo
overlap band, empirical constants fitted on the whole grid). A single-process run maps the whole grid
as one segment; a distributed run (``RunOptions.executor``) maps stretches as tasks and reduces here,
so the result is the same for any split.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping

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

__all__ = ["CheckRun", "Deferred", "Segment", "gather_segments", "run_check", "run_segment",
           "segment_count", "check_points", "hypothesis_text", "bound_expr"]


@dataclass
class CheckRun:
    """What the checks of one claim share during a run: options, inherited hypotheses, and a memo of
    observable values (a falsifier reuses the values of the run it varies: same observables, same
    seeds).

    ``evaluate`` is the exact-vs-Monte-Carlo chooser the checks call (default
    :func:`ticketcheck.observables.evaluate`; a distributed worker passes one that may defer a long
    estimate, :class:`Deferred`). ``opts.executor``, when set, evaluates grid segments and engine
    checks elsewhere (:mod:`ticketcheck.harness.distributed`); the decisions over the gathered
    segments are taken here, exactly as in a single-process run."""

    claim: Claim
    opts: RunOptions
    scope: Scope
    memo: dict = field(default_factory=dict)
    evaluate: Callable | None = None

    def observe(self, name: str, args: dict, *, budget: float, trials: int, seed: int):
        """``(value, method)`` of an observable through this run's chooser."""
        return (self.evaluate or observables.evaluate)(name, args, budget=budget, trials=trials,
                                                       seed=seed)


class Deferred(BaseException):
    """Raised by a run's chooser when a point needs a value computed elsewhere first (a long Monte
    Carlo estimate split into trial chunks): the segment ends before that point and says what it
    needs (``request``); the point is evaluated again once the value is there. A BaseException, so
    that a computed check's own ``except Exception`` cannot swallow it."""

    def __init__(self, request):
        super().__init__(request)
        self.request = request


@dataclass
class Segment:
    """The map step of a check's grid: what the points ``[start, stop)`` gave, before any decision
    taken over the whole grid (Holm, empirical constants, the overlap band, vacuity).

    ``stopped``: a falsifier run stopped at this segment's last point; ``deferred``: the point
    ``stop`` needs ``deferred`` (a :class:`Deferred` request) before it can be evaluated;
    ``overlap``: exact-vs-Monte-Carlo agreement candidates, in order (the first
    ``opts.overlap_points`` of the whole grid are checked when the segments are gathered);
    ``memo``: the observable values computed here (kept for the falsifier runs of the same points)."""

    start: int
    stop: int
    records: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    n_mc: int = 0
    truths: list = field(default_factory=list)
    overlap: list = field(default_factory=list)
    constants_read: set = field(default_factory=set)
    memo: dict = field(default_factory=dict)
    stopped: bool = False
    deferred: Any = None

    def _mark(self) -> tuple:
        return len(self.records), len(self.decisions), self.n_mc, len(self.truths), len(self.overlap)

    def _rollback(self, mark: tuple, i: int, request) -> "Segment":
        """End the segment before point ``i``, which waits for ``request``."""
        nr, nd, nmc, nt, no = mark
        del self.records[nr:], self.decisions[nd:], self.truths[nt:], self.overlap[no:]
        self.n_mc, self.stop, self.deferred = nmc, i, request
        return self


def gather_segments(segments: list[Segment]) -> Segment:
    """The segments of one grid, in order, as one (a falsifier run's segments end at the first that
    stopped)."""
    out = Segment(segments[0].start if segments else 0, segments[0].start if segments else 0)
    for s in segments:
        if s.start != out.stop:
            raise ValueError(f"segments are not contiguous: [{out.start}, {out.stop}) then "
                             f"[{s.start}, {s.stop})")
        out.records += s.records
        out.decisions += s.decisions
        out.n_mc += s.n_mc
        out.truths += s.truths
        out.overlap += s.overlap
        out.constants_read |= s.constants_read
        out.memo.update(s.memo)
        out.stop = s.stop
        if s.stopped:
            out.stopped = True
            break
    return out


def _map_points(run: CheckRun, check, variant, n_points: int, serial) -> Segment:
    """Evaluate the ``n_points`` points of a check's grid: here (``serial(0, n)``), or through the
    run's executor; returns the gathered segment."""
    ex = run.opts.executor
    if ex is None or n_points == 0:
        return serial(0, n_points)
    return gather_segments(ex.map_points(run, check, variant, n_points))



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

@dataclass
class BoundPlan:
    """A bound check under a variant, ready to be evaluated: the varied check, its observable, grid
    points and bound (recomputed identically wherever a segment runs)."""

    orig: BoundCheck
    check: BoundCheck
    obs: Any
    points: list
    bexpr: Any


def bound_plan(run: CheckRun, check: BoundCheck, variant: Variant | None = None) -> BoundPlan:
    orig = check
    if variant is not None:
        check = apply_to_check(check, variant)
    return BoundPlan(orig, check, observables.get(check.observable), check_points(check, run.opts),
                     bound_expr(check))


def bound_segment(run: CheckRun, check: BoundCheck, variant: Variant | None, start: int, stop: int,
                  plan: BoundPlan | None = None) -> Segment:
    """Map step of a bound check: the points ``[start, stop)`` of its grid."""
    claim, opts = run.claim, run.opts
    plan = plan or bound_plan(run, check, variant)
    orig, check, obs, points, bexpr = plan.orig, plan.check, plan.obs, plan.points, plan.bexpr
    seg = Segment(start, stop)
    for i in range(start, stop):
        params = points[i]
        if opts.progress and variant is None and (i % 5 == 0 or i == len(points) - 1):
            opts.progress(f"{claim.id} [{check.name}] point {i + 1}/{len(points)}")
        why, inside = _scope_of(run, check.hypothesis, orig.hypothesis, params)
        if why:
            d = PointDecision(OUT_OF_SCOPE, why)
            seg.records.append(point_record(claim.id, check.name, params, None, None, check.relation,
                                            check.kind, d, "none", check.observable, opts))
            seg.decisions.append(d)
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
                try:
                    run.memo[key] = run.observe(obs.name, args, budget=opts.budget,
                                                trials=opts.trials, seed=seed)
                except Deferred as e:
                    return seg._rollback(seg._mark(), i, e.request)
                seg.memo[key] = run.memo[key]
            value, method = run.memo[key]
            d, rhs = decide_refining(value, rhs, bexpr, params, check.relation, check.kind)
            if method == "montecarlo":
                seg.n_mc += 1
            elif (variant is None and len(seg.overlap) < opts.overlap_points
                  and obs.montecarlo is not None):
                seg.overlap.append(_agreement_candidate(obs, params, args, value, opts, claim, check)
                                   if is_exact(value) else None)
            seg.truths.append((params, value))
        seg.decisions.append(d)
        seg.records.append(point_record(claim.id, check.name, params, value, rhs, check.relation,
                                        check.kind, d, method, check.observable, opts,
                                        {"args": {k: param_json(v) for k, v in args.items()}},
                                        in_hypotheses=inside))
        if _stop(variant, d, inside, len(points), opts.alpha):
            seg.stopped, seg.stop = True, i + 1
            break
    return seg


def run_bound_check(run: CheckRun, check: BoundCheck, variant: Variant | None = None) -> dict:
    plan = bound_plan(run, check, variant)
    seg = _map_points(run, check, variant, len(plan.points),
                      lambda a, b: bound_segment(run, check, variant, a, b, plan))
    return finish_bound_check(run, plan, variant, seg)


def finish_bound_check(run: CheckRun, plan: BoundPlan, variant: Variant | None, seg: Segment) -> dict:
    """Reduce step of a bound check, over its whole grid: Holm over the Monte Carlo points, the
    overlap band, the empirical constants fitted on every point, where a vacuous bound starts to
    say something."""
    claim, opts = run.claim, run.opts
    check, obs, points, bexpr = plan.check, plan.obs, plan.points, plan.bexpr
    records, decisions = seg.records, seg.decisions
    if not seg.stopped:
        holm(decisions, seg.n_mc, opts.alpha)
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
    overlap = [c for c in seg.overlap[: opts.overlap_points] if c is not None]
    res.update({"overlap": _agreements(overlap),
                "empirical_constants": [_empirical_constant(check, ec, seg.truths) for ec in check.empirical],
                "informative_from": informative})
    return res


def _agreement_candidate(obs, params, args, value, opts: RunOptions, claim, check) -> dict:
    """Exact vs Monte Carlo at one exact point of a bound check (checked by :func:`_agreements`)."""
    seed = point_seed(opts.seed + 1, claim.id, check.name, params)
    est = obs.montecarlo(**args, trials=opts.overlap_trials, seed=seed)
    return _agreement(value, est, params, f"{claim.id} [{check.name}]", obs.name, seed)


def _agreements(candidates: list[dict]) -> list[dict]:
    """The overlap records; a disagreement is a bug in one of exact/ and montecarlo/: raised."""
    for c in candidates:
        if not c["agree"]:
            raise DisagreementError(c["error"])
    return candidates


def _agreement(value, est, params, where: str, name: str, seed: int) -> dict:
    lo, hi = est.interval(1 - 1e-6)
    exact_f = float(Fraction(value))
    ok = lo - 1e-12 <= exact_f <= hi + 1e-12
    out = {"params": {k: param_json(v) for k, v in params.items()},
           "exact": describe(value).get("exact"), "exact_float": exact_f,
           "estimate": est.value, "ci_1e-6": [lo, hi], "trials": est.trials, "agree": ok}
    if not ok:
        out["error"] = (
            f"{where} at {gridmod.grid_text(params)}: exact {exact_f:.6g} outside the Monte Carlo "
            f"interval [{lo:.6g}, {hi:.6g}] ({est.trials} trials, seed {seed}); one of exact/ or "
            f"montecarlo/ {name} is wrong")
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
    grid_desc = sorted({k for p, _ in truths for k in p})
    return {"symbol": str(ec.symbol), "value": float(worst) if worst is not None else None,
            "direction": "smallest" if ec.claim_gets_weaker == "up" else "largest",
            "search": [float(lo), float(hi)], "at": {k: param_json(v) for k, v in (where or {}).items()},
            "paper_range": [str(x) for x in ec.paper_range] if ec.paper_range else None,
            "fitted_on": {"points": len(truths), "parameters": grid_desc},
            "infeasible_points": infeasible[:20], "n_infeasible": len(infeasible),
            "fixed": {str(k): str(v) for k, v in fixed.items()}, "doc": ec.doc}


# ------------------------------------------------------------------ computed checks

def _overlap_observer(run: CheckRun, check, seg: Segment, variant: Variant | None):
    """``ctx.observe`` for a computed check: the run's chooser, plus (outside falsifier runs) the
    first ``overlap_points`` distinct exact observations of the segment as agreement candidates
    (checked against Monte Carlo when the segments are gathered)."""
    seen: set = set()

    def observe(name, args, *, budget, trials, seed):
        value, method = run.observe(name, args, budget=budget, trials=trials, seed=seed)
        key = (name, tuple(sorted((k, str(v)) for k, v in args.items())))
        if (variant is None and method == "exact" and is_exact(value) and key not in seen
                and len(seg.overlap) < run.opts.overlap_points):
            seen.add(key)
            obs = observables.get(name)
            if obs.montecarlo is not None:
                est = obs.montecarlo(**args, trials=run.opts.overlap_trials, seed=seed + 1)
                seg.overlap.append((key, {"observable": name, **_agreement(
                    value, est, args, f"{run.claim.id} [{check.name}]", name, seed + 1)}))
        return value, method
    return observe


@dataclass
class ComputedPlan:
    hypothesis: Any
    constants: dict
    points: list


def computed_plan(run: CheckRun, check: ComputedCheck, variant: Variant | None = None) -> ComputedPlan:
    hyp = variant.hypothesis_for(check.hypothesis) if variant is not None else check.hypothesis
    constants = variant.constants_for(check.constants) if variant is not None else dict(check.constants)
    return ComputedPlan(hyp, constants, check_points(check, run.opts))


def computed_segment(run: CheckRun, check: ComputedCheck, variant: Variant | None, start: int,
                     stop: int, plan: ComputedPlan | None = None) -> Segment:
    """Map step of a computed check: the points ``[start, stop)`` of its grid."""
    claim, opts = run.claim, run.opts
    plan = plan or computed_plan(run, check, variant)
    hyp, constants, points = plan.hypothesis, plan.constants, plan.points
    seg = Segment(start, stop)
    observer = _overlap_observer(run, check, seg, variant)
    for i in range(start, stop):
        params = points[i]
        if opts.progress and variant is None and (i % 5 == 0 or i == len(points) - 1):
            opts.progress(f"{claim.id} [{check.name}] point {i + 1}/{len(points)}")
        why, inside = _scope_of(run, hyp, check.hypothesis, params)
        if why:
            d = PointDecision(OUT_OF_SCOPE, why)
            seg.decisions.append(d)
            seg.records.append(point_record(claim.id, check.name, params, None, None, ">=", "real", d,
                                            "none", "", opts))
            continue
        ctx = CheckContext(params, seed=point_seed(opts.seed, claim.id, check.name, params),
                           trials=opts.trials, budget=opts.budget, constants=constants,
                           constants_read=seg.constants_read, observer=observer)
        mark = seg._mark()
        try:
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
                    seg.n_mc += 1
                seg.decisions.append(d)
                p = {**params, **{k: v for k, v in comp.params.items() if k not in params}}
                rec = point_record(claim.id, check.name, p, comp.lhs, comp.rhs, relation,
                                   comp.kind, d, method, comp.label, opts, comp.info,
                                   grid_params=params, in_hypotheses=inside)
                if comp.lhs_tex:
                    rec["lhs_latex"] = comp.lhs_tex
                if comp.rhs_tex:
                    rec["rhs_latex"] = comp.rhs_tex
                seg.records.append(rec)
                if _stop(variant, d, inside, len(points), opts.alpha):
                    seg.stopped, seg.stop = True, i + 1
                    return seg
        except Deferred as e:
            return seg._rollback(mark, i, e.request)
    return seg


def run_computed_check(run: CheckRun, check: ComputedCheck, variant: Variant | None = None) -> dict:
    plan = computed_plan(run, check, variant)
    seg = _map_points(run, check, variant, len(plan.points),
                      lambda a, b: computed_segment(run, check, variant, a, b, plan))
    return finish_computed_check(run, check, plan, seg)


def finish_computed_check(run: CheckRun, check: ComputedCheck, plan: ComputedPlan, seg: Segment) -> dict:
    """Reduce step of a computed check: Holm over its Monte Carlo comparisons, the overlap band."""
    records, decisions = seg.records, seg.decisions
    if not seg.stopped:
        holm(decisions, seg.n_mc, run.opts.alpha)
    for rec, d in zip(records, decisions):
        rec["verdict"], rec["note"] = d.verdict, d.note
    res = {"name": check.name, "type": "computed", "points": records,
           "grid_points": len(plan.points)}
    overlap, seen = [], set()
    for key, cand in seg.overlap:           # the first distinct observations of the whole grid
        if key not in seen and len(overlap) < run.opts.overlap_points:
            seen.add(key)
            overlap.append(cand)
    if overlap:
        res["overlap"] = _agreements(overlap)
    if plan.constants:
        res["constants_read"] = sorted(seg.constants_read)
    return res



# ------------------------------------------------------------------ engines

def run_engine_check(run: CheckRun, check, variant: Variant | None = None) -> dict:
    """A certify/symbolic check: the engine decides; the replay is the check's own command (through
    the run's executor, when it has one: one task)."""
    if run.opts.executor is not None:
        return run.opts.executor.run_engine(run, check, variant)
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


def segment_count(run: CheckRun, check, variant: Variant | None = None) -> int:
    """Number of grid points of a bound or computed check under ``variant`` (what
    :func:`run_segment` cuts into segments)."""
    plan = (bound_plan if isinstance(check, BoundCheck) else computed_plan)(run, check, variant)
    return len(plan.points)


def run_segment(run: CheckRun, check, variant: Variant | None, start: int, stop: int) -> Segment:
    """The map step of a bound or computed check on the points ``[start, stop)`` of its grid (what a
    distributed task runs)."""
    if isinstance(check, BoundCheck):
        return bound_segment(run, check, variant, start, stop)
    if isinstance(check, ComputedCheck):
        return computed_segment(run, check, variant, start, stop)
    raise TypeError(f"a {type(check).__name__} has no grid segments")


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
