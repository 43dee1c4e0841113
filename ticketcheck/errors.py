"""One exception hierarchy; every message says what to do instead (printed as one line by the CLI)."""


class TicketcheckError(Exception):
    """Base class: a user-facing error with a one-line message."""


class InputError(TicketcheckError, ValueError):
    """Bad parameters (negative M, Delta > M, k > n, malformed grid, ...)."""


class UnknownClaimError(TicketcheckError, KeyError):
    def __str__(self):  # KeyError would add quotes
        return self.args[0] if self.args else "unknown claim"


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
