"""How participa values come back from a pickle, whatever the pickle protocol."""

from __future__ import annotations

from typing import Any


def restore(cls: type, state: tuple[Any, ...]) -> Any:
    value = cls.__new__(cls)
    value.__setstate__(state)
    return value
