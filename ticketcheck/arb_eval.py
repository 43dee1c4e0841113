"""Rigorous evaluation of sympy bound expressions with python-flint ``arb`` balls.

``evaluate(expr, env)`` substitutes exact parameter values (ints, Fractions, sympy Rationals) and
returns either an exact :class:`fractions.Fraction` (when the expression is rational at that point,
e.g. p_beta = 1/15) or a ``flint.arb`` ball that certainly contains the true value, with a radius
below ``2**-target_bits`` relative whenever the function is well conditioned there. ``floor``/
``ceiling`` are decided exactly: if the ball of their argument straddles an integer the precision is
raised, and an argument that *is* an integer is recognised symbolically. So ``exp(-900)`` and
``1 - 1e-30`` are never rounded into a wrong comparison.

Ball inputs are allowed in ``env`` too (``flint.arb`` values); the certifier uses that to evaluate
an expression over a whole box.
"""
from __future__ import annotations

import functools
from fractions import Fraction
from typing import Any, Mapping

import sympy as sp
from flint import arb, ctx, fmpq

from ticketcheck.errors import UndecidableError

__all__ = ["evaluate", "to_arb", "exactify", "UndecidableError", "fraction_to_arb", "ARB_FUNCTIONS",
           "float_to_fraction"]


def exactify(value: Any):
    """Python/sympy number -> sympy exact number (Fractions and ints become Rationals)."""
    if isinstance(value, bool):
        return sp.Integer(int(value))
    if isinstance(value, int):
        return sp.Integer(value)
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, float):
        return sp.Rational(Fraction(value))  # the float's exact binary value
    if isinstance(value, str):  # decimal literals are exact rationals: "1 - 2e-30" is not 1
        return sp.sympify(value, rational=True)
    if isinstance(value, sp.Float):
        q = float_to_fraction(value)
        return sp.Rational(q.numerator, q.denominator)
    return sp.sympify(value)


def float_to_fraction(x: sp.Float) -> Fraction:
    """The exact binary value of a sympy ``Float`` at its own precision (``Float('1e-400')`` is a
    tiny positive number, not the double 0.0)."""
    sign, man, exp, _bc = x._mpf_
    if not man and exp:  # nan / inf: mpmath codes them with a zero mantissa and nonzero exponent
        raise ValueError(f"{x} is not a finite number")
    q = Fraction(int(man)) * (Fraction(2) ** int(exp))
    return -q if sign else q


def fraction_to_arb(q: Fraction) -> arb:
    return arb(fmpq(q.numerator, q.denominator))


#: sympy function -> its arb ball extension (the one table: the certifier compiles with it too)
ARB_FUNCTIONS = {
    sp.exp: lambda a: a.exp(),
    sp.log: lambda a: a.log(),
    sp.sin: lambda a: a.sin(),
    sp.cos: lambda a: a.cos(),
    sp.erf: lambda a: a.erf(),
    sp.erfc: lambda a: a.erfc(),
    sp.gamma: lambda a: a.gamma(),
    sp.loggamma: lambda a: a.lgamma(),
    sp.Abs: lambda a: abs(a),
    sp.sqrt: lambda a: a.sqrt(),
    sp.atan: lambda a: a.atan(),
    sp.tanh: lambda a: a.tanh(),
}


def _int_of_ball(b: arb, op: str) -> int:
    r = b.floor() if op == "floor" else b.ceil()
    if r.rad() != 0:
        raise UndecidableError(op)
    return int(r.unique_fmpz())


def to_arb(expr: sp.Expr, env: Mapping[sp.Symbol, arb] | None = None) -> arb:
    """Evaluate a sympy expression as an arb ball at the current ``ctx.prec``."""
    env = env or {}
    if expr.is_Symbol:
        if expr in env:
            v = env[expr]
            return v if isinstance(v, arb) else to_arb(exactify(v), None)
        raise KeyError(f"no value for symbol {expr}")
    if expr.is_Integer:
        return arb(int(expr))
    if expr.is_Rational:
        return arb(fmpq(int(expr.p), int(expr.q)))
    if expr.is_Float:  # at the Float's own precision, never through a Python float
        q = float_to_fraction(expr)
        return arb(fmpq(q.numerator, q.denominator))
    if expr is sp.pi:
        return arb.pi()
    if expr is sp.E:
        return arb(1).exp()
    if expr is sp.EulerGamma:
        return arb.const_euler()
    if isinstance(expr, sp.Add):
        acc = arb(0)
        for a in expr.args:
            acc += to_arb(a, env)
        return acc
    if isinstance(expr, sp.Mul):
        acc = arb(1)
        for a in expr.args:
            acc *= to_arb(a, env)
        return acc
    if isinstance(expr, sp.Pow):
        base, e = expr.args
        b = to_arb(base, env)
        if e.is_Integer:
            return b ** int(e)
        if e.is_Rational and e.q == 2:
            return b.sqrt() ** int(e.p)
        ea = to_arb(e, env)
        if e.free_symbols & set(env) == set() and e.is_number and e.is_integer:
            return b ** int(e)
        return (ea * b.log()).exp() if True else b ** ea
    if isinstance(expr, (sp.floor, sp.ceiling)):
        op = "floor" if isinstance(expr, sp.floor) else "ceil"
        arg = expr.args[0]
        a = to_arb(arg, env)
        try:
            return arb(_int_of_ball(a, op))
        except UndecidableError:
            # The argument may be exactly an integer (e.g. log(4)/log(2)); ask sympy.
            closed = arg.subs({s: (v if not isinstance(v, arb) else s) for s, v in env.items()})
            if not closed.free_symbols:
                val = sp.nsimplify(closed) if not closed.is_Rational else closed
                if val.is_Integer and sp.simplify(closed - val) == 0:
                    return arb(int(val))
            raise
    if isinstance(expr, sp.Min):
        vals = [to_arb(a, env) for a in expr.args]
        out = vals[0]
        for v in vals[1:]:
            out = out.min(v) if hasattr(out, "min") else (out if out < v else v)
        return out
    if isinstance(expr, sp.Max):
        vals = [to_arb(a, env) for a in expr.args]
        out = vals[0]
        for v in vals[1:]:
            out = out.max(v) if hasattr(out, "max") else (out if out > v else v)
        return out
    if isinstance(expr, sp.binomial):
        nn, kk = (to_arb(a, env) for a in expr.args)
        return nn.bin(int(kk.unique_fmpz())) if hasattr(nn, "bin") else _binom_arb(nn, kk)
    if isinstance(expr, sp.factorial):
        return (to_arb(expr.args[0], env) + 1).gamma()
    if isinstance(expr, sp.log) and len(expr.args) == 2:
        return to_arb(expr.args[0], env).log() / to_arb(expr.args[1], env).log()
    f = ARB_FUNCTIONS.get(expr.func)
    if f is not None:
        return f(to_arb(expr.args[0], env))
    raise NotImplementedError(f"arb evaluation of {expr.func.__name__} is not supported")


def _binom_arb(nn: arb, kk: arb) -> arb:
    return (nn + 1).gamma() / ((kk + 1).gamma() * (nn - kk + 1).gamma())


def evaluate(expr, env: Mapping[Any, Any] | None = None, *, target_bits: int = 170,
             max_prec: int = 8192):
    """Value of ``expr`` at ``env`` (symbol or name -> value): a Fraction if rational, else an arb.

    The precision is raised until the ball's relative radius is below ``2**-target_bits`` (~50
    decimal digits for the default) or ``max_prec`` is reached; the returned ball is always valid.
    """
    expr = sp.sympify(expr)
    env = dict(env or {})
    by_name = {s.name: s for s in expr.free_symbols}
    senv = {}
    for key, v in env.items():
        sym = by_name.get(key) if isinstance(key, str) else key
        if sym is None:
            continue
        senv[sym] = v
    exact_env = {s: exactify(v) for s, v in senv.items() if not isinstance(v, arb)}
    if len(exact_env) == len(senv) and _exact_is_cheap(expr, exact_env):
        closed = expr.xreplace(exact_env)
        missing = closed.free_symbols
        if missing:
            raise KeyError(f"no value for {sorted(str(s) for s in missing)}")
        if closed.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or closed.has(sp.I):
            from ticketcheck.errors import InputError
            at = ", ".join(f"{k}={v}" for k, v in exact_env.items())
            raise InputError(f"{expr} is not a finite real number at {at or 'this point'} (it evaluates to "
                             f"{closed}: a pole, an infinity or a complex value); restrict the grid or "
                             f"the hypothesis to where it is defined")
        if closed.is_Rational:
            return Fraction(int(closed.p), int(closed.q))
        expr, senv = closed, {}
    prec = 128
    old = ctx.prec
    try:
        while True:
            ctx.prec = prec
            try:
                val = to_arb(expr, senv)
                if val.is_finite() and (val.rad() == 0 or val.mid() == 0 or
                                        _rel_ok(val, target_bits)):
                    return val
            except UndecidableError:
                if prec >= max_prec:
                    raise
            if prec >= max_prec:
                return val
            prec *= 2
    finally:
        ctx.prec = old


#: the largest exponent numerator / denominator sympy is left to evaluate exactly at a point
_EXACT_EXPONENT_MAX = (1 << 14, 64)


@functools.lru_cache(maxsize=1024)
def _symbolic_exponents(expr) -> tuple:
    """The exponents of ``expr``'s powers that depend on a symbol (a bound is evaluated at every
    grid point: its tree is walked once)."""
    return tuple(node.exp for node in expr.atoms(sp.Pow) if node.exp.free_symbols)


def _exact_is_cheap(expr, exact_env) -> bool:
    """Whether substituting exact values into ``expr`` is cheap for sympy, which evaluates
    ``b**e`` on the spot: with e = 957529**2/10**10 (a symbol's square at a random rational point)
    it would extract 10**10-th roots of a huge power, for hours. A point where an exponent is
    large or has a large denominator is evaluated with balls instead (still rigorous; only an
    exact rational result is given up there)."""
    num_max, den_max = _EXACT_EXPONENT_MAX
    for e in _symbolic_exponents(expr):
        v = e.xreplace(exact_env)
        if v.is_Rational and (abs(v.p) > num_max or v.q > den_max):
            return False
    return True


def _rel_ok(val: arb, bits: int) -> bool:
    rad = arb(val.rad())
    mid = abs(arb(val.mid()))
    return bool(rad < mid * arb(2) ** (-bits))
