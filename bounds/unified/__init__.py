"""Claims of the `unified` paper (claims.md §1), one module per section."""
