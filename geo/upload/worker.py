"""Reading an untrusted file in a child process with budgets, so that no file can hang or
exhaust the server, and what is left of a stopped reader is removed.

:func:`read_isolated` is the one way the app and ``check-file`` read a user's file. It runs
:func:`geo.upload.layer.load_user_file` in ``python -m geo.upload.worker FOLDER``:

- the request (file bytes, name, options, gazetteer) is pickled into a fresh temporary
  folder, which is also the child's ``TMPDIR`` (unpacked zips, GeoPackages, GDAL's files);
- the child limits itself before reading: CPU time (``RLIMIT_CPU``), address space
  (``RLIMIT_AS``) and an alarm a little after the wall-clock budget; the parent kills it
  when the wall-clock budget runs out;
- the child writes the accepted :class:`~geo.upload.layer.UserLayer` (pickled: columns,
  geometry as WKB) or the refusal's code and parameters to ``result.pkl``;
- the parent removes the folder whatever happened (a parent killed outright leaves it; the
  next read removes such folders once their children must have ended), and turns every
  way of stopping into an :class:`~geo.upload.errors.UploadError` with one line in the
  user's language (``budget_time``, ``budget_memory``, ``reader_failed``).

At most :data:`MAX_READERS` children run at once; the others wait their turn. Budgets come
from :data:`DEFAULT_BUDGET`, or ``GBA_UPLOAD_BUDGET`` (``wall=60,cpu=45,memory=1024``, any
subset), or the ``budget`` argument.
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from geo.upload.errors import UploadError
from geo.upload.safety import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer
    from geo.upload.layer import UserLayer

ROOT = Path(__file__).resolve().parents[2]
BUDGET_ENV = "GBA_UPLOAD_BUDGET"
MAX_READERS = 2
"""Children reading at once (the server has 2 cores)."""
_SLOTS = threading.BoundedSemaphore(MAX_READERS)
_PREFIX, _REQUEST, _RESULT, _LOG = "gba-reader-", "request.pkl", "result.pkl", "reader.log"
_POLL_S = 0.02
_LOG_KEPT = 2000
log = logging.getLogger(__name__)
_MB = 2**20
_CHILD_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "ARROW_DEFAULT_MEMORY_POOL": "system",
    "PYTHONDONTWRITEBYTECODE": "1",
}
"""One thread per numeric library, and the system allocator for Arrow: their own pools
reserve address space that ``RLIMIT_AS`` would count."""


@dataclass(frozen=True)
class Budget:
    """What reading one file may take.

    Parameters
    ----------
    wall_s : float
        Seconds from start to result, the child's start-up included.
    cpu_s : int
        CPU seconds of the child.
    memory_mb : int
        Address space of the child, in MiB (its Python, libraries and data included).
    """

    wall_s: float = 60
    cpu_s: int = 45
    memory_mb: int = 1024


DEFAULT_BUDGET = Budget()


def budget_from_env(default: Budget = DEFAULT_BUDGET) -> Budget:
    """``default`` with the values ``GBA_UPLOAD_BUDGET`` sets (``wall=5,cpu=4,memory=800``).

    Raises
    ------
    ValueError
        A key other than ``wall``, ``cpu`` or ``memory``, or a value that is not a number.
    """
    text = os.environ.get(BUDGET_ENV, "").strip()
    if not text:
        return default
    fields = {"wall": "wall_s", "cpu": "cpu_s", "memory": "memory_mb"}
    values: dict[str, float] = {}
    for part in text.split(","):
        key, _, value = part.partition("=")
        if key.strip() not in fields:
            raise ValueError(f"{BUDGET_ENV}: unknown key {key.strip()!r}; use wall, cpu, memory")
        values[fields[key.strip()]] = float(value)
    cast = {"wall_s": float, "cpu_s": int, "memory_mb": int}
    return replace(default, **{name: cast[name](v) for name, v in values.items()})


@dataclass(frozen=True)
class Usage:
    """What one read took: wall-clock and CPU seconds, peak resident memory in MiB."""

    wall_s: float
    cpu_s: float
    max_rss_mb: float


@dataclass(frozen=True)
class _Request:
    data: bytes
    filename: str
    gz: Gazetteer
    options: dict
    limits: Limits
    budget: Budget


def read_isolated(
    data: bytes,
    filename: str,
    gz: Gazetteer,
    *,
    crs: str | None = None,
    encoding: str | None = None,
    name_column: str | None = None,
    layer: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    budget: Budget | None = None,
) -> UserLayer:
    """:func:`geo.upload.layer.load_user_file` in a child process within ``budget``.

    Parameters are those of :func:`~geo.upload.layer.load_user_file`; ``budget`` defaults to
    :func:`budget_from_env`.

    Raises
    ------
    UploadError
        Whatever the reader refuses; ``budget_time`` or ``budget_memory`` when the child ran
        out of its budget; ``reader_failed`` when it stopped otherwise.
    """
    result, _ = read_measured(
        data,
        filename,
        gz,
        crs=crs,
        encoding=encoding,
        name_column=name_column,
        layer=layer,
        limits=limits,
        budget=budget,
    )
    if isinstance(result, UploadError):
        raise result
    return result


def read_measured(
    data: bytes,
    filename: str,
    gz: Gazetteer,
    *,
    limits: Limits = DEFAULT_LIMITS,
    budget: Budget | None = None,
    **options: str | None,
) -> tuple[UserLayer | UploadError, Usage]:
    """As :func:`read_isolated`, returning the layer or the refusal, and what it took."""
    budget = budget or budget_from_env()
    request = _Request(data, filename, gz, options, limits, budget)
    with _SLOTS:
        _sweep(budget)
        folder = Path(tempfile.mkdtemp(prefix=_PREFIX))
        try:
            return _run(request, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _sweep(budget: Budget) -> None:
    """Remove readers' folders left by a parent that was killed: older than twice the
    wall-clock budget and a minute, their children are gone (each ends itself by SIGALRM
    a little after the budget)."""
    oldest = time.time() - 2 * budget.wall_s - 60
    for folder in Path(tempfile.gettempdir()).glob(_PREFIX + "*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < oldest:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _run(request: _Request, folder: Path) -> tuple[UserLayer | UploadError, Usage]:
    with open(folder / _REQUEST, "wb") as out:
        pickle.dump(request, out, protocol=pickle.HIGHEST_PROTOCOL)
    env = {
        **os.environ,
        **_CHILD_ENV,
        "TMPDIR": str(folder),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    start = time.monotonic()
    with open(folder / _LOG, "wb") as log:
        child = subprocess.Popen(
            [sys.executable, "-m", "geo.upload.worker", str(folder)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    status, rusage, timed_out, peak_kb = _wait(child, start + request.budget.wall_s)
    said = (folder / _LOG).read_bytes()[-_LOG_KEPT:].decode(errors="replace").strip()
    if said:  # GDAL and library warnings (with temporary paths): never the user's console
        log.debug("reader of %s said: %s", request.filename, said)
    usage = Usage(time.monotonic() - start, rusage.ru_utime + rusage.ru_stime, peak_kb / 1024)
    return _outcome(folder, request.budget, status, timed_out, usage), usage


def _peak_kb(pid: int) -> int:
    """Peak resident memory (``VmHWM``, KiB) of process ``pid`` since its ``exec``; 0 when
    it cannot be read. (``ru_maxrss`` would count the parent's pages shared before exec.)"""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _wait(
    child: subprocess.Popen, deadline: float
) -> tuple[int, resource.struct_rusage, bool, int]:
    """Reap ``child`` (killing it at ``deadline``): wait status, resource use, whether it
    timed out, and its peak resident memory in KiB as last seen."""
    timed_out, peak = False, 0
    try:
        while True:
            pid, status, rusage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                child.returncode = os.waitstatus_to_exitcode(status)
                return status, rusage, timed_out, peak
            peak = max(peak, _peak_kb(child.pid))
            if time.monotonic() >= deadline and not timed_out:
                child.kill()
                timed_out = True
            time.sleep(_POLL_S)
    finally:
        if child.returncode is None:  # interrupted (SIGTERM, Ctrl-C): take the child along
            child.kill()
            child.wait()


def _outcome(
    folder: Path, budget: Budget, status: int, timed_out: bool, usage: Usage
) -> UserLayer | UploadError:
    if timed_out:
        return UploadError("budget_time", {"limit_s": f"{budget.wall_s:g}"})
    result = folder / _RESULT
    if os.WIFEXITED(status) and result.exists():
        with open(result, "rb") as src:
            kind, value = pickle.load(src)
        if kind == "layer":
            return value
        if kind == "refused":
            return UploadError(*value)
        if kind == "memory":
            return UploadError("budget_memory", {"limit_mb": budget.memory_mb})
        return UploadError("reader_failed", {"reason": value})
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
        return UploadError("budget_time", {"limit_s": f"{budget.cpu_s:g}"})
    if usage.max_rss_mb > 0.7 * budget.memory_mb:  # a library aborted on a failed allocation
        return UploadError("budget_memory", {"limit_mb": budget.memory_mb})
    said = (folder / _LOG).read_bytes()[-_LOG_KEPT:].decode(errors="replace").strip()
    reason = signal.Signals(os.WTERMSIG(status)).name if os.WIFSIGNALED(status) else "exit"
    return UploadError("reader_failed", {"reason": said.splitlines()[-1] if said else reason})


def _limit(budget: Budget) -> None:
    """Limit this process to ``budget``: CPU seconds (then SIGXCPU, SIGKILL 2 s later),
    address space, and SIGALRM a little after the wall-clock budget (should the parent be
    gone)."""
    resource.setrlimit(resource.RLIMIT_CPU, (budget.cpu_s, budget.cpu_s + 2))
    memory = budget.memory_mb * _MB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    signal.alarm(int(budget.wall_s) + 5)


def _child(folder: Path) -> None:
    """Read the request in ``folder`` and write ``result.pkl`` there."""
    with open(folder / _REQUEST, "rb") as src:
        request: _Request = pickle.load(src)
    _limit(request.budget)
    try:
        import warnings

        from geo.upload.layer import load_user_file

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            layer = load_user_file(
                request.data,
                request.filename,
                request.gz,
                limits=request.limits,
                **request.options,
            )
        result = ("layer", layer)
    except UploadError as exc:
        result = ("refused", (exc.code, exc.params))
    except MemoryError:
        result = ("memory", None)
    except RecursionError:
        result = ("failed", "RecursionError")
    del request
    partial = folder / (_RESULT + ".part")
    with open(partial, "wb") as out:
        pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
    partial.rename(folder / _RESULT)


if __name__ == "__main__":
    _child(Path(sys.argv[1]))
