"""Geodetector factors → strata: categorical, discretised, optimal (Song et al. 2020), GOZH or RGD.

A :class:`Factor` holds one stratum code (0..size−1) per sample, the strata labels and how
they were formed. Continuous factors are cut by the methods of :mod:`..discretize`; the
optimal method keeps the method and number of classes with the largest q (:func:`q_of_codes`).
"""
import numpy as np

from .. import discretize as disc
from ..discretize import CATEGORICAL, EQUAL, GEOMETRIC, NATURAL, OPTIMAL, QUANTILE, STDDEV
from ..errors import CoreError, Text
from . import models
from .factor import (Factor, categorical_factor, format_value, interval_labels, q_of_codes,  # noqa: F401
                     value_label)  # re-exported: callers import them from here

#: GOZH (regression tree, Luo et al. 2022) and RGD (least-squares change points, Zhang, Song & Wu 2022):
#: appended after the methods of :mod:`..discretize`, so the earlier numbers keep their meaning.
GOZH, RGD = 7, 8
#: The stratification methods, numbered as the METHOD parameter of rsei:geodetector and
#: rsei:geodetectorraster (0–6 are the numbers of :mod:`..discretize`; 7–8 :mod:`.models`).
METHODS = (CATEGORICAL, EQUAL, QUANTILE, NATURAL, GEOMETRIC, STDDEV, OPTIMAL, GOZH, RGD)
#: Methods whose strata are fitted to Y (the optimal method, GOZH, RGD).
Y_FITTED = (OPTIMAL, GOZH, RGD)
#: Labels of :data:`METHODS`, in that order (the METHOD enum of both algorithms).
METHOD_LABELS = ("Use the values as strata (categorical)", "Equal interval", "Quantile",
                 "Natural breaks (Fisher–Jenks)", "Geometric interval", "Standard deviation",
                 "Optimal (best q over methods 1–5 and CLASSES_MIN…CLASSES_MAX)",
                 "GOZH: regression-tree zones (Luo et al. 2022)",
                 "RGD: robust change points, CLASSES_MIN…CLASSES_MAX strata (Zhang, Song & Wu 2022)")
#: The discretisations of continuous factors, in the order the optimal method tries them.
CONTINUOUS_METHODS = (EQUAL, QUANTILE, NATURAL, GEOMETRIC, STDDEV)


def continuous_factor(name, x, method, k, edges=None):
    """Strata of a continuous factor by a discretisation method (1–5) with k classes (or given edges)."""
    if edges is None:
        edges = disc.breaks(x, method, k)
    codes = disc.classify(x, edges)
    size = max(len(edges) - 1, 1)
    return Factor(name, codes, size, interval_labels(edges), disc.METHOD_NAMES[method], list(map(float, edges)))


def optimal_factor(name, x, y, kmin, kmax, shift=None):
    """Optimal-parameters discretisation (Song et al. 2020): :data:`CONTINUOUS_METHODS` × kmin..kmax, largest q wins.

    Ties keep the fewer classes, then the lower method index. Returns the Factor and the
    list of (method, k, q) tried.
    """
    if kmin < 2 or kmax < kmin:
        raise CoreError("Classes for the optimal method must satisfy 2 ≤ CLASSES_MIN ≤ CLASSES_MAX (got "
                        "{kmin}…{kmax}).", kmin=kmin, kmax=kmax)
    shift = float(np.mean(y)) if shift is None else shift
    total = (float(y.size), float((y - shift).sum()), float(((y - shift) ** 2).sum()))
    cache = {"jenks": disc.FisherJenks(x, kmax)}
    best, tried = None, []
    for k in range(kmin, kmax + 1):
        for method in CONTINUOUS_METHODS:
            edges = disc.breaks(x, method, k, cache)
            codes = disc.classify(x, edges)
            q = q_of_codes(codes, max(len(edges) - 1, 1), y, total, shift)
            tried.append((method, k, q))
            if best is None or q > best[0] + 1e-12:
                best = (q, method, k, edges)
    q, method, k, edges = best
    fac = continuous_factor(name, x, method, k, edges)
    fac.method = Text("optimal: {method}, {classes} classes", method=disc.METHOD_NAMES[method],
                      classes=len(edges) - 1)
    return fac, tried



def stratify(name, values, method, k, kmin, kmax, y, categorical=False):
    """A Factor from raw values: categorical (method 0 or listed), discretised (1–5), optimal (6), GOZH (7), RGD (8).

    GOZH and RGD refuse a constant factor by name (:mod:`.models`); the other methods give it
    a single stratum, which the detectors refuse by name.
    """
    values = np.asarray(values)
    numeric = values.dtype.kind in "fiub"
    if categorical or method == CATEGORICAL or not numeric:
        return categorical_factor(name, values)
    x = values.astype(np.float64)
    if method in (GOZH, RGD):
        if method == GOZH:
            return models.gozh_factor(name, x, y)
        return models.rgd_factor(name, x, y, kmin, kmax)[0]
    if x.size == 0 or np.ptp(x) == 0:
        return categorical_factor(name, values)
    if method == OPTIMAL:
        return optimal_factor(name, x, y, kmin, kmax)[0]
    return continuous_factor(name, x, method, k)
