"""Exact values of the observables: integers and Fractions, never floats.

Public API (design.md): ``rssp_single_target(M, n, delta, z) -> Fraction``,
``rssp_volume_law(M, n, delta) -> dict[int, Fraction]``, ``rfss_single_target(M, n, k, delta, z)``.
"""
from ticketcheck.exact.rfss import *  # noqa: F401,F403
from ticketcheck.exact.rssp import *  # noqa: F401,F403
