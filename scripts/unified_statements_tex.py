"""Regenerate ``bounds/unified/statements_tex.py`` (the LaTeX of each `unified` statement) from the
claim catalogue: ``python scripts/unified_statements_tex.py /work/shared/spec/claims.md``."""
import pprint
import re
import sys
from pathlib import Path

SAME_AS = {"unified.lemma6.main_text": "unified.lemma6", "unified.lemma2.main_text": "unified.eq2",
           "unified.lemma5.main_text": "unified.lemma5"}


def extract(text: str) -> dict:
    sec = text[text.index("# 1. `unified`"):text.index("\n# 2.")]
    out, cur, first_bullet = {}, None, {}
    for line in sec.split("\n"):
        m = re.match(r"### `(unified\.[^`]+)`", line)
        if m:
            cur = m.group(1)
            continue
        for pat in (r"- \*\*Statements?[^*]*:\*\*\s*(.*)", ):
            m = re.match(pat, line)
            if m and cur and cur not in out:
                out[cur] = m.group(1).strip()
        m = re.match(r"- \*\*Variant `(unified\.[^`]+)`\*\*[^:]*:\s*(.*)", line)
        if m:
            out[m.group(1)] = m.group(2).strip()
        m = re.match(r"- \*\*Prose claim attached \(`(unified\.[^`]+)`\):\*\*\s*(.*)", line)
        if m:
            out[m.group(1)] = m.group(2).strip()
        if cur and cur not in first_bullet and line.startswith("- "):
            first_bullet[cur] = re.sub(r"^- (\*\*[^*]+\*\*\s*)?", "", line).strip()
    for k, v in first_bullet.items():
        out.setdefault(k, v)
    for k, v in SAME_AS.items():
        if k not in out or out[k].lower().startswith("identical"):
            out[k] = out[v]
    return {k: _clean(v) for k, v in out.items()}


def _clean(s: str) -> str:
    """Drop the catalogue's method markers and Markdown emphasis."""
    s = re.sub(r"\s*`(REC|SYM|EXACT|MC|NUM|CERT|ARITH)`\.?", "", s)
    return s.replace("**", "").strip()


if __name__ == "__main__":
    st = extract(Path(sys.argv[1]).read_text())
    body = pprint.pformat(st, width=100, sort_dicts=True)
    Path(__file__).resolve().parents[1].joinpath("bounds/unified/statements_tex.py").write_text(
        '"""LaTeX of the `unified` statements, copied from the claim catalogue (claims.md §1) by\n'
        '``scripts/unified_statements_tex.py``; shown typeset in the reports (``Claim.latex``)."""\n\n'
        f"STATEMENTS_TEX = {body}\n")
    print(len(st), "statements")
