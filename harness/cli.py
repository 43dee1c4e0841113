"""Command line: ``ticketcheck list | check ID | review | bench | observables``.

Every user error is one line on stderr (``ticketcheck: error: ...``) with exit status 2; Ctrl-C
during ``review`` keeps every finished claim in ``results.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from ticketcheck.errors import TicketcheckError
from ticketcheck.harness.terminal import print_claim_result  # noqa: F401  (public)
from ticketcheck.verdicts import MARK

VERDICT_MARK = MARK


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2
        raise TicketcheckError(f"{message} (see `ticketcheck {self.prog.split()[-1]} --help`)"
                               if " " in self.prog else f"{message} (see `ticketcheck --help`)")


def _progress(enabled: bool):
    if not enabled:
        return None
    last = [0.0]

    def show(msg: str):
        now = time.monotonic()
        if now - last[0] > 0.5:
            last[0] = now
            sys.stderr.write("\r\033[K" + msg[:150])
            sys.stderr.flush()
    return show


def _clear_progress(enabled: bool):
    if enabled:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def _options(args):
    from ticketcheck.harness.runner import RunOptions
    if args.trials is not None and args.trials <= 0:
        raise TicketcheckError("--trials must be a positive integer")
    if args.budget is not None and args.budget <= 0:
        raise TicketcheckError("--budget must be positive (seconds per exact point)")
    opts = RunOptions()
    for name in ("trials", "seed", "budget"):
        v = getattr(args, name, None)
        if v is not None:
            setattr(opts, name, v)
    opts.quick = getattr(args, "quick", False)
    opts.grid = getattr(args, "grid", None)
    opts.check = getattr(args, "check", None)
    return opts


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
    opts.progress = _progress(tty)
    res = run_claim(claim, opts)
    _clear_progress(tty)
    if args.json:
        print(json.dumps(res, indent=1, default=str))
    else:
        print_claim_result(res)
        if res["status"] == "recorded":
            print("  (REC: recorded, not testable; see `ticketcheck list`)")
    return 0


def cmd_review(args) -> int:
    from ticketcheck.harness.review import review
    opts = _options(args)
    if args.claim_timeout is not None and args.claim_timeout < 0:
        raise TicketcheckError("--claim-timeout must be >= 0 seconds (0 = no limit)")
    if args.jobs < 0:
        raise TicketcheckError("--jobs must be >= 1 (0 = one per core, at most 2)")
    jobs = args.jobs or min(2, os.cpu_count() or 1)
    return review(paper=args.paper, out=Path(args.out), opts=opts, use_cache=not args.no_cache,
                  write_reports=not args.no_reports, claim_timeout=args.claim_timeout, jobs=jobs)


def cmd_bench(args) -> int:
    import runpy
    here = Path(__file__).resolve().parent.parent / "benchmarks"
    scripts = sorted(here.glob("bench_*.py"))
    if not scripts:
        raise TicketcheckError("no benchmark scripts found in benchmarks/")
    for s in scripts:
        if args.only and args.only not in s.name:
            continue
        print(f"== {s.name}", flush=True)
        runpy.run_path(str(s), run_name="__main__")
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
        sp_.add_argument("--trials", type=int, default=None, help="Monte Carlo trials per point")
        sp_.add_argument("--seed", type=int, default=None, help="Monte Carlo seed")
        sp_.add_argument("--budget", type=float, default=None,
                         help="seconds an exact point may take before Monte Carlo is used")

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
    add_claims_option(sc)
    common(sc)
    sc.set_defaults(func=cmd_check)

    sr = sub.add_parser("review", help="check every claim and write the reports")
    sr.add_argument("--paper", default=None)
    sr.add_argument("--out", default="results")
    sr.add_argument("--quick", action="store_true", help="small grids, finishes within a minute")
    sr.add_argument("--no-cache", action="store_true", help="recompute cached results")
    sr.add_argument("--jobs", type=int, default=0, metavar="N",
                    help="claims checked at the same time (default: one per core, at most 2)")
    sr.add_argument("--claim-timeout", type=float, default=None, metavar="SECONDS",
                    help="stop a claim after this long with the verdict error "
                         "(default 20 with --quick, 240 otherwise; 0 = no limit)")
    sr.add_argument("--no-reports", action="store_true",
                    help="only results.json and the terminal summary (build reports later with "
                         "`python -m reports DIR`)")
    add_claims_option(sr)
    common(sr)
    sr.set_defaults(func=cmd_review)

    sb = sub.add_parser("bench", help="run the benchmark scripts")
    sb.add_argument("--only", default=None)
    sb.set_defaults(func=cmd_bench)
    add_observables_parser(sub)
    return p


def main(argv=None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        load_claims(args)
        return args.func(args)
    except TicketcheckError as e:
        print(f"ticketcheck: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nticketcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug, not bad input: one line, the traceback on request
        if os.environ.get("TICKETCHECK_DEBUG"):
            raise
        where = getattr(e, "__traceback__", None)
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        loc = (f" at {os.path.basename(where.tb_frame.f_code.co_filename)}:{where.tb_lineno}"
               if where is not None else "")
        print(f"ticketcheck: internal error: {type(e).__name__}: {e}{loc}; this is a bug, please "
              f"report it (TICKETCHECK_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
