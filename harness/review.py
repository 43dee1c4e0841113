"""``ticketcheck review``: every claim of one paper (or all), results on disk, terminal summary,
reports.

* ``results.json`` is rewritten (atomically) after every claim, so Ctrl-C or a crash keeps every
  finished claim; ``python -m reports DIR`` then builds the reports of what is there.
* A claim whose checks raise gets the verdict ``error`` with a one-line message (the traceback goes
  to ``DIR/errors.log``); the review goes on with the next claim.
* Finished claims are cached in ``DIR/.cache``, keyed by the claim (id, checks), the parameters
  (grid, quick), the method options (check, budget, trials), the seed, the version and a hash of
  the source of ``bounds/ exact/ montecarlo/ harness/`` (and of the plugin that declares the claim);
  ``--no-cache`` recomputes. Errors are not cached.
* Progress: a live status line on a terminal; the full review also prints one line per claim
  (verdict, seconds, elapsed time), so CI logs show where it is.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import sys
import threading
import time
import traceback
from pathlib import Path

from ticketcheck.bounds import plugins, registry
from ticketcheck.harness.runner import VERSION, RunOptions, run_claim
from ticketcheck.results_schema import SCHEMA_VERSION
from ticketcheck.verdicts import ERROR, MARK



# ------------------------------------------------------------------ cache

_CODE_HASH: str | None = None


def code_hash() -> str:
    """Hash of the package sources that compute results: a code change invalidates the cache."""
    global _CODE_HASH
    if _CODE_HASH is None:
        h = hashlib.sha256()
        root = Path(__file__).resolve().parent.parent
        for pkg in ("bounds", "exact", "montecarlo", "harness"):
            for f in sorted((root / pkg).rglob("*.py")):
                h.update(str(f.relative_to(root)).encode())
                h.update(f.read_bytes())
        _CODE_HASH = h.hexdigest()[:16]
    return _CODE_HASH


def cache_key(claim, opts: RunOptions) -> str:
    """Key of one claim's result: claim, parameters, method options, seed, version, code."""
    desc = json.dumps({"id": claim.id,
                       "checks": [[c.name, type(c).__name__] for c in claim.checks],
                       "grid": opts.grid, "quick": opts.quick, "check": opts.check,
                       "budget": opts.budget, "trials": opts.trials, "seed": opts.seed,
                       "version": VERSION, "code": code_hash(),
                       "plugin": plugins.fingerprint(claim.id)}, sort_keys=True)
    return hashlib.sha256(desc.encode()).hexdigest()[:24]


def _read_cache(path: Path) -> dict | None:
    try:
        res = json.loads(path.read_text())
    except (OSError, ValueError):
        return None  # missing or half-written: recompute
    return res if isinstance(res, dict) and res.get("id") else None


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(text)
    tmp.replace(path)


# ------------------------------------------------------------------ one claim

def error_result(claim, exc: BaseException, seconds: float) -> dict:
    """The record of a claim whose checks raised: verdict ``error`` and a one-line message."""
    msg = " ".join(f"{type(exc).__name__}: {exc}".split())[:400]
    return {**claim.summary(), "paper": claim.paper, "statement": claim.statement,
            "notes": claim.notes, "verdict": ERROR, "results": [], "error": msg,
            "counterexample": None, "counts": {}, "min_slack": None,
            "seconds": round(seconds, 3)}


class ClaimTimeout(BaseException):
    """Raised in the main thread when a claim exceeds its time limit (a BaseException, so that
    the checks' own ``except Exception`` clauses do not swallow it)."""


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise :class:`ClaimTimeout` after ``seconds`` (SIGALRM; main thread on POSIX only, else no
    limit). A numba kernel is not interrupted: the limit fires when it returns to Python."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def fire(signum, frame):
        raise ClaimTimeout(seconds)
    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run_one(claim, opts: RunOptions, timeout: float | None = None) -> tuple[dict, str | None]:
    """(result, traceback text or None). KeyboardInterrupt propagates; a claim that raises or
    runs past ``timeout`` seconds gets the verdict ``error``."""
    t0 = time.perf_counter()
    try:
        with time_limit(timeout):
            return run_claim(claim, opts), None
    except KeyboardInterrupt:
        raise
    except ClaimTimeout:
        what = "its quick grids" if opts.quick else "its grids"
        e = TimeoutError(f"stopped after {timeout:g}s (the review's per-claim limit, --claim-timeout); "
                         f"{what} are too large for the time budget")
        return error_result(claim, e, time.perf_counter() - t0), traceback.format_exc()
    except Exception as e:  # one broken claim must not sink the review
        return error_result(claim, e, time.perf_counter() - t0), traceback.format_exc()


# ------------------------------------------------------------------ progress

class Progress:
    """Live status line on a terminal; one line per claim when ``lines`` (full review)."""

    def __init__(self, total: int, stream=None, lines: bool = True, live: bool | None = None):
        self.stream = stream or sys.stderr
        self.total = total
        self.lines = lines
        self.live = self.stream.isatty() if live is None else live
        self.t0 = time.perf_counter()
        self._last = 0.0
        self.current = f"[1/{total}]"

    def _elapsed(self) -> str:
        s = int(time.perf_counter() - self.t0)
        return f"{s // 60}:{s % 60:02d}"

    def status(self, msg: str) -> None:
        """Called by the harness with point progress ("claim [check] point i/n")."""
        if not self.live:
            return
        now = time.monotonic()
        if now - self._last < 0.3:
            return
        self._last = now
        self.stream.write(f"\r\033[K{self._elapsed()} {self.current} {msg}"[:160])
        self.stream.flush()

    def start(self, what: str) -> None:
        self.status(what)

    def done(self, i: int, res: dict) -> None:
        self.current = f"[{i + 2}/{self.total}]"
        if self.live:
            self.stream.write("\r\033[K")
        if self.lines or res.get("verdict") == ERROR:
            extra = " cached" if res.get("cached") else ""
            line = (f"[{i + 1}/{self.total}] {res['id']}: "
                    f"{MARK.get(res['verdict'], res['verdict'])} "
                    f"({res.get('seconds', 0)}s{extra}; elapsed {self._elapsed()})")
            if res.get("error"):
                line += f"  {res['error']}"
            print(line, file=self.stream, flush=True)
        elif self.live:
            self.stream.flush()

    def clear(self) -> None:
        if self.live:
            self.stream.write("\r\033[K")
            self.stream.flush()


# ------------------------------------------------------------------ the review

#: default per-claim time limits (seconds): the quick review of every paper must fit in a minute,
#: the full review of a paper in five
QUICK_CLAIM_LIMIT = 20.0
FULL_CLAIM_LIMIT = 240.0


def review(paper: str | None, out: Path, opts: RunOptions, use_cache: bool = True,
           show_progress: bool = True, write_reports: bool = True, stream=None,
           claim_timeout: float | None = None, jobs: int = 1) -> int:
    """Run every claim (of ``paper``), keep results on disk, print the summary, write reports.

    ``claim_timeout``: seconds a claim may take before it is stopped with the verdict ``error``
    (default :data:`QUICK_CLAIM_LIMIT` / :data:`FULL_CLAIM_LIMIT`; 0 = no limit). ``jobs``: claims
    run at the same time (forked worker processes; results do not depend on it: every point's seed
    is a function of the run seed, the claim, the check and the point). Returns the exit status:
    0 when the review ran to the end (whatever the verdicts), 130 when interrupted
    (``results.json`` then holds the finished claims, with ``"complete": false``).
    """
    if claim_timeout is None:
        claim_timeout = QUICK_CLAIM_LIMIT if opts.quick else FULL_CLAIM_LIMIT
    from ticketcheck.bounds.registry import all_claims
    claims = all_claims(paper)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cache = out / ".cache"
    cache.mkdir(exist_ok=True)
    errlog = out / "errors.log"
    if errlog.exists():
        errlog.unlink()
    stream = stream or sys.stderr
    prog = Progress(len(claims), stream, lines=show_progress and not opts.quick,
                    live=(stream.isatty() if show_progress else False))
    slots: list[dict | None] = [None] * len(claims)
    texts: list[str | None] = [None] * len(claims)
    paper_seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    running: dict[int, str] = {}
    n_done = [0]

    def finish(i: int, res: dict, tb: str | None, cached: bool = False) -> None:
        claim = claims[i]
        if cached:
            res["cached"] = True
        text = json.dumps(res, default=str)
        texts[i] = text
        if not cached and tb is None:
            _write_atomic(cache / f"{cache_key(claim, opts)}.json", text)
        elif tb is not None:
            with errlog.open("a") as f:
                f.write(f"== {claim.id}\n{tb}\n")
        slots[i] = res
        paper_seconds[claim.paper] = paper_seconds.get(claim.paper, 0.0) + float(res.get("seconds") or 0)
        prog.done(n_done[0], res)
        n_done[0] += 1
        _write(out, _finished(slots), paper, opts, time.perf_counter() - t0, paper_seconds, complete=False,
               texts=_finished(texts))

    todo = []
    for i, claim in enumerate(claims):
        res = _read_cache(cache / f"{cache_key(claim, opts)}.json") if use_cache else None
        if res is not None:
            finish(i, res, None, cached=True)
        else:
            todo.append(i)
    execute = _run_parallel if jobs > 1 and len(todo) > 1 else _run_serial
    interrupted = False
    try:
        for i, res, tb in execute(claims, todo, opts, claim_timeout, prog, jobs, running):
            finish(i, res, tb)
    except KeyboardInterrupt:
        interrupted = True
        prog.clear()
        during = f" during {', '.join(running.values())}" if running else ""
        print(f"\nticketcheck: interrupted{during}; {n_done[0]} finished claims kept in "
              f"{out / 'results.json'} (build their reports with `python -m reports {out}`)",
              file=stream, flush=True)
    finally:
        opts.progress = None
    results = _finished(slots)
    figures = {} if interrupted else _figures(results, cache, opts, use_cache)
    seconds = time.perf_counter() - t0
    _write(out, results, paper, opts, seconds, paper_seconds, complete=not interrupted, texts=_finished(texts),
           figures=figures)
    lines = summary_lines(results, paper_seconds, seconds, opts, errors_log=errlog if errlog.exists() else None)
    (out / "summary.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines), flush=True)
    if interrupted:
        return 130
    if write_reports:
        from ticketcheck.reports import write_reports as _reports
        tr = time.perf_counter()
        written = _reports({"claims": results, "options": _options_json(opts), "figures": figures,
                            "papers": _papers_json(results, paper_seconds)}, out, quick=opts.quick)
        main = [str(p) for p in written if p.suffix in (".html", ".pdf") and p.parent == out]
        subs = sorted({p.parent.name for p in written if p.suffix == ".pdf" and p.parent != out})
        print(f"reports ({time.perf_counter() - tr:.1f}s): " + ", ".join(main)
              + (f" (and one per paper: {', '.join(f'{out}/{s}/report.pdf' for s in subs)})" if subs else ""))
        if not any(p.suffix == ".pdf" for p in written):
            print("note: report.pdf was not produced (see the message above; "
                  "`bash scripts/setup.sh` installs Debian TeX)")
    print(f"wrote {out / 'results.json'} ({len(results)} claims, {time.perf_counter() - t0:.1f}s in all)")
    return 0


def _finished(slots) -> list[dict]:
    return [r for r in slots if r is not None]


def _run_serial(claims, todo, opts, timeout, prog, jobs, running):
    opts.progress = prog.status
    for i in todo:
        running[i] = claims[i].id
        prog.start(claims[i].id)
        res, tb = run_one(claims[i], opts, timeout)
        del running[i]
        yield i, res, tb


_POOL_CLAIMS: list = []


def _pool_run(i: int, opts: RunOptions, timeout):
    return (i, *run_one(_POOL_CLAIMS[i], opts, timeout))


def _run_parallel(claims, todo, opts, timeout, prog, jobs, running):
    """At most ``jobs`` claims at a time in forked workers (they inherit the loaded registry)."""
    import dataclasses
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    global _POOL_CLAIMS
    _POOL_CLAIMS = claims
    wopts = dataclasses.replace(opts, progress=None)
    ex = ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("fork"))
    queue = list(todo)
    inflight = {}
    try:
        while queue or inflight:
            while queue and len(inflight) < jobs:
                i = queue.pop(0)
                inflight[ex.submit(_pool_run, i, wopts, timeout)] = i
                running[i] = claims[i].id
            prog.start(", ".join(running.values()))
            done, _ = wait(inflight, timeout=0.5, return_when=FIRST_COMPLETED)
            for fut in done:
                i = inflight.pop(fut)
                del running[i]
                try:
                    yield fut.result()
                except KeyboardInterrupt:
                    raise
                except Exception as e:  # a worker died (e.g. killed): that claim is an error
                    yield i, error_result(claims[i], e, 0.0), traceback.format_exc()
    except BaseException:
        for p in list((getattr(ex, "_processes", None) or {}).values()):
            p.terminate()
        ex.shutdown(wait=False, cancel_futures=True)
        raise
    ex.shutdown()


def _options_json(opts: RunOptions) -> dict:
    return {"seed": opts.seed, "trials": opts.trials, "budget": opts.budget, "quick": opts.quick,
            "version": VERSION}


def _figures(results: list[dict], cache: Path, opts: RunOptions, use_cache: bool) -> dict:
    """Data of the papers' figures reproduced for the report (computed here, stored in
    results.json; the report only draws them): Figure 1 of `unified` when its claims were reviewed."""
    if not any(r.get("paper") == "unified" for r in results):
        return {}
    from ticketcheck.bounds.unified import figure1
    return {"unified.figure1": figure1.compute(cache, quick=opts.quick, use_cache=use_cache)}


def _papers_json(results, paper_seconds: dict) -> dict:
    """Per reviewed paper, in the registry's order: its declared title, where it comes from (a
    plugin), its number of claims and seconds. Reports read the titles from here."""
    declared = registry.papers()
    out = {}
    for k in sorted(paper_seconds, key=lambda k: (list(declared).index(k) if k in declared
                                                  else len(declared), k)):
        p = declared.get(k)
        entry = {"title": p.title if p is not None else k,
                 "claims": sum(1 for r in results if r.get("paper") == k),
                 "seconds": round(paper_seconds[k], 2)}
        if p is not None and not p.is_seed:
            entry["origin"] = p.origin
        out[k] = entry
    return out


def _write(out: Path, results, paper, opts, seconds, paper_seconds, complete: bool, texts=None,
           figures: dict | None = None):
    """results.json. ``texts`` are the claims already serialized (each claim is serialized once,
    not at every rewrite: the full results of all papers are tens of MB)."""
    doc = {"schema_version": SCHEMA_VERSION, "tool": "ticketcheck", "version": VERSION, "paper": paper,
           "complete": complete,
           "seconds": round(seconds, 2),
           "papers": _papers_json(results, paper_seconds),
           "options": _options_json(opts), "figures": figures or {}, "claims": []}
    head = json.dumps(doc, indent=1)
    assert head.endswith('"claims": []\n}')
    if texts is None:
        texts = [json.dumps(r, default=str) for r in results]
    _write_atomic(out / "results.json", head[:-4] + "[\n" + ",\n".join(texts) + "\n]\n}\n")


# ------------------------------------------------------------------ terminal summary

def summary_lines(results: list[dict], paper_seconds: dict | None = None, seconds: float | None = None,
                  opts: RunOptions | None = None, errors_log: Path | None = None) -> list[str]:
    """The referee's summary in plain text (the same model as the reports)."""
    from ticketcheck.reports.analysis import (VERDICT_ORDER, counterexample_sentence, review_model,
                                  vacuous_sentence)
    m = review_model(results)
    cols = [v for v in VERDICT_ORDER if m["counts"].get(v)]
    short = {"partially_certified": "partial", "out_of_scope": "out of scope", "recorded": "REC",
             "inconclusive": "inconcl."}
    head = ["paper", "claims"] + [short.get(v, v) for v in cols] + ["seconds"]
    rows = []
    for pp in m["per_paper"]:
        rows.append([pp["paper"], str(pp["n"])] + [str(pp["counts"].get(v, 0)) for v in cols]
                    + [f"{(paper_seconds or {}).get(pp['paper'], 0.0):.1f}"])
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]
    title = f"ticketcheck review{' --quick' if opts is not None and opts.quick else ''}: " \
            f"{m['n_claims']} claims" + (f" in {seconds:.1f}s" if seconds is not None else "")
    lines = [title, "  " + "  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(head, widths)))]
    for r in rows:
        lines.append("  " + "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
    lines.append("verdicts: " + ", ".join(f"{m['counts'][v]} {v}" for v in cols))
    if m["violated"]:
        lines.append("problems found (smallest counterexample; replay command):")
        for it in m["violated"]:
            lines.append(f"  {it['id']}: {counterexample_sentence(it)}")
            lines.append(f"      replay: {it.get('replay')}")
    if m["disagreeing"]:
        lines.append("variants of one statement that disagree:")
        for it in m["disagreeing"]:
            lines.append(f"  {it['root']}: " + ", ".join(f"{k} {v}" for k, v in it["verdicts"].items()))
    if m["vacuous"]:
        lines.append("bounds vacuous on the whole tested range:")
        for it in m["vacuous"]:
            lines.append(f"  {it['id']} [{it['check']}]: {vacuous_sentence(it)}")
    if m["inconclusive"]:
        lines.append("inconclusive (more trials or budget would decide): "
                     + ", ".join(c["id"] for c in m["inconclusive"]))
    if m["errors"]:
        lines.append("failed to run" + (f" (tracebacks in {errors_log})" if errors_log else "") + ":")
        for c in m["errors"]:
            lines.append(f"  {c['id']}: {c.get('error')}")
    return lines
