"""The one version: read from the installed package's metadata (pyproject.toml)."""
from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("ticketcheck")
except metadata.PackageNotFoundError:  # a source checkout that is not installed
    __version__ = "0+unknown"
