"""Weights only, in the formats people share: ``.npz``, ``.safetensors`` and PyTorch ``.pth``.

``load_weights(model, path)`` reads any of them (chosen by the file's first bytes, not
its name), optionally renames and converts the tensors with a name map (see
``name_maps``: torchvision and Keras ResNet-50, VGG-16), and copies them into the model
with the shape checks of ``load_state_dict``.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

from .weights import load_state_dict, state_dict


def read_weights(path, key=None, max_bytes=None) -> dict:
    """Return ``{name: array}`` from a ``.npz``, ``.safetensors``, PyTorch zip or Keras HDF5 file.

    ``key`` picks the entry holding the state dict in a PyTorch training checkpoint.
    A dlspec model file or checkpoint gives its parameters and state. Every tensor's size
    is read from the file's header and the file refused (``limits.FileTooLargeError``)
    once they add up past ``max_bytes`` (default 4 GiB, or $DLSPEC_MAX_WEIGHT_BYTES),
    before anything is allocated (``limits.py``).
    """
    from .limits import Budget
    budget = Budget(path, max_bytes)
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder; expected a weights file (.pth, .safetensors, "
                                ".npz or .h5) inside it.")
    if not path.is_file():
        if path.exists():
            raise ValueError(f"{path} is not a regular file (a device or a pipe); expected a weights "
                             "file (.pth, .safetensors, .npz or .h5).")
        raise FileNotFoundError(f"{path} does not exist (expected a weights file).")
    with open(path, "rb") as f:
        head = f.read(16)
    if head.startswith(b"PK") and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
        if any(n.endswith("/data.pkl") for n in names):
            from .pth import read_pth
            return read_pth(path, key, budget=budget)
        return _read_npz(path, budget)
    if len(head) >= 9 and head[8:9] == b"{":
        from .safetensors import load_safetensors
        return load_safetensors(path, budget=budget)[0]
    if head.startswith(b"PK\x03\x04"):
        from .pth import truncated_zip_message
        raise ValueError(truncated_zip_message(path))
    if head.startswith(b"\x89HDF\r\n\x1a\n"):
        from .hdf5 import read_hdf5
        return read_hdf5(path, budget)
    raise ValueError(f"{path} is not a weights file dlspec can read: expected an .npz, a "
                     f".safetensors, a PyTorch zip (.pth) or a Keras HDF5 (.h5) file; its first "
                     f"bytes are {head[:8]!r}.")


def _read_npz(path, budget):
    from .archive import META_KEY, NotADlspecFileError
    from .limits import FileTooLargeError, read_npz
    try:
        arrays = read_npz(path, budget)
    except FileTooLargeError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise NotADlspecFileError(f"{path} is not a readable .npz file: it is truncated or "
                                  f"corrupt ({type(exc).__name__}: {exc}).") from None
    if META_KEY in arrays:    # a dlspec model file or checkpoint: its weights only
        return {name.split("/", 1)[1]: v for name, v in arrays.items()
                if name.startswith(("param/", "state/"))}
    return arrays


def save_weights(model, path, metadata=None):
    """Write ``model``'s parameters and state by qualified name to ``.safetensors`` or ``.npz``."""
    path = Path(path)
    if path.suffix not in (".safetensors", ".npz"):
        raise ValueError(f"save_weights writes .safetensors or .npz files; got {path.name!r}. "
                         "To save the whole model (architecture too) use dlspec.save_model.")
    info = {"format": "dlspec", "model": type(model).__name__, **(metadata or {})}
    return write_weights(state_dict(model), path, info)


def load_weights(model, path, strict=True, name_map=None, key=None, max_bytes=None):
    """Load the weights in ``path`` into ``model`` (built), optionally through a name map.

    Parameters
    ----------
    model : a built Model or Layer.
    path : ``.npz``, ``.safetensors`` or PyTorch ``.pth``/``.pt`` (a state dict).
    strict : every tensor must match (True, default) or load what fits and report (False).
    name_map : None (names already match), a dict source name -> model name, a function
        ``(tensors, model) -> tensors`` that renames and converts, or the name of a
        built-in map such as ``"torchvision_resnet50"`` (see ``dlspec.io.name_maps``).
    key : entry holding the state dict inside a PyTorch training checkpoint.
    max_bytes : refuse files whose tensors add up to more (default 4 GiB; see ``read_weights``).

    Returns
    -------
    LoadReport (loaded, missing, unexpected, mismatched).
    """
    tensors = read_weights(path, key, max_bytes)
    optional = ()
    if name_map is not None:
        tensors = apply_name_map(tensors, name_map, model)
        # Integer state (dropout's step counter) is dlspec's own: no other framework has it.
        optional = [name for name, value in model.state.items() if value.dtype.kind in "iu"]
    return load_state_dict(model, tensors, strict=strict, source=f"the weights in {Path(path).name}",
                           optional=optional)


def apply_name_map(tensors, name_map, model=None):
    """Rename/convert ``tensors`` with a dict, a function or a built-in map's name."""
    if isinstance(name_map, str):
        from .name_maps import get_name_map
        name_map = get_name_map(name_map)
    if isinstance(name_map, dict):
        return {name_map.get(name, name): value for name, value in tensors.items()}
    if callable(name_map):
        return name_map(tensors, model)
    raise TypeError(f"name_map must be a dict, a function or a map's name; got {type(name_map).__name__}.")


MAX_EXPANDED_BYTES = 2 ** 30


def _expanded_bytes(array):
    """Bytes an expanded (stride-0) view grows to when written out; 0 for an ordinary array."""
    if array.size == 0:
        return 0
    span = sum((n - 1) * abs(s) for n, s in zip(array.shape, array.strides)) + array.itemsize
    return array.nbytes if array.nbytes > span else 0


def write_weights(tensors: dict, path, metadata=None, source=None):
    """Write named arrays to ``.safetensors`` or ``.npz`` (chosen by the suffix).

    Neither format can store an expanded tensor (stride 0, read from a ``.pth``): it is
    written out in full, and refused above 1 GiB rather than exhausting memory.
    """
    path = Path(path)
    for name, value in tensors.items():
        size = _expanded_bytes(np.asarray(value))
        if size > MAX_EXPANDED_BYTES:
            raise ValueError(
                f"tensor {name!r}{f' in {source}' if source else ''} is an expanded (stride-0) tensor "
                f"of shape {tuple(np.shape(value))}: the file stores one copy of each value but "
                f"{path.suffix} needs every value written out, {size / 2 ** 30:,.1f} GiB (more than "
                f"the {MAX_EXPANDED_BYTES // 2 ** 30} GiB dlspec writes for one expanded tensor). "
                "Save the tensor before expand() in torch, or leave it out of the conversion.")
    if path.suffix == ".safetensors":
        from .safetensors import save_safetensors
        return save_safetensors(tensors, path, metadata)
    if path.suffix == ".npz":
        from .files import atomic_write
        with atomic_write(path, "wb") as f:
            np.savez(f, **tensors)
        return path
    raise ValueError(f"Weights are written as .safetensors or .npz files; got {path.name!r}.")


def convert_weights(source, destination, key=None, name_map=None) -> dict:
    """Read ``source`` (.pth, .npz, .safetensors) and write ``destination`` (.safetensors, .npz).

    ``name_map`` (a dict or a built-in map's name) renames and converts on the way, so a
    PyTorch file becomes a dlspec-named one that loads with no torch and no pickle.
    Returns the tensors written.
    """
    tensors = read_weights(source, key)
    if name_map is not None:
        mapped = apply_name_map(tensors, name_map)
        _check_renamed(tensors, mapped, name_map, source)
        tensors = mapped
    write_weights(tensors, destination, {"converted_from": Path(source).name}, source=source)
    return tensors


def _check_renamed(before, after, name_map, source):
    """A map that renames nothing does not fit the file: say so rather than copy it silently."""
    label = name_map if isinstance(name_map, str) else "the name map"
    unchanged = [n for n in after if n in before]
    if before and len(unchanged) == len(before):
        raise ValueError(f"--map {label} renamed none of the {len(before)} tensors in {source} (such as "
                         f"{', '.join(list(before)[:3])}): the file does not fit that map. Check the map's "
                         "name, or convert without --map to keep the names.")
    if unchanged:
        import warnings
        warnings.warn(f"--map {label} left {len(unchanged)} of {len(before)} tensors in {source} with "
                      f"their names (such as {', '.join(unchanged[:3])}).", UserWarning, stacklevel=3)


def describe_weights(tensors: dict) -> str:
    """A table of names, shapes and dtypes, with the total number of values."""
    width = max([len(n) for n in tensors] + [4])
    rows = [f"{'name':<{width}}  {'shape':<20}  dtype"]
    rows += [f"{n:<{width}}  {str(tuple(v.shape)):<20}  {v.dtype}"
             + ("  (expanded: stride 0, one stored copy)" if _expanded_bytes(v) else "")
             for n, v in tensors.items()]
    rows.append(f"{len(tensors)} tensors, {sum(int(v.size) for v in tensors.values()):,} values")
    return "\n".join(rows)
