"""Bounded execution of a program: the modules it may import, the builtins it sees, and the
time and memory it may use.

This keeps a published program from touching files, the network or other processes by the
usual means, and stops one that runs away. It is not a security sandbox: Python gives a
determined program ways around every one of these walls. bpcheck replay runs only programs
the user would run themselves.
"""

from __future__ import annotations

import builtins
import math
import random
import resource
import signal
import types
from typing import Any

import numpy

from .exact_numbers import exact_math, exact_overrides

ALLOWED_MODULES = ("numpy", "math", "random")
# Plotting modules the program may import; they are stubs that draw nothing.
PLOTTING_MODULES = ("matplotlib", "matplotlib.pyplot", "matplotlib.pylab", "pylab")
# Always importable: they change how Python reads the program, not what it can reach.
LANGUAGE_MODULES = ("__future__",)

# numpy functions that read or write files.
NUMPY_FILE_FUNCTIONS = (
    "load", "save", "savez", "savez_compressed", "loadtxt", "savetxt", "genfromtxt",
    "fromfile", "memmap", "fromregex", "DataSource",
)
# Builtins a published computation has no use for and that reach outside the process.
REMOVED_BUILTINS = ("open", "input", "breakpoint", "help", "exit", "quit")


class NotAllowed(BaseException):
    """An import outside the allowlist or a file operation (not catchable by `except Exception`)."""


class RunTimeout(BaseException):
    """The run's time limit passed: `kind` is "cpu" or "wall"."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class _Drawing:
    """Anything plotting returns: every attribute, call, index and context is another drawing that draws nothing."""

    def __call__(self, *args: Any, **kwargs: Any) -> "_Drawing":
        return self

    def __getattr__(self, name: str) -> "_Drawing":
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __getitem__(self, key: Any) -> "_Drawing":
        return self

    def __enter__(self) -> "_Drawing":
        return self

    def __exit__(self, *exc: Any) -> bool:
        return False


def _plot_module(name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    drawing = _Drawing()
    module.__getattr__ = lambda attr: drawing  # type: ignore[attr-defined]
    module.subplots = lambda *a, **k: (drawing, drawing)  # type: ignore[attr-defined]
    return module


def _refuse(what: str) -> Any:
    def f(*args: Any, **kwargs: Any) -> Any:
        raise NotAllowed(f"{what} is not allowed in a replay (no file access)")

    return f


class _NumpyProxy(types.ModuleType):
    """numpy as the program sees it: numpy itself, without its file functions, with exact overrides."""

    def __init__(self, overrides: dict[str, Any]) -> None:
        super().__init__("numpy")
        self.__dict__.update(overrides)
        for name in NUMPY_FILE_FUNCTIONS:
            self.__dict__[name] = _refuse(f"numpy.{name}")

    def __getattr__(self, name: str) -> Any:
        return getattr(numpy, name)


def program_modules(exact: bool) -> dict[str, types.ModuleType]:
    """The modules a program may import, by name (the exact mode's numpy and math are proxies)."""
    np_proxy = _NumpyProxy(exact_overrides(numpy) if exact else {})
    plt = _plot_module("matplotlib.pyplot")
    pylab = _plot_module("matplotlib.pylab")
    matplotlib = _plot_module("matplotlib")
    matplotlib.pyplot, matplotlib.pylab = plt, pylab  # type: ignore[attr-defined]
    modules: dict[str, types.ModuleType] = {
        "numpy": np_proxy,
        "math": exact_math() if exact else math,
        "random": random,
        "matplotlib": matplotlib,
        "matplotlib.pyplot": plt,
        "matplotlib.pylab": pylab,
        "pylab": _plot_module("pylab"),
    }
    return modules


def program_builtins(modules: dict[str, types.ModuleType]) -> dict[str, Any]:
    """The builtins of the program's namespace: Python's, with an allowlisting __import__ and no file access."""
    table = dict(vars(builtins))
    for name in REMOVED_BUILTINS:
        table[name] = _refuse(f"{name}()")

    def import_(name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0) -> Any:
        if level != 0:
            raise NotAllowed(f"relative import of {name!r} (allowed: {', '.join(ALLOWED_MODULES)})")
        if name in LANGUAGE_MODULES:
            return builtins.__import__(name, globals, locals, fromlist, level)
        top = name.split(".")[0]
        if top == "numpy" and name != "numpy":
            # `import numpy.random` binds numpy (the proxy); `from numpy.random import x` needs the submodule.
            return builtins.__import__(name, globals, locals, fromlist, level) if fromlist else modules["numpy"]
        if name in modules:
            return modules[name] if fromlist or "." not in name else modules[top]
        raise NotAllowed(
            f"import of {name!r} is not allowed (allowed: {', '.join(ALLOWED_MODULES)};"
            f" {', '.join(PLOTTING_MODULES)} are stubs that draw nothing)"
        )

    table["__import__"] = import_
    return table


def limit_memory(max_bytes: int) -> None:
    """Caps the process's address space: an allocation beyond it raises MemoryError."""
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))


def _cpu_timeout(signum: int, frame: Any) -> None:
    raise RunTimeout("cpu")


def _wall_timeout(signum: int, frame: Any) -> None:
    raise RunTimeout("wall")


def start_timers(cpu_seconds: float, wall_seconds: float) -> None:
    """The run's limits: CPU time (the process's, so a loaded machine does not shorten it)
    and, for a program that waits instead of computing, wall-clock time."""
    signal.signal(signal.SIGPROF, _cpu_timeout)
    signal.signal(signal.SIGALRM, _wall_timeout)
    signal.setitimer(signal.ITIMER_PROF, cpu_seconds)
    signal.setitimer(signal.ITIMER_REAL, wall_seconds)


def stop_timers() -> None:
    signal.setitimer(signal.ITIMER_PROF, 0)
    signal.setitimer(signal.ITIMER_REAL, 0)
