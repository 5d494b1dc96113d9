"""Discretisation of continuous factors into strata for the Geodetector.

Methods follow the optimal-parameters Geodetector (``GD`` R package, ``disc()``;
Song et al. 2020, GIScience & Remote Sensing 57(5):593–610): equal interval,
quantile, natural breaks (Fisher–Jenks), geometric interval and standard deviation.

Every method returns class *edges* ``e0 = min < e1 < … < ek = max``. A value x
falls in class 1 when ``e0 ≤ x ≤ e1`` and in class u when ``e(u-1) < x ≤ e(u)``
(upper limits inclusive, as ``GD::disc``). Duplicate edges are merged, so a
method can yield fewer classes than asked for (e.g. quantiles of tied data).
"""
import numpy as np

from .errors import CoreError, Text

CATEGORICAL, EQUAL, QUANTILE, NATURAL, GEOMETRIC, STDDEV, OPTIMAL = range(7)

METHOD_NAMES = {
    CATEGORICAL: Text("categorical"),
    EQUAL: Text("equal interval"),
    QUANTILE: Text("quantile"),
    NATURAL: Text("natural breaks"),
    GEOMETRIC: Text("geometric interval"),
    STDDEV: Text("standard deviation"),
    OPTIMAL: Text("optimal"),
}

#: Fisher–Jenks runs exactly on up to this many distinct values; above it on a sorted sample of this size.
JENKS_MAX_VALUES = 3000


def equal_interval(x, k):
    """k classes of equal width between min and max."""
    lo, hi = float(np.min(x)), float(np.max(x))
    return np.linspace(lo, hi, k + 1)


def quantile(x, k):
    """k classes of (about) equal count: numpy's default linear quantiles (R type 7, as ``GD::disc``)."""
    return np.quantile(np.asarray(x, dtype=np.float64), np.linspace(0.0, 1.0, k + 1))


def geometric_interval(x, k):
    """Edges forming a geometric sequence from min to max (``GD::disc`` 'geometric').

    Needs positive values: when min ≤ 0 the data are shifted by 1 − min so that the
    minimum is 1, the sequence is built there and shifted back (``GD`` shifts by +1
    when min = 0, which is the same; for min < 0 ``GD`` has no rule).
    """
    lo, hi = float(np.min(x)), float(np.max(x))
    shift = 0.0 if lo > 0 else 1.0 - lo
    a, b = lo + shift, hi + shift
    ratio = (b / a) ** (1.0 / k)
    edges = a * ratio ** np.arange(k + 1) - shift
    edges[0], edges[-1] = lo, hi
    return edges


def standard_deviation(x, k):
    """k classes bounded at the mean ± multiples of a width w (standard-deviation classification).

    The k − 1 inner breaks are placed symmetrically about the mean: at mean ± (j + ½)·w for
    odd k (the middle class is centred on the mean), at mean + j·w for even k. w starts at
    one (sample) standard deviation and is halved, down to ¼ SD (the finest step of
    ``GD::disc``), until every break lies inside the data range; breaks still outside are
    dropped (fewer classes). The outer classes reach the minimum and maximum.
    """
    x = np.asarray(x, dtype=np.float64)
    lo, hi = float(x.min()), float(x.max())
    mean = float(x.mean())
    sd = float(x.std(ddof=1)) if x.size > 1 else 0.0
    if sd == 0.0 or k < 2:
        return np.array([lo, hi])
    if k % 2:
        steps = np.concatenate([-(np.arange((k - 1) // 2)[::-1] + 0.5), np.arange((k - 1) // 2) + 0.5])
    else:
        steps = np.arange(k - 1) - (k - 2) / 2.0
    width = sd
    while True:
        inner = mean + steps * width
        if (inner.min() > lo and inner.max() < hi) or width <= sd / 4.0:
            break
        width /= 2.0
    inner = inner[(inner > lo) & (inner < hi)]
    return np.concatenate([[lo], inner, [hi]])


# ----------------------------------------------------------------------------- Fisher–Jenks

def _weighted_values(x, max_values=JENKS_MAX_VALUES):
    """Distinct sorted values and their counts; a sorted equal-count sample when there are too many."""
    xs = np.sort(np.asarray(x, dtype=np.float64).ravel())
    starts = np.flatnonzero(np.concatenate([[True], xs[1:] != xs[:-1]]))
    if starts.size <= max_values:
        counts = np.diff(np.concatenate([starts, [xs.size]]))
        return xs[starts], counts.astype(np.float64), True
    pos = np.round(np.linspace(0, xs.size - 1, max_values)).astype(np.int64)
    values, counts = np.unique(xs[pos], return_counts=True)
    return values, counts.astype(np.float64), False


class FisherJenks:
    """Exact Fisher (1958) / Jenks optimal partition of weighted sorted values, by dynamic programming.

    Minimises the total within-class sum of squared deviations. The table is built once
    for up to ``kmax`` classes; :meth:`edges` then gives the breaks for any k ≤ kmax.
    Cost O(kmax·m²) for m distinct values (vectorised over row chunks).
    """

    def __init__(self, x, kmax, max_values=JENKS_MAX_VALUES):
        self.values, self.weights, self.exact = _weighted_values(x, max_values)
        m = self.values.size
        self.kmax = int(max(1, min(kmax, m)))
        w = np.concatenate([[0.0], np.cumsum(self.weights)])
        s1 = np.concatenate([[0.0], np.cumsum(self.weights * self.values)])
        s2 = np.concatenate([[0.0], np.cumsum(self.weights * self.values ** 2)])
        inf = np.inf
        # cost[c][j]: best SSW of the first j+1 values in c+1 classes; arg[c][j]: start of the last class.
        cost = np.full((self.kmax, m), inf)
        arg = np.zeros((self.kmax, m), dtype=np.int64)
        cost[0] = s2[1:] - s1[1:] ** 2 / w[1:]
        idx = np.arange(m)
        chunk = max(1, int(1_000_000 // max(m, 1)))
        with np.errstate(divide="ignore", invalid="ignore"):
            for c in range(1, self.kmax):
                prev = np.concatenate([[inf], cost[c - 1][:-1]])   # prev[i] = best of values < i in c classes
                for j0 in range(c, m, chunk):
                    j1 = min(m, j0 + chunk)
                    jj = idx[j0:j1, None]                         # end (inclusive) of the last class
                    ii = idx[None, c:j1]                          # its start; i ≥ c leaves c values before
                    d1 = s1[jj + 1] - s1[ii]
                    total = s2[jj + 1] - s2[ii] - d1 * d1 / (w[jj + 1] - w[ii]) + prev[c:j1][None, :]
                    total[ii > jj] = inf
                    best = np.argmin(total, axis=1)
                    cost[c, j0:j1] = total[np.arange(j1 - j0), best]
                    arg[c, j0:j1] = best + c
        self._cost, self._arg = cost, arg

    def edges(self, k):
        """Edges [min, upper value of class 1, …, max] of the optimal k-class partition."""
        k = int(min(k, self.kmax))
        m = self.values.size
        uppers = []
        j = m - 1
        for c in range(k - 1, 0, -1):
            i = int(self._arg[c, j])
            uppers.append(self.values[i - 1])
            j = i - 1
        return np.concatenate([[self.values[0]], uppers[::-1], [self.values[-1]]])

    def ssw(self, k):
        return float(self._cost[min(k, self.kmax) - 1, -1])


def natural_breaks(x, k, max_values=JENKS_MAX_VALUES):
    """Fisher–Jenks natural breaks (see :class:`FisherJenks`)."""
    return FisherJenks(x, k, max_values).edges(k)


# ----------------------------------------------------------------------------- dispatch and coding

def breaks(x, method, k, cache=None):
    """Class edges of ``x`` for a method index (1–5) and ``k`` classes; ``cache`` keeps a Jenks table."""
    x = np.asarray(x, dtype=np.float64)
    if x.size == 0:
        raise CoreError("No values to classify.")
    if k < 2:
        raise CoreError("The number of classes must be at least 2 (got {k}).", k=k)
    if method == EQUAL:
        edges = equal_interval(x, k)
    elif method == QUANTILE:
        edges = quantile(x, k)
    elif method == NATURAL:
        fj = cache.get("jenks") if cache is not None else None
        if fj is None or fj.kmax < min(k, fj.values.size):
            fj = FisherJenks(x, k)
            if cache is not None:
                cache["jenks"] = fj
        edges = fj.edges(k)
    elif method == GEOMETRIC:
        edges = geometric_interval(x, k)
    elif method == STDDEV:
        edges = standard_deviation(x, k)
    else:
        raise CoreError("Unknown discretisation method {method}.", method=method)
    return np.unique(edges)


def classify(x, edges):
    """Class index (0-based) of each value: class 0 is [e0, e1], class u is (e(u), e(u+1)]."""
    inner = np.asarray(edges, dtype=np.float64)[1:-1]
    return np.searchsorted(inner, np.asarray(x, dtype=np.float64), side="left").astype(np.int64)
