"""Small synthetic review results for the report tests: real harness output on a coin observable
(exact and Monte Carlo points, a violated claim, a vacuous bound, variants that disagree), real
certification and symbolic-engine output (one certified, one refuted), a claim whose check raised
(verdict ``error``), a REC claim, and a claim whose every text field is hostile to LaTeX."""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from ticketcheck.bounds.claim import BoundCheck, CertifyCheck, Claim, ComputedCheck, Comparison, SymbolicCheck
from ticketcheck import observables
from ticketcheck.harness.runner import RunOptions, run_claim
from ticketcheck.montecarlo.estimate import Estimate

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
    x = sp.Symbol("x")
    out.append(run_claim(Claim(
        id="unified.step_thm4_e1", title="First exponential comparison", source="App. A",
        statement=r"$e^{-x} \le 1/(1+x)$ for $x \in [0, 10]$", methods=("CERT", "SYM"),
        checks=[CertifyCheck(name="cert", lhs=sp.exp(-x), rhs=1 / (1 + x), relation="<=",
                             domain={"x": (0, 10)}),
                SymbolicCheck(name="log_identity", kind="identity", lhs=sp.log(2 * x), rhs=sp.log(2) + sp.log(x),
                              options={"positive": True})]), opts))
    # (x+1)^2 = x^2 + 1 is false: the symbolic engine finds a point; e^{-x} <= 1/(1+2x) fails near x = 1
    out.append(run_claim(Claim(
        id="unified.step_thm4_e2", title="A false identity and a false inequality", source="App. A",
        statement=r"$(x+1)^2 = x^2+1$ and $e^{-x} \le \frac{1}{1+2x}$", methods=("SYM", "CERT"),
        checks=[SymbolicCheck(name="square", kind="identity", lhs=(x + 1) ** 2, rhs=x ** 2 + 1,
                              options={"domain": {"x": (0, 3)}}),
                CertifyCheck(name="cert", lhs=sp.exp(-x), rhs=1 / (1 + 2 * x), relation="<=",
                             domain={"x": (0, 10)})]), opts))
    out.append({"id": "unified.thm1", "title": "Lueker's theorem", "source": "§3, Theorem 1",
                "status": "recorded", "methods": ["REC"], "statement": r"$n \ge C\log(1/\epsilon)$ suffices",
                "paper": "unified", "verdict": "recorded", "results": []})
    from ticketcheck.harness.review import run_one
    crashed, tb = run_one(Claim(id="sparsity.thm2", title="A claim that crashed", source="§4",
                                statement="text with 50% and #hash & under_score", methods=("EXACT",),
                                checks=[ComputedCheck(name="boom", compute=_boom, grid={"n": [1]})]), opts)
    assert tb is not None and crashed["verdict"] == "error"
    out.append(crashed)
    out.append(run_claim(hostile_claim(), opts))
    return out


def _boom(ctx):
    raise ValueError("boom")


HOSTILE = ("50% & #1 _under_ ^caret^ ~tilde~ \\backslash\\ {braces} [brackets] <less> |bar| "
           "unicode: ≤ ≥ ∑ ∈ ℝ ε δ Δ — “quotes” é ü 中文 😀 ⊕ ")
HOSTILE_MATH = (r"$\Delta \le M$, $x^2^3$, $x_$, $\frac{1}{2$, $50%$, $a & b$, $\text{a_b}$, "
                r"$\weird{x}$, $\left( x$, $x²^3$, $\begin{tabular}{c}a\end{tabular}$, $\sum\limits_{i} x_i$, "
                r"$\big$, $\cases{a}$, $\sqrt[3]{x} \in ℝ$, $\mathbb{E}[X] \ge 1 - \epsilon$, $$\int_0^1 f$$")


def _hostile_compute(ctx):
    """Comparisons whose labels, info and sub-point parameters are hostile text too."""
    yield Comparison(params={"label_" + "%#&": "[x]~^"}, lhs=Fraction(1, 3), rhs=Fraction(1, 2),
                     relation="<=", label=HOSTILE[:60], info={"note": HOSTILE})


def hostile_claim() -> Claim:
    return Claim(id="sparsity.remark_9", title="Title " + HOSTILE, source="§9 " + HOSTILE[:40],
                 statement=HOSTILE + HOSTILE_MATH, methods=("EXACT",), notes="Notes: " + HOSTILE + HOSTILE_MATH,
                 checks=[ComputedCheck(name="hostile_" + "_%&", compute=_hostile_compute,
                                       grid={"n_%": [1, 2], "s": ["a_b", "[c]"]})])
