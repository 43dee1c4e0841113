"""``ticketcheck review``: every claim, results.json written after each claim, text summary, reports.

Interrupting keeps all finished claims on disk; results are cached per (claim, options, version) in
``OUT/.cache`` so a rerun does not recompute them (``--no-cache`` forces recomputation).
"""
from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

from harness.runner import VERSION, RunOptions, run_claim


def _cache_key(claim, opts: RunOptions) -> str:
    desc = json.dumps({"id": claim.id, "seed": opts.seed, "trials": opts.trials,
                       "budget": opts.budget, "quick": opts.quick, "grid": opts.grid,
                       "version": VERSION, "checks": [c.name for c in claim.checks],
                       "code": _code_hash()}, sort_keys=True)
    return hashlib.sha256(desc.encode()).hexdigest()[:24]


_CODE_HASH = None


def _code_hash() -> str:
    """Hash of the package sources, so that a code change invalidates cached results."""
    global _CODE_HASH
    if _CODE_HASH is None:
        h = hashlib.sha256()
        root = Path(__file__).resolve().parent.parent
        for pkg in ("bounds", "exact", "montecarlo", "harness"):
            for f in sorted((root / pkg).rglob("*.py")):
                h.update(f.read_bytes())
        _CODE_HASH = h.hexdigest()[:16]
    return _CODE_HASH


def summary_lines(results: list[dict]) -> list[str]:
    counts: dict[str, int] = {}
    for r in results:
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
    lines = ["verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))]
    bad = [r for r in results if r["verdict"] == "violated"]
    if bad:
        lines.append("problems found:")
        for r in bad:
            ce = r.get("counterexample") or {}
            lines.append(f"  {r['id']}: violated at {ce.get('params')}; replay: {ce.get('replay')}")
    inc = [r for r in results if r["verdict"] == "inconclusive"]
    if inc:
        lines.append("inconclusive: " + ", ".join(r["id"] for r in inc))
    vac = [r for r in results if r["verdict"] == "vacuous"]
    if vac:
        lines.append("vacuous on the whole tested range: " + ", ".join(r["id"] for r in vac))
    return lines


def review(paper: str | None, out: Path, opts: RunOptions, use_cache: bool = True,
           show_progress: bool = True) -> int:
    from bounds.registry import all_claims
    from harness.cli import VERDICT_MARK
    claims = all_claims(paper)
    out.mkdir(parents=True, exist_ok=True)
    cache = out / ".cache"
    cache.mkdir(exist_ok=True)
    results: list[dict] = []
    t0 = time.perf_counter()
    status_line = (lambda m: (sys.stderr.write("\r\033[K" + m[:150]), sys.stderr.flush())) \
        if sys.stderr.isatty() else None
    opts.progress = status_line
    interrupted = False
    try:
        for i, claim in enumerate(claims):
            key = _cache_key(claim, opts)
            cf = cache / f"{key}.json"
            if use_cache and cf.exists():
                res = json.loads(cf.read_text())
                res["cached"] = True
            else:
                try:
                    res = run_claim(claim, opts)
                except KeyboardInterrupt:
                    raise
                except Exception as e:  # one broken claim must not sink the review
                    res = {**claim.summary(), "paper": claim.paper, "statement": claim.statement,
                           "verdict": "inconclusive", "results": [], "error": f"{type(e).__name__}: {e}"}
                cf.write_text(json.dumps(res, default=str))
            results.append(res)
            if show_progress:
                if status_line:
                    sys.stderr.write("\r\033[K")
                print(f"[{i + 1}/{len(claims)}] {claim.id}: {VERDICT_MARK.get(res['verdict'], res['verdict'])}"
                      f" ({res.get('seconds', 0)}s{' cached' if res.get('cached') else ''})"
                      + (f"  ERROR {res['error']}" if res.get("error") else ""),
                      file=sys.stderr, flush=True)
            _write(out, results, paper, opts, time.perf_counter() - t0, complete=False)
    except KeyboardInterrupt:
        interrupted = True
        print(f"\nticketcheck: interrupted; {len(results)} finished claims kept in {out}/results.json",
              file=sys.stderr)
    _write(out, results, paper, opts, time.perf_counter() - t0, complete=not interrupted)
    lines = summary_lines(results)
    (out / "summary.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    if not interrupted:
        try:
            from reports import write_reports
        except ImportError:
            write_reports = None
        if write_reports is not None:
            for path in write_reports(results, out, quick=opts.quick) or []:
                print(f"wrote {path}")
    print(f"wrote {out / 'results.json'} ({len(results)} claims, {time.perf_counter() - t0:.1f}s)")
    return 130 if interrupted else 0


def _write(out: Path, results, paper, opts, seconds, complete: bool):
    doc = {"tool": "ticketcheck", "version": VERSION, "paper": paper, "complete": complete,
           "seconds": round(seconds, 2), "options": {"seed": opts.seed, "trials": opts.trials,
                                                      "budget": opts.budget, "quick": opts.quick},
           "claims": results}
    tmp = out / "results.json.tmp"
    tmp.write_text(json.dumps(doc, indent=1, default=str))
    tmp.replace(out / "results.json")
