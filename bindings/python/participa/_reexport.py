"""Re-export one _core submodule as a public module, with __module__ fixed."""

from __future__ import annotations

from types import ModuleType
from typing import Any


def reexport(source: ModuleType, namespace: dict[str, Any], module: str) -> list[str]:
    """Copies the public names of `source` into `namespace` and returns them as __all__;
    the module's dir() then shows those names only."""
    names = [name for name in dir(source) if not name.startswith("_")]
    for name in names:
        value = getattr(source, name)
        try:
            value.__module__ = module
        except (AttributeError, TypeError):
            pass
        namespace[name] = value
    namespace["__dir__"] = lambda: list(names)
    return names
