"""The window engine: windows computed on an executor, partial results consumed in window order.

Every raster algorithm of the toolbox walks its grid in windows (:func:`tile_windows`) and
hands each window to :func:`ordered`::

    with engine.ordered(functools.partial(task, source, params), windows, monitor) as parts:
        for window, part in parts:          # always in the order of ``windows``
            writer.write(window, part.pixels)   # on the calling thread
            totals.merge(part.stats)

``task(window)`` reads its inputs, computes and returns a *partial result* (output pixels,
counts, moments, histograms …); it must not write files or touch shared state. The caller
consumes the partial results on its own thread strictly in window order, so every output —
pixels, tables, sidecar statistics — is bit-identical whatever executes the tasks and in
whatever order they finish: floating-point merges (covariance, sums, areas) are always done
in the same order on the same numbers.

Executors (chosen per run with :func:`session`, else the default):

* **local threads** (default): a pool of ``os.cpu_count()`` threads; the environment variable
  ``RSEI_THREADS`` overrides the size, ``RSEI_THREADS=1`` runs every window inline on the
  calling thread. numpy and GDAL release the GIL while they work. rasterio datasets are not
  thread-safe, so a :class:`~.raster.RasterReader` opens one handle per thread (see there).
* **Dask** (``DASK_SCHEDULER`` parameter or ``RSEI_DASK_SCHEDULER``): ``tcp://host:port``
  connects to a running ``distributed`` scheduler, ``local:N`` starts a ``LocalCluster`` of N
  worker processes for the run and closes it afterwards. Tasks are top-level functions
  pickled with their arguments (input paths/URLs and parameters, never open datasets): the
  workers open the inputs themselves, compute, and return the partial results to the client,
  which writes every output (so workers need read access to the inputs only, never to the
  output folder, and a failed or canceled run leaves nothing behind). Workers get the toolbox
  core as a zip of the plugin package uploaded with ``Client.upload_file`` (numpy and rasterio
  must be installed on them); ``RSEI_DASK_UPLOAD=0`` skips the upload when the package is
  already on the workers' ``PYTHONPATH``. A task whose worker dies is rerun elsewhere
  (``retries`` plus the scheduler's own rescheduling); a cluster that goes away ends the run
  with an error and no output.

Memory: the window size comes from the per-worker budget (``RSEI_BLOCK_MB``, default
:data:`~.raster.DEFAULT_BUDGET_MB`) and never from the number of workers (which would change
the window layout and hence the bits of the merged statistics). At most ``workers + 1``
windows are in flight (submitted and not yet consumed), so a run holds about
``(workers + 2) × budget``: 128 MiB × 4 ≈ 0.5 GiB on 2 cores.

Progress is reported as windows are consumed; cancel is checked before every submission and
while waiting: it stops submitting, cancels the pending tasks and waits for the running ones
before the caller rolls its outputs back.
"""
import collections
import contextlib
import contextvars
import functools
import hashlib
import os
import shutil
import sys
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from .deps import rasterio
from .errors import CoreError, Text
from .monitor import NULL_MONITOR

ENV_THREADS = "RSEI_THREADS"
ENV_DASK = "RSEI_DASK_SCHEDULER"
ENV_UPLOAD = "RSEI_DASK_UPLOAD"
#: Reruns of a task whose worker failed (on top of the scheduler's rescheduling of lost tasks).
DASK_RETRIES = 3
#: Seconds to wait for a Dask scheduler (connecting) and for a lost scheduler to come back.
DASK_TIMEOUT = 20
#: How often (s) a wait for a result checks cancel.
POLL = 0.1
#: What to install for DASK_SCHEDULER.
DASK_INSTALL = Text("Install Dask's distributed scheduler: on Debian/Ubuntu 'apt install python3-distributed', "
                     "elsewhere 'python3 -m pip install \"dask[distributed]\"' in the Python that QGIS uses.")


def thread_count():
    """Threads of the default pool: ``RSEI_THREADS`` or the machine's cores."""
    text = os.environ.get(ENV_THREADS, "").strip()
    if not text:
        return max(1, os.cpu_count() or 1)
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise CoreError("The environment variable {variable} must be a whole number ≥ 1, not '{text}'.",
                        variable=ENV_THREADS, text=text)
    return n


# ----------------------------------------------------------------------------- running one task

def _gdal_options():
    """The calling thread's rasterio/GDAL options, to apply around tasks run by other threads or processes.

    GDAL_CACHEMAX is left out: it is process-wide (rasterio sets it with GDALSetCacheMax) and
    restoring it from a task would race with the caller's own limit.
    """
    try:
        if not rasterio.env.hasenv():
            return {}
        return {k: v for k, v in rasterio.env.getenv().items() if k != "GDAL_CACHEMAX"}
    except Exception:  # noqa: BLE001 - no options to pass on
        return {}


def run_task(fn, window, options=None, scoped=False):
    """Run one task: ``fn(window)`` under the caller's GDAL options.

    ``scoped``: close every raster handle the task opened when it ends (Dask workers, where the
    task's readers are unpickled anew for each task); the local threads keep their handles for
    the run. A top-level function, so that Dask can pickle it by reference.
    """
    from .raster import reader_scope

    env = rasterio.Env(**options) if options else contextlib.nullcontext()
    scope = reader_scope() if scoped else contextlib.nullcontext()
    with env, scope:
        return fn(window)


# ----------------------------------------------------------------------------- ordered results

class Ordered:
    """Partial results of ``fn`` over ``windows`` in window order; a context manager and an iterator.

    Leaving the ``with`` block (normally, on an error or on cancel) cancels the tasks not yet
    started and waits for the running ones, so no task still reads an input when the caller
    closes its readers or rolls its outputs back.
    """

    def __init__(self, engine, fn, windows, monitor, limit):
        self.engine = engine
        self.fn = fn
        self.windows = list(windows)
        self.monitor = monitor or NULL_MONITOR
        self.limit = max(1, int(limit))
        self._pending = collections.deque()
        self._gen = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __iter__(self):
        if self._gen is None:
            self._gen = self._run()
        return self._gen

    def _run(self):
        total = sum(int(w.width) * int(w.height) for w in self.windows) or 1
        done = 0
        options = _gdal_options()
        with _gdal_cache_limit():
            for window in self.windows:
                self.monitor.check()
                self._pending.append((window, self.engine.submit(self.fn, window, options)))
                while len(self._pending) >= self.limit:
                    w, part = self._next()
                    yield w, part
                    done += int(w.width) * int(w.height)
                    self.monitor.report(done / total)
            while self._pending:
                w, part = self._next()
                yield w, part
                done += int(w.width) * int(w.height)
                self.monitor.report(done / total)
        self.monitor.check()

    def _next(self):
        window, future = self._pending[0]
        part = self.engine.result(future, self.monitor)
        self._pending.popleft()
        return window, part

    def close(self):
        pending = [f for _, f in self._pending]
        self._pending.clear()
        if pending:
            self.engine.abandon(pending)
        if self._gen is not None:
            self._gen.close()


class Engine:
    """Base of the executors: ``submit(fn, window, options)`` → future; ``result(future)`` → partial."""

    name = "engine"
    workers = 1

    def ordered(self, fn, windows, monitor=NULL_MONITOR):
        return Ordered(self, fn, windows, monitor, self.workers + 1)

    def describe(self):
        """The engine in words (a translatable :class:`~.errors.Text`; ``self.name`` is its English)."""
        return getattr(self, "_text", None) or self.name

    def close(self):
        pass


class _Done:
    """An already computed result (the inline executor)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class LocalEngine(Engine):
    """Windows on a pool of ``workers`` threads of this process (1: inline on the calling thread)."""

    def __init__(self, workers=None):
        self.workers = int(workers or thread_count())
        self._text = Text("1 thread") if self.workers == 1 else Text("{n} threads", n=self.workers)
        self.name = str(self._text)
        self._pool = None

    def ordered(self, fn, windows, monitor=NULL_MONITOR):
        return Ordered(self, fn, windows, monitor, 1 if self.workers == 1 else self.workers + 1)

    def submit(self, fn, window, options):
        if self.workers == 1:
            return _Done(fn(window))   # inline: this thread's GDAL options already apply
        if self._pool is None:
            self._pool = _shared_pool(self.workers)
        return self._pool.submit(run_task, fn, window, options)

    def result(self, future, monitor):
        if isinstance(future, _Done):
            return future.value
        while True:
            try:
                return future.result(timeout=POLL)
            except FutureTimeout:
                monitor.check()

    def abandon(self, futures):
        for f in futures:
            if not isinstance(f, _Done):
                f.cancel()
        for f in futures:
            if not isinstance(f, _Done) and not f.cancelled():
                try:
                    f.result()
                except Exception:  # noqa: BLE001 - the run is already ending with another error
                    pass


_POOLS = {}
_POOLS_LOCK = threading.Lock()


def _shared_pool(n):
    """One thread pool per size for the process (threads are started lazily and reused between runs)."""
    with _POOLS_LOCK:
        pool = _POOLS.get(n)
        if pool is None:
            pool = _POOLS[n] = ThreadPoolExecutor(max_workers=n, thread_name_prefix="rsei-window")
        return pool


# ----------------------------------------------------------------------------- Dask

def _import_distributed():
    try:
        import distributed
    except ImportError as exc:
        raise CoreError("DASK_SCHEDULER is set, but Dask's 'distributed' package cannot be imported ({exc}). "
                        "{install}", exc=exc, install=DASK_INSTALL) from None
    return distributed


def package_root():
    """(name, folder) of the plugin package that holds this core (``rsei_toolbox`` when installed)."""
    name = __package__.rsplit(".", 1)[0] if "." in __package__ else __package__
    folder = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return name, folder


#: Files of the plugin package that the workers need (the core imports nothing else of it).
_PACKAGE_FILES = ("__init__.py", "meta.py", "metadata.txt")


def package_zip(folder=None):
    """A zip of the plugin package's core (importable as ``<package>.core``), for ``Client.upload_file``.

    The zip's name carries a hash of its content, so a changed core is a new upload.
    """
    name, root = package_root()
    entries = []
    for f in _PACKAGE_FILES:
        if os.path.exists(os.path.join(root, f)):
            entries.append((os.path.join(root, f), f"{name}/{f}"))
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, "core")):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for f in sorted(filenames):
            if f.endswith(".py"):
                full = os.path.join(dirpath, f)
                entries.append((full, f"{name}/{os.path.relpath(full, root)}"))
    digest = hashlib.sha256()
    for full, arc in entries:
        digest.update(arc.encode())
        with open(full, "rb") as fh:
            digest.update(fh.read())
    folder = folder or tempfile.mkdtemp(prefix="rsei-dask-")
    path = os.path.join(folder, f"{name}-core-{digest.hexdigest()[:12]}.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for full, arc in entries:
            zf.write(full, arc)
    return path


def _python_for_workers():
    """The Python interpreter for LocalCluster's worker processes.

    Inside QGIS ``sys.executable`` is QGIS itself or whichever ``python3`` comes first on the
    PATH; the workers need the interpreter whose standard library this Python runs on
    (``sys.base_prefix``). They get this process's ``sys.path`` (multiprocessing's spawn), so
    they import the plugin from where QGIS does.
    """
    base = sys.base_prefix
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    for candidate in (os.path.join(base, "bin", f"python{version}"), os.path.join(base, "python.exe")):
        if os.path.exists(candidate):
            return candidate
    return sys.executable


class DaskEngine(Engine):
    """Windows as tasks on a Dask ``distributed`` cluster; results come back to the client in window order."""

    def __init__(self, scheduler):
        distributed = _import_distributed()
        self.scheduler = scheduler = str(scheduler).strip()
        self.cluster = None
        self._tmp = None
        try:
            if scheduler.startswith("local:"):
                try:
                    n = int(scheduler.split(":", 1)[1])
                except ValueError:
                    n = 0
                if n < 1:
                    raise CoreError("DASK_SCHEDULER '{scheduler}': 'local:N' needs a whole number N ≥ 1 of worker "
                                    "processes.", scheduler=scheduler)
                import multiprocessing
                multiprocessing.set_executable(_python_for_workers())
                self.cluster = distributed.LocalCluster(
                    n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                    dashboard_address=None, silence_logs=40)
                self.client = distributed.Client(self.cluster, timeout=DASK_TIMEOUT, set_as_default=False)
                self._text = Text("Dask LocalCluster of {n} processes", n=n)
                self.name = str(self._text)
            elif "://" in scheduler:
                try:
                    self.client = distributed.Client(scheduler, timeout=DASK_TIMEOUT, set_as_default=False)
                except Exception as exc:  # noqa: BLE001 - OSError, TimeoutError, …
                    raise CoreError("DASK_SCHEDULER: cannot connect to the Dask scheduler at '{scheduler}' "
                                    "({error_type}: {exc}). Is it running and reachable?", scheduler=scheduler,
                                    error_type=type(exc).__name__, exc=exc) from None
                self._text = Text("Dask scheduler {scheduler}", scheduler=scheduler)
                self.name = str(self._text)
                if os.environ.get(ENV_UPLOAD, "1").strip() not in ("0", "no", "false"):
                    self._tmp = tempfile.mkdtemp(prefix="rsei-dask-")
                    self._upload(package_zip(self._tmp))
            else:
                raise CoreError("DASK_SCHEDULER '{scheduler}' is neither 'tcp://host:port' (a running scheduler) nor "
                                "'local:N' (a local cluster of N worker processes).", scheduler=scheduler)
            threads = self.client.nthreads()
            if not threads:
                self.client.wait_for_workers(1, timeout=DASK_TIMEOUT)
                threads = self.client.nthreads()
            self.workers = max(1, sum(threads.values()))
        except CoreError:
            self.close()
            raise
        except Exception as exc:  # noqa: BLE001
            self.close()
            raise CoreError("DASK_SCHEDULER '{scheduler}': the cluster could not be used ({error_type}: {exc}).",
                            scheduler=scheduler, error_type=type(exc).__name__, exc=exc) from None

    def _upload(self, path):
        """``Client.upload_file`` under a name fixed by the zip's content hash: a later run with the same core
        replaces the plugins instead of adding more to a long-lived scheduler.

        Since distributed 2023 the scheduler unpickles the tasks too (so it must import the core): the zip
        goes to the scheduler as well when this ``distributed`` has ``SchedulerUploadFile`` (as
        ``upload_file`` does there) — unless the scheduler runs in this process; distributed 2022.12
        (Debian 12) needs it on the workers only.
        """
        from distributed.diagnostics import plugin
        name = os.path.basename(path)
        to_scheduler = getattr(plugin, "SchedulerUploadFile", None)
        if to_scheduler is not None and hasattr(self.client, "register_plugin"):
            if not self._scheduler_in_this_process():
                self.client.register_plugin(to_scheduler(path), name=name)
            self.client.register_plugin(plugin.UploadFile(path), name=name)
        else:
            self.client.register_worker_plugin(plugin.UploadFile(path), name=name)

    def _scheduler_in_this_process(self):
        """True when the scheduler runs in this very process (a ``LocalCluster`` started here, e.g. from QGIS's
        Python console): it imports the core from where this process does, and loading the zip there would
        re-import the plugin's package, in this process, from the zip (which holds only the core)."""
        try:
            from distributed.comm.addressing import resolve_address
            from distributed.scheduler import Scheduler
            address = resolve_address(self.client.scheduler.address)
            local = [resolve_address(s.address) for s in list(getattr(Scheduler, "_instances", ()))
                     if getattr(s, "address", None)]
        except Exception:  # noqa: BLE001 - unknown: upload, as for any remote scheduler
            return False
        return address in local

    def ordered(self, fn, windows, monitor=NULL_MONITOR):
        # Keep every worker thread busy and one more task queued on each, at most.
        return Ordered(self, fn, windows, monitor, 2 * self.workers)

    def submit(self, fn, window, options):
        try:
            return self.client.submit(run_task, fn, window, options, True, pure=False, retries=DASK_RETRIES)
        except Exception as exc:  # noqa: BLE001 - a closed client
            raise self._gone(exc) from None

    def _gone(self, exc):
        return CoreError("The Dask cluster ({engine}) is gone: {error_type}: {exc}. No output was written.",
                         engine=self.describe(), error_type=type(exc).__name__, exc=exc)

    def result(self, future, monitor):
        # Not future.result(timeout=…): in distributed 2022.12 a timeout racing the result can
        # return None. Wait on a done-callback instead, checking cancel and the client between.
        done = threading.Event()
        future.add_done_callback(lambda _: done.set())
        lost_since = None
        while not done.wait(POLL):
            monitor.check()
            if self.client.status != "running":
                lost_since = lost_since or time.monotonic()
                if time.monotonic() - lost_since > DASK_TIMEOUT:
                    raise self._gone(RuntimeError(f"client {self.client.status}"))
            else:
                lost_since = None
        if future.status == "error":
            return future.result()   # re-raises the task's own exception (a CoreError stays one)
        if future.status != "finished":
            raise self._gone(RuntimeError(f"task {future.status}"))
        try:
            return future.result()
        except Exception as exc:  # noqa: BLE001 - lost while gathering
            raise self._gone(exc) from None

    def abandon(self, futures):
        try:
            self.client.cancel(futures)
        except Exception:  # noqa: BLE001 - the cluster may be gone already
            pass

    def close(self):
        for thing in (getattr(self, "client", None), self.cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # noqa: BLE001 - closing after a failure
                    pass
        self.client = self.cluster = None
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None


# ----------------------------------------------------------------------------- sessions

_ACTIVE = contextvars.ContextVar("rsei_engine", default=None)


def scheduler_from_env():
    return os.environ.get(ENV_DASK, "").strip() or None


@contextlib.contextmanager
def session(scheduler=None, threads=None, monitor=NULL_MONITOR):
    """Run the windows of the enclosed core calls on one executor.

    ``scheduler``: a Dask scheduler ('tcp://host:port' or 'local:N'; default
    ``RSEI_DASK_SCHEDULER``); else a local pool of ``threads`` threads (default
    :func:`thread_count`).
    """
    scheduler = (scheduler or "").strip() or scheduler_from_env()
    engine = DaskEngine(scheduler) if scheduler else LocalEngine(threads)
    monitor.info("Windows computed on {engine}.", engine=engine.describe())
    token = _ACTIVE.set(engine)
    try:
        yield engine
    finally:
        _ACTIVE.reset(token)
        engine.close()


def current():
    """The executor of the enclosing :func:`session`, else the default local pool."""
    engine = _ACTIVE.get()
    return engine if engine is not None else LocalEngine()


def ordered(fn, windows, monitor=NULL_MONITOR):
    """Partial results ``fn(window)`` of ``windows`` in window order on the current executor (see module doc)."""
    return current().ordered(fn, windows, monitor)


def _gdal_cache_limit():
    from .raster import _gdal_cache_limit as limit
    return limit()


def bind(fn, *args, **kwargs):
    """``functools.partial`` (picklable when ``fn`` is a top-level function and the arguments are picklable)."""
    return functools.partial(fn, *args, **kwargs)
