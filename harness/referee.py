"""The referee's judgement over a whole review (issue 10), computed from the claims' results:

* ``proof`` of every theorem, lemma and corollary, from ``depends_on`` (transitively):
  ``broken`` (a substantive violation on the way; ``broken_at`` lists those at the leaves and
  ``rests_on`` the refuted results the proof uses first), ``gaps`` (a ``gap`` verdict on the way),
  ``typos_only`` (only typo-level violations on the way), ``no_refuted_step``;
* ``breaks``: what a failure breaks (the results whose proofs rest on this claim);
* ``witness``: the counterexample as one sentence in the paper's symbols;
* the letter's model per paper: main results, substantive problems ranked by role, typos with their
  intended forms, gaps, reading-dependent claims, vacuous ranges.

Everything here is stored in results.json; the reports only lay it out.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Iterable, Mapping

from ticketcheck.verdicts import GAP, VIOLATED

__all__ = ["annotate", "proof_status", "witness_sentence", "claim_witness", "letter_model", "ROLE_RANK"]

#: theorem > lemma/corollary > proof step/equation > experiment/arithmetic > the rest
ROLE_RANK = {"theorem": 0, "lemma": 1, "corollary": 1, "proof_step": 2, "equation": 2,
             "experiment": 3, "figure": 3, "table": 3, "arithmetic": 3, "claim": 4, "remark": 4,
             "citation": 5, "definition": 5, "model": 5}
PROVED_ROLES = ("theorem", "lemma", "corollary")


# ------------------------------------------------------------------ proof status

def _closure(cid: str, deps: Mapping[str, Iterable[str]]) -> list[str]:
    seen: list[str] = []
    stack = list(deps.get(cid, ()))
    while stack:
        d = stack.pop()
        if d in seen or d == cid:
            continue
        seen.append(d)
        stack.extend(deps.get(d, ()))
    return seen


def proof_status(cid: str, by_id: Mapping[str, dict]) -> dict:
    """``{"status", "broken_at", "rests_on", "gaps_at", "typos_at"}`` of one claim's proof."""
    deps = {k: tuple(v.get("depends_on") or ()) for k, v in by_id.items()}
    closure = [d for d in _closure(cid, deps) if d in by_id]

    def substantive(d: str) -> bool:
        r = by_id[d]
        return r.get("verdict") == VIOLATED and r.get("severity") != "typo"

    bad = [d for d in closure if substantive(d)]
    leaves = [d for d in bad if not any(substantive(e) for e in _closure(d, deps) if e in by_id)]
    # the refuted results the proof uses first: on each path from cid, the first substantive one
    rests_on: list[str] = []
    stack = [(d, ()) for d in deps.get(cid, ())]
    visited = set()
    while stack:
        d, _ = stack.pop()
        if d in visited or d not in by_id:
            continue
        visited.add(d)
        if substantive(d):
            rests_on.append(d)
            continue
        stack.extend((e, ()) for e in deps.get(d, ()))
    gaps = [d for d in closure if by_id[d].get("verdict") == GAP]
    typos = [d for d in closure if by_id[d].get("verdict") == VIOLATED and by_id[d].get("severity") == "typo"]
    if bad:
        status = "broken"
    elif gaps:
        status = "gaps"
    elif typos:
        status = "typos_only"
    else:
        status = "no_refuted_step"
    return {"status": status, "broken_at": sorted(leaves), "rests_on": sorted(rests_on),
            "gaps_at": sorted(gaps), "typos_at": sorted(typos)}


def _breaks(cid: str, by_id: Mapping[str, dict]) -> list[str]:
    """The theorems, lemmas and corollaries whose proofs rest on ``cid`` (transitively)."""
    deps = {k: tuple(v.get("depends_on") or ()) for k, v in by_id.items()}
    out = [k for k, r in by_id.items() if r.get("role") in PROVED_ROLES and cid in _closure(k, deps)]
    return sorted(out, key=lambda k: (ROLE_RANK.get(by_id[k].get("role"), 9), k))


# ------------------------------------------------------------------ witness sentences

def param_tex(name: str) -> str:
    """A parameter's name in LaTeX by default (``Delta`` -> ``\\Delta``, ``t_max`` -> ``t_{max}``)."""
    import sympy as sp
    try:
        return sp.latex(sp.Symbol(name))
    except (ValueError, TypeError):  # sympy's printer on an odd name: fall back to the name
        return name

def _num(x) -> str:
    if x is None:
        return "?"
    if isinstance(x, float):
        return f"{x:.6g}"
    return str(x)


def _near_one(p: Mapping, which: str) -> str | None:
    """``1 - 2.05e-06`` for a probability within 1e-3 of 1 (its gap is stored exactly)."""
    g = (p.get("log10_gap_to_1") or {}).get("value" if which == "lhs" else "bound")
    if g is None or g > -3:
        return None
    return f"1 - {10 ** g:.3g}" if g > -300 else f"1 - 10^({g:.1f})"


def _value_tex(v) -> str:
    """A parameter value in LaTeX: numbers as they are, Euler's number as e, names as text
    (``v<=M+1`` is not maths)."""
    s = str(v)
    if s == "E":
        return "e"
    try:
        Fraction(s)
        return s
    except (ValueError, ZeroDivisionError):
        return r"\text{" + "".join("\\" + c if c in "#$%&_{}" else c for c in s) + "}"


def _side(p: Mapping, which: str) -> str:
    if which == "lhs" and p.get("lhs") is not None and p.get("exact") is None and p.get("value") is None:
        return _num(p["lhs"])      # an engine's counterexample: lhs/rhs evaluated at the point
    if which == "rhs" and p.get("rhs") is not None and p.get("bound") is None:
        return _num(p["rhs"])
    near = _near_one(p, which)
    if near and not (which == "lhs" and p.get("ci")):
        return near
    if which == "lhs":
        if p.get("exact") is not None:
            e = str(p["exact"])
            return e if len(e) <= 24 else _num(p.get("value"))
        if p.get("ci"):
            lo, hi = p["ci"]
            return f"{_num(p.get('estimate'))} (99% CI [{_num(lo)}, {_num(hi)}], {p.get('trials')} trials)"
        if p.get("value_lo") is not None:
            return f"[{_num(p['value_lo'])}, {_num(p['value_hi'])}]"
        return _num(p.get("value"))
    bt = p.get("bound_text")
    if bt and len(str(bt)) <= 24:
        return str(bt)
    return _num(p.get("bound"))


_REL_WORDS = {">=": "at least", ">": "more than", "<=": "at most", "<": "less than", "==": "equal to"}


def witness_sentence(ce: Mapping | None, params_tex: Mapping[str, str] | None = None,
                     check_latex: Mapping | None = None) -> str | None:
    """The counterexample as one sentence: where (every parameter with the paper's name), both sides
    named, and in what sense it fails. Plain text with ``$...$`` LaTeX for the symbols."""
    if not ce:
        return None
    names = params_tex or {}
    params = ce.get("params") or {}
    where = ", ".join(f"${names.get(k) or param_tex(k)} = {_value_tex(v)}$" for k, v in params.items()) \
        or "the tested point"
    rel = ce.get("relation") or ">="
    lhs_tex = ce.get("lhs_latex") or (check_latex or {}).get("lhs")
    rhs_tex = ce.get("rhs_latex") or (check_latex or {}).get("rhs")
    label = ce.get("label") or ""
    if ce.get("kind") == "fact":
        return f"At {where}: it is not true that {label}."
    lhs_v, rhs_v = _side(ce, "lhs"), _side(ce, "rhs")
    lhs = f"${lhs_tex}$ = {lhs_v}" if lhs_tex else f"the true value is {lhs_v}"
    rhs = f"${rhs_tex}$ = {rhs_v}" if rhs_tex else f"the bound is {rhs_v}"
    if lhs_v == rhs_v and rel in (">", "<"):
        how = (f"the two sides are equal, but the statement claims a strict inequality "
               f"({'>' if rel == '>' else '<'})")
    else:
        how = f"the statement claims the first is {_REL_WORDS.get(rel, rel)} the second"
    extra = f" [{label}]" if label and not lhs_tex else ""
    return f"At {where}: {lhs}, while {rhs}; {how}.{extra}"


# ------------------------------------------------------------------ the whole review

def annotate(results: list[dict]) -> dict:
    """Add ``proof``, ``breaks`` and ``witness`` to the claims (in place); return the letter model."""
    by_id = {r["id"]: r for r in results if isinstance(r, dict) and r.get("id")}
    for r in by_id.values():
        if r.get("role") in PROVED_ROLES:
            r["proof"] = proof_status(r["id"], by_id)
        if r.get("verdict") in (VIOLATED, GAP):
            r["breaks"] = _breaks(r["id"], by_id)
    return letter_model(list(by_id.values()))


def claim_witness(r: dict) -> str | None:
    """The witness sentence of one claim's counterexample (needs only the claim's own result)."""
    ce = r.get("counterexample")
    if not ce:
        return None
    chk = next((c for c in r.get("results") or [] if c.get("name") == ce.get("check")), {})
    return witness_sentence(ce, r.get("params_tex"), chk.get("latex"))


def letter_model(claims: list[dict]) -> dict:
    """Per paper: the referee letter's sections, each a list of claim ids in the order shown."""
    out: dict[str, dict] = {}
    rank = lambda r: (ROLE_RANK.get(r.get("role"), 9), r["id"])  # noqa: E731
    for paper in dict.fromkeys(r.get("paper") for r in claims):
        mine = [r for r in claims if r.get("paper") == paper]
        out[paper] = {
            "main_results": [r["id"] for r in sorted(mine, key=rank) if r.get("role") in ("theorem", "corollary")
                             or (r.get("role") == "lemma" and r.get("verdict") == VIOLATED)],
            "substantive": [r["id"] for r in sorted(mine, key=rank)
                            if r.get("verdict") == VIOLATED and r.get("severity") != "typo"],
            "typos": [r["id"] for r in sorted(mine, key=rank) if r.get("severity") == "typo"],
            "gaps": [r["id"] for r in sorted(mine, key=rank) if r.get("verdict") == GAP],
            "reading_dependent": [r["id"] for r in sorted(mine, key=rank)
                                  if any(it.get("verdict") == VIOLATED for it in r.get("readings") or [])
                                  and r.get("verdict") != VIOLATED],
            "vacuous_ranges": [r["id"] for r in sorted(mine, key=rank)
                               if any(c.get("verdict") == "vacuous" for c in r.get("results") or [])],
            "broken_proofs": [r["id"] for r in sorted(mine, key=rank)
                              if (r.get("proof") or {}).get("status") == "broken"],
        }
    return out
