"""Where a bound that is vacuous on the whole tested grid starts to say something.

For a probability bound that is vacuous at every tested point (a lower bound <= 0, an upper bound
>= 1), one integer parameter is pushed beyond the largest tested value (doubling, then bisection),
from the tested point closest to informative, until the bound says something at a point where the
check's hypothesis and the observable's own domain hold; the parameter needing the smallest relative
push wins. Computed during the review and stored with the check (``informative_from``): the report
only shows it.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from ticketcheck.arb_eval import evaluate
from ticketcheck.errors import TicketcheckError
from ticketcheck.harness.context import eval_exact, eval_hypothesis
from ticketcheck.numbers import compare

__all__ = ["informative_from"]


def informative_from(check, obs, bound_expr, points: list[Mapping[str, Any]],
                     records: list[dict]) -> dict | None:
    """``{"param", "value", "params"}`` of the first informative point beyond the grid, or None.

    ``points`` are the grid points (exact values) of the check, ``records`` their results (same
    order). Only called when every in-scope point is vacuous."""
    if check.relation not in (">=", ">", "<=", "<"):
        return None
    lower = check.relation in (">=", ">")
    vac = [(p, r) for p, r in zip(points, records) if r.get("verdict") == "vacuous"]
    if not vac:
        return None

    def informative(params) -> bool | None:
        try:
            args = {name: eval_exact(check.args[name], params) if name in check.args else params.get(name)
                    for name in obs.params}
            obs.check_args(args)
            if not eval_hypothesis(check.hypothesis, params):
                return False
            val = evaluate(bound_expr, params)
        except (TicketcheckError, ArithmeticError, KeyError, TypeError, ValueError):
            return None
        return compare(val, 0, ">") is True if lower else compare(val, 1, "<") is True

    def closeness(item):
        b = item[1].get("bound")
        if b is None:
            return float("-inf")
        return b if lower else -b

    start = dict(max(vac, key=closeness)[0])
    ints = [k for k, v in start.items() if isinstance(v, int) and not isinstance(v, bool) and v > 0]
    tested_max = {k: max((p[k] for p in points if isinstance(p.get(k), int)), default=start[k]) for k in ints}
    best = None
    for k in ints:
        lo = hi = tested_max[k]
        found = False
        for _ in range(64):
            hi *= 2
            got = informative({**start, k: hi})
            if got is None:
                break
            if got:
                found = True
                break
        if not found:
            continue
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if informative({**start, k: mid}):
                hi = mid
            else:
                lo = mid
        push = Fraction(hi, max(tested_max[k], 1))
        if best is None or push < best[0]:
            best = (push, {"param": k, "value": hi, "params": {**start, k: hi}})
    return best[1] if best else None
