"""Which ES modules an entry module pulls in, read from its import statements (for <link rel=modulepreload>).

Without the preload links the browser discovers one level of imports per round trip; a hand-kept list in
the template went stale as soon as a module gained an import. Plain file reading, no MkDocs.
"""

from __future__ import annotations

import re
from pathlib import Path

_IMPORT = re.compile(r'^\s*(?:import|export)\s[^;]*?\sfrom\s+"(\.{1,2}/[^"]+)";', re.M | re.S)


def module_imports(assets: Path, entry: str) -> list[str]:
    """Every module `entry` (a path under `assets`) imports, directly or not, as sorted paths under `assets`."""
    root = assets.resolve()
    seen: set[str] = set()
    todo = [root / entry]
    while todo:
        module = todo.pop()
        for spec in _IMPORT.findall(module.read_text(encoding="utf-8")):
            target = (module.parent / spec).resolve()
            name = target.relative_to(root).as_posix()
            if name not in seen:
                seen.add(name)
                todo.append(target)
    return sorted(seen)
