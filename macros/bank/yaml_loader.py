"""Safe YAML loading that refuses what would silently change the bank, and remembers line numbers.

PyYAML silently keeps the last of two duplicate keys, accepts lists and mappings as keys,
builds unordered sets from `!!set`, and recurses once per nesting level; each of those would
hide an editing mistake or end in a traceback. So the document is first composed into nodes
(libyaml, no recursion), walked iteratively to reject them with the line and the question id,
and only then constructed. Mappings come back as `LineDict`, which remembers the line it
started on so validation errors can point at it. The C loader is used when available: the bank
is parsed once per build and at 1,000 questions parsing is a large share of the build time.
"""

from __future__ import annotations

import yaml

from .errors import BankError, Problem

try:
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

MAX_DEPTH = 20  # the bank needs 6 levels (questions > question > diagrams > diagram > mermaid)
# YAML types the bank has no use for: unordered (set), or that PyYAML turns into non-text values.
REFUSED_TAGS = {
    "tag:yaml.org,2002:set": "a set (!!set) has no order; use a list",
    "tag:yaml.org,2002:omap": "an ordered map (!!omap) is not used here; use a mapping",
    "tag:yaml.org,2002:pairs": "pairs (!!pairs) are not used here; use a mapping",
    "tag:yaml.org,2002:binary": "binary data (!!binary) is not text",
}


class LineDict(dict):
    """A dict that knows the 1-based line its YAML mapping started on."""

    line: int | None = None


class _BankLoader(_BaseLoader):
    """SafeLoader that builds LineDicts (keys are checked before construction)."""


def _construct_mapping(loader: _BankLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        result[loader.construct_object(key_node)] = loader.construct_object(value_node)
    return result


_BankLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _question_id(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                return value.value
    return None


def _check_nodes(root: yaml.Node) -> list[Problem]:
    """Duplicate or non-text keys, refused tags and too-deep nesting, each with its line and question id."""
    problems: list[Problem] = []
    # (node, depth, question id, field path); a stack, not recursion: 5,000 levels are fine.
    stack: list[tuple[yaml.Node, int, str | None, str]] = [(root, 1, None, "")]
    while stack:
        node, depth, qid, field = stack.pop()
        line = node.start_mark.line + 1

        def problem(message: str, at: int = line, qid: str | None = qid, field: str = field) -> Problem:
            return Problem(message, question_id=qid, field=field or None, line=at)

        if node.tag in REFUSED_TAGS:
            problems.append(problem(REFUSED_TAGS[node.tag]))
            continue
        if depth > MAX_DEPTH:
            message = f"nested more than {MAX_DEPTH} levels deep; the bank never needs that"
            problems.append(problem(message, field=field.split("[")[0].split(".")[0]))
            continue
        if isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                item_qid = (_question_id(item) or f"#{index + 1}") if field == "questions" and depth == 2 else qid
                item_field = "" if field == "questions" and depth == 2 else f"{field}[{index}]"
                stack.append((item, depth + 1, item_qid, item_field))
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                key_line = key.start_mark.line + 1
                if not isinstance(key, yaml.ScalarNode) or key.tag != "tag:yaml.org,2002:str":
                    kind = "a list" if isinstance(key, yaml.SequenceNode) else "a mapping"
                    if isinstance(key, yaml.ScalarNode):
                        kind = f"the {key.tag.rsplit(':', 1)[-1]} {key.value!r}"
                    problems.append(problem(f"a key must be a plain name, not {kind}", at=key_line))
                    continue
                if key.value in seen:
                    problems.append(
                        problem(
                            f"duplicate key '{key.value}' (first defined on line {seen[key.value]}); "
                            "YAML would silently keep only the last one",
                            at=key_line,
                        )
                    )
                    continue
                seen[key.value] = key_line
                child = key.value if not field else f"{field}.{key.value}"
                stack.append((value, depth + 1, qid, child))
    return sorted(problems, key=lambda p: p.line or 0)


def load_yaml(text: str, path: str) -> object:
    """Parse YAML text, turning every parser complaint into a BankError."""
    loader = _BankLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        problems = _check_nodes(node)
        if problems:
            raise BankError(path, problems)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        detail = " ".join(str(x) for x in (err.context, err.problem) if x)
        raise BankError(path, [Problem(f"YAML syntax error: {detail}", line=line)]) from None
    except yaml.YAMLError as err:
        raise BankError(path, [Problem(f"YAML error: {err}")]) from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise BankError(path, [Problem(f"nested more than {MAX_DEPTH} levels deep")]) from None
    finally:
        loader.dispose()
