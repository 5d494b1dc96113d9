"""rsei:gradechange — transition matrix and change map between two ecological-grade rasters."""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer)

from .base import RseiAlgorithm
from .compat import TYPE_VECTOR_ANY

#: NoData of the int8 change map (changes are −4 … +4).
CHANGE_NODATA = -128


class GradeChangeAlgorithm(RseiAlgorithm):
    ALG_ID = "gradechange"
    DISPLAY_NAME = "Ecological grade change (transition matrix)"
    GROUP_ID = "rsei"
    USAGE = (
        "<p>Compares the RSEI grades of two years: a change map (later minus earlier grade) and the "
        "transition matrix of areas between grades.</p>"
        "<p><b>How to use.</b> Give the grade rasters (OUTPUT_GRADES of rsei:rsei or the grades of "
        "rsei:rseiseries) of an earlier and a later year on one grid. You get the change map (−4 … +4, "
        "positive = better), the optional transition table in km² and the areas that improved, stayed and "
        "degraded.</p>")
    HELP = ("<p>Compares two RSEI grade rasters (1 worst … 5 excellent, from rsei:rsei or rsei:rseiseries) "
            "on one grid. The <b>transition matrix</b> gives the area in km² that went from each grade in the "
            "earlier raster (rows) to each grade in the later one (columns), from the true pixel area (exact "
            "on a geographic CRS, too), as in the grade-transfer analysis of RSEI studies. The <b>change map</b> "
            "is the later grade minus the earlier one, −4 (excellent → worst) … +4 (worst → excellent); "
            "positive = improvement.</p>"
            "<p>Numeric outputs give the area that improved, stayed the same and degraded.</p>")
    NODATA = ("A pixel that is NoData (0) in either raster is NoData (−128) in the change map and is not "
              "counted. A valid value other than 1–5 is an error.")
    REFERENCES = (
        "Han, C. et al. (2025). Sustainability 17, 9075 (grades, section 4.1; Tables 6–7).",
        "Xu, H. (2013). A remote sensing urban ecological index and its application. Acta Ecologica Sinica 33, "
        "7853–7862.",
    )

    BEFORE = "BEFORE"
    AFTER = "AFTER"
    OUTPUT = "OUTPUT"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    IMPROVED_KM2 = "IMPROVED_KM2"
    UNCHANGED_KM2 = "UNCHANGED_KM2"
    DEGRADED_KM2 = "DEGRADED_KM2"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add(QgsProcessingParameterRasterLayer(self.BEFORE, "Grades, earlier year"),
                 "Grade raster (1–5, NoData 0) of the earlier year.")
        self.add(QgsProcessingParameterRasterLayer(self.AFTER, "Grades, later year"),
                 "Grade raster (1–5, NoData 0) of the later year, on the same grid.")
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, "Grade change"),
                 "Later minus earlier grade, −4 … +4 (int8, NoData −128), styled with a diverging palette.")
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, "Transition matrix (km²)", TYPE_VECTOR_ANY,
                                                   optional=True),
                 "One row per earlier grade: area in km² going to each later grade (columns to_worst … "
                 "to_excellent) and the row total.")
        self.addOutput(QgsProcessingOutputNumber(self.IMPROVED_KM2, "Area that improved (km²)"))
        self.addOutput(QgsProcessingOutputNumber(self.UNCHANGED_KM2, "Area with the same grade (km²)"))
        self.addOutput(QgsProcessingOutputNumber(self.DEGRADED_KM2, "Area that degraded (km²)"))

    def process(self, parameters, context, feedback, monitor, tx):
        import numpy as np

        from ..core import grades
        from ..core.errors import CoreError
        from ..core.raster import RasterReader, check_same_grid

        before = RasterReader(self.raster_path(parameters, self.BEFORE, context), self.BEFORE)
        try:
            after = RasterReader(self.raster_path(parameters, self.AFTER, context), self.AFTER)
        except Exception:
            before.close()
            raise
        out_path = self.output_path(parameters, self.OUTPUT, context)
        try:
            grid = check_same_grid([before, after])
            writer = tx.raster(out_path, grid, 1, "int8", CHANGE_NODATA, ["grade change (after − before)"])
            matrix, counts = grades.grade_change(before, after, writer, monitor)
        finally:
            before.close()
            after.close()
        if counts.sum() == 0:
            raise CoreError(self.tr("No pixel has a valid grade in both rasters; they do not overlap."))
        improved = float(np.triu(matrix, 1).sum())
        degraded = float(np.tril(matrix, -1).sum())
        unchanged = float(np.trace(matrix))
        names = grades.GRADE_NAMES
        tx.annotate(out_path, transition_km2={f"{names[i]}->{names[j]}": float(matrix[i, j])
                                              for i in range(5) for j in range(5)},
                    improved_km2=improved, unchanged_km2=unchanged, degraded_km2=degraded)
        self.style_output(tx, out_path, "grade_change")
        monitor.info(self.tr("Improved {improved:.4f} km², unchanged {unchanged:.4f} km², degraded {degraded:.4f} km².")
                     .format(improved=improved, unchanged=unchanged, degraded=degraded))
        rows = [(i + 1, names[i]) + tuple(float(v) for v in matrix[i]) + (float(matrix[i].sum()),)
                for i in range(5)]
        results = {self.OUTPUT: out_path, self.IMPROVED_KM2: improved, self.UNCHANGED_KM2: unchanged,
                   self.DEGRADED_KM2: degraded}
        if self.wants(parameters, self.OUTPUT_TABLE):
            results[self.OUTPUT_TABLE] = self.write_table(
                parameters, self.OUTPUT_TABLE, context, [("from_grade", "int"), ("from_name", "string")]
                + [(f"to_{n}", "double") for n in names] + [("total_km2", "double")], rows)
        return results
