"""The claim model: one small declarative record per statement of a paper.

A :class:`Claim` carries what the paper says (id, source, statement, constants, methods) and a list
of *checks*, each of which turns the statement into computed comparisons on a parameter grid:

* :class:`BoundCheck` -- "observable(params) REL bound(params)": the generic case. The bound is a
  sympy expression in the grid parameters; the observable is named (``"rssp.tau_event"``) and is
  computed by exact/ or montecarlo/ (the harness picks, see ``harness.runner``).
* :class:`ComputedCheck` -- a function of one grid point that returns :class:`Comparison` records
  (left value, right value, relation) computed by any means (per-state minima, identities, ...).
  The verdict is still decided by the harness from the numbers, never by the function.
* :class:`CertifyCheck` -- a real inequality over a box, decided by the certification engine.

bounds/ knows nothing about *how* values are computed: checks name observables, and computed
checks are plain functions of a context (``ctx.observe``, ``ctx.constant``, ``ctx.compare``, ...)
that the runner passes in (see ``ticketcheck.harness.context``).

A referee's judgement needs more than the checks (design.md, "Verdicts"); a claim also declares:

* :class:`Falsifier` on each judged check -- the same check with one change to the declaration
  (a constant scaled by at most 2, the relation tightened, a hypothesis dropped) that must come out
  ``violated`` inside the original hypotheses; a check none of whose falsifiers fires is
  ``measured``, never ``holds``;
* ``hypothesis`` -- the statement's own hypotheses (a sympy boolean in the parameters), and
  ``inherits`` (:class:`Inherit`) -- for a proof step, equation or ``as_used_in`` variant, the
  hypotheses of the statement it helps prove, with the proof's substitution of parameters; a point
  outside them is ``out_of_scope``;
* :class:`Reading` -- notation the text leaves undefined (a log base, a rounding), one grid parameter
  whose values are the readings; the claim is violated only if every reading fails;
* :class:`Correction` -- the evident intended form of a printed statement, one edit of a declared
  kind citing the text that supports it; a violation whose correction holds is a ``typo``.

``DECLARATION_API_VERSION`` is the version of these declarations (plugins check it).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Iterable, Literal, Mapping, Sequence

import sympy as sp

#: version of the declaration API (Claim, checks, Falsifier, Inherit, Reading, Correction, and the
#: registry's register_paper/register/attach/declare_readings): a plugin declares the version it is
#: written for (``register_paper(..., api=(1, 1))``) and is refused when the major number differs or
#: its minor number is newer. Breaking changes bump the first number, additions the second.
#: 1.1: papers are declared by ``register_paper`` (1.0: a fixed list of keys); plugins.
#: 1.2: ``Falsifier.offset`` (a symbolic identity's right-hand side shifted).
DECLARATION_API_VERSION = (1, 2)

#: ``"report"``: the two sides are computed and shown but not judged (definitions and qualitative
#: claims for which claims.md asks to "report the numbers, not a pass/fail"): verdict ``measured``
Relation = Literal[">=", ">", "<=", "<", "==", "report"]
METHODS = ("SYM", "EXACT", "MC", "NUM", "CERT", "ARITH", "REC")
KINDS = ("model", "def", "thm", "lemma", "cor", "eq", "step", "remark", "fn", "exp", "figure",
         "table", "cite", "claim")
#: catalogue kind -> role in the referee letter (theorem > lemma/corollary > proof step >
#: experiment/arithmetic)
ROLE_OF_KIND = {"thm": "theorem", "lemma": "lemma", "cor": "corollary", "step": "proof_step",
                "eq": "equation", "exp": "experiment", "figure": "figure", "table": "table",
                "def": "definition", "model": "model", "remark": "remark", "fn": "remark",
                "cite": "citation", "claim": "claim"}


@dataclass(frozen=True)
class Param:
    """A parameter of a claim with its domain (``low``/``high`` inclusive; ``None`` = unbounded)."""

    name: str
    kind: Literal["int", "real", "choice"] = "int"
    low: Any = None
    high: Any = None
    choices: tuple = ()
    doc: str = ""
    #: the parameter's name as the paper writes it, in LaTeX (``\\Delta``, ``\\beta``); default: name
    tex: str = ""


@dataclass(frozen=True)
class EmpiricalConstant:
    """An existential constant ("there exist C, kappa") whose smallest admissible value is reported.

    ``symbol`` appears in the bound; ``search`` is the interval searched; ``claim_gets_weaker`` says in
    which direction the claim becomes easier to satisfy: ``"up"`` if a larger value makes the bound
    weaker (e.g. C in ``1 - 2 exp(-(t - C L)^2 / (kappa t))``), ``"down"`` otherwise. ``fixed`` gives
    values for the other constants of the bound while this one is searched.
    """

    symbol: sp.Symbol
    search: tuple[float, float]
    claim_gets_weaker: Literal["up", "down"] = "up"
    fixed: Mapping[sp.Symbol, Any] = field(default_factory=dict)
    #: a value or range the paper itself gives for the constant (then the check is judged at the
    #: weakest end of this range); without it the fitted constant is ``measured``, never judged
    paper_range: tuple[Any, Any] | None = None
    doc: str = ""


@dataclass(frozen=True)
class Falsifier:
    """A deliberately wrong variant of a check: one change to the claim's declaration only.

    * ``scale``: constant ``target`` (a name in the check's ``constants``) multiplied by ``factor``
      (``1/2 <= factor <= 2``, ``factor != 1``);
    * ``relation``: the relation tightened to ``target`` (``>=`` -> ``>``, ``<=`` -> ``<``, or for a
      computed check every comparison tightened when ``target`` is ``"strict"``);
    * ``drop_hypothesis``: the hypothesis conjunct whose text is ``target`` dropped (or all of it
      when ``target`` is ``"*"``);
    * ``offset``: a symbolic identity's right-hand side plus ``factor`` (a nonzero rational): the
      identity engine must then refute it (every identity and substitution check gets ``rhs + 1``
      by default; a check whose two sides are the same expression is reported, never judged).

    Run on the check's own grid through the same observables, it must be ``violated`` at a point
    inside the original hypotheses (``tests/test_falsifiers.py`` runs every one).
    """

    change: Literal["scale", "relation", "drop_hypothesis", "offset"]
    target: str
    factor: Fraction | None = None
    doc: str = ""

    def __post_init__(self):
        if self.change == "scale":
            f = Fraction(self.factor) if self.factor is not None else None
            if f is None or not (Fraction(1, 2) <= f <= 2) or f == 1:
                raise ValueError(f"falsifier scale {self.target}: the factor must be in [1/2, 2] and not 1 "
                                 f"(got {self.factor})")
            object.__setattr__(self, "factor", f)
        elif self.change == "relation":
            if self.target not in (">", "<", "strict"):
                raise ValueError(f"falsifier relation: tighten to '>', '<' or 'strict' (got {self.target!r})")
        elif self.change == "offset":
            f = Fraction(self.factor) if self.factor is not None else Fraction(0)
            if f == 0:
                raise ValueError("falsifier offset: the amount added to the right-hand side must be nonzero")
            object.__setattr__(self, "factor", f)
        elif self.change != "drop_hypothesis":
            raise ValueError(f"unknown falsifier change {self.change!r}")

    @classmethod
    def scale(cls, constant: str, factor, doc: str = "") -> "Falsifier":
        return cls("scale", str(constant), Fraction(factor), doc)

    @classmethod
    def tighten(cls, relation: str = "strict", doc: str = "") -> "Falsifier":
        return cls("relation", relation, None, doc)

    @classmethod
    def drop(cls, hypothesis: str = "*", doc: str = "") -> "Falsifier":
        return cls("drop_hypothesis", str(hypothesis), None, doc)

    @classmethod
    def offset(cls, amount=1, doc: str = "") -> "Falsifier":
        return cls("offset", "rhs", Fraction(amount), doc)

    @property
    def name(self) -> str:
        if self.change == "offset":
            return f"right-hand side + {self.factor}"
        if self.change == "scale":
            return f"{self.target} x {self.factor}"
        if self.change == "relation":
            return f"relation tightened ({self.target})"
        return f"hypothesis dropped ({self.target})"


@dataclass(frozen=True)
class Inherit:
    """A proof step inherits the hypotheses of ``claim`` (the statement it helps prove), with the
    proof's substitution ``subs`` of that claim's parameters (name -> sympy expression in the step's
    own parameters, e.g. ``{"t": t / 2}`` for a lemma applied at time t/2)."""

    claim: str
    subs: Mapping[str, Any] = field(default_factory=dict)
    doc: str = ""


@dataclass(frozen=True)
class Reading:
    """Notation the text leaves undefined, as one grid parameter whose values are the readings
    (e.g. ``Reading("log_base", {"ln": E, "log2": 2}, source="§3: log without a base")``). Every
    reading is checked and reported on its own; the claim is violated only if every reading fails."""

    param: str
    values: Mapping[str, Any]
    source: str = ""
    doc: str = ""

    def label(self, value) -> str:
        for k, v in self.values.items():
            if v == value or str(v) == str(value):
                return k
        return str(value)


CORRECTION_KINDS = ("constant_inverted", "strictness", "sign", "index", "symbol", "log_base")


@dataclass(frozen=True)
class Correction:
    """The evident intended form of a printed statement: ONE edit of a declared kind, citing the
    place in the paper that supports it (``source``). Never a fitted number, a new hypothesis or a
    constant of the author's choosing; the harness checks the edit has its declared kind.

    * ``constant_inverted``: ``constants`` maps a constant to its reciprocal;
    * ``strictness``: ``relation`` is the printed relation with the strictness changed;
    * ``sign``: ``constants`` maps a constant to its negative, or ``replace`` maps a subexpression to
      its negative;
    * ``index``: ``replace`` maps a symbol to itself plus or minus one;
    * ``symbol``: ``replace`` maps a symbol to the symbol the paper defines or uses elsewhere;
    * ``log_base``: ``constants`` sets a reading parameter (``log_base``) to the other base.

    ``checks`` limits the edit to some checks (default all). The corrected claim is run on the same
    domain, grid and method; if it holds, the printed form's violation has severity ``typo``.
    """

    kind: str
    statement: str
    source: str
    constants: Mapping[str, Any] = field(default_factory=dict)
    relation: str | None = None
    replace: Mapping[Any, Any] = field(default_factory=dict)
    checks: tuple[str, ...] = ()

    def __post_init__(self):
        if self.kind not in CORRECTION_KINDS:
            raise ValueError(f"correction kind must be one of {CORRECTION_KINDS} (got {self.kind!r})")
        if not self.source:
            raise ValueError("a correction cites the place in the paper that supports it (source=...)")
        edits = sum(bool(x) for x in (self.constants, self.relation, self.replace))
        if edits != 1:
            raise ValueError(f"a correction is one edit: give exactly one of constants, relation, replace "
                             f"(got {edits})")


Grid = Mapping[str, Sequence[Any]] | Callable[[], Iterable[Mapping[str, Any]]]


@dataclass
class BoundCheck:
    """``observable(args) relation bound`` at every point of ``grid`` where ``hypothesis`` holds.

    * ``observable``: a name registered in ``harness.observables`` (e.g. ``"rssp.tau_event"``).
    * ``args``: observable argument -> sympy expression in the grid parameters (default: same name).
    * ``bound``: sympy expression in the grid parameters (constants substituted or in ``constants``).
    * ``hypothesis``: sympy relational/boolean in the parameters, or a Python predicate on the dict.
    * ``kind``: ``"probability"`` enables the vacuity rules (lower bound <= 0, upper bound >= 1).
    """

    name: str
    observable: str
    bound: sp.Expr
    relation: Relation
    grid: Grid
    args: Mapping[str, sp.Expr | Any] = field(default_factory=dict)
    hypothesis: Any = True
    kind: Literal["probability", "real"] = "probability"
    constants: Mapping[sp.Symbol, Any] = field(default_factory=dict)
    empirical: Sequence[EmpiricalConstant] = ()
    quick_grid: Grid | None = None
    falsifiers: Sequence[Falsifier] = ()
    #: the observable side as the paper writes it, in LaTeX (e.g. ``P(\\tau_1 \\le t)``); the bound
    #: side is typeset from ``bound`` by sympy
    lhs_tex: str = ""
    doc: str = ""


@dataclass
class ComputedCheck:
    """A function of one grid point returning :class:`Comparison` records (see module doc).

    ``compute(ctx)`` reads the point (``ctx["M"]``) and the check's ``constants`` through
    ``ctx.constant(name)`` (so that a falsifier or a correction can change them)."""

    name: str
    compute: Callable[[Mapping[str, Any]], Iterable["Comparison"]]
    grid: Grid
    hypothesis: Any = True
    quick_grid: Grid | None = None
    constants: Mapping[str, Any] = field(default_factory=dict)
    falsifiers: Sequence[Falsifier] = ()
    doc: str = ""


@dataclass
class CertifyCheck:
    """A real inequality ``lhs relation rhs`` to certify over ``domain`` (see ``harness.certify``).

    ``domain`` maps a variable name to ``(low, high)``; ``high`` may be ``sympy.oo``; integer variables
    are listed in ``integers``. ``tail`` names an argument for unbounded ranges (see the engine).
    """

    name: str
    lhs: sp.Expr
    rhs: sp.Expr
    relation: Relation
    domain: Mapping[str, tuple[Any, Any]]
    integers: Sequence[str] = ()
    constraints: Sequence[Any] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    constants: Mapping[Any, Any] = field(default_factory=dict)
    falsifiers: Sequence[Falsifier] = ()
    doc: str = ""


@dataclass
class SymbolicCheck:
    """A symbolic statement decided by sympy in ``harness.symbolic`` (pure data here).

    ``kind``: ``"identity"`` (lhs - rhs simplifies to 0 under ``assumptions``), ``"implication"``,
    ``"limit"`` (``lhs`` -> ``rhs`` as ``var`` -> ``point``), ``"substitution"`` (``lhs`` with
    ``subs`` applied equals ``rhs``), or any other kind the engine documents.
    """

    name: str
    kind: str
    lhs: Any
    rhs: Any = 0
    var: Any = None
    point: Any = None
    subs: Mapping[Any, Any] = field(default_factory=dict)
    assumptions: Sequence[Any] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    constants: Mapping[Any, Any] = field(default_factory=dict)
    falsifiers: Sequence[Falsifier] = ()
    doc: str = ""


@dataclass
class GapCheck:
    """"The cited result implies what the proof uses" (``implication``) together with the used form
    itself against the true values (``used``). Verdict: ``violated`` when the used form fails;
    ``gap`` when the implication fails while the used form holds on everything tested (the proof
    uses more than the cited result gives, but what it uses is true); ``holds`` when both hold.
    Falsifiers act on the used form."""

    name: str
    implication: "Check"
    used: "Check"
    doc: str = ""

    @property
    def falsifiers(self):
        return getattr(self.used, "falsifiers", ())

    @property
    def grid(self):
        return getattr(self.used, "grid", None)


@dataclass
class Comparison:
    """One computed comparison: ``lhs relation rhs`` at ``params``.

    Values may be ``int``/``Fraction`` (exact), a ``flint.arb`` ball or an mpmath number (bound), a
    ``montecarlo.Estimate`` (value with Clopper-Pearson interval), or a float (labelled ``approx``).
    ``label`` tells what the two sides are (e.g. ``"min over states of E[v'] - rhs"``).
    """

    params: Mapping[str, Any]
    lhs: Any
    rhs: Any
    relation: Relation
    label: str = ""
    #: ``probability`` (vacuity rules, tightness), ``real``, or ``fact``: a yes/no statement whose
    #: two sides are 0/1 (or booleans) and whose ``label`` is the sentence that should be true
    kind: Literal["probability", "real", "fact"] = "real"
    info: Mapping[str, Any] = field(default_factory=dict)
    #: optional ``(sympy expression, env)`` that ``rhs`` was evaluated from: lets the harness
    #: re-evaluate it with tighter balls when the two sides tie at the working precision
    rhs_expr: Any = None
    #: the two sides as the paper writes them, in LaTeX (``P(\\tau_1 \\le t)``,
    #: ``1 - e^{-2 p_\\beta^2 (t - i^*/p_\\beta)^2 / t}``): what a referee reads in a counterexample
    lhs_tex: str = ""
    rhs_tex: str = ""


Check = BoundCheck | ComputedCheck | CertifyCheck | SymbolicCheck | GapCheck


@dataclass
class Claim:
    """One statement of a paper, with its checks. ``id`` is the catalogue id, verbatim."""

    id: str
    title: str
    source: str
    statement: str
    methods: tuple[str, ...]
    checks: list[Check] = field(default_factory=list)
    params: tuple[Param, ...] = ()
    constants: Mapping[str, Any] = field(default_factory=dict)
    constants_kind: Literal["explicit", "existential", "none", "mixed"] = "none"
    log_base: str = ""
    variant_of: str | None = None
    depends_on: tuple[str, ...] = ()
    notes: str = ""
    #: the statement's own hypotheses (sympy boolean in the parameter names), for inheritance
    hypothesis: Any = True
    #: for a proof step, equation or as_used_in variant: the statements whose hypotheses it inherits
    inherits: tuple[Inherit, ...] = ()
    readings: tuple[Reading, ...] = ()
    correction: Correction | None = None
    #: role in the paper (theorem, lemma, corollary, proof_step, ...); default from the id's kind
    role: str | None = None
    #: LaTeX of the statement (the catalogue's), shown typeset in the reports
    latex: str = ""

    @property
    def paper(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def kind(self) -> str:
        """The catalogue kind of the id (``thm``, ``lemma``, ``step``, ...)."""
        import re
        m = re.match(r"[a-z]+", self.id.split(".", 1)[1] if "." in self.id else "")
        return m.group(0) if m else "claim"

    @property
    def role_name(self) -> str:
        """The claim's role: declared, else from the id (an ``as_used_in``/``as_in`` variant is a proof
        step, whatever statement it quotes)."""
        if self.role:
            return self.role
        if ".as_used_in_" in self.id or ".as_in_" in self.id:
            return "proof_step"
        return ROLE_OF_KIND.get(self.kind, "claim")

    @property
    def status(self) -> str:
        """``"tested"`` when at least one check is attached, ``"recorded"`` (REC) otherwise."""
        return "tested" if self.checks else "recorded"

    def summary(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "status": self.status,
            "methods": list(self.methods),
            "variant_of": self.variant_of,
            "checks": [c.name for c in self.checks],
            "role": self.role_name,
        }


def as_fraction(x) -> Fraction:
    """Exact rational from int/Fraction/sympy Rational/``"p/q"`` string."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    if isinstance(x, sp.Rational):
        return Fraction(int(x.p), int(x.q))
    if isinstance(x, str):
        return Fraction(x)
    raise TypeError(f"not an exact rational: {x!r}")
