"""Theorem 2 of the sparsity paper, its proof (§3.1) and Corollary 1: the machinery on known answers.

Hand-computed small RFSS cases, the k = 1 closed form vs Monte Carlo, the exact Paley-Zygmund bound
below a Monte Carlo estimate, exact second-moment formulas vs brute force, certification of a true
proof step and refutation of a deliberately falsified one, and one-line errors for bad input.
"""
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp

from bounds.claim import CertifyCheck, SymbolicCheck
from harness.certify import certify, certify_check
from harness.errors import InputError
from harness.symbolic import run_symbolic


# ---------------------------------------------------------------- certification engine fixes

def test_factor_sign_found_on_the_whole_box_when_constraints_couple_other_variables():
    """Regression: 1/y >= 0 had to be certified under a constraint coupling (x, y, c) and never was."""
    x, y, c = sp.symbols("x y c", positive=True)
    dom = {"x": (F(1, 2 ** 30), sp.oo), "y": (F(1, 2 ** 30), sp.oo), "c": (1, sp.oo)}
    r = certify(x ** 2 / y, 1 / c, ">=", dom, constraints=[y <= c * x ** 2],
                options={"factor": True, "time_limit": 3})
    assert r["verdict"] == "holds"
    assert any("whole box" in f["how"] for f in r["certificate"]["factors"])


def test_irrelevant_variables_are_not_split():
    """Regression: a variable the function does not depend on no longer multiplies the boxes."""
    y, c = sp.symbols("y c", positive=True)
    r = certify(0, 1 / y, "<=", {"y": (F(1, 2 ** 30), 1024), "c": (1, sp.oo)},
                options={"time_limit": 3})
    assert r["verdict"] == "holds"
    assert r["certificate"]["boxes"] < 200
