"""Landsat quality bands: which pixels a QA_PIXEL (Collection 2) or BQA (Collection 1) value drops.

References: USGS (2022) Landsat 8-9 Collection 2 Level 2 Science Product Guide
(LSDS-1619), table 6-3, and Landsat 4-7 C2 L2 guide (LSDS-1618); Landsat
Collection 1 Level-1 Quality Assessment band (BQA) bit layout.
"""
import numpy as np

from .errors import CoreError

#: Collection 2 QA_PIXEL bits (LSDS-1619 table 6-3; LSDS-1618): single-bit flags.
QA_BITS = {
    "fill": 0,
    "dilated_cloud": 1,
    "cirrus": 2,
    "cloud": 3,
    "cloud_shadow": 4,
    "snow": 5,
    "clear": 6,
    "water": 7,
}

#: Conditions a user can mask, in the order of the algorithms' QA_MASK option.
QA_CONDITIONS = ("fill", "dilated_cloud", "cirrus", "cloud", "cloud_shadow", "snow", "water")
#: Masked by default (the paper's CFMask masking: everything but water).
QA_DEFAULT = ("fill", "dilated_cloud", "cirrus", "cloud", "cloud_shadow", "snow")


def qa_pixel_mask(qa, conditions=QA_DEFAULT):
    """True where a Collection 2 QA_PIXEL value has any of ``conditions`` set (pixel to drop)."""
    qa = np.asarray(qa).astype(np.uint16, copy=False)
    bits = 0
    for name in conditions:
        if name not in QA_BITS:
            raise CoreError("Unknown QA condition '{name}'; use one of {conditions}.", name=name,
                            conditions=', '.join(QA_CONDITIONS))
        bits |= 1 << QA_BITS[name]
    return (qa & np.uint16(bits)) != 0


def bqa_c1_mask(qa, conditions=QA_DEFAULT):
    """True where a Collection 1 Level-1 BQA value has any of ``conditions`` (high confidence).

    Collection 1 BQA: bit 0 designated fill, bit 4 cloud, bits 7–8 cloud-shadow,
    9–10 snow/ice and 11–12 cirrus confidence (3 = high). It has no dilated-cloud or
    water flag, so those conditions are ignored.
    """
    qa = np.asarray(qa).astype(np.int64)
    out = np.zeros(qa.shape, dtype=bool)
    for name in conditions:
        if name == "fill":
            out |= (qa & 1) != 0
        elif name == "cloud":
            out |= (qa >> 4) & 1 != 0
        elif name == "cloud_shadow":
            out |= ((qa >> 7) & 3) == 3
        elif name == "snow":
            out |= ((qa >> 9) & 3) == 3
        elif name == "cirrus":
            out |= ((qa >> 11) & 3) == 3
    return out
