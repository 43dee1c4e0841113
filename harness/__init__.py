"""The harness joins claims (bounds/) with values (exact/, montecarlo/) and decides verdicts."""
