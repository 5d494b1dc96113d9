"""Qt translation of the provider's user-visible text (names, groups, parameters, help, messages).

Every string goes through :func:`tr` with the one context :data:`CONTEXT`, so a text shared by several
algorithms (a common parameter, a heading) has one entry in ``i18n/rsei_toolbox_<locale>.ts``. Help HTML is
translated by :func:`tr_html` one block at a time (a paragraph, a list item, a heading, a table cell), so a
change to one paragraph invalidates only that paragraph's translation; the HTML comes out on one line, because
QGIS's help panel turns every newline of ``shortHelpString()`` into a paragraph break.

:func:`install` loads ``i18n/rsei_toolbox_<code>.qm`` for QGIS's interface locale into a QTranslator of our
own (never relying on QGIS's translator: ``qgis_process`` installs none), falling back to English. The locale
is read as QGIS itself decides it: the translation QGIS runs with (``QgsApplication.translation()``, set by the
desktop), else the ``locale/userLocale`` setting (which the desktop writes at every start; with
``locale/overrideFlag`` it is the user's explicit choice), else the system locale. ``locale/globalLocale``
sets number and date formats only, so it does not choose the language. QGIS names Simplified Chinese
``zh-Hans``; ``zh_CN``, ``zh-CN``, ``zh_SG`` and plain ``zh`` load the same file.
"""
import os
import re

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "RseiToolbox"
I18N_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "i18n")
FILE_PREFIX = "rsei_toolbox_"

#: Locale codes (after '-' → '_') that name another file's language.
ALIASES = {"zh_Hans": "zh_CN", "zh_Hans_CN": "zh_CN", "zh_SG": "zh_CN", "zh_Hans_SG": "zh_CN", "zh": "zh_CN",
           "zh_Hant": "zh_TW", "zh_Hant_TW": "zh_TW", "zh_Hant_HK": "zh_TW", "zh_HK": "zh_TW", "zh_MO": "zh_TW"}

_translator = None
_loaded = None
#: When a dict, every source text passed to tr() becomes one of its keys, in order of first use
#: (tools/i18n.py collects the strings this way).
capture = None


def tr(text):
    """``text`` in the interface language (``text`` itself when there is no translation)."""
    if not text:
        return text
    if capture is not None:
        capture.setdefault(text, True)
    return QCoreApplication.translate(CONTEXT, text)


# Block-level tags: the text between two of them is one unit of translation.
_BLOCK_TAG = re.compile(r"(</?(?:html|head|body|p|ul|ol|li|h[1-6]|table|thead|tbody|tr|td|th|div|br|hr|dl|dt|dd)\b[^>]*>)",
                        re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]{2,}")


def one_line(html):
    """``html`` with every run of white space (newlines included) made one space."""
    return " ".join(html.split())


def html_units(html):
    """The translatable texts of ``html``: the text of each block, white space collapsed, words only."""
    units = []
    for i, part in enumerate(_BLOCK_TAG.split(one_line(html))):
        text = part.strip()
        if i % 2 == 0 and _WORD.search(text):
            units.append(text)
    return units


def tr_html(html):
    """``html`` on one line with the text of each block translated (tags and white space kept)."""
    out = []
    for i, part in enumerate(_BLOCK_TAG.split(one_line(html))):
        text = part.strip()
        if i % 2 == 0 and _WORD.search(text):
            lead = part[:len(part) - len(part.lstrip())]
            trail = part[len(part.rstrip()):]
            part = lead + tr(text) + trail
        out.append(part)
    return "".join(out)


def candidates(code):
    """File codes to try for a QGIS locale code, best first (``zh-Hans`` → ``zh_CN``; ``pt-BR`` → pt_BR, pt)."""
    code = (code or "").strip().replace("-", "_").split(".")[0].split("@")[0]
    if not code or code in ("C", "POSIX"):
        return []
    found = []
    parts = code.split("_")
    for cand in dict.fromkeys(("_".join(parts), "_".join(parts[:2]))):
        for c in (cand, ALIASES.get(cand)):
            if c and c not in found:
                found.append(c)
    # The bare language last, but never through an alias (zh-Hant must not fall back to zh → zh_CN).
    if parts[0] not in found:
        found.append(parts[0])
    return found


def qgis_locale():
    """The interface locale QGIS uses (see the module doc); '' when none is known."""
    try:
        from qgis.core import QgsApplication, QgsSettings
    except ImportError:  # pragma: no cover - outside QGIS
        return QLocale.system().name()
    code = ""
    app = QgsApplication.instance()
    try:  # the desktop's --lang / settings choice (an instance method in 3.22, static later)
        code = (app.translation() if app is not None else QgsApplication.translation()) or ""
    except (AttributeError, TypeError):
        code = ""
    if not code:
        code = QgsSettings().value("locale/userLocale", "", type=str) or ""
    return code or QLocale.system().name()


def qm_path(code):
    """The .qm file for locale ``code``, or None (English)."""
    for cand in candidates(code):
        path = os.path.join(I18N_DIR, f"{FILE_PREFIX}{cand}.qm")
        if os.path.isfile(path):
            return path
    return None


def install(code=None):
    """Install the translator for ``code`` (default: QGIS's locale); returns the .qm path or None (English).

    Calling it again replaces the earlier translator, so the language follows the argument.
    """
    global _translator, _loaded
    code = qgis_locale() if code is None else code
    path = qm_path(code)
    if path == _loaded and (path is None or _translator is not None):
        return path
    uninstall()
    if path is None:
        return None
    app = QCoreApplication.instance()
    translator = QTranslator()
    if app is None or not translator.load(path):
        return None
    app.installTranslator(translator)
    _translator, _loaded = translator, path
    return path


def uninstall():
    """Remove our translator (back to English)."""
    global _translator, _loaded
    if _translator is not None and QCoreApplication.instance() is not None:
        QCoreApplication.instance().removeTranslator(_translator)
    _translator, _loaded = None, None
