"""The runner's protocol: one JSON request on stdin, one JSON result on stdout.

Request: {"firstLine": n, "cpuLimitSeconds": s, "wallLimitSeconds": w, "memoryLimitBytes": b,
          "outputLimitChars": c,
          "runs": [{"id", "text" (the program text to run, patches applied), "mode":
          "float64" | "exact", "digits" (exact), "constants": [{"line", "text", "values"}],
          "stopAfterLines": null | n (stop the run once n lines of stdout have ended)}]}
Result:  {"numpy": version, "runs": [{"id", "stdout": [{"text", "line"}], "constants": [the
          literal's numbers as written, per constant], "stoppedAfterLines": whether the run was
          stopped at stopAfterLines, "error": null | {"kind", "line", "type", "message"}}]}

`kind` is one of raised (the program raised an exception: it stopped there), syntax,
constant (a constant's text is not a literal on its line), import (a module outside the
allowlist, or a file operation), memory, time, output (printed without bound). Lines are
lines of the source. A run that stops keeps what it printed before.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from typing import Any

from . import exact_print
from .capture import PROGRAM_FILENAME, LineRecorder, OutputComplete, OutputLimit
from .exact_numbers import exact_literal, exact_true_divide, set_precision
from .program_text import ConstantNotFound, prepare
from .sandbox import NotAllowed, RunTimeout, limit_memory, program_builtins, program_modules, start_timers, stop_timers


def _program_line(tb: Any) -> int | None:
    """The innermost line of the program in a traceback."""
    line = None
    for frame, lineno in traceback.walk_tb(tb):
        if frame.f_code.co_filename == PROGRAM_FILENAME:
            line = lineno
    return line


def _error(kind: str, line: int | None, exc: BaseException | None, message: str | None = None) -> dict[str, Any]:
    return {
        "kind": kind,
        "line": line,
        "type": type(exc).__name__ if exc is not None else None,
        "message": message if message is not None else str(exc),
    }


class _NumpyState:
    """numpy's and random's process-wide settings, kept from one run to the next: each run
    starts from the same print options, floating-point error handling and generator states."""

    def __enter__(self) -> None:
        import random

        import numpy

        self.saved = (numpy.get_printoptions(), numpy.geterr(), numpy.random.get_state(), random.getstate())

    def __exit__(self, *exc: Any) -> None:
        import random

        import numpy

        printoptions, errors, generator, python_generator = self.saved
        numpy.set_printoptions(**printoptions)
        numpy.seterr(**errors)
        numpy.random.set_state(generator)
        random.setstate(python_generator)


def run_one(request: dict[str, Any], run: dict[str, Any]) -> dict[str, Any]:
    with _NumpyState():
        return _run_one(request, run)


def _run_one(request: dict[str, Any], run: dict[str, Any]) -> dict[str, Any]:
    exact = run["mode"] == "exact"
    if exact:
        set_precision(int(run["digits"]))
    result: dict[str, Any] = {
        "id": run["id"],
        "stdout": [],
        "constants": [],
        "stoppedAfterLines": False,
        "error": None,
    }
    try:
        code, found = prepare(run["text"], request["firstLine"], run["constants"], exact)
    except SyntaxError as e:
        line = e.lineno  # a source line: prepare numbers the program's lines as the source does
        result["error"] = _error("syntax", line, e, e.msg)
        return result
    except ConstantNotFound as e:
        result["error"] = _error("constant", None, e)
        return result
    result["constants"] = found
    modules = program_modules(exact)
    namespace: dict[str, Any] = {
        "__name__": "__main__",
        "__builtins__": program_builtins(modules),
        "__exact__": exact_literal,
        "__exact_div__": exact_true_divide,
    }
    recorder = LineRecorder(request["outputLimitChars"], run.get("stopAfterLines"))
    saved = sys.stdout, sys.stderr
    sys.stdout = recorder
    sys.stderr = LineRecorder(request["outputLimitChars"])
    start_timers(request["cpuLimitSeconds"], request["wallLimitSeconds"])
    try:
        exec(code, namespace)
    except OutputComplete:
        result["stoppedAfterLines"] = True
    except RunTimeout as e:
        limit = f"{request['cpuLimitSeconds']} s of CPU time" if e.kind == "cpu" else f"{request['wallLimitSeconds']} s"
        result["error"] = _error("time", _program_line(e.__traceback__), e, f"still running after {limit}")
    except MemoryError as e:
        result["error"] = _error("memory", _program_line(e.__traceback__), e, "more memory than the limit")
    except NotAllowed as e:
        result["error"] = _error("import", _program_line(e.__traceback__), e)
    except OutputLimit as e:
        result["error"] = _error("output", _program_line(e.__traceback__), e)
    except SystemExit as e:
        if e.code not in (None, 0):
            result["error"] = _error("raised", _program_line(e.__traceback__), e, f"exit status {e.code}")
    except BaseException as e:  # the program's own exception: where it stops
        result["error"] = _error("raised", _program_line(e.__traceback__), e)
    finally:
        stop_timers()
        sys.stdout, sys.stderr = saved
    result["stdout"] = recorder.finish()
    return result


def _workers(runs: int) -> int:
    """Processes to share the runs: one per core this process may use, at most one per run."""
    if not hasattr(os, "fork"):
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(runs, cores))


def run_all(request: dict[str, Any]) -> list[dict[str, Any]]:
    """Every run's result, in the order of the request. The runs are independent (each in a
    fresh namespace, from the same numpy, random and decimal settings), so they are shared
    among forked copies of this process, which have numpy imported already: worker k runs
    runs k, k + w, k + 2w, … and writes its results as JSON to a pipe. Each worker has the
    memory limit and every run its time limits, as in one process."""
    runs = request["runs"]
    workers = _workers(len(runs))
    if workers == 1:
        return [run_one(request, run) for run in runs]
    sys.stdout.flush()
    children: list[tuple[int, int]] = []
    for k in range(workers):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: its share of the runs, then exit without the parent's cleanup
            os.close(read)
            status = 0
            try:
                mine = [run_one(request, run) for run in runs[k::workers]]
                with os.fdopen(write, "w", encoding="utf-8") as pipe:
                    pipe.write(json.dumps(mine))
            except BaseException:
                status = 1
            os._exit(status)
        os.close(write)
        children.append((pid, read))
    shares: list[list[dict[str, Any]]] = []
    for pid, read in children:
        with os.fdopen(read, "r", encoding="utf-8") as pipe:
            text = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status != 0:
            raise RuntimeError(f"a worker running the programs stopped (wait status {status})")
        shares.append(json.loads(text))
    results: list[dict[str, Any]] = [{}] * len(runs)
    for k, share in enumerate(shares):
        for j, result in enumerate(share):
            results[k + j * workers] = result
    return results


def main() -> int:
    # What every run needs is imported before the request is read: bpcheck starts this
    # process early, and the imports overlap its own work on the case.
    import random  # noqa: F401

    import numpy
    import numpy.random  # noqa: F401

    exact_print.install()
    request = json.load(sys.stdin)
    limit_memory(int(request["memoryLimitBytes"]))

    runs = run_all(request)
    # dumps, not dump: dump encodes in Python chunk by chunk, dumps with the C encoder (the same text).
    sys.stdout.write(json.dumps({"numpy": numpy.__version__, "runs": runs}))
    sys.stdout.write("\n")
    return 0
