"""Synthetic claims for the review tests: a claim that holds, one whose check raises, one that is
violated, and (optionally) one that sleeps so that the review can be interrupted in the middle.
``CALLS`` counts how often each claim was really computed (to see the cache at work)."""
from __future__ import annotations

import time
from fractions import Fraction

from ticketcheck.bounds.claim import Claim, Comparison, ComputedCheck, Falsifier

CALLS: dict[str, int] = {}


def _count(cid: str) -> None:
    CALLS[cid] = CALLS.get(cid, 0) + 1


def _third(ctx):
    half = ctx.constant("half")
    if half == Fraction(1, 2):  # the check itself (its falsifier halves the constant: not counted)
        _count("unified.sample_ok")
    yield Comparison(params={}, lhs=Fraction(1, 3), rhs=half, relation="<=", label="1/3 <= 1/2")


def _raises(ctx):
    _count("unified.sample_error")
    raise ZeroDivisionError("division by zero in the sample check\n(second line of the message)")


def _violated(ctx):
    _count("unified.sample_violated")
    n = ctx["n"]
    # sub-points t = 0..n-1 added by the comparison: n/(t+1) >= 2 fails from t = n/2 on
    for t in range(n):
        yield Comparison(params={"t": t}, lhs=Fraction(n, t + 1), rhs=2, relation=">=", label="n/(t+1) >= 2")


def _sleeps(ctx):
    _count("unified.sample_sleeps")
    time.sleep(60)
    yield Comparison(params={}, lhs=1, rhs=0, relation=">=")


def claim(cid: str, fn, grid, **kw) -> Claim:
    return Claim(id=cid, title=cid.split(".")[1], source="test", statement=f"{cid} statement",
                 methods=("EXACT",), checks=[ComputedCheck(name="main", compute=fn, grid=grid, **kw)])


def sample_claims(with_sleeper: bool = False) -> list[Claim]:
    out = [claim("unified.sample_ok", _third, {"n": [1]}, constants={"half": Fraction(1, 2)},
                 falsifiers=(Falsifier.scale("half", Fraction(1, 2)),)),
           claim("unified.sample_error", _raises, {"n": [1]}),
           claim("unified.sample_violated", _violated, {"n": [2, 4]})]
    if with_sleeper:
        out.insert(1, claim("unified.sample_sleeps", _sleeps, {"n": [1]}))
    return out


def install(monkeypatch) -> list[Claim]:
    """The sample claims as the whole registry (``all_claims``) for one test, call counts reset."""
    import ticketcheck.bounds.registry as R
    claims = sample_claims()
    monkeypatch.setattr(R, "all_claims", lambda paper=None: claims)
    CALLS.clear()
    return claims
