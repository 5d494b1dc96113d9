"""HTML reports and figures: one module per topic, drawn with the page primitives of ``core.report``."""
