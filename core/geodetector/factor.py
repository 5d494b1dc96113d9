"""A stratified Geodetector factor and the q of its strata: the base that :mod:`.stratify` and :mod:`.models` share."""
from dataclasses import dataclass, field

import numpy as np

from ..errors import Text
from .detectors import Moments, sst


@dataclass
class Factor:
    """One factor stratified: codes 0..size-1 per sample, labels, how it was stratified."""

    name: str
    codes: np.ndarray
    size: int
    labels: list
    method: str
    breaks: list = field(default_factory=list)


def categorical_factor(name, values):
    """Strata = distinct values."""
    uniq, codes = np.unique(np.asarray(values), return_inverse=True)
    return Factor(name, codes.astype(np.int64), int(uniq.size), [value_label(u) for u in uniq], Text("categorical"))


def value_label(v):
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    return str(v)


def format_value(v):
    return f"{v:.6g}"


def interval_labels(edges):
    return [("[" if i == 0 else "(") + f"{format_value(edges[i])}, {format_value(edges[i + 1])}]"
            for i in range(len(edges) - 1)]


def q_of_codes(codes, size, y, total, shift):
    m = Moments.from_codes(codes, y, size, shift)
    st = sst(total)
    return 1.0 - float(m.ssw_per_stratum().sum()) / st if st > 0 else float("nan")
