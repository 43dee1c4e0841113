"""Claims of the papers, encoded symbolically (one module per paper; see ``bounds.claim``)."""
from ticketcheck.bounds.claim import (DECLARATION_API_VERSION, BoundCheck, CertifyCheck, Claim,  # noqa: F401
                                      Comparison, ComputedCheck, Correction, EmpiricalConstant,
                                      Falsifier, GapCheck, Inherit, Param, Reading, SymbolicCheck)
