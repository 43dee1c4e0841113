"""Command line: ``ticketcheck list | check ID | review | report DIR | diff OLD NEW | bench | observables``.

Exit status (``ticketcheck.verdicts``): ``check`` gives 0 for holds, measured, recorded and
vacuous, 1 for violated, gap, inconclusive and error; every command gives 2 for usage and bad input
(one line on stderr, ``ticketcheck: error: ...``, saying what to do instead) and 130 when
interrupted (one line; a review keeps every finished claim). ``diff`` gives 0 when the results are
identical and 1 when they differ. Anything else is a bug: one line, exit 3 (``TICKETCHECK_DEBUG=1``
shows the traceback).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ticketcheck.errors import InputError, TicketcheckError, is_interrupt
from ticketcheck.harness import user_options
from ticketcheck.harness.terminal import print_claim_result  # noqa: F401  (public)
from ticketcheck.verdicts import EXIT_INTERRUPTED, EXIT_STATUS, EXIT_USAGE, MARK

VERDICT_MARK = MARK
EXIT_BUG = 3


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2
        raise TicketcheckError(f"{message} (see `ticketcheck {self.prog.split()[-1]} --help`)"
                               if " " in self.prog else f"{message} (see `ticketcheck --help`)")


def _arg(check):
    """An argparse type from a :mod:`user_options` checker (its message becomes the error)."""
    def parse(text: str):
        try:
            return check(text)
        except InputError as e:
            raise argparse.ArgumentTypeError(str(e)) from None
    parse.__name__ = check.__name__
    return parse


def _progress_line(enabled: bool):
    """A live status line for ``check`` on a terminal."""
    if not enabled:
        return None
    import time
    last = [0.0]

    def show(msg: str):
        now = time.monotonic()
        if now - last[0] > 0.5:
            last[0] = now
            sys.stderr.write("\r\033[K" + msg[:150])
            sys.stderr.flush()
    return show


def _options(args):
    return user_options.run_options(trials_=args.trials, seed_=args.seed, budget_=args.budget,
                                    quick=bool(getattr(args, "quick", False)),
                                    grid=getattr(args, "grid", None), check=getattr(args, "check", None))


def _cluster(args):
    """A Dask client for ``--scheduler ADDRESS`` / ``--dask N`` (a context manager), or a null
    context giving None: without either option nothing of Dask is imported."""
    import contextlib
    if getattr(args, "scheduler", None) is None and getattr(args, "dask", None) is None:
        return contextlib.nullcontext(None)
    from ticketcheck.harness.distributed import dask_client
    return dask_client(scheduler=args.scheduler, workers=args.dask)


def _dask_options(args):
    if getattr(args, "scheduler", None) is None and getattr(args, "dask", None) is None:
        if getattr(args, "trials_per_task", None) is not None:
            raise InputError("--trials-per-task splits Monte Carlo runs over a Dask cluster; give "
                             "--dask N or --scheduler ADDRESS with it")
        return None
    from ticketcheck.harness.distributed import DaskOptions
    if args.trials_per_task is None:
        return DaskOptions()
    return DaskOptions(trials_per_task=args.trials_per_task)


def cmd_list(args) -> int:
    from ticketcheck.bounds.registry import all_claims
    claims = all_claims(args.paper)
    if args.json:
        print(json.dumps([c.summary() for c in claims], indent=1))
        return 0
    w = max(len(c.id) for c in claims) if claims else 10
    for c in claims:
        print(f"{c.id:<{w}}  {c.status:<8}  {'/'.join(c.methods):<14}  {c.source[:40]:<40}  {c.title[:60]}")
    print(f"{len(claims)} claims", file=sys.stderr)
    return 0


def cmd_check(args) -> int:
    from ticketcheck.bounds.registry import get_claim
    from ticketcheck.harness.runner import run_claim
    claim = get_claim(args.claim_id)
    opts = _options(args)
    tty = sys.stderr.isatty() and not args.json
    opts.progress = _progress_line(tty)
    options = _dask_options(args)
    try:
        with _cluster(args) as client:
            if client is None:
                res = run_claim(claim, opts)
            else:
                from ticketcheck.harness.distributed import run_claim_on
                res = run_claim_on(client, claim, opts, options, progress=opts.progress)
    finally:
        if tty:
            sys.stderr.write("\r\033[K")
    if args.json:
        print(json.dumps(res, indent=1, default=str))
    else:
        print_claim_result(res, verbose=args.verbose)
    return EXIT_STATUS.get(res["verdict"], 1)


def cmd_review(args) -> int:
    from ticketcheck.harness.review import run_review
    opts = _options(args)
    options = _dask_options(args)
    with _cluster(args) as client:
        return run_review(paper=args.paper, out=Path(args.out), opts=opts, use_cache=not args.no_cache,
                          write_reports=not args.no_reports, claim_timeout=args.claim_timeout,
                          jobs=args.jobs, client=client, dask_options=options).exit_status


def cmd_report(args) -> int:
    from ticketcheck.reports import report_directory
    for p in report_directory(Path(args.dir), force=args.force, compile_pdf=not args.no_pdf):
        print(f"wrote {p}")
    return 0


def cmd_diff(args) -> int:
    from ticketcheck.harness.diff import diff_files
    d = diff_files(args.old, args.new)
    if args.json:
        print(json.dumps(d.to_json(), indent=1, default=str))
    else:
        print("\n".join(d.lines(args.old, args.new)))
    return 0 if d.identical else 1


def cmd_bench(args) -> int:
    """Run each benchmark script with its own argv (``ticketcheck bench [--only NAME] [-- ARGS]``:
    ARGS go to the scripts, never ticketcheck's own arguments)."""
    import runpy
    here = Path(__file__).resolve().parent.parent / "benchmarks"
    scripts = sorted(here.glob("bench_*.py"))
    if not scripts:
        raise InputError(f"no benchmark scripts in {here} (they live in the source checkout's "
                         f"benchmarks/ folder)")
    chosen = [s for s in scripts if not args.only or args.only in s.name]
    if not chosen:
        raise InputError(f"no benchmark matches --only {args.only!r}; give a part of one of: "
                         f"{', '.join(s.stem for s in scripts)}")
    failed = []
    saved = sys.argv
    for s in chosen:
        print(f"== {s.name}", flush=True)
        sys.argv = [str(s), *args.script_args]
        try:
            runpy.run_path(str(s), run_name="__main__")
        except SystemExit as e:
            if e.code not in (None, 0):
                failed.append(s.name)
        finally:
            sys.argv = saved
    if failed:
        print(f"ticketcheck: benchmarks that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def cmd_observables(args) -> int:
    """``ticketcheck observables [PREFIX] [--json]``: every observable, its parameters, whether it
    has exact and Monte Carlo implementations, its doc, and its family's conventions."""
    import textwrap
    from ticketcheck.observables import describe
    rows = describe(args.prefix)
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    family = None
    for r in rows:
        if r["module"] != family:
            family = r["module"]
            first = r["conventions"].split("\n\n", 1)[0] if r["conventions"] else ""
            print(f"\n== {r['family']} ({family})" if family else f"\n== {r['family']}")
            if first:
                print(textwrap.indent(textwrap.fill(" ".join(first.split()), 96), "   "))
        how = "+".join(w for w, has in (("exact", r["exact"]), ("montecarlo", r["montecarlo"])) if has)
        print(f"  {r['name']}({', '.join(r['params'])})  [{how}; {r['kind']}]")
        if r["doc"]:
            print(textwrap.indent(textwrap.fill(r["doc"], 94), "      "))
    print(f"{len(rows)} observables (`ticketcheck observables NAME --json` gives the full conventions; "
          f"evaluate one with ticketcheck.observe(name, method=..., **params))", file=sys.stderr)
    return 0


def add_observables_parser(sub) -> None:
    so = sub.add_parser("observables", help="list the observables a check or ticketcheck.observe can use")
    so.add_argument("prefix", nargs="?", default=None,
                    help="only this observable, or this family (e.g. rssp)")
    so.add_argument("--json", action="store_true")
    so.set_defaults(func=cmd_observables)


def add_claims_option(sp_) -> None:
    """``--claims PATH.py`` (repeatable): a plugin file declaring a paper of one's own."""
    sp_.add_argument("--claims", action="append", default=[], metavar="PATH.py",
                     help="also load the paper declared by this plugin file (repeatable; "
                          "docs/declaring-claims.md)")


def load_claims(args) -> None:
    """Import the plugin files given with ``--claims`` (a bad one: one line, exit 2)."""
    if getattr(args, "claims", None):
        from ticketcheck.bounds.plugins import load_files
        load_files(args.claims)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ticketcheck", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", parser_class=_Parser)

    def common(sp_):
        sp_.add_argument("--trials", type=_arg(user_options.trials), default=None,
                         help="Monte Carlo trials per point (an integer; 1e6 works)")
        sp_.add_argument("--seed", type=_arg(user_options.seed), default=None,
                         help="Monte Carlo seed (0 <= seed < 2^63)")
        sp_.add_argument("--budget", type=_arg(user_options.budget), default=None,
                         help="seconds an exact point may take before Monte Carlo is used")

    def cluster(sp_):
        g = sp_.add_argument_group("on a Dask cluster (pip install 'ticketcheck[dask]'; README: "
                                   "Beyond one machine)")
        where = g.add_mutually_exclusive_group()
        where.add_argument("--scheduler", default=None, metavar="ADDRESS",
                           help="run the tasks on the cluster of this `dask scheduler` "
                                "(tcp://host:8786, or tls://... with Dask's TLS configuration)")
        where.add_argument("--dask", type=_arg(user_options.workers), default=None, metavar="N",
                           help="run the tasks on a local Dask cluster of N worker processes "
                                "(127.0.0.1 only)")
        g.add_argument("--trials-per-task", type=_arg(user_options.trials), default=None,
                       metavar="N", help="longest Monte Carlo chunk of one task (default 1e7)")

    sl = sub.add_parser("list", help="list registered claims")
    sl.add_argument("--json", action="store_true")
    sl.add_argument("--paper", default=None)
    add_claims_option(sl)
    sl.set_defaults(func=cmd_list)

    sc = sub.add_parser("check", help="check one claim on its grid")
    sc.add_argument("claim_id")
    sc.add_argument("--grid", default=None, help="e.g. 'M=1..4;t=1..30;Delta=0'")
    sc.add_argument("--check", default=None, help="run only this check of the claim")
    sc.add_argument("--json", action="store_true")
    sc.add_argument("--quick", action="store_true", help="use the claim's small quick grid")
    sc.add_argument("-v", "--verbose", action="store_true", help="show the out-of-scope rows too")
    add_claims_option(sc)
    common(sc)
    cluster(sc)
    sc.set_defaults(func=cmd_check)

    sr = sub.add_parser("review", help="check every claim and write the reports")
    sr.add_argument("--paper", default=None)
    sr.add_argument("--out", default="results")
    sr.add_argument("--quick", action="store_true", help="small grids, finishes within a minute")
    sr.add_argument("--no-cache", action="store_true", help="recompute cached results")
    sr.add_argument("--jobs", type=_arg(user_options.jobs), default=user_options.jobs(0), metavar="N",
                    help="claims checked at the same time (default 0: one per core, at most 2)")
    sr.add_argument("--claim-timeout", type=_arg(user_options.claim_timeout), default=None,
                    metavar="SECONDS", help="stop a claim after this long with the verdict error "
                    "(default 20 with --quick, 240 otherwise; 0 = no limit)")
    sr.add_argument("--no-reports", action="store_true",
                    help="only results.json and the terminal summary (build reports later with "
                         "`ticketcheck report DIR`)")
    add_claims_option(sr)
    common(sr)
    cluster(sr)
    sr.set_defaults(func=cmd_review)

    sp = sub.add_parser("report", help="build the reports (HTML, PDF) of a review's results.json")
    sp.add_argument("dir", help="the review's output directory")
    sp.add_argument("--force", action="store_true", help="render even if the results did not change")
    sp.add_argument("--no-pdf", action="store_true", help="HTML and LaTeX only")
    sp.set_defaults(func=cmd_report)

    sd = sub.add_parser("diff", help="compare two results files claim by claim (timing aside)")
    sd.add_argument("old", help="results.json or a review's directory")
    sd.add_argument("new", help="results.json or a review's directory")
    sd.add_argument("--json", action="store_true")
    sd.set_defaults(func=cmd_diff)

    sb = sub.add_parser("bench", help="run the benchmark scripts (arguments after -- go to them)")
    sb.add_argument("--only", default=None, help="only the scripts whose name contains this")
    sb.add_argument("script_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    sb.set_defaults(func=cmd_bench)
    add_observables_parser(sub)
    return p


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()       # inside: Ctrl-C while it loads is the same one line
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        if getattr(args, "script_args", None) and args.script_args[0] == "--":
            args.script_args = args.script_args[1:]
        load_claims(args)
        return args.func(args)
    except TicketcheckError as e:
        print(f"ticketcheck: error: {' '.join(str(e).split())}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\nticketcheck: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug, not bad input: one line, the traceback on request
        if is_interrupt(e):  # Ctrl-C inside a numba kernel (SystemError with the interrupt)
            print("\nticketcheck: interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED
        if os.environ.get("TICKETCHECK_DEBUG"):
            raise
        where = getattr(e, "__traceback__", None)
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        loc = (f" at {os.path.basename(where.tb_frame.f_code.co_filename)}:{where.tb_lineno}"
               if where is not None else "")
        msg = " ".join(str(e).split())[:300]
        print(f"ticketcheck: internal error: {type(e).__name__}: {msg}{loc}; this is a bug, please "
              f"report it (TICKETCHECK_DEBUG=1 shows the traceback)", file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
