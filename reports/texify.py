"""Text from the claim catalogue (prose with ``$...$`` math and some Unicode) made safe for LaTeX.

Prose is escaped; math is kept only when :func:`math_ok` finds nothing that could stop pdflatex
(every control sequence one that the report's preamble defines, balanced braces and
``\\left``/``\\right``, no unescaped ``% # &`` outside an alignment, no missing or double
sub/superscript, no missing argument, plain ASCII inside ``\\text{}``); otherwise the segment is shown
as escaped typewriter text, so one odd formula cannot break the PDF. Unicode symbols become LaTeX
commands, anything else unknown becomes ``?``. ``MATH_PREAMBLE`` is what the report loads for the
commands in ``KNOWN`` (a test compiles every one of them).
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
xleftarrow begin end substack odot otimes oplus ominus oslash dagger ddagger
""".split())


MATH_PREAMBLE = r"""\usepackage{amsmath,amssymb,mathtools,bm}
\providecommand{\lt}{<}
\providecommand{\gt}{>}
\DeclareMathOperator*{\argmax}{arg\,max}
\DeclareMathOperator*{\argmin}{arg\,min}
\newsavebox{\fitmathbox}
\newcommand{\fitmath}[1]{\sbox{\fitmathbox}{$\displaystyle #1$}\ifdim\wd\fitmathbox>1.5\linewidth
  $#1$\else\ifdim\wd\fitmathbox>\linewidth\resizebox{\linewidth}{!}{\usebox{\fitmathbox}}\else
  \usebox{\fitmathbox}\fi\fi}
"""

#: commands taking mandatory arguments (a missing one stops pdflatex)
ARGS = {"frac": 2, "dfrac": 2, "tfrac": 2, "binom": 2, "dbinom": 2, "tbinom": 2, "sqrt": 1,
        "mathbb": 1, "mathcal": 1, "mathbf": 1, "mathrm": 1, "mathit": 1, "mathsf": 1, "mathtt": 1,
        "mathfrak": 1, "boldsymbol": 1, "bm": 1, "text": 1, "textrm": 1, "textit": 1, "textbf": 1,
        "emph": 1, "operatorname": 1, "overline": 1, "underline": 1, "hat": 1, "widehat": 1,
        "tilde": 1, "widetilde": 1, "bar": 1, "vec": 1, "dot": 1, "ddot": 1, "overset": 2,
        "underset": 2, "stackrel": 2, "overbrace": 1, "underbrace": 1, "substack": 1, "mathop": 1,
        "mathrel": 1, "mathbin": 1, "xrightarrow": 1, "xleftarrow": 1, "pmod": 1, "not": 1}
TEXT_CMDS = ("text", "textrm", "textit", "textbf", "emph")
ENVS = ("cases", "aligned", "pmatrix", "bmatrix", "matrix", "vmatrix", "smallmatrix")
#: commands that must be followed by a delimiter ("Missing delimiter" stops pdflatex)
NEEDS_DELIM = {"left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl",
               "Bigr", "biggl", "biggr"}
DELIMS = set("()[]|./<>") | {"\\{", "\\}", "\\|"} | {"\\" + n for n in (
    "langle rangle lfloor rfloor lceil rceil lvert rvert lVert rVert vert Vert uparrow downarrow "
    "Uparrow Downarrow backslash lbrace rbrace").split()}
#: \limits/\nolimits must follow one of these
OPERATORS = {"sum", "prod", "int", "oint", "lim", "liminf", "limsup", "sup", "inf", "max", "min",
             "argmax", "argmin", "bigcup", "bigcap", "det", "Pr", "gcd"}


def escape_text(s: str) -> str:
    """Prose -> LaTeX (specials escaped, Unicode mapped; brackets braced so that a ``[`` after
    ``\\\\`` or ``\\item`` is never read as an optional argument)."""
    out = []
    for ch in s:
        if ch in "&%$#_{}":
            out.append("\\" + ch)
        elif ch in "[]":
            out.append("{" + ch + "}")
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
    return r"\texttt{" + re.sub(r"([;,=/. ]|\\_)", r"\1\\allowbreak{}", e) + "}"


_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\s+|.", re.S)
BACKSLASH2 = "\\" * 2


def _tokens(m: str) -> list[str]:
    return [t for t in _TOKEN.findall(m) if not t.isspace()]


def _is_cmd(t: str) -> bool:
    return t.startswith("\\") and t[1:].isalpha()


def _arg_end(toks: list[str], i: int) -> int | None:
    """Index after the argument starting at ``toks[i]`` (one token or a braced group), or None."""
    if i >= len(toks) or toks[i] in ("}", "&", BACKSLASH2, "^", "_"):
        return None
    if toks[i] != "{":
        return i + 1
    depth = 0
    for k in range(i, len(toks)):
        depth += toks[k] == "{"
        depth -= toks[k] == "}"
        if depth == 0:
            return k + 1
    return None


def math_ok(m: str) -> bool:
    """True when the math segment ``m`` (without its ``$``) can be handed to pdflatex safely."""
    if "$" in m:  # a nested math shift would end math mode inside a formula
        return False
    toks = _tokens(m)
    depth = 0
    for t in toks:
        depth += t == "{"
        depth -= t == "}"
        if depth < 0:
            return False
    if depth:
        return False
    envs = re.findall(r"\\(?:begin|end)\{([^}]*)\}", m)
    if any(e not in ENVS for e in envs) or len(envs) % 2:
        return False
    if "%" in toks or "#" in toks:
        return False
    if not envs and ("&" in toks or BACKSLASH2 in toks):
        return False
    if toks.count(r"\left") != toks.count(r"\right"):
        return False
    scripts: set[str] = set()
    i = 0
    while i < len(toks):
        t = toks[i]
        if _is_cmd(t):
            name = t[1:]
            if name not in KNOWN:
                return False
            if name in NEEDS_DELIM and (i + 1 >= len(toks) or toks[i + 1] not in DELIMS):
                return False
            if name in ("limits", "nolimits") and (i == 0 or toks[i - 1][1:] not in OPERATORS):
                return False
            if name in TEXT_CMDS:  # text mode inside: no math specials, ASCII only
                end = _arg_end(toks, i + 1)
                if end is None:
                    return False
                body = "".join(toks[i + 1:end])
                body = re.sub(r"\\[_#%&]", "", body)  # escaped specials are text: \_ \# \% \&
                if any(c in body for c in "_^%#&$\\") or not body.isascii():
                    return False
            k = i + 1
            for _ in range(ARGS.get(name, 0)):
                if k < len(toks) and toks[k] == "[":  # optional argument, e.g. \sqrt[3]{x}
                    while k < len(toks) and toks[k] != "]":
                        k += 1
                    k += 1
                k = _arg_end(toks, k)
                if k is None:
                    return False
            scripts = set()
        elif t in ("^", "_"):
            end = _arg_end(toks, i + 1)
            if t in scripts or end is None:  # double script, or a script with no argument
                return False
            scripts.add(t)
            i = end
            continue
        elif t == "'":
            if "^" in scripts:  # x^2' is a double superscript
                return False
        else:
            scripts = set()
        i += 1
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


#: the text-mode commands a declared statement may use outside ``$...$``, as plain text
_PROSE_COMMANDS = ((re.compile(r"\\l?dots\b\\?"), "…"), (re.compile(r"\\textbf\{([^{}$]*)\}"), r"\1"),
                   (re.compile(r"\\[ ,;]"), " "))


def prose_text(s: str) -> str:
    """A prose segment of a declared statement with its few text-mode commands (``\\dots``,
    ``\\textbf{...}``, ``\\ ``) turned into plain text, before escaping: never shown as code."""
    for pattern, repl in _PROSE_COMMANDS:
        s = pattern.sub(repl, s)
    return s


def tex_rich(s: str, safe: bool = False) -> str:
    """Prose with ``$...$`` math. ``safe=True`` shows all math as escaped typewriter text."""
    if not s:
        return ""
    parts = MATH_RE.split(s)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(escape_text(prose_text(part)))
            continue
        inner = part.strip("$")
        mapped = _math(inner)  # Unicode first: "x²" becomes "x^2", which must be checked too
        if not safe and math_ok(mapped):
            out.append("$" + mapped + "$")
        else:
            out.append(r"\texttt{" + escape_text(inner) + "}")
    return "".join(out)


_WORDS = re.compile(r"[A-Za-z]{3,}[ ,;]+[A-Za-z]{3,}[ ,;]+[A-Za-z]{3,}")


def is_prose(m: str) -> bool:
    """Whether a stored statement is prose rather than one formula: it has ``$...$`` segments, or
    no LaTeX command and either three words in a row or nothing a formula could be (a citation
    list, a quotation). Prose is set as text with its ``$...$`` formulas, never as one formula."""
    if "$" in m:
        return True
    if "\\" in m:
        return False
    return bool(_WORDS.search(m)) or not math_ok(_math(m))


def tex_math(m: str | None, safe: bool = False) -> str:
    """A pure-math string computed during the review (``sympy.latex`` of a bound, a hypothesis) as
    ``$...$`` when :func:`math_ok` accepts it, else as escaped typewriter text (never a stopped build).
    ``\\fitmath`` (``MATH_PREAMBLE``) shrinks a formula up to 1.5 times wider than the line
    instead of overflowing; a longer one is set inline, where TeX breaks it at its relations and
    operators (shrunk, it would be unreadable)."""
    if not m:
        return ""
    if is_prose(m):  # prose, with or without formulas (a catalogue statement), not one formula
        return tex_rich(m, safe=safe)
    mapped = _math(m)
    if not safe and math_ok(mapped):
        return r"\fitmath{" + mapped + "}"
    return r"\texttt{" + escape_text(m) + "}"


def clip_prose(s: str | None, limit: int) -> str:
    """``s`` cut to about ``limit`` characters at a word boundary, never inside a ``$...$`` segment
    (a cut formula would not typeset); ``…`` marks the cut."""
    s = s or ""
    if len(s) <= limit:
        return s
    out, used = [], 0
    for i, part in enumerate(MATH_RE.split(s)):
        if used >= limit:
            break
        if i % 2:  # math: whole or not at all
            if used + len(part) > limit:
                break
            out.append(part)
            used += len(part)
            continue
        room = limit - used
        if len(part) <= room:
            out.append(part)
            used += len(part)
            continue
        cut = part[:room]
        cut = cut[:cut.rfind(" ")] if " " in cut[room // 2:] else cut
        out.append(cut)
        used = limit
    return "".join(out).rstrip() + "…"
