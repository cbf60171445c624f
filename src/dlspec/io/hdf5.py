"""Keras ``.h5`` weights through h5py, reading nothing but the file's own arrays.

HDF5 can make a dataset out of other files: *external storage* (``Dataset.external``: the
bytes of, say, /etc/hostname come back as a weight), *virtual datasets* (``is_virtual``:
slices of datasets in other files), and *external links* (a group entry that opens another
file). *Soft links* point anywhere in the file, so a loop of them has no end. None of
these is in a Keras weights file, so each is refused, naming the entry. Filters are
limited to HDF5's built-in ones (an unknown filter makes the library search its plugin
folders for code to load). Each dataset's size (shape x item size) is checked against
the limit (``limits.Budget``) before it is read, and groups nested deeper than
``limits.MAX_DEPTH`` are refused.
"""
from __future__ import annotations

import numpy as np

from .limits import MAX_DEPTH

# HDF5's filter ids built into the library and h5py: deflate, shuffle, fletcher32, szip,
# nbit, scaleoffset; lzf (32000) ships with h5py itself.
BUILTIN_FILTERS = {1: "gzip", 2: "shuffle", 3: "fletcher32", 4: "szip", 5: "nbit", 6: "scaleoffset",
                   32000: "lzf"}


class UnsafeHDF5Error(ValueError):
    """The HDF5 file reaches outside itself (external storage, virtual data, links) or loops."""


def read_hdf5(path, budget) -> dict:
    """Every numeric dataset of an HDF5 file by its path (``conv1_conv/conv1_conv/kernel:0``).

    Raises
    ------
    ImportError without h5py; UnsafeHDF5Error (a ValueError) for external storage, virtual
    datasets, soft or external links, unknown filters or deep nesting;
    limits.FileTooLargeError past the size limit; ValueError for a truncated file.
    """
    try:
        import h5py
    except ImportError:
        raise ImportError(f"{path} is an HDF5 (Keras .h5) file; reading it needs h5py: "
                          "pip install 'dlspec[keras]' (or pip install h5py).") from None
    datasets = []
    try:
        with h5py.File(path, "r") as f:
            stack = [(f, "", 1)]
            while stack:                               # iterative: deep nesting cannot recurse
                group, prefix, depth = stack.pop()
                if depth > MAX_DEPTH:
                    raise UnsafeHDF5Error(f"{path}: group {prefix!r} is nested more than {MAX_DEPTH} "
                                          "levels deep: refused (the file is corrupt or malicious).")
                for name in group:
                    full = f"{prefix}{name}"
                    link = group.get(name, getlink=True)
                    if not isinstance(link, h5py.HardLink):
                        kind = {h5py.SoftLink: "a soft link", h5py.ExternalLink: "an external link "
                                "(to another file)"}.get(type(link), "a user-defined link")
                        raise UnsafeHDF5Error(f"{path}: entry {full!r} is {kind}; a weights file holds "
                                              "its own arrays only, so it is refused (nothing was read).")
                    obj = group[name]
                    if isinstance(obj, h5py.Group):
                        stack.append((obj, full + "/", depth + 1))
                    elif isinstance(obj, h5py.Dataset):
                        datasets.append((full, obj))
            tensors = {}
            for full, obj in sorted(datasets, key=lambda d: d[0]):
                _check_dataset(path, full, obj)
                if obj.dtype.kind not in "fiub":       # strings, references: not weights, not read
                    continue
                budget.take(full, obj.shape, obj.dtype.itemsize)
                tensors[full] = np.asarray(obj[()])
    except OSError as exc:
        raise ValueError(f"{path} is not a readable HDF5 file: it is truncated or corrupt ({exc}).") from None
    return tensors


def _check_dataset(path, name, dataset):
    if dataset.external:
        files = ", ".join(str(e[0]) for e in dataset.external)[:120]
        raise UnsafeHDF5Error(f"{path}: dataset {name!r} keeps its data in other files ({files}): "
                              "HDF5 external storage is refused, since it would read files outside "
                              "this one (nothing was read).")
    if dataset.is_virtual:
        raise UnsafeHDF5Error(f"{path}: dataset {name!r} is a virtual dataset (made of slices of other "
                              "datasets, possibly in other files): refused (nothing was read).")
    plist = dataset.id.get_create_plist()
    for i in range(plist.get_nfilters()):
        code = plist.get_filter(i)[0]
        if code not in BUILTIN_FILTERS:
            raise UnsafeHDF5Error(f"{path}: dataset {name!r} is compressed with HDF5 filter {code}, which "
                                  "is not built in (HDF5 would load a plugin to read it): refused. "
                                  f"Built-in filters: {', '.join(sorted(BUILTIN_FILTERS.values()))}.")
