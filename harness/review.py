"""``ticketcheck review``: every claim of one paper (or all), results on disk, terminal summary,
reports.

* Storage (:mod:`ticketcheck.harness.storage`): each finished claim is appended to
  ``DIR/journal.jsonl`` (fsync'd); ``results.json`` is assembled once, at the end or on Ctrl-C
  (atomic replace). ``ticketcheck report DIR`` builds the reports of what is there.
* Cache: a claim whose key is in the journal is not recomputed. The key
  (:func:`cache_key`) holds the claim (id, checks), the parameters (grid, quick), the method
  options (check, budget, trials), the seed and the code key of the modules its result depends on
  (:mod:`ticketcheck.harness.code_keys`: its own modules, the engine, what they import).
  ``--no-cache`` recomputes. Errors are not cached. Reports are not re-rendered when the results
  they show did not change (:func:`ticketcheck.reports.write_reports`).
* A claim whose checks raise gets the verdict ``error`` with a one-line message (the traceback goes
  to ``DIR/errors.log``); the review goes on with the next claim. An interrupt is not an error: a
  ``KeyboardInterrupt``, or an exception raised while handling one (a numba kernel stopped by Ctrl-C
  surfaces as ``SystemError``), stops the review (:func:`is_interrupt`).
* Progress: a bar with an ETA on a terminal; the full review also prints one line per claim
  (verdict, seconds, elapsed time), so CI logs show where it is.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from ticketcheck.bounds import plugins, registry
from ticketcheck.errors import is_interrupt
from ticketcheck.harness import code_keys
from ticketcheck.harness.runner import VERSION, RunOptions, run_claim
from ticketcheck.harness.storage import (RESULTS, Journal, fs_errors, output_lock, prepare_output,
                                         results_text, write_atomic)
from ticketcheck.harness.terminal import ReviewProgress
from ticketcheck.harness.referee import annotate
from ticketcheck.results_schema import SCHEMA_VERSION
from ticketcheck.verdicts import ERROR, EXIT_INTERRUPTED

__all__ = ["review", "run_review", "ReviewOutcome", "cache_key", "option_signature", "run_one",
           "error_result", "is_interrupt", "summary_lines", "QUICK_CLAIM_LIMIT", "FULL_CLAIM_LIMIT"]


# ------------------------------------------------------------------ keys

def option_signature(claim, opts: RunOptions) -> str:
    """What a claim's result depends on besides the code: the claim (id, checks), the parameters
    (grid, quick), the method options (check, budget, trials) and the seed."""
    desc = json.dumps({"id": claim.id, "checks": [[c.name, type(c).__name__] for c in claim.checks],
                       "grid": opts.grid, "quick": opts.quick, "check": opts.check,
                       "budget": opts.budget, "trials": opts.trials, "seed": opts.seed,
                       "plugin": plugins.fingerprint(claim.id)}, sort_keys=True)
    return hashlib.sha256(desc.encode()).hexdigest()[:24]


def cache_key(claim, opts: RunOptions, code: str | None = None) -> str:
    """Key of one claim's result: :func:`option_signature` and the claim's code key."""
    code = code_keys.claim_code_key(claim) if code is None else code
    return hashlib.sha256(f"{option_signature(claim, opts)}|{code}".encode()).hexdigest()[:24]


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
    """(result, traceback text or None). An interrupt propagates as ``KeyboardInterrupt``; a claim
    that raises or runs past ``timeout`` seconds gets the verdict ``error``."""
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
        if is_interrupt(e):
            raise KeyboardInterrupt(f"interrupted in {claim.id}") from e
        return error_result(claim, e, time.perf_counter() - t0), traceback.format_exc()


# ------------------------------------------------------------------ the review

#: default per-claim time limits (seconds): the quick review of every paper must fit in a minute,
#: the full review of a paper in five
QUICK_CLAIM_LIMIT = 20.0
FULL_CLAIM_LIMIT = 240.0


@dataclass
class ReviewOutcome:
    """What a review produced: the claim records (in the claims' order), where, and how it ended."""

    out: Path
    results: list[dict]
    complete: bool
    figures: dict = field(default_factory=dict)
    reports: list[Path] = field(default_factory=list)
    computed: int = 0
    cached: int = 0
    seconds: float = 0.0

    @property
    def exit_status(self) -> int:
        """0 when the review ran to the end (whatever the verdicts), 130 when interrupted."""
        return 0 if self.complete else EXIT_INTERRUPTED


def review(paper: str | None, out: Path, opts: RunOptions, use_cache: bool = True,
           show_progress: bool = True, write_reports: bool = True, stream=None,
           claim_timeout: float | None = None, jobs: int = 1) -> int:
    """:func:`run_review`, returning the exit status (0, or 130 when interrupted)."""
    return run_review(paper, out, opts, use_cache=use_cache, show_progress=show_progress,
                      write_reports=write_reports, stream=stream, claim_timeout=claim_timeout,
                      jobs=jobs).exit_status


def run_review(paper: str | None, out: Path, opts: RunOptions, use_cache: bool = True,
               show_progress: bool = True, write_reports: bool = True, stream=None,
               claim_timeout: float | None = None, jobs: int = 1, claims=None,
               stdout=None, client=None, dask_options=None) -> ReviewOutcome:
    """Run every claim (of ``paper``, or ``claims``), keep results on disk, print the summary,
    write the reports.

    ``claim_timeout``: seconds a claim may take before it is stopped with the verdict ``error``
    (default :data:`QUICK_CLAIM_LIMIT` / :data:`FULL_CLAIM_LIMIT`; 0 = no limit). ``jobs``: claims
    run at the same time (forked worker processes; results do not depend on it: every point's seed
    is a function of the run seed, the claim, the check and the point). When interrupted,
    ``results.json`` holds the finished claims with ``"complete": false``. ``stream`` receives the
    progress, ``stdout`` the summary (default: the process's stderr and stdout). ``client``: a
    ``dask.distributed.Client``; the claims, their grid segments and long Monte Carlo estimates then
    run as tasks on its cluster (``jobs`` is not used; ``dask_options``: a
    :class:`~ticketcheck.harness.distributed.DaskOptions`), with the same results.
    """
    if claim_timeout is None:
        claim_timeout = QUICK_CLAIM_LIMIT if opts.quick else FULL_CLAIM_LIMIT
    if claims is None:
        from ticketcheck.bounds.registry import all_claims
        claims = all_claims(paper)
    out = prepare_output(out)
    with output_lock(out):
        execute = None if client is None else _run_on_cluster(client, dask_options)
        return _review_locked(claims, paper, out, opts, use_cache, show_progress, write_reports,
                              stream or sys.stderr, claim_timeout, jobs, stdout or sys.stdout, execute)


def _review_locked(claims, paper, out: Path, opts: RunOptions, use_cache, show_progress, write_reports,
                   stream, claim_timeout, jobs, stdout, execute=None) -> ReviewOutcome:
    t0 = time.perf_counter()
    journal = Journal(out)
    errlog = out / "errors.log"
    with fs_errors(errlog, "remove"):
        errlog.unlink(missing_ok=True)
    prog = ReviewProgress(len(claims), stream, lines=show_progress and not opts.quick,
                          live=None if show_progress else False)
    keys = [cache_key(c, opts) for c in claims]
    sigs = [option_signature(c, opts) for c in claims]
    slots: list[dict | None] = [None] * len(claims)
    texts: list[str | None] = [None] * len(claims)
    paper_seconds: dict[str, float] = {}
    running: dict[int, str] = {}
    counts = {"computed": 0, "cached": 0}

    def finish(i: int, res: dict, tb: str | None, text: str | None = None, cached: bool = False) -> None:
        claim = claims[i]
        if text is None:
            text = json.dumps(res, default=str)
        if cached:
            res["cached"] = True
            text = text[:-1] + ', "cached": true}'
            counts["cached"] += 1
        elif tb is None:
            try:
                journal.append(keys[i], "claim", claim.id, sigs[i], res, text)
            except ValueError as e:  # a record off the schema is a bug: shown, never cached
                tb = f"{e}\n"
                print(f"ticketcheck: warning: {e}; not cached", file=stream)
            counts["computed"] += 1
        else:
            counts["computed"] += 1
        if tb is not None:
            with fs_errors(errlog, "append to"), errlog.open("a") as f:
                f.write(f"== {claim.id}\n{tb}\n")
        texts[i], slots[i] = text, res
        paper_seconds[claim.paper] = paper_seconds.get(claim.paper, 0.0) + float(res.get("seconds") or 0)
        prog.done(res)

    todo = []
    for i in range(len(claims)):
        entry = journal.get(keys[i]) if use_cache else None
        if entry is not None and entry.kind == "claim" and entry.id == claims[i].id:
            finish(i, entry.record, None, entry.text, cached=True)
        else:
            todo.append(i)
    if execute is None:
        execute = _run_parallel if jobs > 1 and len(todo) > 1 else _run_serial
    interrupted = False
    try:
        for i, res, tb in execute(claims, todo, opts, claim_timeout, prog, jobs, running):
            finish(i, res, tb)
    except KeyboardInterrupt:
        interrupted = True
        prog.stop()
        during = f" during {', '.join(running.values())}" if running else ""
        print(f"\nticketcheck: interrupted{during}; {sum(s is not None for s in slots)} finished "
              f"claims kept in {out / RESULTS} (build their reports with `ticketcheck report {out}`)",
              file=stream, flush=True)
    finally:
        opts.progress = None
        prog.stop()
    results = [r for r in slots if r is not None]
    figures = {} if interrupted else _figures(results, journal, opts, use_cache)
    # the referee's judgement over the whole review (proof status, what breaks, the letter's
    # model): computed here, from the claims' results, never cached per claim (it depends on others)
    referee = annotate(results)
    texts = [json.dumps(r, default=str) for r in results]
    seconds = time.perf_counter() - t0
    head = _results_head(results, paper, opts, seconds, paper_seconds, complete=not interrupted,
                         figures=figures)
    head["referee"] = referee
    write_atomic(out / RESULTS, results_text(head, texts))
    if not interrupted:
        journal.compact()
    lines = summary_lines(results, paper_seconds, seconds, opts,
                          errors_log=errlog if errlog.exists() else None)
    write_atomic(out / "summary.txt", "\n".join(lines) + "\n")
    outcome = ReviewOutcome(out, results, not interrupted, figures, computed=counts["computed"],
                            cached=counts["cached"])
    print("\n".join(lines), file=stdout, flush=True)
    if interrupted:
        outcome.seconds = time.perf_counter() - t0
        return outcome
    if write_reports:
        outcome.reports = _write_reports({**head, "claims": results}, out, opts, stdout)
    outcome.seconds = time.perf_counter() - t0
    print(f"wrote {out / RESULTS} ({len(results)} claims: {counts['computed']} computed, "
          f"{counts['cached']} from the journal; {outcome.seconds:.1f}s in all)", file=stdout)
    return outcome


def _write_reports(doc: dict, out: Path, opts: RunOptions, stdout) -> list[Path]:
    from ticketcheck.reports import write_reports as _reports
    tr = time.perf_counter()
    written = _reports(doc, out, quick=opts.quick)
    if not written:
        print(f"reports: unchanged (the results they show are the same; {out / 'report.html'})",
              file=stdout)
        return []
    main = [str(p) for p in written if p.suffix in (".html", ".pdf") and p.parent == out]
    subs = sorted({p.parent.name for p in written if p.suffix == ".pdf" and p.parent != out})
    print(f"reports ({time.perf_counter() - tr:.1f}s): " + ", ".join(main)
          + (f" (and one per paper: {', '.join(f'{out}/{s}/report.pdf' for s in subs)})" if subs else ""),
          file=stdout)
    return written


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
                    if is_interrupt(e):
                        raise KeyboardInterrupt(f"interrupted in {claims[i].id}") from e
                    yield i, error_result(claims[i], e, 0.0), traceback.format_exc()
    except BaseException:
        for p in list((getattr(ex, "_processes", None) or {}).values()):
            p.terminate()
        ex.shutdown(wait=False, cancel_futures=True)
        raise
    ex.shutdown()


def _run_on_cluster(client, options):
    """The executor of a review on a Dask cluster (:func:`ticketcheck.harness.distributed.run_claims`:
    each claim's driver in a thread here, its tasks on the cluster)."""
    from ticketcheck.harness.distributed import run_claims

    def execute(claims, todo, opts, timeout, prog, jobs, running):
        return run_claims(client, claims, todo, opts, timeout, prog, running, run_one=run_one,
                          timeout_error=ClaimTimeout, options=options)
    return execute


def _options_json(opts: RunOptions) -> dict:
    return {"seed": opts.seed, "trials": opts.trials, "budget": opts.budget, "quick": opts.quick,
            "version": VERSION}


def _figures(results: list[dict], journal: Journal, opts: RunOptions, use_cache: bool) -> dict:
    """Data of the papers' figures reproduced for the report (computed here, stored in
    results.json; the report only draws them): Figure 1 of `unified` when its claims were reviewed.
    Kept in the journal under the code key of the module that computes it."""
    if not any(r.get("paper") == "unified" for r in results):
        return {}
    from ticketcheck.bounds.unified import figure1
    name = "unified.figure1"
    sig = hashlib.sha256(json.dumps({"figure": name, "quick": opts.quick}).encode()).hexdigest()[:24]
    key = hashlib.sha256(f"{sig}|{code_keys.code_key([figure1.__name__])}".encode()).hexdigest()[:24]
    entry = journal.get(key) if use_cache else None
    if entry is not None and entry.kind == "figure":
        return {name: {**entry.record, "cached": True}}
    data = figure1.compute(None, quick=opts.quick)
    journal.append(key, "figure", name, sig, data)
    return {name: data}


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


def _results_head(results, paper, opts, seconds, paper_seconds, complete: bool, figures=None) -> dict:
    """Every field of results.json but the claims."""
    return {"schema_version": SCHEMA_VERSION, "tool": "ticketcheck", "version": VERSION, "paper": paper,
            "complete": complete,
            "seconds": round(seconds, 2),
            "papers": _papers_json(results, paper_seconds),
            "options": _options_json(opts), "figures": figures or {}}


# ------------------------------------------------------------------ terminal summary

def _judgement_lines(results: list[dict]) -> list[str]:
    """How the verdicts were earned, per paper: holds by evidence, falsifiable checks, severity of
    the violations, broken proofs."""
    from ticketcheck.verdicts import EVIDENCE
    lines = ["how the holds were earned, and the judged checks that could fail (a falsifier fired or "
             "the check failed):"]
    for paper in dict.fromkeys(r.get("paper") for r in results):
        mine = [r for r in results if r.get("paper") == paper]
        holds = [r for r in mine if r.get("verdict") == "holds"]
        ev = {k: sum(1 for r in holds if r.get("evidence") == k) for k in EVIDENCE}
        judged = sum(1 for r in mine for c in r.get("results") or [] if c.get("judged"))
        falsifiable = sum(int(r.get("falsifiable_checks") or 0) for r in mine)
        typo = sum(1 for r in mine if r.get("severity") == "typo")
        subst = sum(1 for r in mine if r.get("verdict") == "violated" and r.get("severity") != "typo")
        broken = [r["id"] for r in mine if (r.get("proof") or {}).get("status") == "broken"]
        lines.append(f"  {paper}: {len(holds)} holds ({', '.join(f'{n} {k}' for k, n in ev.items() if n) or 'none'}); "
                     f"{falsifiable} of {judged} judged checks falsifiable; violations: {subst} substantive, "
                     f"{typo} typo; proofs broken: {len(broken)}")
    return lines


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
    lines += _judgement_lines(results)
    if m["violated"]:
        lines.append("problems found (smallest counterexample; replay command):")
        for it in m["violated"]:
            rec = next((r for r in results if r.get("id") == it["id"]), {})
            sev = rec.get("severity")
            lines.append(f"  {it['id']}{' [' + sev + ']' if sev else ''}: "
                         f"{rec.get('witness') or counterexample_sentence(it)}")
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
        lines.append("inconclusive:")
        for c in m["inconclusive"]:
            lines.append(f"  {c['id']}: {(c.get('reason') or 'undecided')[:160]}")
    if m["errors"]:
        lines.append("failed to run" + (f" (tracebacks in {errors_log})" if errors_log else "") + ":")
        for c in m["errors"]:
            lines.append(f"  {c['id']}: {c.get('error')}")
    return lines
