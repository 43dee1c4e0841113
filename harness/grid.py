"""Parameter grids: cartesian products of value lists, and the ``--grid`` mini-language.

``--grid "M=1..4;t=1..30:2;Delta=0,1;beta=1/16;log_base=ln,log2"``: ``;`` separates parameters,
``a..b`` is an inclusive integer range (``a..b:s`` with step s), ``,`` lists values, ``p/q`` is an
exact rational, decimals are parsed as exact rationals too.
"""
from __future__ import annotations

import itertools
import re
from fractions import Fraction
from typing import Any, Iterable, Mapping

import sympy as sp

from ticketcheck.errors import InputError

MAX_POINTS = 200_000


def _value(tok: str):
    tok = tok.strip()
    if len(tok) >= 2 and tok[0] == tok[-1] == '"':
        return tok[1:-1]
    if not tok:
        raise InputError("empty value in --grid; write e.g. --grid 'M=1..4;t=10'")
    low = tok.lower()
    if low in ("ln", "e"):  # log bases as the claims' grids hold them (bounds.symbols.LOG)
        return sp.E
    if low == "log2":
        return sp.Integer(2)
    try:
        if "/" in tok:
            return Fraction(tok)
        if any(c in tok for c in ".eE"):
            return Fraction(tok)
        return int(tok)
    except (ValueError, ZeroDivisionError):
        # a name (choice values such as "C'L2", "2-3-1" or "v<=M+1_or_t=tau1" come back in replay
        # commands); a lone number shape that did not parse (1.2.3, 1e) is a typo
        if not re.fullmatch(r"[+-]?[0-9.]+(/[0-9.]*)?([eE][+-]?[0-9.]*)?", tok):
            return tok
        raise InputError(f"cannot read value {tok!r} in --grid; use integers, p/q, decimals, "
                         f"ranges a..b or names") from None


def _split(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside double quotes (a name holding ``,`` or ``;`` is written "a,b")."""
    out, cur, quoted = [], [], False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    if quoted:
        raise InputError(f"unbalanced double quote in --grid {text!r}; close it (a name holding , or ; "
                         f"is written \"a,b\")")
    out.append("".join(cur))
    return out


def parse_grid(text: str) -> dict[str, list]:
    """Parse the ``--grid`` mini-language into ``{name: [values]}``."""
    out: dict[str, list] = {}
    parts = [p for p in _split(text.replace("\n", ";"), ";") if p.strip()]
    if not parts:
        raise InputError("empty --grid; write e.g. --grid 'M=1..4;t=10'")
    for part in parts:
        if "=" not in part:
            raise InputError(f"malformed --grid part {part.strip()!r}: expected name=values, "
                             f"e.g. 'M=1..4'")
        name, vals = (s.strip() for s in part.split("=", 1))
        if not name.isidentifier():
            raise InputError(f"malformed --grid parameter name {name!r}; write name=values, e.g. 'M=1..4'")
        if name in out:
            raise InputError(f"--grid gives {name} twice; list its values once, e.g. '{name}=1,2'")
        values: list = []
        for item in _split(vals, ","):
            item = item.strip()
            if ".." in item:
                rng, _, step = item.partition(":")
                a, _, b = rng.partition("..")
                try:
                    a_i, b_i, s_i = int(a), int(b), int(step) if step else 1
                except ValueError:
                    raise InputError(f"malformed range {item!r} in --grid: use integers a..b "
                                     f"or a..b:step") from None
                if s_i <= 0 or b_i < a_i:
                    raise InputError(f"empty range {item!r} in --grid; write a..b with a <= b "
                                     f"(a..b:s with a step s > 0)")
                if (b_i - a_i) // s_i + 1 > MAX_POINTS:
                    raise InputError(f"range {item!r} in --grid has too many points (max {MAX_POINTS}); "
                                     f"narrow it or give a step (a..b:s)")
                values.extend(range(a_i, b_i + 1, s_i))
            else:
                values.append(_value(item))
        out[name] = values
    return out


def expand(grid: Mapping[str, Iterable[Any]] | Any) -> list[dict]:
    """Cartesian product of a ``{name: values}`` grid, or the points of a callable grid."""
    if callable(grid):
        return [dict(p) for p in grid()]
    names = list(grid)
    lists = [list(grid[k]) if isinstance(grid[k], (list, tuple, range)) else [grid[k]]
             for k in names]
    total = 1
    for v in lists:
        total *= max(1, len(v))
    if total > MAX_POINTS:
        raise InputError(f"grid has {total} points (max {MAX_POINTS}); narrow it with --grid")
    return [dict(zip(names, combo)) for combo in itertools.product(*lists)]


def override(points: list[dict], grid_text: str | None, defaults: Mapping | None = None) -> list[dict]:
    """Replace the default points by the user's grid, keeping default values of unnamed params."""
    if not grid_text:
        return points
    user = parse_grid(grid_text)
    base = dict(points[0]) if points else {}
    if defaults:
        base.update(defaults)
    known = set(base).union(*points) if points else set(base)  # points may differ in their keys
    unknown = [k for k in user if known and k not in known]
    if unknown:
        raise InputError(f"unknown grid parameter(s) {', '.join(unknown)} for this check; "
                         f"its parameters are: {', '.join(sorted(known))}")
    fixed = {k: [v] for k, v in base.items() if k not in user}
    return expand({**fixed, **user})


def fmt_value(v) -> str:
    if isinstance(v, Fraction):
        return str(v) if v.denominator != 1 else str(v.numerator)
    if isinstance(v, sp.Basic) and v == sp.E:
        return "ln"  # parse_grid reads it back as E
    s = str(v)
    if isinstance(v, str) and (any(c in s for c in ",;") or s != s.strip()) and '"' not in s:
        return f'"{s}"'  # read back as one name by parse_grid
    return s


def grid_text(params: Mapping[str, Any]) -> str:
    return ";".join(f"{k}={fmt_value(v)}" for k, v in params.items())
