"""``rustac serve`` (PyPI rustac, memory backend) as a STAC API on a loopback port."""
import os
import subprocess

from .nginx import free_port, stop_process, wait_port

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
STAC_VENV = os.environ.get("RSEI_STAC_VENV", os.path.join(REPO, ".venv-stac"))


def stac_tool(name):
    path = os.path.join(STAC_VENV, "bin", name)
    if not os.path.exists(path):
        raise RuntimeError(f"{path} is missing: run `make stac-venv` (a separate venv with rustac and "
                           f"stactools-landsat from PyPI; `make test` makes it)")
    return path


class Rustac:
    def __init__(self, items_json):
        self.items_json = items_json
        self.port = free_port()
        self.proc = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.proc = subprocess.Popen([stac_tool("rustac"), "serve", self.items_json, "--addr",
                                      f"127.0.0.1:{self.port}", "--create-collections"],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        wait_port(self.port, self.proc, timeout=30, what="rustac serve")
        return self

    def stop(self):
        stop_process(self.proc)
