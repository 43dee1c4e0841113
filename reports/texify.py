"""Text from the claim catalogue (prose with ``$...$`` math and some Unicode) made safe for LaTeX.

Prose is escaped; math is kept when every control sequence in it is one that amsmath/amssymb know
(otherwise the segment is shown as escaped typewriter text, so one odd formula cannot break the
PDF); Unicode symbols become LaTeX commands, anything else unknown becomes ``?``.
"""
from __future__ import annotations

import re

UNICODE_MATH = {
    "≤": r"\le", "≥": r"\ge", "≠": r"\neq", "≈": r"\approx", "∼": r"\sim", "≪": r"\ll", "≫": r"\gg",
    "∈": r"\in", "∉": r"\notin", "⊆": r"\subseteq", "⊂": r"\subset", "∪": r"\cup", "∩": r"\cap",
    "∑": r"\sum", "∏": r"\prod", "∫": r"\int", "√": r"\surd", "∞": r"\infty", "→": r"\to",
    "←": r"\leftarrow", "⇒": r"\Rightarrow", "⇔": r"\Leftrightarrow", "↦": r"\mapsto",
    "×": r"\times", "·": r"\cdot", "±": r"\pm", "∓": r"\mp", "∀": r"\forall", "∃": r"\exists",
    "¬": r"\neg", "∧": r"\wedge", "∨": r"\vee", "∅": r"\emptyset", "∂": r"\partial",
    "⌊": r"\lfloor", "⌋": r"\rfloor", "⌈": r"\lceil", "⌉": r"\rceil", "‖": r"\|", "∘": r"\circ",
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
    "ϵ": r"\epsilon", "ζ": r"\zeta", "η": r"\eta", "θ": r"\theta", "ι": r"\iota", "κ": r"\kappa",
    "λ": r"\lambda", "μ": r"\mu", "ν": r"\nu", "ξ": r"\xi", "π": r"\pi", "ρ": r"\rho",
    "σ": r"\sigma", "τ": r"\tau", "υ": r"\upsilon", "φ": r"\varphi", "ϕ": r"\phi", "χ": r"\chi",
    "ψ": r"\psi", "ω": r"\omega", "Γ": r"\Gamma", "Δ": r"\Delta", "Θ": r"\Theta", "Λ": r"\Lambda",
    "Ξ": r"\Xi", "Π": r"\Pi", "Σ": r"\Sigma", "Φ": r"\Phi", "Ψ": r"\Psi", "Ω": r"\Omega",
    "ℕ": r"\mathbb{N}", "ℝ": r"\mathbb{R}", "ℤ": r"\mathbb{Z}", "ℚ": r"\mathbb{Q}", "ℓ": r"\ell",
    "⁰": "^0", "¹": "^1", "²": "^2", "³": "^3", "⁴": "^4", "⁵": "^5", "⁶": "^6", "⁷": "^7",
    "⁸": "^8", "⁹": "^9", "⁻": "^-", "₀": "_0", "₁": "_1", "₂": "_2", "₃": "_3", "₄": "_4",
    "₅": "_5", "₆": "_6", "₇": "_7", "₈": "_8", "₉": "_9", "ᵢ": "_i", "ₙ": "_n", "ₜ": "_t",
    "−": "-",
}
UNICODE_TEXT = {"–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "…": r"\dots{}",
                "é": r"\'e", "è": r"\`e", "à": r"\`a", "ü": r"\"u", "ö": r"\"o", "ä": r"\"a",
                "ç": r"\c{c}", "ñ": r"\~n", "É": r"\'E", "\u00a0": "~", "§": r"\S{}", "°": r"$^\circ$",
                "ï": r"\"i", "ë": r"\"e", "ô": r"\^o", "î": r"\^i", "ê": r"\^e", "â": r"\^a"}

KNOWN = set("""
alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi
rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma
Upsilon Phi Psi Omega le leq ge geq neq ne approx sim simeq cong equiv ll gg lt gt in notin ni subset
subseteq supset supseteq cup cap bigcup bigcap setminus emptyset varnothing sum prod int oint lim
liminf limsup sup inf max min arg argmax argmin log ln exp sin cos tan sinh cosh tanh det dim ker Pr
deg gcd mod bmod pmod infty to rightarrow leftarrow Rightarrow Leftarrow Leftrightarrow leftrightarrow
mapsto implies iff times cdot cdots ldots dots dotsc dotsb vdots ddots pm mp div ast star circ bullet
forall exists neg lnot wedge vee land lor partial nabla frac dfrac tfrac binom dbinom tbinom sqrt
left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr middle lfloor rfloor lceil rceil
langle rangle lvert rvert lVert rVert vert Vert mid nmid parallel mathbb mathcal mathbf mathrm
mathit mathsf mathtt mathfrak boldsymbol bm text textrm textit textbf emph operatorname overline
underline hat widehat tilde widetilde bar vec dot ddot overset underset stackrel overbrace underbrace
quad qquad prime top intercal perp ell hbar Re Im aleph limits nolimits displaystyle textstyle
scriptstyle mathop mathrel mathbin geqslant leqslant preceq succeq prec succ propto asymp lesssim
gtrsim triangleq coloneqq colon not lbrace rbrace backslash sharp flat natural smallsetminus
uparrow downarrow Uparrow Downarrow longrightarrow longmapsto hookrightarrow xrightarrow
xleftarrow cases begin end substack pmatrix bmatrix matrix vmatrix aligned array
""".split())


def escape_text(s: str) -> str:
    """Prose -> LaTeX (specials escaped, Unicode mapped)."""
    out = []
    for ch in s:
        if ch in "&%$#_{}":
            out.append("\\" + ch)
        elif ch == "~":
            out.append(r"\textasciitilde{}")
        elif ch == "^":
            out.append(r"\textasciicircum{}")
        elif ch == "\\":
            out.append(r"\textbackslash{}")
        elif ch == "<":
            out.append(r"\textless{}")
        elif ch == ">":
            out.append(r"\textgreater{}")
        elif ch == "|":
            out.append(r"\textbar{}")
        elif ord(ch) < 128:
            out.append(ch)
        elif ch in UNICODE_TEXT:
            out.append(UNICODE_TEXT[ch])
        elif ch in UNICODE_MATH:
            out.append("$" + UNICODE_MATH[ch] + "$")
        else:
            out.append("?")
    return "".join(out)


def code(s: str) -> str:
    """Typewriter text that may break after separators (replay commands, parameters)."""
    e = escape_text(s).replace("-", "-{}").replace("'", r"\textquotesingle{}").replace("`", r"\textasciigrave{}")
    return r"\texttt{" + re.sub(r"([;,=/ ])", r"\1\\allowbreak{}", e) + "}"


def _math_ok(m: str) -> bool:
    depth = 0
    for ch in m:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    if depth != 0:
        return False
    for cmd in re.findall(r"\\([A-Za-z]+)", m):
        if cmd not in KNOWN:
            return False
    envs = re.findall(r"\\(?:begin|end)\{([^}]*)\}", m)
    if any(e not in ("cases", "aligned", "array", "pmatrix", "bmatrix", "matrix", "vmatrix",
                     "smallmatrix") for e in envs):
        return False
    if m.count(r"\left") != m.count(r"\right"):
        return False
    return True


def _math(m: str) -> str:
    out = []
    for ch in m:
        if ch in UNICODE_MATH:
            rep = UNICODE_MATH[ch]
            out.append(rep + (" " if rep[-1].isalpha() else ""))
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append("?")
    return "".join(out)


MATH_RE = re.compile(r"(\$\$.+?\$\$|\$[^$]+?\$)", re.S)


def tex_rich(s: str, safe: bool = False) -> str:
    """Prose with ``$...$`` math. ``safe=True`` shows all math as escaped typewriter text."""
    if not s:
        return ""
    parts = MATH_RE.split(s)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(escape_text(part))
            continue
        inner = part.strip("$")
        if not safe and _math_ok(inner):
            out.append("$" + _math(inner) + "$")
        else:
            out.append(r"\texttt{" + escape_text(inner) + "}")
    return "".join(out)
