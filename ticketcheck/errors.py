"""One exception hierarchy; every message says what to do instead (printed as one line by the CLI)."""


class TicketcheckError(Exception):
    """Base class: a user-facing error with a one-line message."""


class InputError(TicketcheckError, ValueError):
    """Bad parameters (negative M, Delta > M, k > n, malformed grid, ...)."""


class UnknownClaimError(TicketcheckError, KeyError):
    def __str__(self):  # KeyError would add quotes
        return self.args[0] if self.args else "unknown claim"


class PluginError(InputError):
    """A paper plugin (``--claims FILE``, an entry point of ``ticketcheck.papers``) could not be
    loaded: the message names the file and what to change."""


class TooLargeError(TicketcheckError):
    """An exact enumeration would exceed the budget; use Monte Carlo or smaller parameters."""


class DisagreementError(TicketcheckError):
    """Exact and Monte Carlo values disagree on the overlap band: a bug in one of them."""


def require(cond: bool, message: str) -> None:
    """Raise :class:`InputError` with ``message`` unless ``cond``."""
    if not cond:
        raise InputError(message)


class UndecidableError(TicketcheckError, ArithmeticError):
    """A floor/ceiling argument could not be separated from an integer at the highest precision."""


#: what evaluating a formula may legitimately raise (a pole, an undecidable rounding, a function
#: without a ball extension, a missing value, sympy giving up); a caller that turns one into "not
#: decided here" catches exactly these, so that a bug (AttributeError, NameError, ...) stays loud
EVALUATION_ERRORS = (ArithmeticError, ValueError, TypeError, KeyError, NotImplementedError,
                     RecursionError, TicketcheckError)


def require_int(name: str, value, low: int | None = None, high: int | None = None,
                hint: str = "") -> int:
    """``value`` as a Python int (ints, numpy/sympy integers, integral Fractions and floats), or
    :class:`InputError` naming the parameter, its allowed range and ``hint`` (what it means)."""
    v = None
    if not isinstance(value, bool):
        try:
            if int(value) == value:
                v = int(value)
        except (TypeError, ValueError, OverflowError):
            v = None
    rng = (f" in {low}..{high}" if low is not None and high is not None else
           f" >= {low}" if low is not None else f" <= {high}" if high is not None else "")
    if v is None or (low is not None and v < low) or (high is not None and v > high):
        raise InputError(f"{name} must be an integer{rng}{' (' + hint + ')' if hint else ''}, "
                         f"got {value!r}")
    return v


class MissingDependencyError(TicketcheckError, ImportError):
    """An optional dependency is not installed; the message says what to install."""


def is_interrupt(exc: BaseException | None) -> bool:
    """True for a ``KeyboardInterrupt`` and for an exception raised while handling one (its
    ``__cause__``/``__context__`` chain holds one): Ctrl-C inside a numba kernel surfaces as a
    ``SystemError`` whose context is the interrupt. Callers that turn exceptions into verdicts or
    one-line errors ask this first, so that an interrupt is never recorded as an ``error``."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False
