"""The README's qgis_process examples name real algorithms and real parameters."""
import os
import re

from conftest import REPO


def _examples(path):
    """(algorithm id, [parameter names]) for each ``qgis_process.bin … run rsei:x -- …`` command."""
    text = open(path, encoding="utf-8").read()
    blocks = re.findall(r"```(?:sh|bash|console|shell)?\n(.*?)```", text, re.S)
    found = []
    for block in blocks:
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            m = re.search(r"qgis_process\.bin (?:--json )?run (rsei:\w+) -- (.*)", line)
            if m:
                names = re.findall(r"(?:^|\s)([A-Za-z_:]+)=", m.group(2))
                found.append((m.group(1), names))
    return found


def test_readme_examples_use_existing_parameters(provider):
    examples = _examples(os.path.join(REPO, "README.md"))
    assert len(examples) >= 12
    ids = {alg.id(): alg for alg in provider.algorithms()}
    for alg_id, names in examples:
        assert alg_id in ids, alg_id
        from qgis.core import QgsApplication
        alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
        params = {p.name() for p in alg.parameterDefinitions()}
        for name in names:
            assert name in params, f"README: {alg_id} has no parameter {name}"
    # Every algorithm of the provider has an example.
    assert {a for a, _ in examples} == set(ids)


def test_docs_examples_use_existing_parameters(provider):
    from qgis.core import QgsApplication
    registry = QgsApplication.processingRegistry()
    docs = os.path.join(REPO, "docs")
    checked = 0
    for name in sorted(os.listdir(docs)):
        if not name.endswith(".md"):
            continue
        for alg_id, names in _examples(os.path.join(docs, name)):
            alg = registry.createAlgorithmById(alg_id)
            assert alg is not None, f"docs/{name}: unknown algorithm {alg_id}"
            params = {p.name() for p in alg.parameterDefinitions()}
            for param in names:
                assert param in params, f"docs/{name}: {alg_id} has no parameter {param}"
            checked += 1
    assert checked >= 10
