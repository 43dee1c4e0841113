"""Claims of the papers, encoded symbolically (one module per paper; see ``bounds.claim``)."""
from ticketcheck.bounds.claim import (BoundCheck, CertifyCheck, Claim, Comparison, ComputedCheck,  # noqa: F401
                          EmpiricalConstant, Param, SymbolicCheck)
