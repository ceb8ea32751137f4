"""Package names that load on first use (PEP 562), so a process can import one light module
of a package (the command line's first reading stage runs before pandas is imported)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module


def lazy_names(package: str, where: Mapping[str, str]
               ) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """`__getattr__` and `__dir__` for `package`: each name in `where` is imported from the
    module it maps to when first asked for, then kept in the package."""
    space = import_module(package).__dict__

    def __getattr__(name: str) -> object:  # noqa: N807 - the module hook's own name
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(where[name]), name)
        space[name] = value
        return value

    def __dir__() -> list[str]:  # noqa: N807
        return sorted(set(space) | set(where))

    return __getattr__, __dir__
