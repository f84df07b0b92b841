"""Readers and writers: PrefLib, BLT, ranked CSV, pabulib, RCTab, .xlsx; JSON and bytes.

Every ``read_*`` takes a path, every ``parse_*`` takes text and an optional name used in
error messages. ``*_to_json``/``*_from_json`` and ``*_to_bytes``/``*_from_bytes`` speak
protobuf's JSON and binary forms of the participa.v1 schema, which any protobuf runtime reads.
"""

from __future__ import annotations

from . import _core
from ._reexport import reexport

__all__ = reexport(_core.io, globals(), __name__)
