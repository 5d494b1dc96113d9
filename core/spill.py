"""Blocks kept between the passes of one run: a scratch file next to the outputs, read back by window.

The exact RSEI reads its data more than once: its statistics first (eq. 12 and the PCA), then PC1's
extremes (eq. 13), then the output. Instead of decoding the compressed inputs again for every pass, the
first pass keeps each window's indicator stack here, in the narrowest float type that holds it bit for bit,
and the later passes read it back — a sequential write and an uncompressed read (mostly from the page
cache) against decoding four compressed rasters again. Memory stays one window per task: blocks go to disk
as they come.

Reads are ``os.pread`` at the block's offset, so the engine's threads read concurrently. A spill lives on
the computer that runs the client; Dask workers cannot read it (see :func:`usable`).
"""
import os
import shutil
import tempfile

import numpy as np

from . import engine

#: A spill is made only when the disk keeps this share of its free space after it.
FREE_SHARE_KEPT = 0.5


def usable():
    """True when the tasks of the current engine run in this process (threads or inline), not on Dask."""
    return not isinstance(engine.current(), engine.DaskEngine)


def room_for(folder, nbytes):
    """True when ``folder``'s disk has room for ``nbytes`` of scratch and keeps half its free space."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return False
    return nbytes <= free * (1.0 - FREE_SHARE_KEPT)


class BlockSpill:
    """Tuples of arrays (or None) stored by window (its row and column offset) in one temporary file,
    removed by :meth:`close`."""

    def __init__(self, folder=None, prefix="rsei-spill-"):
        folder = folder if folder and os.path.isdir(folder) else None
        fd, self.path = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
        self._fd = fd
        self._end = 0
        self._index = {}

    def put(self, window, blocks):
        """Store the arrays ``blocks`` (None kept as None) for ``window``, on the thread that merges the
        results, in window order."""
        entries = []
        for block in blocks:
            if block is None:
                entries.append(None)
                continue
            block = np.ascontiguousarray(block)
            data = memoryview(block).cast("B")
            written = 0
            while written < len(data):
                written += os.pwrite(self._fd, data[written:], self._end + written)
            entries.append((self._end, block.shape, block.dtype.str))
            self._end += len(data)
        self._index[(int(window.row_off), int(window.col_off))] = entries

    def get(self, window):
        """The arrays stored for ``window`` (new arrays; safe from several threads)."""
        return tuple(None if e is None else self._read(*e)
                     for e in self._index[(int(window.row_off), int(window.col_off))])

    def _read(self, offset, shape, dtype):
        size = int(np.prod(shape)) * np.dtype(dtype).itemsize
        buf = bytearray(size)
        view = memoryview(buf)
        got = 0
        while got < size:
            n = os.preadv(self._fd, [view[got:]], offset + got)
            if n <= 0:
                raise OSError(f"the scratch file {self.path} ended early")
            got += n
        return np.frombuffer(buf, dtype=dtype).reshape(shape)

    def close(self):
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            try:
                os.remove(self.path)
            except FileNotFoundError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
