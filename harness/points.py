"""One comparison at one point: its decision and its JSON record.

The record keeps both sides in their exact form (``"p/q"`` next to a float), the interval of an
enclosure (``value_lo``/``value_hi``: a rigorous ball is shown as ``[lo, hi]``, never as its
midpoint), the Monte Carlo interval, the signed slack, the tightness of a probability bound, the
evidence of the comparison (exact, Monte Carlo or floating point), whether the point lies inside the
statement's original hypotheses, and the command that replays it.
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Mapping

from flint import arb

from ticketcheck.arb_eval import evaluate
from ticketcheck.harness.judge import point_evidence, tightness
from ticketcheck.harness.options import RunOptions, replay_command
from ticketcheck.harness.values import describe, log10_gap_to_one, param_json
from ticketcheck.harness.verdict import PointDecision, decide_point
from ticketcheck.numbers import is_estimate, is_exact, slack, to_float
from ticketcheck.verdicts import HOLDS, VACUOUS, VIOLATED

__all__ = ["point_record", "decide_refining", "REFINE_BITS"]

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


def _outward(x: arb) -> tuple[float, float]:
    """Floats enclosing the ball (rounded outward)."""
    lo = float(x.mid() - x.rad())
    hi = float(x.mid() + x.rad())
    return math.nextafter(lo, -math.inf), math.nextafter(hi, math.inf)


def point_record(claim_id: str, check_name: str, params: Mapping, lhs, rhs, relation: str,
                 kind: str, decision: PointDecision, method: str, label: str, opts: RunOptions,
                 info: Mapping | None = None, grid_params: Mapping | None = None,
                 in_hypotheses: bool | None = True) -> dict:
    """The JSON record of one comparison. ``params`` is what is shown (for a ComputedCheck the grid
    point plus the sub-point keys its comparison added, e.g. ``t``); ``grid_params`` is the grid
    point itself, the only thing ``--grid`` accepts, so the replay command is built from it."""
    grid_params = params if grid_params is None else grid_params
    rec: dict[str, Any] = {
        "id": claim_id,
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
        "replay": replay_command(claim_id, check_name, grid_params, opts, method),
    }
    if in_hypotheses is not True:
        rec["in_hypotheses"] = in_hypotheses
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
        if isinstance(lhs, arb) and lhs.rad() != 0:  # an enclosure stays an interval
            rec["value_lo"], rec["value_hi"] = _outward(lhs)
    if decision.verdict != "out_of_scope" and (lhs is not None or rhs is not None):
        rec["evidence"] = point_evidence(lhs, rhs)
    if lhs is not None and rhs is not None and relation != "report":
        try:
            s = slack(lhs, rhs, relation)
            rec["slack"] = to_float(s)
            if is_exact(s):
                rec["slack_exact"] = describe(s)["exact"]
        except (TypeError, ValueError):
            pass
        if decision.verdict in (HOLDS, VIOLATED, VACUOUS):
            tight, why = tightness(lhs, rhs, relation, kind)
            if tight is not None or why:
                rec["tightness"] = tight
                if why:
                    rec["tightness_note"] = why
    if kind == "probability":  # gaps to 1 below the float range, for the reports' tail plots
        gaps = {"value": log10_gap_to_one(lhs), "bound": log10_gap_to_one(rhs)}
        if any(g is not None for g in gaps.values()):
            rec["log10_gap_to_1"] = gaps
    if info:
        rec["info"] = {k: (describe(v) if isinstance(v, (Fraction,)) else v) for k, v in info.items()}
    return rec
