"""Branch and bound: certify ``f >= 0`` (or ``f > 0``) on a box, with arb ball arithmetic.

On each box, in order:

1. the natural interval extension of ``f`` (``compile.compile_expr``): lower end > 0 certifies;
2. a *point* box (all ranges degenerate, e.g. an enumerated integer point or a face reached by
   monotonicity) is decided at rising precision; a ball containing 0 is tested for an exact zero
   with sympy (``f == 0`` exactly: a *touching* point, fine for ``<=``, a counterexample for ``<``);
3. **monotonicity**: if ``df/dx_i`` has a fixed sign on the box (decided by interval evaluation, or
   recursively by this same procedure applied to ``df/dx_i`` — a Taylor argument of order up to
   ``max_depth``), the minimum of ``f`` lies on the face ``x_i = lo`` (or ``hi``) and the box is
   replaced by that face. This is what certifies tight end points such as ``exp(x) >= 1 + x`` at
   ``x = 0`` (``f(0) = 0``, ``f' = e^x - 1 >= 0`` because ``f'(0) = 0`` and ``f'' > 0``);
4. the mean-value form ``f(c) + sum_i f_i(B) (B_i - c_i)`` (quadratic convergence on small boxes).

A point with ``f < 0`` that satisfies the constraints and the integrality of integer variables is
a counterexample. Boxes that stay undecided at ``min_width`` or when the budget is spent are
reported as the undecided part. Derivative arguments are disabled for expressions with
floor/ceiling/Min/Max/Abs (not differentiable); for them only steps 1, 2 and splitting are used.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp
from flint import arb, ctx

from ticketcheck.harness.certify.boxes import Box, point_balls
from ticketcheck.harness.certify.compile import compile_expr, has_rounding
from ticketcheck.errors import EVALUATION_ERRORS


class Fn:
    """A sympy expression with its compiled ball evaluator and lazily compiled partial derivatives."""

    def __init__(self, expr, names, smooth: bool | None = None):
        self.expr = sp.sympify(expr)
        self.names = list(names)
        self.f = compile_expr(self.expr, self.names)
        self.smooth = (not has_rounding(self.expr)) if smooth is None else smooth
        self._d: dict[str, "Fn"] = {}
        self._free = {s.name for s in self.expr.free_symbols}

    def depends_on(self, name: str) -> bool:
        return name in self._free

    def d(self, name: str) -> "Fn":
        if name not in self._d:
            sym = next((s for s in self.expr.free_symbols if s.name == name), sp.Symbol(name))
            self._d[name] = Fn(sp.diff(self.expr, sym), self.names, self.smooth)
        return self._d[name]

    def neg(self) -> "Fn":
        if not hasattr(self, "_negfn"):
            self._negfn = Fn(-self.expr, self.names, self.smooth)
        return self._negfn

    def __call__(self, env) -> arb:
        try:
            v = self.f(env)
        except (ZeroDivisionError, ValueError, OverflowError):
            return arb.nan()
        return v


@dataclass
class Sign:
    ok: bool | None            # True: f >= 0 on the box; False: f < 0 at `point`; None: undecided
    strict: bool = False       # f > 0 on the box except at `touches`
    touches: list = field(default_factory=list)   # exact points with f == 0
    point: dict | None = None  # a point with f < 0 (when ok is False)
    how: str = ""


def _lower_pos(v: arb) -> bool:
    return v.is_finite() and v > 0


def _nonneg(v: arb) -> bool:
    return v.is_finite() and v >= 0


def _neg(v: arb) -> bool:
    return v.is_finite() and v < 0


class Engine:
    def __init__(self, fn: Fn, ints=(), max_depth: int = 3, prec: int = 128):
        self.fn = fn
        self.ints = set(ints)
        self.max_depth = max_depth
        self.prec = prec
        self.evals = 0
        self.monotone_steps = 0
        self.exact_zero_checks = 0

    # ---------------------------------------------------------------- points
    def point_sign(self, fn: Fn, values: dict[str, Fraction]) -> Sign:
        env = point_balls(values)
        old = ctx.prec
        try:
            for prec in (self.prec, 256, 1024):
                ctx.prec = prec
                v = fn(env)
                self.evals += 1
                if not v.is_finite():
                    continue
                if v > 0:
                    return Sign(True, True, how="point")
                if v < 0:
                    return Sign(False, point=dict(values), how="point")
            if v.is_finite() and v.contains(0) and self.exact_zero(fn, values):
                return Sign(True, False, touches=[dict(values)], how="exact zero")
            return Sign(None, how="point undecided")
        finally:
            ctx.prec = old

    def exact_zero(self, fn: Fn, values: dict[str, Fraction]) -> bool:
        self.exact_zero_checks += 1
        subs = {s: sp.Rational(values[s.name].numerator, values[s.name].denominator)
                for s in fn.expr.free_symbols}
        try:
            val = fn.expr.xreplace(subs)
            if val == 0:
                return True
            return bool(sp.simplify(val) == 0)
        except EVALUATION_ERRORS:  # pragma: no cover - sympy failure means "not proven zero"
            return False

    # ---------------------------------------------------------------- boxes
    def sign(self, fn: Fn, box: Box, depth: int = 0) -> Sign:
        """Is ``fn >= 0`` on ``box``? (see module doc)."""
        if box.is_point():
            return self.point_sign(fn, {k: lo for k, lo, _ in box.ranges})
        env = box.balls()
        v = fn(env)
        self.evals += 1
        if _lower_pos(v):
            return Sign(True, True, how="interval")
        if _nonneg(v):
            return Sign(True, False, how="interval")
        if not fn.smooth:
            return Sign(None)
        # monotonicity / Taylor: reduce to faces
        face = {}
        strict_dirs = True
        for k, lo, hi in box.ranges:
            if lo == hi or not fn.depends_on(k):
                if lo != hi:
                    face[k] = lo  # f does not depend on k: any value
                continue
            d = fn.d(k)
            g = d(env)
            self.evals += 1
            if _nonneg(g):
                face[k] = lo
                strict_dirs &= bool(g > 0)
            elif g.is_finite() and g <= 0:
                face[k] = hi
                strict_dirs &= bool(g < 0)
            elif depth + 1 < self.max_depth:
                s = self.sign(d, box, depth + 1)
                if s.ok:
                    face[k] = lo
                    strict_dirs &= s.strict
                    continue
                s = self.sign(d.neg(), box, depth + 1)
                if s.ok:
                    face[k] = hi
                    strict_dirs &= s.strict
        if face:
            self.monotone_steps += 1
            sub = box.point(face)
            s = self.sign(fn, sub, depth)
            if s.ok:
                strict = s.strict and (strict_dirs or not s.touches)
                return Sign(True, strict, s.touches, how="monotone")
            if s.ok is False:
                return s
        # mean-value form
        c = box.center()
        cv = fn(point_balls(c))
        acc = cv
        for k, lo, hi in box.ranges:
            if lo == hi or not fn.depends_on(k):
                continue
            g = fn.d(k)(env)
            acc = acc + g * (env[k] - arb(0) - _frac(c[k]))
        self.evals += 1
        if _lower_pos(acc):
            return Sign(True, True, how="mean value")
        return Sign(None)


def _frac(q: Fraction) -> arb:
    from ticketcheck.harness.certify.compile import frac_arb
    return frac_arb(q)


# -------------------------------------------------------------------- constraints

@dataclass
class Constraint:
    fn: Fn
    strict: bool
    text: str

    def status(self, box: Box) -> str:
        """'in' (holds on the whole box), 'out' (fails on the whole box) or 'partial'."""
        v = self.fn(box.balls())
        if not v.is_finite():
            return "partial"
        if (v > 0) or (not self.strict and v >= 0):
            return "in"
        if (v < 0) or (self.strict and v <= 0):
            return "out"
        return "partial"

    def holds_at(self, values: dict[str, Fraction], engine: Engine) -> bool | None:
        s = engine.point_sign(self.fn, values)
        if s.ok is False:
            return False
        if s.ok and (s.strict or not self.strict):
            return True
        if s.ok and self.strict:  # exactly zero on a strict constraint
            return False
        return None


def constraint_from_relational(rel, names) -> Constraint:
    rel = sp.sympify(rel)
    if isinstance(rel, (sp.GreaterThan, sp.StrictGreaterThan)):
        g = rel.lhs - rel.rhs
    elif isinstance(rel, (sp.LessThan, sp.StrictLessThan)):
        g = rel.rhs - rel.lhs
    else:
        raise ValueError(f"constraint must be an inequality, got {rel}")
    strict = isinstance(rel, (sp.StrictGreaterThan, sp.StrictLessThan))
    return Constraint(Fn(g, names), strict, str(rel))


# -------------------------------------------------------------------- driver

@dataclass
class BBResult:
    certified: list[Box] = field(default_factory=list)
    undecided: list[Box] = field(default_factory=list)
    outside: int = 0
    touches: list[dict] = field(default_factory=list)
    counterexample: dict | None = None
    boxes: int = 0
    max_depth: int = 0
    min_margin: Any = None
    budget_hit: bool = False
    seconds: float = 0.0
    stats: dict = field(default_factory=dict)


def branch_and_bound(fn: Fn, box: Box, *, ints=(), strict: bool = False, constraints=(),
                     open_ends: dict | None = None, min_width: Fraction = Fraction(1, 2 ** 40),
                     max_boxes: int = 20000, time_limit: float = 20.0, max_depth: int = 3,
                     prec: int = 128, scale=None) -> BBResult:
    """Certify ``fn >= 0`` (``> 0`` if ``strict``) on ``box`` intersected with ``constraints``."""
    t0 = time.perf_counter()
    ints = set(ints)
    open_ends = open_ends or {}
    eng = Engine(fn, ints, max_depth=max_depth, prec=prec)
    res = BBResult()
    box = _freeze_irrelevant(fn, box, ints, constraints, open_ends)
    stack: list[tuple[Box, int]] = [(box, 0)]
    old = ctx.prec
    ctx.prec = prec
    try:
        while stack:
            if res.boxes >= max_boxes or time.perf_counter() - t0 > time_limit:
                res.budget_hit = True
                res.undecided.extend(b for b, _ in stack)
                break
            b, depth = stack.pop()
            res.boxes += 1
            res.max_depth = max(res.max_depth, depth)
            statuses = [c.status(b) for c in constraints]
            if "out" in statuses:
                res.outside += 1
                continue
            s = eng.sign(fn, b)
            if s.ok:
                bad = _touch_violations(s, strict, box, open_ends, constraints, eng)
                if bad is not None:
                    res.counterexample = bad
                    break
                if strict and not s.strict and not s.touches:
                    s = Sign(None)
                else:
                    res.certified.append(b)
                    res.touches.extend(t for t in s.touches if t not in res.touches)
                    _margin(res, fn, b)
                    continue
            if s.ok is False and s.point is not None:
                if _feasible(s.point, box, open_ends, constraints, eng, ints):
                    res.counterexample = s.point
                    break
            # probe the centre (and its integer roundings) for a counterexample
            ce = _probe(fn, b, ints, box, open_ends, constraints, eng, strict)
            if ce is not None:
                res.counterexample = ce
                break
            if _small(b, ints, min_width):
                res.undecided.append(b)
                continue
            for h in reversed(b.split(ints, scale)):
                stack.append((h, depth + 1))
    finally:
        ctx.prec = old
    res.seconds = time.perf_counter() - t0
    res.stats = {"evaluations": eng.evals, "monotone_reductions": eng.monotone_steps,
                 "exact_zero_checks": eng.exact_zero_checks}
    return res


def _freeze_irrelevant(fn: Fn, box: Box, ints, constraints, open_ends) -> Box:
    """Fix every variable that neither ``fn`` nor a constraint depends on to one admissible value, so
    that the search never splits along it (e.g. the factor ``1/y`` certified on a box in (x, y, c))."""
    fixed = {}
    for k, lo, hi in box.ranges:
        if hi == lo or fn.depends_on(k) or any(c.fn.depends_on(k) for c in constraints):
            continue
        ends = open_ends.get(k, "")
        v = lo if ends not in ("lo", "both") else (hi if ends != "both" else (lo + hi) / 2)
        if k in ints and Fraction(v).denominator != 1:
            v = Fraction(math.ceil(v))
        fixed[k] = v
    return box.point(fixed) if fixed else box


def _small(b: Box, ints, min_width) -> bool:
    for k, lo, hi in b.ranges:
        if k in ints:
            if hi > lo:
                return False
        elif hi - lo > min_width:
            return False
    return True


def _margin(res: BBResult, fn: Fn, b: Box) -> None:
    v = fn(b.balls())
    if v.is_finite():
        lo = v.lower()
        if res.min_margin is None or lo < res.min_margin:
            res.min_margin = lo


def _feasible(p: dict, dom: Box, open_ends, constraints, eng, ints) -> bool:
    for k, lo, hi in dom.ranges:
        v = p[k]
        if k in ints and Fraction(v).denominator != 1:
            return False
        if v < lo or v > hi:
            return False
        ends = open_ends.get(k, "")
        if (v == lo and ends in ("lo", "both")) or (v == hi and ends in ("hi", "both")):
            return False
    for c in constraints:
        if c.holds_at(p, eng) is not True:
            return False
    return True


def _touch_violations(s: Sign, strict, dom, open_ends, constraints, eng) -> dict | None:
    if not strict:
        return None
    for t in s.touches:
        if _feasible(t, dom, open_ends, constraints, eng, eng.ints):
            return t
    return None


def _probe(fn: Fn, b: Box, ints, dom, open_ends, constraints, eng: Engine, strict) -> dict | None:
    c = b.center(ints)
    cands = [c]
    for k in ints:
        lo, hi = b.as_dict()[k]
        if hi > lo:
            cands.append({**c, k: lo})
            cands.append({**c, k: hi})
    for p in cands:
        s = eng.point_sign(fn, p)
        bad = (s.ok is False) or (strict and s.ok and not s.strict and s.touches)
        if bad and _feasible(p, dom, open_ends, constraints, eng, ints):
            return p
    return None
