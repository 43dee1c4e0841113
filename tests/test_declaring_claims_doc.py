"""docs/declaring-claims.md stays accurate to the code: every ``python`` block of it either is a
verbatim excerpt of the file it names (first line ``# excerpt of <file>``) or runs, in order, in one
namespace, with the asserts that state the verdicts the text describes."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "declaring-claims.md"
EXCERPT = re.compile(r"# excerpt of (\S+)\n")


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(), flags=re.S)


def test_the_doc_has_an_example_of_every_declaration():
    text = "\n".join(_blocks())
    for name in ("Claim(", "Param(", "BoundCheck(", "ComputedCheck(", "ctx.constant(", "CertifyCheck(",
                 "SymbolicCheck(", "GapCheck(", "Falsifier.", "Inherit(", "Reading(", "Correction(",
                 "EmpiricalConstant(", "DECLARATION_API_VERSION"):
        assert name in text, name


def test_excerpts_are_verbatim():
    excerpts = [b for b in _blocks() if EXCERPT.match(b)]
    assert len(excerpts) >= 5
    for b in excerpts:
        path = EXCERPT.match(b).group(1)
        body = EXCERPT.sub("", b, count=1)
        assert body in (ROOT / path).read_text(), f"excerpt of {path} is not verbatim:\n{body}"


def test_examples_run_and_state_the_verdicts():
    namespace: dict = {}
    for i, b in enumerate(b for b in _blocks() if not EXCERPT.match(b)):
        exec(compile(b, f"{DOC.name} example {i + 1}", "exec"), namespace)
