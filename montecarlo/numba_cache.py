"""Where numba caches the compiled kernels: a location that works on a read-only install.

numba's default (``cache=True``) writes next to the source, in ``montecarlo/__pycache__``, and
falls back to ``~/.cache/numba``; when neither is writable (installed by root and run by a user
whose home is not writable, a container, a cluster worker without a home) every kernel fails
with "cannot cache function ... no locator available". :func:`configure` runs when the
``montecarlo`` package is imported, before any kernel module is compiled, and chooses:

1. a cache directory the user set (``NUMBA_CACHE_DIR``): it wins, nothing changes;
2. the package folder, when it is writable: numba's default, nothing changes;
3. else the user's cache directory, ``$XDG_CACHE_HOME/ticketcheck/numba`` (``~/.cache`` when
   ``XDG_CACHE_HOME`` is unset), if it can be created and written;
4. else a fresh temporary directory (the kernels are compiled once per process);
5. else caching is switched off (numba then compiles in memory, never failing for want of a
   cache).

The choice is exported as ``NUMBA_CACHE_DIR`` (so worker processes inherit it) and set in
``numba.config.CACHE_DIR`` when numba is already imported.
"""
from __future__ import annotations

import os
import sys
import tempfile

__all__ = ["configure", "choose_cache_dir", "USER_SUBDIR"]

USER_SUBDIR = os.path.join("ticketcheck", "numba")
PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _writable_dir(path: str) -> bool:
    """``path`` exists (or can be created) and a file can be written in it."""
    try:
        os.makedirs(path, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
        return True
    except OSError:
        return False


def _package_writable(package_dir: str) -> bool:
    pycache = os.path.join(package_dir, "__pycache__")
    target = pycache if os.path.isdir(pycache) else package_dir
    return os.access(target, os.W_OK | os.X_OK)


def choose_cache_dir(package_dir: str = PACKAGE_DIR, environ=os.environ) -> tuple[str | None, str]:
    """``(directory, reason)``: the directory to give numba, or None to keep its default."""
    if environ.get("NUMBA_CACHE_DIR"):
        return None, "NUMBA_CACHE_DIR set by the user"
    if _package_writable(package_dir):
        return None, "package folder writable"
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    user = os.path.join(base, USER_SUBDIR)
    if _writable_dir(user):
        return user, "user cache directory"
    try:
        return tempfile.mkdtemp(prefix="ticketcheck-numba-"), "temporary directory"
    except OSError:
        return None, "no writable directory: caching off"


def _disable_caching() -> None:
    """Make ``cache=True`` a no-op: kernels are compiled in memory for this process only."""
    from numba.core.dispatcher import Dispatcher
    Dispatcher.enable_caching = lambda self: None


def configure() -> str:
    """Apply :func:`choose_cache_dir` (idempotent); returns the reason of the choice."""
    numba = sys.modules.get("numba")
    if numba is not None and getattr(numba.config, "CACHE_DIR", ""):
        return "numba.config.CACHE_DIR already set"
    path, reason = choose_cache_dir()
    if path is not None:
        os.environ["NUMBA_CACHE_DIR"] = path
        if numba is not None:
            numba.config.CACHE_DIR = path
    elif reason.startswith("no writable"):
        _disable_caching()
    return reason
