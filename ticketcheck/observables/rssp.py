"""Observables of the discrete RSSP process (``unified`` §3, Definitions 1-3 and App. A).

Exact values come from :mod:`exact.rssp` (Fractions, memoised: one volume pass with horizon T
serves every t <= T), Monte Carlo estimates from :mod:`montecarlo.rssp` (functions of the same name
prefixed ``rssp_``, signature ``(..., trials, seed) -> Estimate``).  The harness picks exact when
:func:`exact.rssp.cost` fits its budget.  ``rssp.tau2_event`` under the prose reading has infinite
exact cost unless tau1 is bounded (2 Delta + 1 > M + 1): the event involves the unbounded time
tau1 + t, so the harness uses Monte Carlo there (rigorous brackets: ``exact.rssp.rssp_tau2_bracket``).

Sample laws.  ``rssp.single_target`` and every event above draw X_i uniform on {-M..M}, **0
included** (2M + 1 values; `unified` Definition 1).  ``rssp.single_target_nonzero`` draws X_i
uniform on {-M..-1, 1..M}, **0 excluded** (2M values; Kumar & Natale, npp.md), target z any
integer, subsets of any size (the empty one included), success iff |sum_S X - z| <= Delta; exact
from :mod:`exact.rssp_nonzero` (DP over reachable sums; cross-checked against the route through
their Lemma 2 and the NPP), Monte Carlo from :mod:`montecarlo.rssp_nonzero` (meet in the middle,
n <= 40).
"""
from __future__ import annotations

from ticketcheck.exact import rssp as ex
from ticketcheck.exact import rssp_nonzero as ex_nonzero
from ticketcheck.montecarlo import rssp_nonzero as mc_nonzero
from ticketcheck.observables import Observable, register

try:  # the Monte Carlo kernels are optional at import time
    from ticketcheck.montecarlo import rssp as mc
except ImportError:  # pragma: no cover
    mc = None


def _mc(name: str):
    return getattr(mc, name, None) if mc is not None else None


def _validator(what: str):
    def validate(M, t=None, delta=0, z=None, reading=None, n=None):
        ex.validate(M, t if t is not None else n, delta, z, reading, what=what, check_size=False)
    return validate


def _cost(what: str):
    def cost(M, t=None, delta=0, z=None, reading=None, n=None):
        return ex.cost(M, t if t is not None else n, delta, reading=reading, what=what)
    return cost


_SPECS = [
    # name, params, exact function, cost kind, doc
    ("single_target", ("M", "n", "delta", "z"), ex.rssp_single_target, "volume",
     "P(exists S subset [n]: |sum_S X - z| <= Delta), X_i uniform on {-M..M}, 0 included "
     "(Definition 1; the zero-excluded law is rssp.single_target_nonzero)"),
    ("tau_event", ("M", "t", "delta"), ex.rssp_tau_event, "volume",
     "P(tau <= t) = P(v_t >= 2M+1-Delta) (Section 3, definition of tau)"),
    ("all_covered", ("M", "t", "delta"), ex.rssp_all_covered, "volume",
     "P(v_t = 2M+1): every z in {-M..M} is Delta-approximated"),
    ("tau1_event", ("M", "t", "delta"), ex.rssp_tau1_event, "volume",
     "P(tau1 <= t) = P(v_t > M+1)"),
    ("tau2_event", ("M", "t", "delta", "reading"), ex.rssp_tau2_event, "tau2",
     "P(tau2 <= t), tau2 counted from tau1; reading in (formula, prose) (unified.def7)"),
    ("tau1_tau2_sum_event", ("M", "t", "delta", "reading"), ex.rssp_tau1_tau2_sum_event, "volume",
     "P(tau1 + tau2 <= t) (App. A Eq. (7), first line)"),
    ("half_event", ("M", "t", "delta", "reading"), ex.rssp_half_event, "half",
     "P(tau1 <= floor(t/2) and tau2 <= floor(t/2)) (App. A Eq. (7), second line)"),
]

#: each event as the paper writes it (unified §3, App. A): ``@name@`` is an argument's LaTeX
_TEX = {
    "single_target": r"P\big(\exists S \subseteq [@n@]: |\textstyle\sum_{i \in S} X_i - @z@| \le @delta@\big)",
    "tau_event": r"P(\tau \le @t@)",
    "all_covered": r"P(v_{@t@} = 2M+1)",
    "tau1_event": r"P(\tau_1 \le @t@)",
    "tau2_event": r"P(\tau_2 \le @t@)",
    "tau1_tau2_sum_event": r"P(\tau_1 + \tau_2 \le @t@)",
    "half_event": r"P(\tau_1 \le \lfloor @t@/2 \rfloor,\ \tau_2 \le \lfloor @t@/2 \rfloor)",
}

OBSERVABLES: dict[str, Observable] = {}
for _name, _params, _exact, _what, _doc in _SPECS:
    OBSERVABLES[_name] = register(Observable(
        name=f"rssp.{_name}", params=_params, exact=_exact, montecarlo=_mc(f"rssp_{_name}"),
        cost=_cost(_what), validate=_validator(_what), kind="probability", doc=_doc,
        tex=_TEX[_name]))

OBSERVABLES["single_target_nonzero"] = register(Observable(
    name="rssp.single_target_nonzero", params=("M", "n", "delta", "z"),
    exact=ex_nonzero.rssp_nonzero_single_target,
    montecarlo=mc_nonzero.rssp_nonzero_single_target,
    cost=ex_nonzero.cost, validate=ex_nonzero.validate, kind="probability",
    tex=r"P\big(\exists S \subseteq [@n@]: |\textstyle\sum_{i \in S} X_i - @z@| \le @delta@\big),\ X_i \ne 0",
    doc="P(exists S subset [n]: |sum_S X - z| <= Delta), X_i uniform on {-M..-1, 1..M}, 0 "
        "excluded (Kumar & Natale); z any integer"))
