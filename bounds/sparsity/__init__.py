"""Claims of the `sparsity` paper (claims.md §2), one module per section."""
from ticketcheck.bounds.registry import register_paper

PAPER = register_paper("sparsity", "On the Sparsity of the Strong Lottery Ticket Hypothesis (Natale et al., 2024)",
                       citation="HAL hal-04741369v1 (seed 001)", order=2)
