"""Claims of the `sparsity` paper (claims.md §2), one module per section."""
