"""What changed between two versions of a published program, value by value: a cited
value (an amount, a rate, a period … with its citation) is one value, so that a figure
and the line it cites change together; lists are compared item by item. The paths are
the program's (`frames[0].cap`); `views.drafts` says them in the office's words."""

from __future__ import annotations

from typing import Any

from hojokin.catalog.schema import Program

Change = dict[str, Any]  # {"path", "before", "after"}; None where there was no value


def dumped(program: Program) -> dict[str, Any]:
    """The program as stored and compared: JSON values, without the draft's review."""
    data = program.model_dump(mode="json", exclude_none=True, exclude={"review"})
    return data


def _values(node: Any, path: str) -> dict[str, Any]:
    if isinstance(node, dict) and "cite" not in node:
        found: dict[str, Any] = {}
        for key, item in node.items():
            found.update(_values(item, f"{path}.{key}" if path else key))
        return found
    if isinstance(node, list) and not (node and all(isinstance(i, str) for i in node)):
        found = {}
        for i, item in enumerate(node):
            found.update(_values(item, f"{path}[{i}]"))
        return found
    return {path: node}


def changes(before: Program | None, after: Program) -> list[Change]:
    """Each value that differs, in the order of the program's fields; none for a
    program published for the first time."""
    if before is None:
        return []
    old, new = _values(dumped(before), ""), _values(dumped(after), "")
    paths = list(new) + [p for p in old if p not in new]
    return [
        {"path": p, "before": old.get(p), "after": new.get(p)}
        for p in paths
        if old.get(p) != new.get(p)
    ]
