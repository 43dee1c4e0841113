"""The one generic harness loop: run a claim's checks on their grids and judge them.

``run_claim`` runs every check (``harness.checks``), then judges it (``harness.judge``): a check
with zero decided points is inconclusive; a judged check none of whose falsifiers fires (the same
check with one change to the declaration, ``harness.variants``) could not have failed and is
``measured``; each verdict carries its evidence. A claim with readings (notation the text leaves
open) is violated only if every reading fails. A violated claim with a declared correction is run
again with the correction: if that holds, the violation is a ``typo``, else ``substantive``.

For a bound check the observable is computed exactly when its estimated cost fits
``RunOptions.budget`` and by Monte Carlo otherwise; bounds are evaluated with arb balls. On an
overlap band exact and Monte Carlo values must agree (a disagreement raises: one of them is wrong).
"""
from __future__ import annotations

import dataclasses
import time
from fractions import Fraction
from typing import Any, Mapping

import sympy as sp

from ticketcheck.bounds.claim import (BoundCheck, CertifyCheck, Claim, ComputedCheck, Falsifier, GapCheck, Reading,
                                      SymbolicCheck)
from ticketcheck.errors import InputError
from ticketcheck.harness import grid as gridmod
from ticketcheck.harness.checks import (CheckRun, bound_expr, check_points, hypothesis_text,  # noqa: F401
                                        run_check)
from ticketcheck.harness.context import eval_exact, eval_hypothesis  # noqa: F401  (public)
from ticketcheck.harness.judge import (check_evidence, check_verdict, claim_evidence, claim_verdict,
                                       evidence_text, tightest)
from ticketcheck.harness.options import RunOptions, point_seed, replay_command  # noqa: F401
from ticketcheck.harness.points import decide_refining  # noqa: F401  (public)
from ticketcheck.harness.referee import claim_witness, param_tex
from ticketcheck.harness.scope import Scope
from ticketcheck.harness.variants import OFFSET_KINDS, Variant, from_correction, from_falsifier
from ticketcheck.verdicts import (ERROR, GAP, HOLDS, INCONCLUSIVE, JUDGED, MEASURED, OUT_OF_SCOPE,
                                  RECORDED, VACUOUS, VIOLATED)
from ticketcheck.version import __version__ as VERSION

_check_points = check_points  # older name, used by tests


# ------------------------------------------------------------------ falsifiers

def auto_falsifiers(check) -> list[Falsifier]:
    """Falsifiers every bound-like check gets from its declaration: each named constant halved and
    doubled; then a symbolic identity (or substitution) its right-hand side plus 1, and a
    certified non-strict inequality its relation made strict (it fires where equality is attained).
    Declared falsifiers come first."""
    out = list(getattr(check, "falsifiers", ()) or ())
    if isinstance(check, GapCheck):
        return out or auto_falsifiers(check.used)
    consts = getattr(check, "constants", None) or {}
    if isinstance(check, ComputedCheck):
        return out
    for k, v in consts.items():
        try:
            if exactify_is_zero(v):
                continue
        except (TypeError, ValueError):
            continue
        for f in (Fraction(1, 2), Fraction(2)):
            cand = Falsifier.scale(str(k), f)
            if cand.name not in {x.name for x in out}:
                out.append(cand)
    if isinstance(check, SymbolicCheck) and check.kind in OFFSET_KINDS \
            and not any(f.change == "offset" for f in out):
        out.append(Falsifier.offset(1))
    # a certified non-strict inequality: made strict, it fails exactly where it is attained (sharp)
    if isinstance(check, CertifyCheck) and check.relation in (">=", "<=") \
            and not any(f.change == "relation" for f in out):
        out.append(Falsifier.tighten())
    return out


def exactify_is_zero(v) -> bool:
    from ticketcheck.arb_eval import exactify
    return sp.sympify(exactify(v)) == 0


#: the certifier's budget for a falsifier run (a falsifier that fires does so on the first boxes;
#: one that cannot fire would otherwise spend the full budget of a proof to end undecided)
FALSIFIER_CERTIFY_BUDGET = {"max_boxes": 3000, "time_limit": 3.0}


def _with_falsifier_budget(check: CertifyCheck) -> CertifyCheck:
    options = dict(check.options or {})
    for key, cap in FALSIFIER_CERTIFY_BUDGET.items():
        options[key] = min(type(cap)(options.get(key, cap)), cap)
    return dataclasses.replace(check, options=options)


def run_falsifier(run: CheckRun, check, falsifier: Falsifier) -> dict:
    """Run one falsifier on the check's own grid; ``{name, change, verdict, witness, in_hypotheses}``.
    ``violated`` means it fired at a point inside the original hypotheses."""
    variant = from_falsifier(falsifier)
    if isinstance(check, CertifyCheck):
        check = _with_falsifier_budget(check)
    try:
        res = run_check(run, check, variant)
    except InputError as e:
        return {"name": falsifier.name, "change": falsifier.change, "verdict": ERROR,
                "note": str(e)[:300]}
    pts = res.get("points") or []
    if res.get("type") in ("certify", "symbolic") and not pts:
        v = res.get("verdict")
        fired = v == VIOLATED
        ce = res.get("counterexample") or {}
        return {"name": falsifier.name, "change": falsifier.change,
                "verdict": VIOLATED if fired else (v if v in JUDGED else INCONCLUSIVE),
                "witness": str(ce.get("params")) if ce else None, "in_hypotheses": True if fired else None}
    inside_bad = [p for p in pts if p["verdict"] == VIOLATED and p.get("in_hypotheses", True)]
    if inside_bad:
        w = inside_bad[0]
        return {"name": falsifier.name, "change": falsifier.change, "verdict": VIOLATED,
                "witness": gridmod.grid_text(w.get("params") or {}), "in_hypotheses": True}
    outside_bad = [p for p in pts if p["verdict"] == VIOLATED]
    note = None
    if isinstance(check, ComputedCheck) and falsifier.change == "scale" \
            and falsifier.target not in set(res.get("constants_read") or []):
        note = f"the check never reads constant {falsifier.target!r} (ctx.constant)"
    verdict, _ = check_verdict([p for p in pts if p.get("in_hypotheses", True)])
    return {"name": falsifier.name, "change": falsifier.change,
            "verdict": verdict if verdict != VIOLATED else INCONCLUSIVE,
            "witness": gridmod.grid_text(outside_bad[0]["params"]) if outside_bad else None,
            "in_hypotheses": False if outside_bad else None, **({"note": note} if note else {})}


# ------------------------------------------------------------------ judging one check

def _same_expression(check) -> bool:
    """A symbolic identity whose declared sides are one expression (sympy cancels ``a - a`` on sight):
    compared with itself, or already evaluated to the same form at declaration (``sp.expand`` of
    both sides); either way the check's run cannot fail."""
    if not (isinstance(check, SymbolicCheck) and check.kind == "identity"):
        return False
    try:
        return sp.sympify(check.lhs) - sp.sympify(check.rhs) == 0
    except (sp.SympifyError, TypeError):
        return False


def _measured_reason(check, res: dict) -> str | None:
    """Why a check is reported, not judged, whatever its falsifiers say (None: it is judged)."""
    pts = res.get("points") or []
    if pts and all(p.get("relation") == "report" or p["verdict"] == OUT_OF_SCOPE for p in pts) \
            and any(p.get("relation") == "report" for p in pts):
        doc = (getattr(check, "doc", "") or "").strip()
        return ("numbers reported, not judged" + (f": {doc}" if doc else
                " (the catalogue asks for numbers, not a pass/fail)"))
    if _same_expression(check):
        return ("the two sides are already the same expression as declared (compared with itself, "
                "or evaluated by sympy when the claim was declared): nothing is left for the engine "
                "to decide, so this identity could not have failed here")
    if isinstance(check, BoundCheck) and check.empirical and not all(ec.paper_range for ec in check.empirical):
        names = ", ".join(str(ec.symbol) for ec in check.empirical if not ec.paper_range)
        return (f"existential constant ({names}) fitted on the grid: measured with the fitted value "
                f"(the paper gives no value or range the fit could contradict)")
    return None


def judge_check(run: CheckRun, check, res: dict, with_falsifiers: bool = True) -> dict:
    """Set the check's ``verdict``, ``reason``, ``judged``, ``evidence``, ``falsifiers`` and
    ``tightness`` from its records (in place; returns ``res``)."""
    pts = res.get("points") or []
    if isinstance(check, GapCheck):
        judge_check(run, check.implication, res["parts"]["implication"], with_falsifiers=False)
        judge_check(run, check.used, res["parts"]["used"], with_falsifiers=with_falsifiers)
        imp, used = res["parts"]["implication"]["verdict"], res["parts"]["used"]["verdict"]
        if used == VIOLATED:
            verdict, reason = VIOLATED, "the form the proof uses is itself false"
        elif imp == VIOLATED and used == HOLDS:
            verdict, reason = GAP, ("the cited result does not give what the proof uses, but the used "
                                    "form holds on everything tested")
        elif imp == HOLDS and used in (HOLDS, VACUOUS):
            verdict, reason = HOLDS, ""
        elif MEASURED in (imp, used) and used != INCONCLUSIVE:
            verdict, reason = MEASURED, res["parts"]["used"].get("reason") or ""
        else:
            verdict, reason = INCONCLUSIVE, f"implication {imp}, used form {used}"
        u = res["parts"]["used"]
        res.update(verdict=verdict, reason=reason, judged=verdict in JUDGED,
                   falsifiers=u.get("falsifiers", []),
                   evidence=u.get("evidence", "none") if verdict in JUDGED else None,
                   evidence_text=u.get("evidence_text"), tightness=u.get("tightness"))
        return res
    if res.get("type") in ("certify", "symbolic") and not pts:
        verdict = res.get("verdict")
        reason = res.get("note") or ""
        if verdict == "partially_certified":
            region = (res.get("certificate") or {}).get("certified_region")
            verdict, reason = INCONCLUSIVE, f"certified only on part of the domain: {region}"
        elif verdict not in JUDGED and verdict not in (MEASURED, OUT_OF_SCOPE):
            verdict = INCONCLUSIVE
    else:
        verdict, reason = check_verdict(pts, res.get("grid_points"))
    why_measured = _measured_reason(check, res)
    if why_measured and verdict != ERROR:
        verdict, reason = MEASURED, why_measured
    falsifiers: list[dict] = []
    if verdict == HOLDS and with_falsifiers:
        declared = auto_falsifiers(check)
        fired = False
        for f in declared:
            if fired:
                falsifiers.append({"name": f.name, "change": f.change, "verdict": None,
                                   "note": "not run: an earlier falsifier fired"})
                continue
            r = run_falsifier(run, check, f)
            falsifiers.append(r)
            fired = r["verdict"] == VIOLATED and r.get("in_hypotheses")
        if not fired:
            what = ("no falsifier declared" if not declared else
                    f"none of its {len(declared)} falsifiers fired ({', '.join(f.name for f in declared)})")
            reason = (f"not judged: the check could not have failed on this grid ({what}); "
                      f"its numbers are shown as measured")
            verdict = MEASURED
    res["verdict"], res["reason"] = verdict, reason
    res["judged"] = verdict in JUDGED
    res["falsifiers"] = falsifiers
    if res["judged"]:
        ev = check_evidence(res, pts)
        res["evidence"] = ev
        n_mc = sum(1 for p in pts if p.get("method") == "montecarlo" and p.get("relation") != "report")
        decided = [p for p in pts if p["verdict"] in (HOLDS, VIOLATED, VACUOUS)]
        res["evidence_text"] = evidence_text(ev, decided, trials=run.opts.trials, alpha=run.opts.alpha,
                                             n_mc=n_mc, detail=(res.get("note") or "")[:80])
        # how close the bound comes to the truth where it holds (a violated point's ratio says how
        # far it fails, not how tight it is)
        res["tightness"] = tightest(p.get("tightness") for p in pts if p["verdict"] == HOLDS)
    return res


# ------------------------------------------------------------------ readings

def readings_of(claim: Claim, results: list[dict]) -> list[Reading]:
    """The claim's readings, and its paper's, whose parameter its checks' points carry."""
    from ticketcheck.bounds.registry import paper_readings
    declared = list(claim.readings) + [r for r in paper_readings(claim.paper)
                                       if r.param not in {x.param for x in claim.readings}]
    seen = {k for r in results for p in r.get("points") or [] for k in (p.get("params") or {})}
    return [r for r in declared if r.param in seen]


def judge_readings(claim: Claim, results: list[dict], readings: list[Reading]) -> list[dict]:
    """Per reading value: its verdict over every check (a check without that parameter counts for
    every reading), and where it fails."""
    out = []
    for rd in readings:
        for label, value in rd.values.items():
            verdicts, bad, tested = [], [], False
            for r in results:
                pts = r.get("points") or []
                mine = [p for p in pts if rd.param in (p.get("params") or {})
                        and rd.label((p.get("params") or {})[rd.param]) == label]
                if not any(rd.param in (p.get("params") or {}) for p in pts):
                    verdicts.append(r["verdict"])
                    continue
                if not mine:  # this check does not test this reading
                    continue
                tested = True
                v, _ = check_verdict(mine)
                if r["verdict"] == MEASURED and v != VIOLATED:
                    v = MEASURED  # no falsifier fired for the check: not judged under any reading
                verdicts.append(v)
                bad += [p for p in mine if p["verdict"] == VIOLATED]
            if not tested:  # this reading is not on the grid
                continue
            item = {"param": rd.param, "label": label, "value": str(value),
                    "verdict": claim_verdict(verdicts, True), "source": rd.source}
            if bad:
                item["counterexample"] = _ce_fields(min(bad, key=_counterexample_rank))
            out.append(item)
    return out


def verdict_under_readings(check_verdicts: list[str], reading_items: list[dict]) -> tuple[str, str]:
    """A claim with readings is violated only when every reading fails; else its verdict comes from
    the readings that do not."""
    if not reading_items:
        return claim_verdict(check_verdicts, True), ""
    by_param: dict[str, list[dict]] = {}
    for it in reading_items:
        by_param.setdefault(it["param"], []).append(it)
    failing = [it for it in reading_items if it["verdict"] == VIOLATED]
    ok = [it for it in reading_items if it["verdict"] != VIOLATED]
    if not failing:
        return claim_verdict(check_verdicts, True), ""
    if not ok or any(all(it["verdict"] == VIOLATED for it in items) for items in by_param.values()):
        return VIOLATED, "violated under every reading of " + ", ".join(
            p for p, items in by_param.items() if all(it["verdict"] == VIOLATED for it in items))
    verdict = claim_verdict([it["verdict"] for it in ok], True)
    return verdict, ("not violated under " + ", ".join(f"{it['param']}={it['label']} ({it['verdict']})"
                                                        for it in ok)
                     + "; violated under " + ", ".join(f"{it['param']}={it['label']}" for it in failing))


# ------------------------------------------------------------------ the claim

def _select_checks(claim: Claim, opts: RunOptions) -> list:
    checks = [c for c in claim.checks if opts.check in (None, c.name)]
    if opts.check and not checks:
        raise InputError(f"{claim.id} has no check {opts.check!r}; its checks: "
                         f"{', '.join(c.name for c in claim.checks) or 'none (REC)'}")
    if opts.grid:
        _check_user_grid_domains(claim, opts.grid)
    if opts.grid and not opts.check:
        checks = _checks_using_grid(claim, checks, opts)
    return checks


def run_claim(claim: Claim, opts: RunOptions | None = None, *, correction: bool = True) -> dict:
    """Run every check of ``claim`` (or only ``opts.check``), judge them, aggregate."""
    opts = opts or RunOptions()
    t0 = time.perf_counter()
    checks = _select_checks(claim, opts)
    run = CheckRun(claim, opts, Scope(claim))
    results = []
    for check in checks:
        res = run_check(run, check)
        results.append(judge_check(run, check, res))
    readings = readings_of(claim, results)
    reading_items = judge_readings(claim, results, readings)
    if results:
        verdict, why = verdict_under_readings([r["verdict"] for r in results], reading_items)
    else:
        verdict, why = RECORDED, ""
    out = {**claim.summary(), "statement": claim.statement, "paper": claim.paper,
           "constants": {k: str(v) for k, v in claim.constants.items()},
           "constants_kind": claim.constants_kind, "log_base": claim.log_base,
           "notes": claim.notes, "depends_on": list(claim.depends_on),
           "verdict": verdict, "results": results,
           "seconds": None,
           "options": {"seed": opts.seed, "trials": opts.trials, "budget": opts.budget,
                       "quick": opts.quick, "grid": opts.grid, "version": VERSION}}
    if claim.latex:
        out["latex"] = {"statement": claim.latex}
    out["params_tex"] = {p.name: p.tex or param_tex(p.name) for p in claim.params}
    out["reason"] = why or _claim_reason(verdict, results)
    judged = [r for r in results if r.get("judged")]
    out["evidence"] = claim_evidence(results) if verdict in (HOLDS, VIOLATED, GAP, VACUOUS) else None
    weakest = [r for r in judged if r.get("evidence") == out["evidence"]]
    out["evidence_text"] = weakest[0].get("evidence_text") if weakest else None
    out["tightness"] = tightest(r.get("tightness") for r in judged)
    # a check is falsifiable when one of its falsifiers fired, or when it failed itself
    out["falsifiable_checks"] = sum(1 for r in results if r.get("verdict") in (VIOLATED, GAP) or any(
        f.get("verdict") == VIOLATED and f.get("in_hypotheses") for f in r.get("falsifiers") or []))
    if reading_items:
        out["readings"] = reading_items
    failing = [(rd, it["label"]) for rd in readings for it in reading_items
               if it["param"] == rd.param and it["verdict"] == VIOLATED]
    out["counterexample"] = smallest_counterexample(results, exclude_readings=failing
                                                    if verdict != VIOLATED else None)
    out["witness"] = claim_witness(out)
    out["counts"] = _counts(results)
    out["min_slack"] = _min_slack(results)
    if verdict == VIOLATED:
        out["severity"], out["correction"] = "substantive", None
        if claim.correction is not None and correction:
            out["correction"] = run_correction(claim, checks, opts)
            if out["correction"]["verdict"] == HOLDS:
                out["severity"] = "typo"
    elif claim.correction is not None:
        c = claim.correction
        out["correction"] = {"kind": c.kind, "statement": c.statement, "source": c.source,
                             "verdict": None, "note": "not run: the printed form is not violated"}
    out["seconds"] = round(time.perf_counter() - t0, 3)
    return out


def _claim_reason(verdict: str, results: list[dict]) -> str:
    if verdict in (INCONCLUSIVE, MEASURED, OUT_OF_SCOPE):
        reasons = [f"{r['name']}: {r['reason']}" for r in results if r.get("reason")]
        return "; ".join(reasons)[:600]
    return ""


def run_correction(claim: Claim, checks: list, opts: RunOptions) -> dict:
    """The claim's declared correction, run on the same checks, grids and method."""
    c = claim.correction
    selected = [ch for ch in checks if not c.checks or ch.name in c.checks]
    info = {"kind": c.kind, "statement": c.statement, "source": c.source}
    try:
        variant = _correction_variant(c, selected)
    except InputError as e:
        return {**info, "verdict": ERROR, "evidence": None, "note": str(e)}
    run = CheckRun(claim, opts, Scope(claim))
    results = []
    for ch in checks:
        if ch in selected:
            res = run_check(run, ch, variant)
        else:
            res = run_check(run, ch)
        results.append(judge_check(run, ch, res, with_falsifiers=False))
    reading_items = judge_readings(claim, results, readings_of(claim, results))
    verdict, _ = verdict_under_readings([r["verdict"] for r in results], reading_items)
    ev = claim_evidence(results) if verdict in JUDGED else None
    weakest = [r for r in results if r.get("evidence") == ev]
    ce = smallest_counterexample(results)
    out = {**info, "verdict": verdict, "evidence": ev,
           "evidence_text": weakest[0].get("evidence_text") if weakest else None,
           "counterexample": ce}
    if ce:
        out["witness"] = claim_witness({"counterexample": ce, "results": results,
                                        "params_tex": {p.name: p.tex or param_tex(p.name) for p in claim.params}})
    return out


def _correction_variant(c, checks) -> Variant:
    declared: dict[str, Any] = {}
    for ch in checks:
        declared.update({str(k): v for k, v in (getattr(ch, "constants", None) or {}).items()})
    missing = [k for k in c.constants if k not in declared]
    if missing:
        raise InputError(f"correction sets {missing}, which no corrected check declares as a constant")
    return from_correction(c, declared)


# ------------------------------------------------------------------ --grid for one claim

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
                lo_int = q.numerator // q.denominator
                raise InputError(f"{claim.id}: {name} must be an integer, got {v}; give an integer value "
                                 f"(e.g. {name}={lo_int} or {name}={lo_int + 1})")
            low, high = _bound_of(p.low), _bound_of(p.high)
            if (low is not None and q < low) or (high is not None and q > high):
                rng = f"[{'-inf' if low is None else p.low}, {'inf' if high is None else p.high}]"
                raise InputError(f"{claim.id}: {name} = {v} is outside its domain {rng}"
                                 f"{' (' + p.doc + ')' if p.doc else ''}; choose a value in it")


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


_CE_KEYS = ("params", "bound", "bound_text", "exact", "estimate", "ci", "value", "value_lo", "value_hi",
            "slack", "replay", "label", "note", "relation", "kind", "grid_params", "log10_gap_to_1",
            "lhs_latex", "rhs_latex", "tightness", "in_hypotheses", "trials", "seed")


def _ce_fields(p: Mapping) -> dict:
    return {k: p.get(k) for k in _CE_KEYS if k in p}


def smallest_counterexample(results, exclude_readings: set | None = None) -> dict | None:
    """The simplest violated point (smallest grid point first), skipping the points of readings
    that fail when the claim holds under another reading (``exclude_readings``: ``(Reading, label)``
    pairs; those failures are reported per reading)."""
    def excluded(p) -> bool:
        if not exclude_readings:
            return False
        params = p.get("params") or {}
        return any(rd.param in params and rd.label(params[rd.param]) == label
                   for rd, label in exclude_readings)

    bad = [(p, r["name"]) for r in results for p in r.get("points", [])
           if p["verdict"] == "violated" and not excluded(p)]
    for r in results:
        ce = r.get("counterexample")
        if ce and r.get("verdict") == "violated":  # certify/symbolic: replayed by the check's own command
            bad.append(({"replay": r.get("replay"), "relation": r.get("relation"), **ce}, r["name"]))
    if not bad:
        return None
    p, name = min(bad, key=lambda x: _counterexample_rank(x[0]))
    return {"check": name, **_ce_fields(p)}

