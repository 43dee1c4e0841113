"""pytest plugin entry point (the regression-test API lives in ``harness.testing``)."""
