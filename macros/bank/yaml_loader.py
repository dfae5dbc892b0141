"""Safe YAML loading that refuses duplicate keys and remembers line numbers.

PyYAML silently keeps the last of two duplicate keys, which would hide an
editing mistake; we reject them. Mappings come back as `LineDict`, which
remembers the line it started on so validation errors can point at it.
The C loader is used when available: the bank is parsed once per build and
at 1,000 questions parsing is a large share of the build time.
"""

from __future__ import annotations

import yaml

from .errors import BankError, Problem

try:
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


class LineDict(dict):
    """A dict that knows the 1-based line its YAML mapping started on."""

    line: int | None = None


class _DuplicateKey(Exception):
    def __init__(self, key: object, line: int, first_line: int):
        self.key, self.line, self.first_line = key, line, first_line


class _BankLoader(_BaseLoader):
    """SafeLoader that builds LineDicts and raises on a repeated key."""


def _construct_mapping(loader: _BankLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    seen: dict[object, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise _DuplicateKey(key, line, seen[key])
        seen[key] = line
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_BankLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, path: str) -> object:
    """Parse YAML text, turning every parser complaint into a BankError."""
    try:
        return yaml.load(text, Loader=_BankLoader)
    except _DuplicateKey as dup:
        problem = Problem(
            f"duplicate key '{dup.key}' (first defined on line {dup.first_line}); "
            "YAML would silently keep only the last one",
            line=dup.line,
        )
        raise BankError(path, [problem]) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        detail = " ".join(str(x) for x in (err.context, err.problem) if x)
        raise BankError(path, [Problem(f"YAML syntax error: {detail}", line=line)]) from None
    except yaml.YAMLError as err:
        raise BankError(path, [Problem(f"YAML error: {err}")]) from None
