"""What the terminal shows: one claim's result (``ticketcheck check``, the user-claim runner) and the
review's progress.

``check`` prints what a reader needs first (issue 10, item 8): the verdict with its evidence, the
counts of point verdicts, the statement, the smallest counterexample and its replay command; then
one table per check without the out-of-scope rows (``verbose`` shows them). Colour and tables come
from ``rich``; colour only on a terminal and never with ``NO_COLOR`` set; on a non-terminal (a CI
log, a pipe) the tables are plain aligned columns without colour or box characters.

The review shows a progress bar with an ETA on a terminal, plain lines elsewhere.
"""
from __future__ import annotations

import json
import os
import sys
import time

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ticketcheck.verdicts import ERROR, HOLDS, INCONCLUSIVE, MARK, OUT_OF_SCOPE, VIOLATED

__all__ = ["console_for", "print_claim_result", "ReviewProgress", "VERDICT_STYLE"]

#: rich styles of the verdict marks
VERDICT_STYLE = {HOLDS: "green", VIOLATED: "bold red", "gap": "red", ERROR: "bold red",
                 INCONCLUSIVE: "yellow", "vacuous": "cyan", "measured": "blue", OUT_OF_SCOPE: "dim",
                 "recorded": "dim"}

MAX_ROWS = 400


def console_for(stream) -> Console:
    """A console on ``stream``: colour only on a terminal without ``NO_COLOR``; off a terminal no
    wrapping (a wide table stays one line per row in a log)."""
    tty = bool(getattr(stream, "isatty", lambda: False)()) and os.environ.get("TERM") != "dumb"
    return Console(file=stream, force_terminal=tty, no_color=(not tty) or "NO_COLOR" in os.environ,
                   width=None if tty else 100_000, highlight=False, soft_wrap=not tty,
                   emoji=False, markup=False)


def _fmt(x, digits=6):
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.{digits}g}"
    return str(x)


def _mark(verdict: str) -> Text:
    return Text(MARK.get(verdict, verdict), style=VERDICT_STYLE.get(verdict, ""))


def _counts_text(counts: dict) -> str:
    from ticketcheck.verdicts import VERDICTS
    order = [v for v in VERDICTS if counts.get(v)] + [v for v in counts if v not in VERDICTS and counts[v]]
    return ", ".join(f"{counts[v]} {v.replace('_', ' ')}" for v in order) or "none"


def _row(p: dict, keys: list[str]) -> list[str]:
    from ticketcheck.reports.analysis import bound_text, value_text
    if p.get("ci"):
        val = _fmt(p.get("estimate"))
        ci = f"[{p['ci'][0]:.4g},{p['ci'][1]:.4g}]"
    else:
        val = value_text(p).replace(" (exact)", "")
        ci = "exact" if p.get("exact") is not None else (p.get("method") or "")
    return [_fmt(p["params"].get(k)) for k in keys] + [val, ci, bound_text(p), _fmt(p.get("slack"), 3)]


def _table(points: list[dict], con: Console) -> Table:
    keys: list[str] = []
    for p in points:
        keys += [k for k in p["params"] if k not in keys]
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold", padding=(0, 2, 0, 0))
    for h in keys + ["value", "ci/exact", "bound", "slack", "verdict"]:
        table.add_column(h, no_wrap=True, overflow="fold")
    for p in points[:MAX_ROWS]:
        table.add_row(*_row(p, keys), _mark(p["verdict"]))
    return table


def _print_table(con: Console, table: Table) -> None:
    """The table indented under its check; off a terminal without trailing blanks."""
    from rich.padding import Padding
    body = Padding(table, (0, 0, 0, 4))
    if con.is_terminal:
        con.print(body)
        return
    with con.capture() as cap:
        con.print(body)
    con.file.write("\n".join(line.rstrip() for line in cap.get().splitlines()) + "\n")


def print_claim_result(res: dict, verbose: bool = False, out=None) -> None:
    """One claim's result: the summary first, then one table per check (out-of-scope rows only
    when ``verbose``)."""
    from ticketcheck.reports.analysis import counterexample_sentence
    con = console_for(out or sys.stdout)
    head = Text(f"{res['id']}: ")
    head.append_text(_mark(res["verdict"]))
    if res.get("evidence"):
        head.append(f" (evidence: {res['evidence'].replace('_', ' ')})")
    head.append(f"   {res.get('source') or ''}".rstrip())
    con.print(head)
    counts = res.get("counts") or {}
    if counts:
        hidden = counts.get(OUT_OF_SCOPE, 0)
        con.print(f"  points: {_counts_text(counts)}"
                  + (f" (out-of-scope rows hidden; -v shows them)" if hidden and not verbose else ""))
    for key in ("reason", "evidence_text"):
        if res.get(key):
            con.print(f"  {key.replace('_', ' ')}: {res[key]}")
    if res.get("statement"):
        con.print(f"  statement: {' '.join(str(res['statement']).split())}")
    if res.get("error"):
        con.print(Text(f"  error: {res['error']}", style="red"))
    ce = res.get("counterexample")
    if ce:
        con.print(Text(f"  smallest counterexample [{ce.get('check')}]: "
                       f"{counterexample_sentence({'counterexample': ce})}", style="red"))
        con.print(f"  replay: {ce.get('replay')}")
    if res.get("verdict") == "recorded" and not res.get("results"):
        con.print("  (REC: recorded, not testable; see `ticketcheck list`)")
    for r in res.get("results", []):
        line = Text(f"  check {r['name']}: ")
        line.append_text(_mark(r["verdict"]))
        for key in ("evidence", "note", "reason"):
            if r.get(key):
                line.append(f"  — {r[key]}" if key != "evidence" else f" ({r[key].replace('_', ' ')})")
        con.print(line)
        pts = r.get("points") or []
        shown = pts if verbose else [p for p in pts if p.get("verdict") != OUT_OF_SCOPE]
        if shown:
            _print_table(con, _table(shown, con))
            if len(shown) > MAX_ROWS:
                con.print(f"    ... {len(shown) - MAX_ROWS} more points (use --json)")
        elif pts:
            con.print(f"    all {len(pts)} points out of scope (-v shows them)")
        for ec in r.get("empirical_constants", []) or []:
            con.print(f"    empirical {ec['symbol']}: {ec['direction']} value making the claim true on "
                      f"the grid = {_fmt(ec['value'])} (at {ec['at']})")
        if r.get("certificate"):
            con.print(f"    certificate: {json.dumps(r['certificate'], default=str)[:300]}")


class ReviewProgress:
    """The review's progress: on a terminal a bar with an ETA (rich) and the current claim; one
    line per finished claim when ``lines`` (full review) or when a claim fails; off a terminal only
    those lines."""

    def __init__(self, total: int, stream=None, lines: bool = True, live: bool | None = None):
        self.stream = stream or sys.stderr
        self.total = total
        self.lines = lines
        self.n_done = 0
        self.t0 = time.perf_counter()
        self._last = 0.0
        self._claim = ""
        con = console_for(self.stream)
        self.live = con.is_terminal if live is None else live
        self._bar = None
        if self.live:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)
            self._bar = Progress(TextColumn("review"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                                 TextColumn("{task.description}"), console=con, transient=True)
            self._task = self._bar.add_task("", total=total)
            self._bar.start()

    def _elapsed(self) -> str:
        s = int(time.perf_counter() - self.t0)
        return f"{s // 60}:{s % 60:02d}"

    def status(self, msg: str) -> None:
        """Called by the harness with point progress ("claim [check] point i/n")."""
        if self._bar is None:
            return
        now = time.monotonic()
        if now - self._last < 0.2:
            return
        self._last = now
        self._bar.update(self._task, description=msg[:80])

    def start(self, what: str) -> None:
        self._claim = what
        if self._bar is not None:
            self._bar.update(self._task, description=what[:80])

    def done(self, res: dict) -> None:
        self.n_done += 1
        if self.lines or res.get("verdict") == ERROR:
            extra = " cached" if res.get("cached") else ""
            line = (f"[{self.n_done}/{self.total}] {res['id']}: "
                    f"{MARK.get(res['verdict'], res['verdict'])} "
                    f"({res.get('seconds', 0)}s{extra}; elapsed {self._elapsed()})")
            if res.get("error"):
                line += f"  {res['error']}"
            if self._bar is not None:
                self._bar.console.print(Text(line, style=VERDICT_STYLE.get(res["verdict"], "")))
            else:
                print(line, file=self.stream, flush=True)
        if self._bar is not None:
            self._bar.advance(self._task)

    def tasks(self, done: int, total: int) -> None:
        """A second bar on a terminal: the tasks of a distributed run (done of submitted so far)."""
        if self._bar is None:
            return
        if getattr(self, "_tasks", None) is None:
            self._tasks = self._bar.add_task("tasks", total=max(total, 1))
        self._bar.update(self._tasks, completed=done, total=max(total, 1))

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
