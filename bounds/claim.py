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
checks are plain functions whose bodies may call exact/ or montecarlo/ through the harness API.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Iterable, Literal, Mapping, Sequence

import sympy as sp

#: ``"report"``: the two sides are computed and shown but not judged (definitions and qualitative
#: claims for which claims.md asks to "report the numbers, not a pass/fail"): verdict ``measured``
Relation = Literal[">=", ">", "<=", "<", "==", "report"]
METHODS = ("SYM", "EXACT", "MC", "NUM", "CERT", "ARITH", "REC")
KINDS = ("model", "def", "thm", "lemma", "cor", "eq", "step", "remark", "fn", "exp", "figure",
         "table", "cite", "claim")


@dataclass(frozen=True)
class Param:
    """A parameter of a claim with its domain (``low``/``high`` inclusive; ``None`` = unbounded)."""

    name: str
    kind: Literal["int", "real", "choice"] = "int"
    low: Any = None
    high: Any = None
    choices: tuple = ()
    doc: str = ""


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
    doc: str = ""


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
    doc: str = ""


@dataclass
class ComputedCheck:
    """A function of one grid point returning :class:`Comparison` records (see module doc)."""

    name: str
    compute: Callable[[Mapping[str, Any]], Iterable["Comparison"]]
    grid: Grid
    hypothesis: Any = True
    quick_grid: Grid | None = None
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
    doc: str = ""


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
    kind: Literal["probability", "real"] = "real"
    info: Mapping[str, Any] = field(default_factory=dict)
    #: optional ``(sympy expression, env)`` that ``rhs`` was evaluated from: lets the harness
    #: re-evaluate it with tighter balls when the two sides tie at the working precision
    rhs_expr: Any = None


Check = BoundCheck | ComputedCheck | CertifyCheck | SymbolicCheck


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

    @property
    def paper(self) -> str:
        return self.id.split(".", 1)[0]

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
