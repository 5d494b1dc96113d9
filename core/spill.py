"""Blocks kept between two passes of one run: a scratch file next to the outputs, read back by window.

The exact RSEI needs PC1's minimum and maximum before it can write (eq. 13). Instead of reading the four
inputs a third time to recompute PC1, the range pass keeps each window's PC1 here (float64, bit for bit) and
the write pass reads it back — a sequential write and an uncompressed read from the page cache, against
decoding four compressed inputs again. Memory stays one window per task: blocks go to disk as they come.

Reads are ``os.pread`` at the block's offset, so the engine's threads read concurrently. A spill lives on
the computer that runs the client; Dask workers cannot read it (see :func:`usable`).
"""
import os
import tempfile

import numpy as np

from . import engine


def usable():
    """True when the tasks of the current engine run in this process (threads or inline), not on Dask."""
    return not isinstance(engine.current(), engine.DaskEngine)


class BlockSpill:
    """Arrays stored by window (its row and column offset) in one temporary file, removed by :meth:`close`."""

    def __init__(self, folder=None, prefix="rsei-spill-"):
        folder = folder if folder and os.path.isdir(folder) else None
        fd, self.path = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
        self._fd = fd
        self._end = 0
        self._index = {}

    def put(self, window, block):
        """Store ``block`` for ``window`` (on the thread that merges the results, in window order)."""
        block = np.ascontiguousarray(block)
        data = memoryview(block).cast("B")
        offset = self._end
        written = 0
        while written < len(data):
            written += os.pwrite(self._fd, data[written:], offset + written)
        self._end += len(data)
        self._index[(int(window.row_off), int(window.col_off))] = (offset, block.shape, block.dtype.str)

    def get(self, window):
        """The block stored for ``window`` (a new array; safe from several threads)."""
        offset, shape, dtype = self._index[(int(window.row_off), int(window.col_off))]
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
