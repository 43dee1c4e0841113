"""Small synthetic review results for the report tests: real harness output on a coin observable
(exact and Monte Carlo points, a judged claim that holds, a violated variant whose declared
correction holds (typo), a vacuous bound, variants that disagree), real certification and
symbolic-engine output (one certified, one refuted), a claim whose check raised (verdict ``error``),
a REC claim, and a claim whose every text field is hostile to LaTeX; :func:`sample_document` adds the
referee model the review stores. :func:`letter_document` is a constructed results document with
known roles, severities, corrections, readings and a gap, for the letter's order."""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from ticketcheck.bounds.claim import (BoundCheck, CertifyCheck, Claim, ComputedCheck, Comparison, Correction,
                                      SymbolicCheck)
from ticketcheck import observables
from ticketcheck.harness.runner import RunOptions, run_claim
from ticketcheck.montecarlo.estimate import Estimate

p, n, c = sp.symbols("p n c", positive=True)


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


def _claim(cid, bound, title, statement, variant_of=None, grid=None, constants=None, correction=None):
    return Claim(id=cid, title=title, source="§3, Lemma 2 (synthetic)", statement=statement,
                 methods=("EXACT", "MC"), variant_of=variant_of, correction=correction,
                 checks=[BoundCheck(name="main", observable="sample.coin", bound=bound, relation=">=",
                                    grid=grid or {"p": [Fraction(1, 4), Fraction(1, 2)], "n": list(range(1, 17))},
                                    constants=constants or {}, lhs_tex=r"P(\exists i \le n: X_i = 1)")])


def sample_results() -> list[dict]:
    _register()
    opts = RunOptions(trials=3000, seed=3, overlap_trials=2000)
    out = [
        # judged: halving the constant c (bound 1 - (1-p)^n/2 - c) makes it fail at n = 1
        run_claim(_claim("unified.lemma2", 1 - (1 - p) ** n / 2 - c,
                         "Probability of a head", r"For all $n \ge 1$ and $p\in(0,1)$: $P(\exists i \le n: X_i = 1) \ge 1-\frac{(1-p)^n+1}{2}$, with $\Delta$ and ≤.",
                         constants={c: sp.Rational(1, 2)}), opts),
        # printed exponent n + 1 fails; the intended n (an index edit) holds: a typo
        run_claim(_claim("unified.lemma2.main_text", 1 - (1 - p) ** (n + 1),
                         "Probability of a head (main text)", r"$P \ge 1-(1-p)^{n+1}$ (as stated in §3).",
                         variant_of="unified.lemma2",
                         grid={"p": [Fraction(1, 4), Fraction(1, 2)], "n": list(range(1, 13))},  # exact
                         correction=Correction(kind="index", statement=r"$P \ge 1-(1-p)^{n}$",
                                               source="§3, the proof's last line", replace={n: n - 1})), opts),
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


def sample_document() -> dict:
    """:func:`sample_results` as the review stores them: with the referee model and paper titles."""
    from ticketcheck.harness.referee import annotate
    claims = sample_results()
    return {"claims": claims, "referee": annotate(claims), "options": {"seed": 3, "trials": 3000},
            "papers": {"unified": {"title": "A unified framework (synthetic sample)"},
                       "sparsity": {"title": "Sparsity " + HOSTILE[:30]}}}


def _constructed(cid, role, verdict, severity=None, depends_on=(), **extra) -> dict:
    return {"id": cid, "paper": cid.split(".")[0], "title": f"{role.title()} {cid}", "role": role,
            "source": f"§{len(cid)}", "statement": f"Statement of {cid}: $x_{{{len(cid)}}} \\le 1$.",
            "verdict": verdict, "severity": severity, "depends_on": list(depends_on),
            "evidence_text": "exact on n <= 8", "status": "tested",
            "witness": (f"At $n = 2$: $P(A)$ = 1/3, while $1 - e^{{-n}}$ = 0.86 ({cid})"
                        if verdict == "violated" else None),
            "results": [{"name": "main", "type": "bound", "verdict": verdict, "judged": True,
                         "latex": {"lhs": "P(A)", "relation": r"\ge", "rhs": "1 - e^{-n}",
                                   "hypotheses": r"n \ge 1"}, "points": []}],
            **extra}


def letter_document() -> dict:
    """A constructed results document (no harness run) with known roles and severities:

    * substantive violations of a theorem (``toy.thm2``), a lemma (``toy.lemma2``, whose declared
      correction fails too: a substantive failure beside the typo-level one), its variant
      (``toy.lemma2.main_text``), a proof step and an experiment, listed in the reverse order;
    * a typo-level lemma (``toy.lemma1``: its intended form holds), a gap (``toy.lemma3``), a
      corollary that fails under one reading only (``toy.cor1``);
    * ``toy.thm1`` holds, its proof rests on ``toy.lemma1`` (typo) and ``toy.lemma2`` (substantive).
    """
    from ticketcheck.harness.referee import annotate
    claims = [
        _constructed("toy.exp1", "experiment", "violated", "substantive"),
        _constructed("toy.step_a", "proof_step", "violated", "substantive"),
        _constructed("toy.lemma1", "lemma", "violated", "typo",
                     correction={"kind": "strictness", "statement": "$x < 1$ replaced by $x \\le 1$",
                                 "source": "§2, Eq. (3) uses the non-strict form", "verdict": "holds",
                                 "evidence": "exact_grid", "evidence_text": "exact on n <= 8 (intended form)"}),
        _constructed("toy.lemma2", "lemma", "violated", "substantive", depends_on=["toy.step_a"],
                     correction={"kind": "constant_inverted", "statement": "$c = 1/2$ read as $c = 2$",
                                 "source": "§4", "verdict": "violated", "evidence": "exact_grid",
                                 "counterexample": {"params": {"n": 5}, "exact": "1/5", "value": 0.2,
                                                    "bound": 0.5, "bound_text": "1/2", "relation": ">=",
                                                    "witness": "At $n = 5$ the intended form fails too "
                                                               "(SUBSTANTIVE-WITNESS)"}}),
        _constructed("toy.lemma2.main_text", "lemma", "violated", "substantive", variant_of="toy.lemma2"),
        _constructed("toy.lemma3", "lemma", "gap", reason="the cited Lemma 1 gives x <= 2, the proof uses x <= 1"),
        _constructed("toy.cor1", "corollary", "holds",
                     readings=[{"param": "log_base", "label": "natural log", "verdict": "holds"},
                               {"param": "log_base", "label": "log base 2", "verdict": "violated",
                                "counterexample": {"params": {"n": 3}, "exact": "0", "value": 0.0,
                                                   "bound": 0.25, "bound_text": "1/4", "relation": ">=",
                                                   "witness": "At $n = 3$ under $\\log_2$: 0 < 1/4"}}]),
        _constructed("toy.thm1", "theorem", "holds", depends_on=["toy.lemma1", "toy.lemma2"]),
        _constructed("toy.thm2", "theorem", "violated", "substantive", depends_on=["toy.lemma3"]),
    ]
    for cl in claims:
        if cl["verdict"] == "violated":
            cl["counterexample"] = {"check": "main", "params": {"n": 2}, "exact": "1/3", "value": 1 / 3,
                                    "bound": 0.86, "relation": ">=",
                                    "replay": f"ticketcheck check {cl['id']} --grid n=2"}
    referee = annotate(claims)
    from ticketcheck.results_schema import SCHEMA_VERSION
    return {"schema_version": SCHEMA_VERSION, "tool": "ticketcheck", "version": "test",
            "claims": claims, "referee": referee, "papers": {"toy": {"title": "A toy paper"}}}
