"""Regression-test API: put a claim in your own pytest suite.

Two uses (see ``examples/test_user_claims.py``, run by CI)::

    from ticketcheck.harness.testing import assert_claim_holds, user_claim

    # 1. an existing claim of the catalogue, on its quick grid or a grid of your own
    def test_lemma4_small():
        assert_claim_holds("unified.lemma4", grid="M=1..2;t=1..20", trials=2000)

    # 2. your own bound: a sympy expression over a registered observable, with its grid.
    #    Define it at module level so that the replay command can find it again.
    M, n = sympy.symbols("M n", positive=True, integer=True)
    MY_CLAIM = user_claim("mine.one_sample_hits", observable="rssp.single_target",
                          bound=1 - (1 - 1 / (2 * M + 1)) ** n, relation=">=",
                          grid={"M": [2, 3], "n": range(1, 8), "delta": [0], "z": [1]})

    def test_my_bound():
        assert_claim_holds(MY_CLAIM)

A failing claim raises :class:`ClaimFailed` (an ``AssertionError``) whose message gives the verdict,
the smallest counterexample (parameters, true value, bound, slack) and the command that replays it:
``ticketcheck check ID ...`` for a catalogue claim, ``python -m ticketcheck.harness.testing FILE ID --grid ...``
for a user claim (the file is imported and the claim found by id). ``assert_claim_holds`` returns
the harness's result dict (the same fields as ``results.json``) when the claim holds.

The pytest plugin (``harness.pytest_plugin``, registered as the ``ticketcheck`` entry point of
``pytest11``) adds ``--ticketcheck-trials`` / ``--ticketcheck-seed`` / ``--ticketcheck-full``, the
``ticketcheck`` fixture (``ticketcheck.assert_holds(...)`` with those options applied) and the
``@pytest.mark.ticketcheck_claim("ID", grid=...)`` marker that turns a test into a claim check.
"""
from __future__ import annotations

import inspect
import os
from fractions import Fraction
import shlex
import sys
from pathlib import Path
from typing import Any, Iterable, Mapping

import sympy as sp
from sympy.parsing.sympy_parser import TokenError

from ticketcheck.bounds.claim import BoundCheck, Claim, EmpiricalConstant, Falsifier
from ticketcheck.errors import InputError
from ticketcheck.verdicts import EXIT_STATUS, HOLDS, MEASURED, OUT_OF_SCOPE, RECORDED, VACUOUS

__all__ = ["assert_claim_holds", "check_claim", "user_claim", "ClaimFailed", "USER_CLAIMS",
           "DEFAULTS"]

#: Claims made with :func:`user_claim`, by id, with the file that defines them.
USER_CLAIMS: dict[str, tuple[Claim, str | None]] = {}

#: Defaults that the pytest plugin's command-line options override.
DEFAULTS: dict[str, Any] = {"trials": 2000, "seed": 12345, "budget": 2.0, "quick": True}

#: verdicts with which ``assert_claim_holds`` passes (not ``out_of_scope``: nothing was tested)
OK_VERDICTS = (HOLDS, VACUOUS, MEASURED, RECORDED)


class ClaimFailed(AssertionError):
    """A claim did not hold; ``.result`` is the harness's result dict."""

    def __init__(self, message: str, result: dict):
        super().__init__(message)
        self.result = result


def user_claim(id: str, observable: str, bound, relation: str = ">=",
               grid: Mapping[str, Iterable] | None = None, *, hypothesis=True,
               args: Mapping[str, Any] | None = None, kind: str = "probability",
               constants: Mapping | None = None, empirical: Iterable[EmpiricalConstant] = (),
               falsifiers: Iterable[Falsifier] | None = None,
               title: str = "", statement: str = "", source: str = "user test") -> Claim:
    """A claim ``observable(args) RELATION bound`` on ``grid`` written in your own test file.

    A claim is judged only if it could have failed: its falsifiers (default: the relation tightened,
    and each constant in ``constants`` halved and doubled) are run on the grid, and a claim none of
    whose falsifiers fires is ``measured``, not ``holds``. Write the bound's constants as symbols
    with values in ``constants=`` (``bound=1 - exp(-c*n)``, ``constants={c: 1}``) so that a scaled
    constant can show the check has teeth, or pass your own ``falsifiers=``.

    ``bound`` is a sympy expression (or a string sympy can parse) in the grid parameters;
    ``observable`` is a name registered in ``harness.observables`` (``rssp.single_target``,
    ``rssp.tau_event``, ``rfss.single_target``, ...: see ``harness.observables.all_observables()``);
    ``grid`` maps each parameter to its values (lists/ranges; Fractions for rationals).
    """
    from ticketcheck import observables
    obs = observables.get(observable)  # InputError listing the known names if unknown
    if relation not in (">=", ">", "<=", "<", "=="):
        raise InputError(f"relation must be one of >=, >, <=, <, == (got {relation!r})")
    if not grid or not isinstance(grid, Mapping):
        raise InputError("give the claim a grid, e.g. grid={'M': [2, 3], 'n': range(1, 8)}")
    grid = {k: list(v) if not isinstance(v, (str, bytes)) and hasattr(v, "__iter__") else [v]
            for k, v in grid.items()}
    empty = [k for k, v in grid.items() if not v]
    if empty:
        raise InputError(f"grid parameter {empty[0]} has no values, so nothing would be tested; give "
                         f"at least one (e.g. grid={{..., {empty[0]!r}: [1]}})")
    missing = [p for p in obs.params if p not in grid and p not in (args or {})]
    if missing:
        raise InputError(f"observable {observable} needs {', '.join(missing)}: add them to the grid "
                         f"(e.g. grid={{..., {missing[0]!r}: [0]}})")
    bound = parse_bound(bound)
    if not isinstance(id, str) or "." not in id:
        raise InputError(f"user claim id {id!r} has no dot; give e.g. 'mine.my_bound' (a dot, then a name)")
    known = set(grid) | {str(k) for k in (constants or {})} | {str(ec.symbol) for ec in empirical}
    undefined = sorted(str(s) for s in bound.free_symbols if str(s) not in known)
    if undefined:
        raise InputError(f"bound {bound} uses {', '.join(undefined)}, which is neither a grid parameter "
                         f"nor a constant; add {undefined[0]} to the grid or to constants=")
    claim = Claim(id=id, title=title or id, source=source, statement=statement or
                  f"{observable} {relation} {bound}", methods=("EXACT", "MC"),
                  checks=[BoundCheck(name="user", observable=observable, bound=bound, relation=relation,
                                     grid=grid, args=dict(args or {}), hypothesis=hypothesis, kind=kind,
                                     constants=dict(constants or {}), empirical=tuple(empirical),
                                     falsifiers=tuple(falsifiers) if falsifiers is not None
                                     else (Falsifier.tighten(),))])
    USER_CLAIMS[id] = (claim, _caller_file())
    return claim


def parse_bound(bound):
    """A bound as a sympy expression. A string is parsed with its decimals as exact rationals
    (``"1 - 2e-30"`` is ``1 - 1/5e29``, not a double); an unparsable string or a value that is not a
    real expression (nan, infinity, a complex number) is an :class:`InputError`."""
    if isinstance(bound, str):
        try:
            expr = sp.sympify(bound, rational=True)
        except (sp.SympifyError, SyntaxError, TypeError, ValueError, TokenError) as e:
            raise InputError(f"cannot parse bound {bound!r} ({type(e).__name__}); write it in sympy "
                             f"syntax, e.g. '1 - (1 - 1/(2*M + 1))**n'") from None
    elif isinstance(bound, (int, Fraction)) and not isinstance(bound, bool):
        expr = sp.Rational(bound.numerator, bound.denominator) if isinstance(bound, Fraction) else sp.Integer(bound)
    elif isinstance(bound, float):
        raise InputError(f"bound {bound!r} is a Python float (rounded to double precision); give it as "
                         f"a string ('{bound!r}') or a Fraction so that it is exact")
    else:
        try:
            expr = sp.sympify(bound)
        except (sp.SympifyError, TypeError, ValueError):
            raise InputError(f"bound {bound!r} is not a sympy expression") from None
    if not isinstance(expr, sp.Expr) or isinstance(expr, sp.logic.boolalg.BooleanAtom):
        raise InputError(f"bound {bound!r} is not an expression (give the right-hand side only, the "
                         f"relation goes in relation=)")
    bad = [a for a in (sp.nan, sp.zoo, sp.oo, -sp.oo, sp.I) if expr.has(a)]
    if bad:
        raise InputError(f"bound {bound!r} contains {bad[0]}; give a finite real expression")
    return expr


def _caller_file() -> str | None:
    for fr in inspect.stack()[2:6]:
        fn = fr.filename
        if fn and not fn.startswith("<") and Path(fn).resolve() != Path(__file__).resolve():
            return fn
    return None


def resolve_claim(claim_or_id) -> tuple[Claim, str | None]:
    """The claim (and the file defining it, for a user claim) from an id or a Claim."""
    if isinstance(claim_or_id, Claim):
        file = USER_CLAIMS.get(claim_or_id.id, (None, None))[1]
        return claim_or_id, file
    if isinstance(claim_or_id, str):
        if claim_or_id in USER_CLAIMS:
            return USER_CLAIMS[claim_or_id]
        from ticketcheck.bounds.registry import get_claim
        return get_claim(claim_or_id), None
    raise InputError(f"expected a claim id or a Claim, got {type(claim_or_id).__name__}")


def check_claim(claim_or_id, grid=None, *, check: str | None = None, trials: int | None = None,
                seed: int | None = None, budget: float | None = None, quick: bool | None = None) -> dict:
    """Run a claim through the harness and return its result dict (no assertion)."""
    from ticketcheck.harness.runner import run_claim
    from ticketcheck.harness.user_options import run_options
    claim, _ = resolve_claim(claim_or_id)
    opts = run_options(trials_=DEFAULTS["trials"] if trials is None else trials,
                       seed_=DEFAULTS["seed"] if seed is None else seed,
                       budget_=DEFAULTS["budget"] if budget is None else budget,
                       quick=DEFAULTS["quick"] if quick is None else quick, grid=grid, check=check)
    return run_claim(claim, opts)


def assert_claim_holds(claim_or_id, grid=None, *, check: str | None = None, trials: int | None = None,
                       seed: int | None = None, budget: float | None = None, quick: bool | None = None,
                       allow_inconclusive: bool = False, allow_vacuous: bool = True) -> dict:
    """Fail (``ClaimFailed``) unless the harness's verdict is ``holds`` (or vacuous/out of scope).

    ``grid``: the ``--grid`` mini-language (``"M=1..3;t=5"``) or a dict of value lists overriding the
    claim's grid; default: the claim's ``quick_grid`` (``quick=False`` for the full grid).
    """
    claim, file = resolve_claim(claim_or_id)
    res = check_claim(claim, grid, check=check, trials=trials, seed=seed, budget=budget, quick=quick)
    ok = set(OK_VERDICTS) | ({"inconclusive"} if allow_inconclusive else set())
    if not allow_vacuous:
        ok.discard("vacuous")
    if res["verdict"] not in ok:
        raise ClaimFailed(failure_message(res, file, seed if seed is not None else DEFAULTS["seed"],
                                          trials or DEFAULTS["trials"]), res)
    return res


def _fmt(x) -> str:
    if x is None:
        return "?"
    if isinstance(x, float):
        return f"{x:.6g}"
    return str(x)


def failure_message(res: dict, file: str | None, seed: int, trials: int) -> str:
    lines = [f"{res['id']}: claim {res['verdict'].upper()} ({res.get('source', '')})"]
    if res["verdict"] == OUT_OF_SCOPE:
        lines.append("  no point of the grid satisfies the claim's hypotheses, so nothing was tested; "
                     "choose grid values inside them")
    ce = res.get("counterexample")
    if ce:
        from ticketcheck.harness.grid import grid_text
        params = ce.get("params") or {}
        lines.append("  smallest counterexample: " + (", ".join(f"{k}={v}" for k, v in params.items())
                                                       or "(no parameters)"))
        if ce.get("ci"):
            val = f"{_fmt(ce.get('estimate'))} (Monte Carlo, 99% CI [{_fmt(ce['ci'][0])}, {_fmt(ce['ci'][1])}])"
        else:
            val = f"{ce.get('exact') or _fmt(ce.get('value'))}" + (" (exact)" if ce.get("exact") else "")
        lines.append(f"    true value {val}  vs  bound {ce.get('bound_text') or _fmt(ce.get('bound'))}"
                     f"  (slack {_fmt(ce.get('slack'))})")
        if ce.get("label"):
            lines.append(f"    [{ce['label']}]")
        if ce.get("note"):
            lines.append(f"    {ce['note']}")
        if file:
            lines.append(f"  replay: {replay_user_command(res['id'], file, params, ce.get('check'), seed, trials)}")
        else:
            lines.append(f"  replay: {ce.get('replay') or 'ticketcheck check ' + res['id']}")
    else:
        bad = [(r.get("name"), p) for r in res.get("results", []) for p in r.get("points", [])
               if p.get("verdict") == res["verdict"]][:3]
        for name, p in bad:
            lines.append(f"  [{name}] at {p.get('params')}: value {_fmt(p.get('value'))} vs bound "
                         f"{_fmt(p.get('bound'))}: {p.get('note') or ''}")
            if p.get("replay") and not file:
                lines.append(f"    replay: {p['replay']}")
        for r in res.get("results", []):
            if r.get("verdict") == res["verdict"] and not r.get("points"):
                lines.append(f"  [{r.get('name')}] {r.get('note') or ''} {r.get('replay') or ''}".rstrip())
        if res.get("error"):
            lines.append(f"  error: {res['error']}")
    return "\n".join(lines)


def replay_user_command(cid: str, file: str, params: Mapping, check: str | None, seed: int, trials: int) -> str:
    from ticketcheck.harness.grid import grid_text
    try:
        rel = os.path.relpath(file)
    except ValueError:
        rel = file
    parts = ["python -m ticketcheck.harness.testing", shlex.quote(rel), cid]
    if params:
        parts.append(f"--grid {shlex.quote(grid_text(params))}")
    parts.append(f"--seed {seed} --trials {trials}")
    return " ".join(parts)


def main(argv=None) -> int:
    """``python -m ticketcheck.harness.testing FILE CLAIM_ID [--grid ...] [--seed S] [--trials N]``: import FILE,
    find the user claim CLAIM_ID it defines and print the harness's result for it."""
    import argparse
    import importlib.util
    import json
    ap = argparse.ArgumentParser(prog="python -m ticketcheck.harness.testing")
    ap.add_argument("file")
    ap.add_argument("claim_id")
    ap.add_argument("--grid", default=None)
    ap.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    ap.add_argument("--trials", type=int, default=DEFAULTS["trials"])
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    from ticketcheck.harness import testing as T  # the module the user file imports (not __main__)
    path = Path(a.file)
    if not path.exists():
        print(f"ticketcheck: error: no file {a.file}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(path.resolve().parent))
    spec = importlib.util.spec_from_file_location(f"_ticketcheck_user_{path.stem}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    if a.claim_id not in T.USER_CLAIMS:
        print(f"ticketcheck: error: {a.file} defines no user claim {a.claim_id!r} at module level "
              f"(found: {', '.join(T.USER_CLAIMS) or 'none'})", file=sys.stderr)
        return 2
    from ticketcheck.harness.terminal import print_claim_result
    res = T.check_claim(a.claim_id, a.grid, trials=a.trials, seed=a.seed, quick=False)
    if a.json:
        print(json.dumps(res, indent=1, default=str))
    else:
        print_claim_result(res)
    return EXIT_STATUS.get(res["verdict"], 1)


if __name__ == "__main__":
    sys.exit(main())
