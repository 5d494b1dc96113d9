"""rsei:geodetector — factor, interaction, risk and ecological detectors on a table (Wang & Xu 2017)."""
from qgis.core import (QgsFeatureRequest, QgsProcessingException, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber)
from qgis.PyQt.QtCore import QVariant

from ._geodetector import METHOD_HTML, GeodetectorBase, log_results
from .compat import FIELD_ANY, FIELD_NUMERIC, NUMBER_INTEGER, REQUEST_NO_GEOMETRY, TYPE_VECTOR_ANY


def is_null(value):
    return value is None or (isinstance(value, QVariant) and value.isNull())


class GeodetectorAlgorithm(GeodetectorBase):
    ALG_ID = "geodetector"
    DISPLAY_NAME = "Geodetector (table)"
    USAGE = (
        "<p>Measures how much each factor explains the spatial pattern of a numeric variable (q statistic, "
        "0–1) with the four Geodetector detectors: factor, interaction, risk and ecological.</p>"
        "<p><b>How to use.</b> Give a layer or table with one row per unit (e.g. per mine and year from "
        "rsei:zonalseries), the Y field (e.g. rsei_mean) and the factor fields. Continuous factors are cut "
        "into classes (METHOD, typically 5 classes, or optimal discretisation with 3–7 classes); text fields "
        "and CATEGORICAL_FIELDS are used as they are. You get four tables and an optional HTML report; "
        "YEAR_FIELD runs it per year.</p>")
    HELP = ("<p>Explains a numeric variable Y (e.g. RSEI per mine or per sample point) by factors (fields) with "
            "the four Geodetector detectors — factor (q and its p-value), interaction, risk and ecological — as in "
            "section 3.4 of the paper, optionally per year (Tables 14–15, Figure 14). Input: any vector layer or "
            "table without geometry.</p>" + METHOD_HTML)
    NODATA = ("Rows with NULL in Y_FIELD, in any factor field or in YEAR_FIELD are dropped before anything is "
              "computed; how many (and in which field) is written to the log. NaN or infinite Y values are dropped "
              "the same way.")

    INPUT = "INPUT"
    Y_FIELD = "Y_FIELD"
    X_FIELDS = "X_FIELDS"
    CATEGORICAL_FIELDS = "CATEGORICAL_FIELDS"
    YEAR_FIELD = "YEAR_FIELD"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add(QgsProcessingParameterFeatureSource(self.INPUT, "Input layer or table", [TYPE_VECTOR_ANY]),
                 "Any vector layer, or a table without geometry (e.g. a CSV or a GeoPackage table); one row per "
                 "sample (e.g. per mine and year).")
        self.add(QgsProcessingParameterField(self.Y_FIELD, "Y field (explained variable)", None, self.INPUT,
                                             FIELD_NUMERIC),
                 "Numeric field explained by the factors (e.g. rsei).")
        self.add(QgsProcessingParameterField(self.X_FIELDS, "Factor fields", None, self.INPUT, FIELD_ANY,
                                             allowMultiple=True),
                 "Fields of the explanatory factors (numeric or text). Text fields are always categorical.")
        self.add_common_parameters()
        self.add(QgsProcessingParameterField(self.CATEGORICAL_FIELDS, "Categorical factor fields", None,
                                             self.INPUT, FIELD_ANY, allowMultiple=True, optional=True),
                 "Factor fields always used as strata (each value a stratum), whatever METHOD says, e.g. land "
                 "cover codes.")
        self.add(QgsProcessingParameterField(self.YEAR_FIELD, "Year field (run per year)", None, self.INPUT,
                                             FIELD_ANY, optional=True),
                 "Optional: run every detector for each value of this field separately and add the mean q over "
                 "the years (as the paper's Tables 14–15).")
        self.add(QgsProcessingParameterNumber(self.SEED, "Random seed (bootstrap)", NUMBER_INTEGER, 1, False, 0),
                 "Seed of the bootstrap resamples (CONFIDENCE 1): the same seed gives the same interval.",
                 advanced=True)

    def process(self, parameters, context, feedback, monitor, tx):
        import numpy as np

        from ..core.errors import CoreError, Joined, Text
        from ..core.geodetector import confidence, detectors, models, stratify

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        y_name = self.parameterAsString(parameters, self.Y_FIELD, context)
        x_names = list(dict.fromkeys(self.parameterAsFields(parameters, self.X_FIELDS, context)))
        cat_names = set(self.parameterAsFields(parameters, self.CATEGORICAL_FIELDS, context))
        year_name = self.parameterAsString(parameters, self.YEAR_FIELD, context) or None

        fields = source.fields()
        for name, what in [(y_name, "Y_FIELD")] + [(n, "X_FIELDS") for n in x_names] + \
                ([(year_name, "YEAR_FIELD")] if year_name else []):
            if fields.lookupField(name) < 0:
                raise CoreError(self.tr("{what}: the field '{name}' does not exist in the input.")
                                .format(what=what, name=name))
        y_text = not fields.field(y_name).isNumeric()
        if not x_names:
            raise CoreError(self.tr("X_FIELDS: select at least one factor field."))
        if y_name in x_names:
            raise CoreError(self.tr("X_FIELDS: the Y field '{y_name}' cannot also be a factor.")
                            .format(y_name=y_name))
        if year_name and (year_name in x_names or year_name == y_name):
            raise CoreError(self.tr("YEAR_FIELD: '{year_name}' cannot also be Y or a factor.")
                            .format(year_name=year_name))
        for name in sorted(cat_names - set(x_names)):
            monitor.warn(self.tr("CATEGORICAL_FIELDS: '{name}' is not among the factor fields and is ignored.")
                         .format(name=name))
        method, k, kmin, kmax = self.stratification(parameters, context)
        want_lesh = self.lesh_wanted(parameters, len(x_names))
        resamples = self.bootstrap_count(parameters, context)
        seed = self.parameterAsInt(parameters, self.SEED, context)

        numeric = {n: fields.field(n).isNumeric() for n in x_names}
        wanted = [y_name] + x_names + ([year_name] if year_name else [])
        request = QgsFeatureRequest().setFlags(REQUEST_NO_GEOMETRY)
        request.setSubsetOfAttributes(wanted, fields)
        idx = [fields.lookupField(n) for n in wanted]

        ys, xs, years = [], {n: [] for n in x_names}, []
        dropped = {n: 0 for n in wanted}
        total = 0
        count = max(source.featureCount(), 1)
        for i, feat in enumerate(source.getFeatures(request)):
            if i % 1000 == 0:
                monitor.check()
                monitor.report(0.3 * i / count)
            total += 1
            attrs = feat.attributes()
            vals = [attrs[j] for j in idx]
            bad = next((wanted[j] for j, v in enumerate(vals) if is_null(v) or _blank(v)), None)
            if bad is None:
                try:
                    y = float(str(vals[0]).strip()) if y_text else float(vals[0])
                except (TypeError, ValueError):
                    if y_text:
                        raise CoreError(self.tr("Y_FIELD: the value {value} of '{name}' is not a number (the field "
                                                "is text, {type}); Y must be a number. {csv_types}")
                                        .format(value=repr(vals[0]), name=y_name, csv_types=csv_types(),
                                                type=fields.field(y_name).typeName())) from None
                    raise CoreError(self.tr("Y_FIELD: the value {value} of '{name}' is not a number.")
                                    .format(value=repr(vals[0]), name=y_name)) from None
                if y != y or y in (float("inf"), float("-inf")):
                    bad = y_name
            if bad is not None:
                dropped[bad] += 1
                continue
            ys.append(y)
            for n, v in zip(x_names, vals[1:1 + len(x_names)]):
                xs[n].append(float(v) if numeric[n] else str(v))
            if year_name:
                years.append(vals[-1])
        n_dropped = total - len(ys)
        notes = [f"Input: {total} rows; Y = '{y_name}'; factors: {', '.join(x_names)}."]
        as_numbers = [y_name] if y_text else []
        for n in x_names:
            if not numeric[n] and xs[n] and all(_is_number(v) for v in xs[n]):
                xs[n] = [float(v) for v in xs[n]]
                numeric[n] = True
                as_numbers.append(n)
        if as_numbers:
            monitor.info(self.tr("Text field(s) {fields} hold only numbers and are used as numbers. {csv_types}")
                         .format(fields=", ".join(repr(n) for n in as_numbers), csv_types=csv_types()))
        if n_dropped:
            # Text: the log shows it in the user's language, the report's notes in English.
            detail = Joined(", ", [Text("{count} for NULL/NaN in '{name}'", count=c, name=n)
                                   for n, c in dropped.items() if c])
            msg = Text("{n_dropped} of {total} rows dropped ({detail}).", n_dropped=n_dropped, total=total,
                       detail=detail)
            monitor.warn(msg)
            notes.append(msg)
        if len(ys) < 2:
            raise CoreError(self.tr("Only {n_ys} row(s) have Y and every factor present; at least two are "
                                    "needed.").format(n_ys=len(ys)))
        if len(x_names) < 2:
            msg = Text("Only one factor: the interaction and ecological detectors need at least two factors, so "
                       "their tables are empty.")
            monitor.warn(msg)
            notes.append(msg)

        for n in x_names:
            if not numeric[n] and method != stratify.CATEGORICAL and n not in cat_names:
                monitor.info(self.tr("Factor '{name}' is a text field: its values are used as strata.")
                             .format(name=n))
        y_all = np.asarray(ys, dtype=np.float64)
        x_all = {n: np.asarray(v, dtype=np.float64 if numeric[n] else object) for n, v in xs.items()}
        if year_name:
            labels = [_year_label(v) for v in years]
            order = sorted(set(labels), key=_year_key)
            groups = [(lab, np.array([lb == lab for lb in labels])) for lab in order]
        else:
            groups = [(None, np.ones(y_all.size, dtype=bool))]
        runs = []
        for g, (label, sel) in enumerate(groups):
            monitor.check()
            where = f"year {label}" if label is not None else ""
            y = y_all[sel]
            if y.size < 2:
                raise CoreError(self.tr("Year {label}: only {size} row(s); at least two are needed.")
                                .format(label=label, size=y.size))
            if np.ptp(y) == 0:
                raise CoreError((self.tr("Y ('{y_name}') is constant in year {label}: q is undefined.") if where else
                                 self.tr("Y ('{y_name}') is constant: q is undefined.")).format(y_name=y_name,
                                                                                                label=label))
            factors = [stratify.stratify(n, x_all[n][sel], method, k, kmin, kmax, y,
                                         categorical=n in cat_names) for n in x_names]
            lo, hi = 0.3 + 0.6 * g / len(groups), 0.3 + 0.6 * (g + 1) / len(groups)
            res = detectors.analyse(y, factors, monitor.sub(lo, (lo + hi) / 2), where)
            if want_lesh:
                res.lesh = models.lesh(y, factors)
            if resamples:
                # each year its own stream of resamples: (SEED, position of the year)
                res.bootstrap = confidence.bootstrap_q(y, factors, resamples, [seed, g] if label is not None
                                                       else seed, monitor.sub((lo + hi) / 2, hi))
            runs.append((label, res))
        log_results(monitor, runs)
        html_path = self.html_destination(parameters, context)
        title = f"Geodetector: {y_name}" + (f" per {year_name}" if year_name else "")
        return self.write_outputs(parameters, context, runs, html_path, tx, notes, title)


def csv_types():
    """How to give a CSV's fields their types, translated (checked with qgis_process 3.22: both forms read numbers
    as numbers)."""
    return GeodetectorBase.tr("To read a CSV with field types, load it with 'Detect field types' checked (Layer ‣ "
                              "Add Layer ‣ Add Delimited Text Layer), give it as "
                              "INPUT='table.csv|option:AUTODETECT_TYPE=YES' on the command line (quoted for the "
                              "shell), or put a .csvt file of the types beside it.")


def _blank(value):
    return isinstance(value, str) and not value.strip()


def _is_number(text):
    try:
        return float(text) == float(text)  # NaN text is not a number here
    except (TypeError, ValueError):
        return False


def _year_label(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _year_key(label):
    try:
        return (0, float(label), label)
    except ValueError:
        return (1, 0.0, label)
