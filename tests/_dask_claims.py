"""User claims for the distributed tests (tests/test_distributed.py), declared in a file of their
own: a worker finds them by importing this file by path, as it would a user's ``--claims`` file.

``dask.one_sample_hits``: P(some subset of n draws uniform on {-M..M} hits z) >= c (1 - (1 -
1/(2M+1))^n) with c = 1 (a single draw equal to z already hits it; n >= 2: with room): holds; its falsifier c = 2 is
violated. Twelve grid points; with a tiny budget every point is a Monte Carlo estimate."""
import sympy as sp

from ticketcheck.harness.testing import user_claim

M, n, c = sp.symbols("M n c", positive=True)

ONE_SAMPLE = user_claim("dask.one_sample_hits", observable="rssp.single_target",
                        bound=c * (1 - (1 - 1 / (2 * M + 1)) ** n), relation=">=",
                        grid={"M": [2, 3, 4], "n": [2, 3, 4, 5], "delta": [0], "z": [1]},
                        constants={c: 1})
