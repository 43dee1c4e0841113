"""The public Python API, for notebooks and scripts (re-exported by the package root)::

    import ticketcheck
    res = ticketcheck.check("unified.lemma4", grid="M=1;Delta=0;beta=1/16;t=1..20")
    res.verdict, res.evidence, res.counterexample      # 'violated', ..., {'params': ..., 'replay': ...}
    res.points[:3]                                     # one dict per compared point
    res.to_dataframe()                                 # pandas (pip install 'ticketcheck[pandas]')
    res                                                # in a notebook: a small HTML table

    rev = ticketcheck.review(paper="slides", out="results", quick=True)
    rev.verdicts, rev["slides.thm1"].verdict, rev.path

Every bad argument raises :class:`~ticketcheck.errors.InputError` (a ``ValueError``) with one line
that names the value and what to give instead; an unknown claim id raises
:class:`~ticketcheck.errors.UnknownClaimError`. Ctrl-C stops a review after keeping every finished
claim on disk and raises ``KeyboardInterrupt``.
"""
from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ticketcheck.errors import InputError, MissingDependencyError
from ticketcheck.harness import user_options

__all__ = ["check", "review", "load", "Result", "ReviewResult"]


def _frame(rows: list[dict]):
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError("to_dataframe() needs pandas: pip install 'ticketcheck[pandas]' "
                                     "(or use .points, a list of dicts)") from None
    return pd.DataFrame(rows)


def _cell(v) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    if isinstance(v, dict):
        return ", ".join(f"{k}={_cell(x)}" for k, x in v.items())
    return "" if v is None else str(v)


def _html_table(head: list[str], rows: list[list], caption: str = "") -> str:
    """A small HTML table, every text escaped."""
    esc = html.escape
    parts = ["<table>"]
    if caption:
        parts.append(f"<caption style='text-align:left'>{caption}</caption>")
    parts.append("<tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr>")
    for r in rows:
        parts.append("<tr>" + "".join(f"<td>{esc(_cell(c))}</td>" for c in r) + "</tr>")
    parts.append("</table>")
    return "".join(parts)


@dataclass
class Result:
    """One claim's result (the record ``results.json`` holds for it, in :attr:`record`)."""

    record: dict

    @property
    def id(self) -> str:
        return self.record["id"]

    @property
    def verdict(self) -> str:
        return self.record["verdict"]

    @property
    def evidence(self) -> str | None:
        """What the verdict rests on (``certified``, ``exhaustive``, ``exact_grid``, ``mc_grid``,
        ``none``), or None when the record has no evidence."""
        return self.record.get("evidence")

    @property
    def reason(self) -> str | None:
        return self.record.get("reason")

    @property
    def counterexample(self) -> dict | None:
        """The smallest counterexample (params, both sides, slack, replay command) or None."""
        return self.record.get("counterexample")

    @property
    def statement(self) -> str | None:
        return self.record.get("statement")

    @property
    def counts(self) -> dict:
        return dict(self.record.get("counts") or {})

    @property
    def points(self) -> list[dict]:
        """Every compared point of every check, each a dict with the check's name under
        ``check``, its ``params`` and both sides."""
        out = []
        for r in self.record.get("results") or []:
            for p in r.get("points") or []:
                out.append({**p, "check": p.get("check", r.get("name"))})
        return out

    def to_dataframe(self):
        """The points as a pandas DataFrame: one row per point, one column per parameter
        (``param.<name>``) and per field (pandas is the optional extra ``ticketcheck[pandas]``)."""
        rows = []
        for p in self.points:
            row = {"check": p.get("check")}
            row.update({f"param.{k}": v for k, v in (p.get("params") or {}).items()})
            row.update({k: v for k, v in p.items() if k not in ("params", "check", "grid_params", "info",
                                                                  "log10_gap_to_1")})
            rows.append(row)
        return _frame(rows)

    def to_json(self, **kw) -> str:
        """The record as JSON text (the claim's entry of ``results.json``)."""
        return json.dumps(self.record, default=str, **({"indent": 1} | kw))

    def __repr__(self) -> str:
        ce = self.counterexample
        extra = f", counterexample at {ce.get('params')}" if ce else ""
        return (f"<Result {self.id}: {self.verdict}" + (f" ({self.evidence})" if self.evidence else "")
                + f", {len(self.points)} points{extra}>")

    def _repr_html_(self) -> str:
        head = f"<b>{html.escape(self.id)}</b>: {html.escape(self.verdict)}"
        if self.evidence:
            head += f" (evidence: {html.escape(self.evidence)})"
        rows = []
        ce = self.counterexample
        if ce:
            rows.append(["smallest counterexample", _cell(ce.get("params")),
                         _cell(ce.get("exact") or ce.get("value") or ce.get("estimate")),
                         _cell(ce.get("bound_text") or ce.get("bound")), ce.get("replay") or ""])
        for r in self.record.get("results") or []:
            n = Counter(p.get("verdict") for p in r.get("points") or [])
            rows.append([f"check {r.get('name')}", r.get("verdict"), _cell(dict(n)), "", r.get("note") or ""])
        table = _html_table(["", "", "value", "bound", "replay / note"], rows)
        statement = html.escape(self.statement or "")
        return f"<div><p>{head}</p><p>{statement}</p>{table}</div>"


def check(id, grid=None, check: str | None = None, quick: bool = False, trials=None, seed=None,
          budget=None, client=None) -> Result:
    """Check one claim: a catalogue id (``"unified.lemma4"``), the id of a claim made with
    :func:`ticketcheck.user_claim`, or such a claim itself.

    ``grid``: the ``--grid`` mini-language (``"M=1..3;t=5"``) or a dict of value lists;
    ``check``: one check of the claim; ``quick``: the claim's small grids; ``trials``/``seed``:
    Monte Carlo; ``budget``: seconds an exact point may take before Monte Carlo is used.
    ``client``: a ``dask.distributed.Client``; the claim's grid segments, long Monte Carlo
    estimates and engine checks then run as tasks on its cluster, with the same result
    (:mod:`ticketcheck.harness.distributed`).
    """
    from ticketcheck.harness.runner import run_claim
    from ticketcheck.harness.testing import resolve_claim
    opts = user_options.run_options(trials_=trials, seed_=seed, budget_=budget, quick=quick, grid=grid,
                                    check=check)
    claim, _ = resolve_claim(id)
    if client is not None:
        from ticketcheck.harness.distributed import run_claim_on
        return Result(run_claim_on(_client(client), claim, opts))
    return Result(run_claim(claim, opts))


def _client(client):
    """``client`` if it is a ``dask.distributed.Client`` (one-line error otherwise)."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise MissingDependencyError("client= needs dask.distributed: pip install 'ticketcheck[dask]'") from None
    if not isinstance(client, Client):
        raise InputError(f"client must be a dask.distributed.Client, not {type(client).__name__}; "
                         f"give e.g. Client('tcp://scheduler:8786'), or None to run here")
    return client


@dataclass
class ReviewResult:
    """What :func:`review` wrote: the claims' results and where they are on disk."""

    path: Path
    results: list[Result]
    complete: bool = True

    @property
    def verdicts(self) -> dict[str, int]:
        """How many claims got each verdict."""
        return dict(Counter(r.verdict for r in self.results))

    def __getitem__(self, claim_id: str) -> Result:
        for r in self.results:
            if r.id == claim_id:
                return r
        raise KeyError(claim_id)

    def __iter__(self) -> Iterator[Result]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def to_dataframe(self):
        """One row per claim: id, paper, verdict, evidence, counts, counterexample's replay."""
        return _frame([{"id": r.id, "paper": r.record.get("paper"), "verdict": r.verdict,
                        "evidence": r.evidence, "points": sum(r.counts.values()),
                        "replay": (r.counterexample or {}).get("replay")} for r in self.results])

    def __repr__(self) -> str:
        return f"<ReviewResult {self.path}: {len(self.results)} claims, {self.verdicts}>"

    def _repr_html_(self) -> str:
        rows = [[r.id, r.verdict, r.evidence or "", (r.counterexample or {}).get("replay") or ""]
                for r in self.results]
        cap = html.escape(f"{self.path}: {len(self.results)} claims"
                          + ("" if self.complete else " (interrupted)"))
        return _html_table(["claim", "verdict", "evidence", "replay"], rows, cap)


def review(paper: str | None = None, out="results", quick: bool = False, jobs=1, trials=None,
           seed=None, budget=None, use_cache: bool = True, reports: bool = True,
           claim_timeout=None, progress: bool = False, client=None) -> ReviewResult:
    """Review every claim (of ``paper``) into the directory ``out``, like ``ticketcheck review``
    (journal, results.json, reports; finished claims are reused from the journal). Returns a
    :class:`ReviewResult`; on Ctrl-C the finished claims are kept on disk and ``KeyboardInterrupt``
    is raised (:func:`load` reads them). ``client``: a ``dask.distributed.Client``: the claims run
    on its cluster (``jobs`` is then not used), with the same results."""
    import io
    from ticketcheck.harness.review import run_review
    if paper is not None and not isinstance(paper, str):
        raise InputError(f"paper must be a paper key, not {paper!r}; give e.g. 'unified' (or None for all)")
    if out is None or not isinstance(out, (str, Path)):
        raise InputError(f"out must be a directory path, not {out!r}; give e.g. 'results'")
    opts = user_options.run_options(trials_=trials, seed_=seed, budget_=budget, quick=quick)
    timeout = None if claim_timeout is None else user_options.claim_timeout(claim_timeout)
    cluster = None if client is None else _client(client)
    outcome = run_review(paper, Path(out), opts, use_cache=use_cache, write_reports=reports,
                         claim_timeout=timeout, jobs=user_options.jobs(jobs), client=cluster,
                         show_progress=progress, stream=None if progress else io.StringIO(),
                         stdout=None if progress else io.StringIO())
    result = ReviewResult(outcome.out, [Result(r) for r in outcome.results], outcome.complete)
    if not outcome.complete:
        raise KeyboardInterrupt(f"review interrupted; {len(result)} finished claims kept in {outcome.out}")
    return result


def load(path) -> ReviewResult:
    """The results of an earlier review (its directory or its results.json)."""
    from ticketcheck.files import RESULTS, read_results
    doc = read_results(path)
    p = Path(path)
    return ReviewResult(p if p.is_dir() else p.parent, [Result(c) for c in doc["claims"]],
                        bool(doc.get("complete", True)))
