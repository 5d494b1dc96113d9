"""Exceptions raised by the core; their messages are shown to the user, translated by the caller.

The core never imports Qt, so it cannot translate; instead every message is a literal English *template*
with ``{name}`` placeholders and its *values* as keyword arguments::

    raise CoreError("Input '{name}': {count} pixel(s) are NaN.", name=name, count=n)

``str(exc)`` is the English text (the template formatted with the values; a template given without values is
used as is, so literal braces need no doubling). The algorithm layer shows :func:`render`\\ ``(exc, tr)``: the
template looked up in the Qt translation, then formatted with the same values. ``tools/i18n.py`` reads the
templates from the source (they must be literals, never f-strings), so they land in ``i18n/*.ts``.

A value may itself be a :class:`Text` (a translatable fragment: a clause that is present or not, a noun
passed to a helper), a :class:`Joined` list of them, or a :class:`CoreError` (an error quoted inside another):
:func:`render` translates those too.
"""


def _format(template, values):
    return template.format(**values) if values else template


class Text(str):
    """A translatable fragment: a ``str`` (the English text) that remembers its literal template and values."""

    def __new__(cls, template, **values):
        self = super().__new__(cls, _format(template, values))
        self.template = template
        self.values = values
        return self

    def __reduce__(self):  # pickling (an error from a Dask worker)
        return _text, (self.template, self.values)

    def __repr__(self):
        return f"Text({self.template!r}, **{self.values!r})"


class Joined(str):
    """Items (strings or :class:`Text`) joined by ``sep`` (a ``str``); :func:`render` translates each item."""

    def __new__(cls, sep, items):
        items = list(items)
        self = super().__new__(cls, sep.join(items))
        self.sep = sep
        self.items = items
        return self

    def __reduce__(self):  # pickling (an error from a Dask worker)
        return Joined, (self.sep, self.items)


def _text(template, values):
    return Text(template, **values)


class CoreError(Exception):
    """A problem with the input or the run that the user can act on.

    ``CoreError(template, **values)``: ``template`` is the literal English message with ``{name}``
    placeholders, ``values`` fill them; see the module doc.
    """

    def __init__(self, message="", **values):
        message = str(message) if not isinstance(message, str) else message
        self.template = message
        self.values = values
        super().__init__(_format(message, values))


class GridMismatch(CoreError):
    """Two rasters that must share one grid do not."""


class Canceled(CoreError):
    """The user canceled the run."""

    def __init__(self, message="The run was canceled; no output was written.", **values):
        super().__init__(message, **values)


class MissingDependency(CoreError):
    """A Python package the algorithm needs is not importable by QGIS's Python."""


def _identity(text):
    return text


def render_template(template, values, tr=None):
    """``template`` translated by ``tr`` and formatted with ``values`` (translated too where they are
    :class:`Text` or :class:`CoreError`); the English text when the translation does not fit the values."""
    tr = tr or _identity
    english = _format(template, values)
    if tr is _identity:
        return english
    if values:
        values = {k: _render_value(v, tr) for k, v in values.items()}
    try:
        text = tr(template) if template else template
        return _format(text, values) if text else english
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return english


def _render_value(value, tr):
    if isinstance(value, (Text, CoreError)):
        return render(value, tr)
    if isinstance(value, Joined):
        return value.sep.join(_render_value(i, tr) for i in value.items)
    return value


def render(message, tr=None):
    """The text of ``message`` (a :class:`CoreError`, a :class:`Text`, another exception or a string) in the
    language of ``tr`` (a callable source → translation; None = English). A broken translation (a placeholder
    that is not among the values, a bad format spec) falls back to the English text."""
    if isinstance(message, (CoreError, Text)) and isinstance(getattr(message, "template", None), str):
        return render_template(message.template, getattr(message, "values", None) or {}, tr)
    if isinstance(message, str):
        return render_template(message, {}, tr)
    return str(message)
