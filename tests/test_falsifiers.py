"""Every judged check can fail, and this test proves it (issue 9, design.md "Verdicts").

For every check of every registered claim, on its quick grid (the review's small grid):

* every falsifier the check DECLARES (one change to the claim's declaration: a constant scaled by at
  most 2, the relation tightened, a hypothesis dropped) must come out ``violated`` at a point inside
  the original hypotheses;
* a check that comes out ``holds`` or ``violated`` must have at least one falsifier (declared, or one
  of its named constants halved or doubled) that fires; a check without one is ``measured``, never
  ``holds`` (the runner enforces it; here it is re-checked on every claim).

Nothing is skipped: a check whose quick run is not judged (measured, vacuous, ...) carries the
runner's reason in results.json, and the review summary counts falsifiable and unjudged checks.
"""
from __future__ import annotations

import pytest

from ticketcheck.bounds.claim import GapCheck
from ticketcheck.bounds.registry import all_claims
from ticketcheck.harness.checks import CheckRun
from ticketcheck.harness.runner import RunOptions, auto_falsifiers, run_claim, run_falsifier
from ticketcheck.harness.scope import Scope

CLAIMS = [c for c in all_claims() if c.checks]


def _declared(check):
    return list(check.used.falsifiers if isinstance(check, GapCheck) else getattr(check, "falsifiers", ()) or ())


def _fired(r: dict) -> bool:
    return r.get("verdict") == "violated" and bool(r.get("in_hypotheses"))


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.id for c in CLAIMS])
def test_every_judged_check_can_fail(claim):
    opts = RunOptions(quick=True, trials=4000, overlap_points=0)
    res = run_claim(claim, opts, correction=False)
    by_name = {c.name: c for c in claim.checks}
    run = CheckRun(claim, opts, Scope(claim))
    problems = []
    for r in res["results"]:
        check = by_name[r["name"]]
        ran = {f["name"]: f for f in r.get("falsifiers") or [] if f.get("verdict") is not None}
        for f in _declared(check):
            got = ran.get(f.name) or run_falsifier(run, check.used if isinstance(check, GapCheck) else check, f)
            if not _fired(got):
                problems.append(f"{r['name']}: declared falsifier '{f.name}' gave {got.get('verdict')}"
                                f"{' (' + got['note'] + ')' if got.get('note') else ''}")
        if r["verdict"] in ("holds", "violated", "gap"):
            fs = auto_falsifiers(check)
            fired = any(_fired(ran.get(f.name) or run_falsifier(
                run, check.used if isinstance(check, GapCheck) else check, f)) for f in fs)
            if not fired:
                problems.append(f"{r['name']}: {r['verdict']} but no falsifier fires "
                                f"({', '.join(f.name for f in fs) or 'none declared'})")
    assert not problems, f"{claim.id}: " + "; ".join(problems)

