"""Statistics accumulated block by block, so one pass over a raster gives exact results."""
import numpy as np


class RunningStats:
    """Count, min, max, sum and sum of squares of the finite values seen so far."""

    def __init__(self):
        self.count = 0
        self.min = np.inf
        self.max = -np.inf
        self.sum = 0.0
        self.sumsq = 0.0

    def update(self, values, valid=None):
        """Add the finite ``values`` (where ``valid`` is True, if given); sums are kept in float64."""
        v = np.asarray(values)
        if valid is not None:
            v = v[valid]
        else:
            v = v.ravel()
        if v.dtype.kind == "f":
            v = v[np.isfinite(v)]
        if v.size == 0:
            return
        self.count += v.size
        self.min = min(self.min, float(v.min()))
        self.max = max(self.max, float(v.max()))
        self.sum += float(np.sum(v, dtype=np.float64))
        self.sumsq += float(np.einsum("i,i->", v, v, dtype=np.float64))

    def merge(self, other):
        """Add the values summarised by another :class:`RunningStats` (as if its blocks were added here)."""
        if other.count:
            self.count += other.count
            self.min = min(self.min, other.min)
            self.max = max(self.max, other.max)
            self.sum += other.sum
            self.sumsq += other.sumsq
        return self

    @property
    def mean(self):
        return self.sum / self.count if self.count else float("nan")

    @property
    def std(self):
        """Population standard deviation."""
        if not self.count:
            return float("nan")
        var = max(self.sumsq / self.count - self.mean ** 2, 0.0)
        return var ** 0.5

    def as_dict(self):
        if not self.count:
            return {"count": 0}
        return {"count": int(self.count), "min": self.min, "max": self.max,
                "mean": self.mean, "std": self.std}


def class_areas(codes, row_areas_km2, minlength):
    """Pixel count and area (km²) of each integer code 0…minlength−1 in a block (codes must be < minlength).

    ``codes`` is a 2-D block of non-negative integer class codes; ``row_areas_km2`` the
    area of one pixel in each of its rows (``Grid.row_pixel_areas_km2``), so areas are
    right in a geographic CRS too. Returns (counts, areas), both of length ``minlength``.
    """
    codes = np.asarray(codes).astype(np.intp)
    rows = codes.shape[0]
    # Integer counts per (row, code), then one product with the row areas: no rounding drift
    # from adding a pixel area millions of times.
    keys = (np.arange(rows, dtype=np.intp)[:, None] * minlength + codes).ravel()
    per_row = np.bincount(keys, minlength=rows * minlength).reshape(rows, minlength)
    counts = per_row.sum(axis=0, dtype=np.int64)
    areas = per_row.T.astype(np.float64) @ np.asarray(row_areas_km2, dtype=np.float64)
    return counts, areas


class RunningCovariance:
    """Mean vector and covariance of k variables over rows added in batches.

    Batches are merged with the pairwise update of Chan, Golub & LeVeque (1979),
    which stays accurate where the naive sum-of-products formula loses digits.
    """

    def __init__(self, k):
        self.k = k
        self.n = 0
        self.mean = np.zeros(k)
        self.comoment = np.zeros((k, k))

    def update(self, rows):
        """Add observations: ``rows`` has shape (n, k) and no NaN."""
        self.update_columns(np.asarray(rows, dtype=np.float64).T)

    def update_columns(self, columns):
        """Add observations given variable by variable: ``columns`` has shape (k, n) and no NaN.

        The (k, n) layout keeps each variable contiguous, which makes the sums a few times faster
        than over (n, k) rows.
        """
        x = np.asarray(columns, dtype=np.float64)
        if x.shape[1] == 0:
            return
        mb = x.mean(axis=1)
        d = x - mb[:, None]
        cb = np.empty((self.k, self.k))
        # einsum's own loops, not BLAS: a multi-threaded BLAS may sum in a thread-count dependent
        # order, and partial results must be the same bits in every process (core.engine).
        for i in range(self.k):
            for j in range(i, self.k):
                cb[i, j] = cb[j, i] = np.einsum("i,i->", d[i], d[j])
        self._merge(x.shape[1], mb, cb)

    def merge(self, other):
        """Pool another :class:`RunningCovariance` of the same variables into this one."""
        if other.n:
            self._merge(other.n, other.mean.copy(), other.comoment.copy())
        return self

    def _merge(self, nb, mb, cb):
        """Chan et al. (1979) pairwise merge of a batch (count ``nb``, mean ``mb``, co-moment ``cb``)."""
        if self.n == 0:
            self.n, self.mean, self.comoment = nb, mb, cb
            return
        n = self.n + nb
        delta = mb - self.mean
        self.comoment = self.comoment + cb + np.outer(delta, delta) * (self.n * nb / n)
        self.mean = self.mean + delta * (nb / n)
        self.n = n

    def covariance(self, ddof=1):
        if self.n - ddof <= 0:
            return np.full((self.k, self.k), np.nan)
        return self.comoment / (self.n - ddof)


def merge_covariances(parts, k=4):
    """Pool :class:`RunningCovariance` objects of ``k`` variables into a new one (Chan et al. 1979)."""
    out = RunningCovariance(k)
    for p in parts:
        out.merge(p)
    return out
