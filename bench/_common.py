"""Shared by the benchmark scripts: the plugin imported from the working tree, and peak memory."""
import hashlib
import os
import resource
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def plugin_parent():
    """A folder holding ``rsei_toolbox`` → the working tree (how QGIS sees the plugin), the same for every
    benchmark process of this working tree, so numba's cache (keyed by the source path) serves them all."""
    digest = hashlib.sha1(REPO.encode()).hexdigest()[:12]
    parent = os.path.join(tempfile.gettempdir(), f"rsei-bench-pkg-{digest}")
    link = os.path.join(parent, "rsei_toolbox")
    os.makedirs(parent, exist_ok=True)
    if not os.path.islink(link):
        try:
            os.symlink(REPO, link)
        except FileExistsError:   # another benchmark process made it first
            pass
    return parent


def import_plugin():
    """Make the working tree importable as ``rsei_toolbox``; returns the folder put on sys.path."""
    parent = plugin_parent()
    sys.path.insert(0, parent)
    return parent


def peak_mb():
    """Peak resident memory of this process so far, in MiB (Linux reports ru_maxrss in KiB).

    A child process starts with its parent's peak, so measure in a fresh process started
    from a small parent.
    """
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
