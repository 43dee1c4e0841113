"""Terminal rendering of one claim's result (``ticketcheck check``, the user-claim runner)."""
from __future__ import annotations

import json
import sys

from ticketcheck.verdicts import MARK as VERDICT_MARK


def _fmt(x, digits=6):
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.{digits}g}"
    return str(x)


def print_claim_result(res: dict, verbose: bool = True, out=None) -> None:
    from ticketcheck.reports.analysis import bound_text, value_text
    out = out or sys.stdout
    print(f"{res['id']}: {VERDICT_MARK.get(res['verdict'], res['verdict'])}   ({res['source']})", file=out)
    for r in res.get("results", []):
        print(f"  check {r['name']}: {r['verdict']}" + (f"  — {r.get('note')}" if r.get("note") else ""), file=out)
        pts = r.get("points", [])
        if verbose and pts:
            keys = list(pts[0]["params"].keys())
            hdr = keys + ["value", "ci/exact", "bound", "slack", "verdict"]
            rows = []
            for p in pts[:400]:
                if p.get("ci"):
                    val = _fmt(p.get("estimate"))
                    ci = f"[{p['ci'][0]:.4g},{p['ci'][1]:.4g}]"
                else:
                    val = value_text(p).replace(" (exact)", "")
                    ci = "exact" if p.get("exact") is not None else p.get("method", "")
                rows.append([_fmt(p["params"].get(k)) for k in keys] +
                            [val, ci, bound_text(p), _fmt(p.get("slack"), 3), p["verdict"]])
            widths = [max(len(str(h)), *(len(str(row[i])) for row in rows)) for i, h in enumerate(hdr)]
            print("    " + "  ".join(str(h).ljust(w) for h, w in zip(hdr, widths)), file=out)
            for row in rows:
                print("    " + "  ".join(str(c).ljust(w) for c, w in zip(row, widths)), file=out)
            if len(pts) > 400:
                print(f"    ... {len(pts) - 400} more points (use --json)", file=out)
        for ec in r.get("empirical_constants", []) or []:
            print(f"    empirical {ec['symbol']}: {ec['direction']} value making the claim true on "
                  f"the grid = {_fmt(ec['value'])} (at {ec['at']})", file=out)
        if r.get("certificate"):
            print(f"    certificate: {json.dumps(r['certificate'])[:300]}", file=out)
    if res.get("error"):
        print(f"  error: {res['error']}", file=out)
    ce = res.get("counterexample")
    if ce:
        from ticketcheck.reports.analysis import counterexample_sentence
        print(f"  smallest counterexample [{ce.get('check')}]: "
              f"{counterexample_sentence({'counterexample': ce})}", file=out)
        print(f"  replay: {ce.get('replay')}", file=out)
