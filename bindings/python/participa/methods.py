"""Every built-in counting method as a function returning the winners' names, the way
pref_voting's voting methods are called.

    from participa import methods, tally
    profile = tally.Profile.from_lists([["Ana", "Ben"], ["Ben"], ["Ana"]])
    methods.irv(profile)                                  # ['Ana']
    methods.borda(profile, variant="truncated", max_rank=2)

Each function takes the profile, ``tally.count``'s options (``seats``, ``tie_break``,
``permutation``, ``seed``) and the method's own parameters as keywords; it is
``tally.count(name, profile, ...).winner_names()`` (with the GIL released while counting). Under the default ``tie_break="report"``
a tie lists every tied winner. Function names are the registry's with '-' written '_'
(``ranked_pairs``, ``majority_judgment``, ``sainte_lague``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from . import tally

__all__: list[str] = []


def _winners_of(name: str) -> Callable[..., list[str]]:
    info = tally._BUILTINS.find(name)

    def winners(profile: tally.Profile, *, seats: int = 1, tie_break: Any = "report",
                permutation: Sequence[int] = (), seed: int = 0, **parameters: Any) -> list[str]:
        options = tally.Options(seats=seats, tie_break=tie_break, permutation=list(permutation),
                                seed=seed, parameters=parameters)
        return tally._BUILTINS.count(name, profile, options).winner_names()

    winners.__name__ = winners.__qualname__ = name.replace("-", "_")
    winners.__module__ = __name__
    own = ", ".join(f"{p.name} (default {p.default_value}): {p.description}"
                    for p in info.parameters)
    winners.__doc__ = (f"The winners' names by {name}: {info.summary}."
                       + (f" Parameters: {own}." if own else ""))
    return winners


for _name in tally.methods():
    globals()[_name.replace("-", "_")] = _winners_of(_name)
    __all__.append(_name.replace("-", "_"))


def __dir__() -> list[str]:
    return list(__all__)
