"""The package's modules import one another without a cycle, counting imports inside functions.

Every `import` and `from ... import` in the source counts, wherever it stands: a lazy import inside a
function is still a door between two rooms. `from a import b` leads to the module `a.b` when there is one,
else to `a`. Only the imports under `if TYPE_CHECKING:` are left out: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import conflictdb

PACKAGE_DIR = Path(conflictdb.__file__).parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking_block(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_names(tree: ast.AST, package: list[str]) -> set[tuple[str, str]]:
    """Every (module, name) the tree imports: `import a.b` is ("a.b", ""), `from a import b` ("a", "b")."""
    names: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if _is_type_checking_block(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            names.update((alias.name, "") for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            names.update((base, alias.name) for alias in node.names)
        stack.extend(ast.iter_child_nodes(node))
    return names


def import_graph() -> dict[str, set[str]]:
    """Module → the package's modules it imports."""
    paths = {_module_name(path): path for path in PACKAGE_DIR.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        wanted = _imported_names(ast.parse(path.read_text(encoding="utf-8")), package)
        targets = {f"{module}.{attr}" if f"{module}.{attr}" in paths else module for module, attr in wanted}
        graph[name] = (targets & paths.keys()) - {name}
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(start: str) -> None:
        # iterative Tarjan: (node, iterator over its targets)
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        cycles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_the_cycle_finder_sees_a_cycle_through_a_lazy_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]


def test_the_graph_counts_imports_inside_functions_and_leaves_out_type_checking():
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from conflictdb import pipeline\n"
        "def f():\n    from conflictdb.extract import dates\n"
    )
    names = _imported_names(tree, ["conflictdb"])
    assert ("conflictdb.extract", "dates") in names
    assert ("conflictdb", "pipeline") not in names


def test_no_module_imports_itself_back_through_others():
    cycles = import_cycles(import_graph())
    assert not cycles, "import cycles: " + "; ".join(" → ".join(group) for group in cycles)


def test_records_import_nothing_of_the_package_but_records():
    """records is the leaf every stage shares: it names no stage, not even for type checking."""
    outside = set()
    for path in sorted((PACKAGE_DIR / "records").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            named = [m for m in modules if m.split(".")[0] == "conflictdb"]
            outside |= {f"{path.name}: {m}" for m in named if not m.startswith("conflictdb.records")}
    assert not outside, "records imports: " + ", ".join(sorted(outside))
