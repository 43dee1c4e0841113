"""`unified` §1, §2, §5, App. C: statements about other work and qualitative claims (claims.md §1.5).

Recorded verbatim (``REC``). Table 1's row "Ours: Exact Representation ✓" is cross-checked against
the parameter domains (Theorem 3 and Lemma 1 need Delta in Z^+, the exact case is Delta = 0).
"""
from __future__ import annotations

from fractions import Fraction
from typing import Iterator

import sympy as sp

from ticketcheck.bounds.claim import Comparison, ComputedCheck, Falsifier
from ticketcheck.bounds.symbols import Delta
from ticketcheck.bounds.unified.constants import claim


def exact_case_comparisons(params: dict, results=("unified.thm3", "unified.lemma1", "unified.lemma7",
                                                   "unified.lemma8", "unified.thm2")):
    """Is the exact case Delta = 0 inside the domain of each formal result, as encoded here (the
    ``Delta`` parameter of the registered claim), and is its delta formula defined there?
    Yields yes/no facts (1 = yes) compared with 1 (used by `unified.eq4` (d) and `unified.table1`)."""
    from ticketcheck.bounds.registry import get_claim
    from ticketcheck.bounds.symbols import eps as eps_
    N_T = sp.Symbol("N_T", positive=True)
    delta_of = {"unified.thm3": eps_ / (2 * Delta * N_T), "unified.lemma1": eps_ / (2 * Delta),
                "unified.lemma7": eps_ / (2 * Delta * sp.Symbol("d", positive=True)),
                "unified.lemma8": eps_ / (2 * Delta * sp.Symbol("d1", positive=True)
                                          * sp.Symbol("d2", positive=True))}
    tex = {"unified.thm3": r"\delta=\epsilon/(2\Delta N_T)", "unified.lemma1": r"\delta=\epsilon/(2\Delta)",
           "unified.lemma7": r"\delta=\epsilon/(2\Delta d)", "unified.lemma8": r"\delta=\epsilon/(2\Delta d_1d_2)"}
    for cid in results:
        dom = next(p for p in get_claim(cid).params if p.name == "Delta")
        admitted = int(dom.low is None or Fraction(str(dom.low)) <= 0)
        formula = delta_of.get(cid)
        defined = True if formula is None else bool(formula.subs(Delta, 0).is_finite)
        name = cid.split(".", 1)[1]
        yield Comparison({**params, "result": cid}, int(admitted and defined), 1, "==", kind="fact",
                         label=f"the exact case Delta = 0 lies inside the domain of {name} (its Delta >= "
                               f"{dom.low})" + ("" if formula is None else f" and {formula} is defined there"),
                         info={"declared_low": str(dom.low), "delta_formula": str(formula),
                               "delta_defined_at_0": defined},
                         lhs_tex=r"\Delta=0\in\text{domain of " + name.replace("_", r"\_") + "}"
                                 + ("" if formula is None else r",\ " + tex[cid] + r"\text{ defined}"),
                         rhs_tex=r"\text{true}")


def rec(id_, title, source, statement, **kw):
    return claim(id_, title, source, statement, ("REC",), **kw)


def table1_exact_row(ctx) -> Iterator[Comparison]:
    """'Ours: Exact Representation' means Delta = 0 (§4.1 (d)): is it inside the domains of the
    formal results as they are encoded (Param ``Delta`` of each registered claim)?"""
    yield from exact_case_comparisons({})


claim("unified.table1", "Table 1", "§1 Table 1",
      "columns (Quantized, Approx., Exact Representation, Exponential Probability): Malach et al. "
      "(2020) X ✓ X X; Pensia et al. (2020) X ✓ X ✓; Orseau et al. (2020) X ✓ X ✓; Diffenderfer & "
      "Kailkhura (2021) ✓ ✓ X X; Kumar & Natale (2025) ✓ X ✓ X; Ours ✓ ✓ ✓ ✓.",
      ("REC", "SYM"), depends_on=("unified.thm3", "unified.eq4"),
      notes="REC; the cross-check of 'Ours: Exact Representation ✓' against the parameter domains is "
            "computed (see also unified.eq4 d_domain).",
      checks=[ComputedCheck("exact_representation_domain", table1_exact_row, grid=lambda: [{}],
                            falsifiers=(Falsifier.tighten(),))])

rec("unified.claim4", "App. C taxonomy", "App. C",
    "in Diffenderfer & Kailkhura (2021); Sreenivasan et al. (2022), only the larger network is "
    "quantized, and only to the binary case rather than arbitrary precision; Works in which the "
    "required overparameterization is already polynomial (as opposed to logarithmic) such as Malach "
    "et al. (2020) and Diffenderfer & Kailkhura (2021) are therefore marked with a cross in the last "
    "column.")
rec("unified.claim5", "contributions", "Abstract; §1; §5",
    "'exponential improvement over previous results' (failure probability); 'failure probability ... "
    "decays exponentially with overparameterization - a substantial improvement over the "
    "inverse-polynomial guarantees in prior work'; 'strengthen previous probabilistic guarantees from "
    "inverse-polynomial to exponential decay'; continuous-approximate and quantized-exact results "
    "'arise as special cases in the limit of our results'.",
    notes="The limit parts are tested in unified.eq4.")
rec("unified.claim6", "SSP complexity", "§2; §3",
    "The SSP is a classical NP-complete problem (Garey & Johnson, 1979)")
rec("unified.fn1", "footnote 1", "§1 footnote 1",
    "The target network is merely a proof artifact and is not known in practice; in fact, identifying "
    "such a network is NP-hard.")
rec("unified.cite1", "Malach et al. (2020)", "§2",
    "any feed-forward network of depth l and width d can be approximated by pruning a random network "
    "of depth 2l and width O(d^5 l^2).")
rec("unified.cite2", "Orseau et al. (2020); Pensia et al. (2020)", "§2",
    "improved this to O(d log(d l)).")
rec("unified.cite3", "Burkholz (2022a)", "§2",
    "a depth-(l+1) network suffices to approximate a depth-l target, with certain trade-offs in the width.")
rec("unified.cite4", "Diffenderfer & Kailkhura (2021)", "§2",
    "a network of width d and depth l can be approximated within error eps by a binary network of width "
    "O(l d^{3/2}/eps + l d log(l d/eps)) and depth 2l.")
rec("unified.cite5", "Sreenivasan et al. (2022)", "§2",
    "binary networks of depth Theta(l log(d l/eps)) and width Theta(d log^2(d l/eps)) suffice.")
rec("unified.cite6", "Kumar & Natale (2025), as described by unified", "§1; §2; §4.1; §4.2",
    "'obtaining bounds for the exact representation of a quantized target network. A key limitation of "
    "such analysis is that it yields only an inverse-polynomial decay of the failure probability'; "
    "'only provided an estimate of the probability of finding an exact subnetwork'; overparameterization "
    "'log(1/delta + 1)' (§4.1); 'mixed-precision assumptions, where neuron activations are also "
    "discretized' (§4.2); 'characterized the optimal trade-off between overparameterization and weight "
    "precision' (§2).",
    notes="Cross-reference: kumar_natale.* (seed 002 holds only the abstract).")
rec("unified.cite7", "Pensia/Orseau exponential decay", "§1",
    "inverse-exponential decay of previous SLTH results in the continuous setting (Pensia et al., 2020; "
    "Orseau et al., 2020)")
rec("unified.cite8", "other related-work statements", "§1-2; App. E",
    "Zhou et al. 2019, Ramanujan et al. 2020, Wang et al. 2019 (empirical strong tickets); Frankle & "
    "Carbin 2019 (LTH); Burkholz 2022b (CNNs), Ferbach et al. 2022 (equivariant); Han et al. 2015 "
    "(quantization without loss of accuracy); Hwang et al. 2024 (quantized universal approximation); "
    "Cunha et al. 2023 (elementary proof of Lueker's theorem; 'Previous work on SLTH (Cunha et al., "
    "2023) explicitly construct this sparse network for a given target network by solving many of "
    "these independent random subset sum problems', App. E); Lueker 1982/1998, Borst et al. 2023 "
    "(RSSP); Borgs et al. 2001 (NPP).")
