"""Claims of the `unified` paper (claims.md §1), one module per section."""
from ticketcheck.bounds.registry import register_paper

PAPER = register_paper("unified", "A unified framework for quantized and continuous strong lottery tickets",
                       citation="seed 000", order=1)
