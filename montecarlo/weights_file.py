"""Load a target network's weight matrices from a user's file, for the subset-sum protocol
(:mod:`montecarlo.pensia_protocol`).

Accepted formats (each layer a 2-d matrix of finite numbers, **rows = outputs**, i.e. d_out x d_in
as in PyTorch's ``nn.Linear.weight``; pass ``transpose=True`` for the d_in x d_out convention of
scikit-learn's ``coefs_`` and Keras):

* ``.npz`` -- one array per layer, in the order they were saved (``np.savez(path, W1, W2)`` or
  ``np.savez(path, fc1=W1, fc2=W2)``);
* ``.npy`` holding one 2-d array -- a single layer;
* ``.npy`` holding a 3-d array -- a stack of equally shaped layers;
* ``.npy`` holding a list of matrices (``np.save(path, np.array([W1, W2], dtype=object))``) --
  only with ``allow_pickle=True``: such a file is a pickle and loading it runs code from the file,
  so do it for files you trust only.

Biases are not part of the protocol; leave them out of the file. Every problem gives a one-line
:class:`InputError` saying what to do instead.
"""
from __future__ import annotations

import os
import zipfile

import numpy as np

from ticketcheck.errors import InputError

__all__ = ["load_weights"]


def _matrix(a, where: str, transpose: bool) -> np.ndarray:
    try:
        W = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(f"{where}: not a matrix of numbers; save each layer as a 2-d float array") from None
    if W.ndim != 2 or W.size == 0:
        raise InputError(f"{where}: shape {W.shape}; each layer must be a non-empty 2-d matrix "
                         f"(d_out x d_in)")
    if not np.all(np.isfinite(W)):
        raise InputError(f"{where}: contains NaN or infinite weights; give finite numbers")
    return np.ascontiguousarray(W.T if transpose else W)


def load_weights(path, transpose: bool = False, allow_pickle: bool = False) -> list[np.ndarray]:
    """The layers stored in ``path`` (module doc) as float64 matrices, rows = outputs."""
    p = os.fspath(path)
    if not os.path.isfile(p):
        raise InputError(f"{p}: no such file; give a .npy or .npz file of weight matrices")
    low = p.lower()
    if not low.endswith((".npy", ".npz")):
        raise InputError(f"{p}: unknown format; save the layers with np.save (.npy) or np.savez (.npz)")
    with open(p, "rb") as fh:
        magic = fh.read(6)
    if magic != b"\x93NUMPY" and not magic.startswith(b"PK"):
        raise InputError(f"{p}: not a NumPy file (no .npy/.npz header); save the layers with "
                         f"np.save or np.savez")
    try:
        data = np.load(p, allow_pickle=bool(allow_pickle))
    except ValueError as e:
        if "allow_pickle" in str(e):
            raise InputError(f"{p} holds Python objects (a pickled list of layers); save the layers "
                             f"with np.savez instead, or pass allow_pickle=True (--allow-pickle) "
                             f"for a file you trust") from None
        raise InputError(f"{p}: not a readable NumPy file ({str(e).splitlines()[0]})") from None
    except (OSError, EOFError, zipfile.BadZipFile) as e:
        raise InputError(f"{p}: not a readable NumPy file ({str(e).splitlines()[0] if str(e) else type(e).__name__})") from None
    if isinstance(data, np.lib.npyio.NpzFile):
        with data:
            names = list(data.files)
            if not names:
                raise InputError(f"{p}: the .npz file holds no array; save one array per layer")
            return [_matrix(data[k], f"{p}[{k}]", transpose) for k in names]
    if data.dtype == object and data.ndim >= 2:      # equally shaped layers saved as objects
        try:
            data = data.astype(np.float64)
        except (TypeError, ValueError):
            raise InputError(f"{p}: the stored objects are not matrices of numbers") from None
    if data.dtype == object:
        items = list(data.ravel()) if data.ndim else [data.item()]
        if len(items) == 1 and isinstance(items[0], (list, tuple)):
            items = list(items[0])
        if not items:
            raise InputError(f"{p}: the list of layers is empty; save at least one weight matrix")
        return [_matrix(a, f"{p} layer {i}", transpose) for i, a in enumerate(items)]
    if data.ndim == 2:
        return [_matrix(data, p, transpose)]
    if data.ndim == 3:
        return [_matrix(a, f"{p} layer {i}", transpose) for i, a in enumerate(data)]
    raise InputError(f"{p}: array of shape {data.shape}; give one 2-d matrix, a 3-d stack of layers, "
                     f"or an .npz file with one array per layer")
