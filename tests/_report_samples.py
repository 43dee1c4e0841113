"""Small synthetic review results for the report tests: real harness output on a coin observable
(exact and Monte Carlo points, a violated claim, a vacuous bound, variants that disagree), plus a
certificate-only check, a failed claim and a REC claim."""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from bounds.claim import BoundCheck, Claim
from harness import observables
from harness.runner import RunOptions, run_claim
from montecarlo.estimate import Estimate

p, n = sp.symbols("p n", positive=True)


def _coin_exact(p, n):
    return 1 - (1 - Fraction(p)) ** n


def _coin_mc(p, n, trials, seed):
    rng = np.random.default_rng(seed)
    heads = (rng.random((trials, n)) < float(p)).any(axis=1).sum()
    return Estimate(int(heads), trials, seed)


def _register():
    try:
        observables.get("sample.coin")
    except Exception:
        observables.register(observables.Observable(
            name="sample.coin", params=("p", "n"), exact=_coin_exact, montecarlo=_coin_mc,
            cost=lambda p, n: 0.0 if n <= 12 else 1e9,
            doc="P(at least one head in n tosses of a p-coin)"))


def _claim(cid, bound, title, statement, variant_of=None, grid=None):
    return Claim(id=cid, title=title, source="§3, Lemma 2 (synthetic)", statement=statement,
                 methods=("EXACT", "MC"), variant_of=variant_of,
                 checks=[BoundCheck(name="main", observable="sample.coin", bound=bound, relation=">=",
                                    grid=grid or {"p": [Fraction(1, 4), Fraction(1, 2)], "n": list(range(1, 17))})])


def sample_results() -> list[dict]:
    _register()
    opts = RunOptions(trials=3000, seed=3, overlap_trials=2000)
    out = [
        run_claim(_claim("unified.lemma2", 1 - (1 - p) ** n / 2 - sp.Rational(1, 2),
                         "Probability of a head", r"For all $n \ge 1$ and $p\in(0,1)$: $P(\exists i \le n: X_i = 1) \ge 1-\frac{(1-p)^n+1}{2}$, with $\Delta$ and ≤."), opts),
        run_claim(_claim("unified.lemma2.main_text", 1 - (1 - p) ** (n + 1),
                         "Probability of a head (main text)", r"$P \ge 1-(1-p)^{n+1}$ (as stated in §3).",
                         variant_of="unified.lemma2"), opts),
        run_claim(_claim("unified.lemma5", 1 - 10 / n, "A bound vacuous on the grid",
                         r"$P \ge 1 - 10/n$", grid={"p": [Fraction(1, 3)], "n": list(range(1, 9))}), opts),
    ]
    out.append({"id": "unified.step_thm4_e1", "title": "First exponential comparison", "source": "App. A",
                "status": "tested", "methods": ["CERT"], "variant_of": None, "statement": r"$e^{-x} \le 1/(1+x)$",
                "paper": "unified", "verdict": "holds", "counts": {"holds": 1}, "min_slack": None,
                "counterexample": None, "seconds": 0.1,
                "results": [{"name": "cert", "type": "certify", "points": [], "verdict": "holds",
                             "certificate": {"boxes": 12, "region": "x in [0, 10]"},
                             "replay": "ticketcheck check unified.step_thm4_e1 --check cert"}]})
    out.append({"id": "unified.thm1", "title": "Lueker's theorem", "source": "§3, Theorem 1",
                "status": "recorded", "methods": ["REC"], "statement": r"$n \ge C\log(1/\epsilon)$ suffices",
                "paper": "unified", "verdict": "recorded", "results": []})
    out.append({"id": "sparsity.thm2", "title": "A claim that crashed", "source": "§4",
                "status": "tested", "methods": ["EXACT"], "statement": "text with 50% and #hash & under_score",
                "paper": "sparsity", "verdict": "inconclusive", "results": [], "error": "ValueError: boom"})
    return out
