# RSEI Toolbox — set-up, tests, demo, benchmark and packaging on Debian 12 or 13.
# `make test` and `make demo` install everything they need on a fresh machine.
# `make test-trixie` / `make test-sid` run `make test` again inside a cached Debian 13 / unstable root
# (QGIS 3.40 / 3.44) made with debootstrap: see tools/debian_root.sh.

QGIS_PY   := /usr/bin/python3
VENV      := .venv
PY        := $(VENV)/bin/python
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PKGS  := qgis python3-qgis qgis-providers python3-rasterio python3-scipy python3-matplotlib \
             python3-venv python3-pip python3-distributed xvfb xauth zip nginx qttools5-dev-tools \
             python3-numba python3-statsmodels
PIP_PKGS  := pytest==7.4.4 pytest-qgis==5.0.2 pymannkendall==1.4.3
# STAC test tooling (tests/services): its own venv, never the QGIS one (stactools pulls rasterio 1.4 wheels).
STAC_VENV := .venv-stac
STAC_PKGS := rustac==0.9.18 stactools==0.5.3 stactools-landsat==0.5.0 setuptools==75.8.0
TESTS     ?= tests
# Debian roots for test-trixie / test-sid: cached here, reused while the package list stays the same.
RSEI_ROOTS ?= /var/cache/rsei-roots
ROOT_PKGS := make $(APT_PKGS)

export QT_QPA_PLATFORM := offscreen
export XDG_RUNTIME_DIR := $(CURDIR)/.runtime
export QGIS_PROCESS    := qgis_process.bin
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup stac-venv gdref test test-trixie test-sid clean-roots demo bench package clean i18n i18n-update i18n-check

# Translations: i18n/*.ts are the sources (kept in git), the .qm files are built by Qt's lrelease
# (Debian: qttools5-dev-tools) for the tests, the demo and the package. `make i18n-update` re-extracts the
# strings (new ones unfinished), `make i18n-check` fails when one has no translation.
TS_FILES  := $(wildcard i18n/*.ts)
QM_FILES  := $(TS_FILES:.ts=.qm)
LRELEASE  := $(shell command -v lrelease || command -v lrelease-qt5 || echo /usr/lib/qt5/bin/lrelease)

i18n: .apt-ready $(QM_FILES)

i18n/%.qm: i18n/%.ts
	$(LRELEASE) -silent $< -qm $@

i18n-update: setup
	$(PY) tools/i18n.py

i18n-check: setup
	$(PY) tools/i18n.py --check

# Test-only reference environment (not seen by QGIS, no Debian site-packages): PyPI geodetector 0.2
# with the scikit-learn and ruptures its GOZH/RGD need; tests/test_gd_models.py runs it in a subprocess.
GDREF     := .venv-gdref
GDREF_PKGS := geodetector==0.2.0 scikit-learn==1.9.1 numpy==2.4.6 pandas==3.1.1
# ruptures (only RGD's change points import it) has no build for Python 3.14 (Debian sid): left out there, so the
# RGD oracle tests fail naming it while the rest of the reference runs.
GDREF_RUPTURES := ruptures==1.1.10

setup: $(VENV)/.ready

.apt-ready:
	@if ! dpkg -s $(APT_PKGS) >/dev/null 2>&1; then \
	  echo "Installing Debian packages: $(APT_PKGS)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PKGS); \
	fi
	@touch $@

# A venv that sees Debian's QGIS, numpy, scipy and rasterio; pip must not replace them,
# so the packages already installed are written into a constraints file first.
$(VENV)/.ready: .apt-ready Makefile
	$(QGIS_PY) -m venv --system-site-packages $(VENV)
	$(QGIS_PY) -c "import numpy, scipy, rasterio, matplotlib; \
	  print(f'numpy=={numpy.__version__}\nscipy=={scipy.__version__}\nrasterio=={rasterio.__version__}\nmatplotlib=={matplotlib.__version__}')" \
	  > $(VENV)/constraints.txt
	$(PY) -m pip install -q --disable-pip-version-check -c $(VENV)/constraints.txt $(PIP_PKGS)
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	@touch $@

gdref: $(GDREF)/.ready

$(GDREF)/.ready: Makefile
	$(QGIS_PY) -m venv $(GDREF)
	$(GDREF)/bin/python -m pip install -q --disable-pip-version-check $(GDREF_PKGS) \
	  $$($(QGIS_PY) -c 'import sys; print("$(GDREF_RUPTURES)" if sys.version_info < (3, 14) else "")')
	@touch $@

stac-venv: $(STAC_VENV)/.ready

$(STAC_VENV)/.ready: .apt-ready Makefile
	$(QGIS_PY) -m venv $(STAC_VENV)
	$(STAC_VENV)/bin/pip install -q --disable-pip-version-check $(STAC_PKGS)
	@touch $@

test: setup stac-venv gdref i18n
	$(PY) -m pytest -q $(TESTS)

# The same `make test` in a Debian 13 root (QGIS 3.40) and in a Debian unstable root (QGIS 3.44).
test-trixie test-sid: test-%:
	$(SUDO) env ROOT_PKGS="$(ROOT_PKGS)" RSEI_ROOTS="$(RSEI_ROOTS)" TESTS="$(TESTS)" tools/debian_root.sh $* test

clean-roots:
	@! findmnt -rn -o TARGET | grep -q '^$(RSEI_ROOTS)/' || { echo "something is mounted under $(RSEI_ROOTS)"; exit 1; }
	$(SUDO) rm -rf --one-file-system $(RSEI_ROOTS)/trixie $(RSEI_ROOTS)/sid

demo: setup i18n
	$(PY) demo/run_demo.py --out demo-output

bench: setup stac-venv
	$(PY) bench/run_all.py

package: setup i18n
	$(PY) tools/package.py

clean:
	rm -rf $(VENV) $(GDREF) $(STAC_VENV) .apt-ready .runtime demo-output dist .pytest_cache $(QM_FILES)
