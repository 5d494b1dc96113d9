"""Progress, cancellation and log messages passed into the core as plain callables."""
from .errors import Canceled, Text, render, render_template


class Monitor:
    """Carries the caller's progress/cancel/log callbacks into core functions.

    ``progress(percent)`` receives 0–100; ``is_canceled()`` returns True to stop;
    ``info(msg)`` and ``warn(msg)`` write to the log. Any may be None.
    :meth:`sub` gives a monitor for a slice of the progress range, so a multi-pass
    computation reports one smooth 0–100 % to the user.

    :meth:`info` and :meth:`warn` take a literal English template and its values, as
    :class:`~.errors.CoreError` does (``monitor.warn("{n} pixel(s) skipped.", n=n)``); ``translate``
    (source text → translation, default none) translates the template before it is formatted, so the
    log is in the user's language while the core stays free of Qt.
    """

    def __init__(self, progress=None, is_canceled=None, info=None, warn=None, start=0.0, end=100.0,
                 translate=None):
        self._progress = progress
        self._is_canceled = is_canceled
        self._info = info
        self._warn = warn
        self.start = start
        self.end = end
        self.translate = translate

    def sub(self, start_fraction, end_fraction):
        """Monitor covering ``[start_fraction, end_fraction]`` of this monitor's range."""
        span = self.end - self.start
        return Monitor(self._progress, self._is_canceled, self._info, self._warn,
                       self.start + span * start_fraction, self.start + span * end_fraction, self.translate)

    def report(self, fraction):
        """Report that ``fraction`` (0–1) of this monitor's work is done."""
        if self._progress is not None:
            fraction = min(max(float(fraction), 0.0), 1.0)
            self._progress(self.start + (self.end - self.start) * fraction)

    def check(self):
        """Raise :class:`Canceled` if the user asked to stop."""
        if self._is_canceled is not None and self._is_canceled():
            raise Canceled()

    def text(self, message, **values):
        """``message`` formatted with ``values``, translated by ``translate`` (``message`` may be a :class:`Text`)."""
        if isinstance(message, Text) and not values:
            return render(message, self.translate)
        return render_template(message, values, self.translate)

    def info(self, message, **values):
        if self._info is not None:
            self._info(self.text(message, **values))

    def warn(self, message, **values):
        if self._warn is not None:
            self._warn(self.text(message, **values))


NULL_MONITOR = Monitor()
