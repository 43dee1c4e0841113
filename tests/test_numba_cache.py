"""The numba cache works on a read-only install (montecarlo/numba_cache.py): the choice of
directory, and a kernel compiled by an unprivileged user who can read the install but write
neither the package folder nor a home directory."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ticketcheck.montecarlo import numba_cache as NC


def test_user_setting_wins(tmp_path):
    assert NC.choose_cache_dir("/nonexistent/pkg", {"NUMBA_CACHE_DIR": str(tmp_path)}) == \
        (None, "NUMBA_CACHE_DIR set by the user")


def test_writable_package_folder_keeps_numbas_default(tmp_path):
    assert NC.choose_cache_dir(str(tmp_path), {}) == (None, "package folder writable")


def test_read_only_package_uses_the_user_cache_directory(tmp_path):
    path, reason = NC.choose_cache_dir("/nonexistent/pkg", {"XDG_CACHE_HOME": str(tmp_path)})
    assert reason == "user cache directory" and path == str(tmp_path / "ticketcheck" / "numba")
    assert Path(path).is_dir()


def test_unwritable_user_cache_falls_back_to_a_temporary_directory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")                               # a file: no directory can be made under it
    path, reason = NC.choose_cache_dir("/nonexistent/pkg", {"XDG_CACHE_HOME": str(blocker)})
    try:
        assert reason == "temporary directory" and Path(path).is_dir()
        assert Path(path).name.startswith("ticketcheck-numba-")
    finally:
        shutil.rmtree(path, ignore_errors=True)


# An unprivileged user that can read everything (CAP_DAC_READ_SEARCH: the interpreter of this
# machine lives under /root, mode 0700) and write nothing it does not own: what a user sees of a
# root install. Compiling a kernel failed there with "cannot cache function ... no locator".
KERNEL = ("import os\n"
          "from ticketcheck import montecarlo as mc\n"
          "from ticketcheck.montecarlo.rng import py_trial_state, seed_u64, trial_state\n"
          "assert int(trial_state(seed_u64(5), 9)) == py_trial_state(5, 9)\n"
          "print(mc.NUMBA_CACHE + '|' + os.environ.get('NUMBA_CACHE_DIR', ''))\n")


def _as_nobody(env: dict) -> subprocess.CompletedProcess:
    if os.geteuid() != 0:
        pytest.skip("needs root to run a command as an unprivileged user")
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is not installed")
    base = {k: v for k, v in os.environ.items()
            if k not in ("NUMBA_CACHE_DIR", "XDG_CACHE_HOME", "HOME")}
    cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
           "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search",
           sys.executable, "-c", KERNEL]
    return subprocess.run(cmd, env={**base, "HOME": "/nonexistent", **env}, cwd="/",
                          capture_output=True, text=True, timeout=120)


def test_unprivileged_user_without_home_compiles_in_a_temporary_directory():
    r = _as_nobody({})
    assert r.returncode == 0, r.stderr[-2000:]
    reason, path = r.stdout.strip().split("|")
    assert reason == "temporary directory" and "ticketcheck-numba-" in path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def shared_dir():
    """A world-writable directory outside pytest's root-only tmp tree."""
    d = tempfile.mkdtemp(prefix="tc-numba-")
    os.chmod(d, 0o777)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def test_unprivileged_user_caches_in_xdg_cache_home(shared_dir):
    r = _as_nobody({"XDG_CACHE_HOME": shared_dir})
    assert r.returncode == 0, r.stderr[-2000:]
    reason, path = r.stdout.strip().split("|")
    assert reason == "user cache directory" and path == os.path.join(shared_dir, "ticketcheck", "numba")
    assert any(p.suffix in (".nbi", ".nbc") for p in Path(path).rglob("*"))   # really cached


def test_unprivileged_user_setting_wins(shared_dir):
    r = _as_nobody({"NUMBA_CACHE_DIR": shared_dir})
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip() == f"NUMBA_CACHE_DIR set by the user|{shared_dir}"
