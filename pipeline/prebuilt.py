"""Tables built once per install from data packages (word lists, gazetteers, function words) and kept as
JSON in the virtualenv, so that a run reads them in a tenth of the time it takes to build them."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import orjson


def stored(name: str, build: Callable[[], Any], *, packages: Sequence[str], sources: Sequence[Path]) -> Any:
    """``build()``, kept as JSON in the virtualenv (``share/newsner``) so that later runs read it in a tenth
    of the time. The file name carries a digest of the ``packages``' versions and of the code in
    ``sources``, so a change to either builds it anew, and the files of that name made by other versions
    are removed then. Not writable: just built."""
    versions = [metadata.version(p) for p in packages]
    code = b"".join(source.read_bytes() for source in sources)
    digest = hashlib.sha256(repr(versions).encode() + code).hexdigest()[:16]
    path = Path(sys.prefix, "share", "newsner", f"{name}-{digest}.json")
    try:
        return orjson.loads(path.read_bytes())  # faster than json.loads: the place tables (4.7 MB) every run
    except (OSError, ValueError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
        stale = re.compile(re.escape(name) + r"-[0-9a-f]{16}\.json")
        for other in path.parent.iterdir():
            if other != path and stale.fullmatch(other.name):
                other.unlink(missing_ok=True)
    except OSError:
        pass
    return value
