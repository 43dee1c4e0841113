"""Shared sympy symbols and helpers used by the claim modules.

``LOG(x)`` is the logarithm in the base given by the grid parameter ``log_base`` (``E`` for the natural
logarithm, ``2`` for log2); claims whose base is not stated in the paper run with both.
"""
from __future__ import annotations

import sympy as sp

M, n, t, z, k = sp.symbols("M n t z k", integer=True, positive=True)
Delta = sp.Symbol("Delta", integer=True, nonnegative=True)
beta, eps, delta = sp.symbols("beta epsilon delta", positive=True)
C, Cp, kappa = sp.symbols("C Cprime kappa", positive=True)
log_base = sp.Symbol("log_base", positive=True)

LN_BASES = {"ln": sp.E, "log2": sp.Integer(2)}


def LOG(x):
    """log of ``x`` in the base ``log_base`` (a grid parameter: ``E`` or ``2``)."""
    return sp.log(x) / sp.log(log_base)


def base_name(b) -> str:
    """'ln' or 'log2' for a base value (sympy E/2 or a string)."""
    if isinstance(b, str):
        return b
    return "ln" if sp.sympify(b) == sp.E else f"log{sp.sympify(b)}"


def base_value(name_or_value):
    """sympy value of a base given as 'ln', 'log2', 'e', 2, E."""
    if isinstance(name_or_value, str):
        s = name_or_value.strip().lower()
        if s in ("ln", "e", "natural"):
            return sp.E
        if s in ("log2", "2"):
            return sp.Integer(2)
        raise ValueError(f"unknown log base {name_or_value!r}: use ln or log2")
    return sp.sympify(name_or_value)
