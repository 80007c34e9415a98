"""Developers' guide rules checked on the source: functions fit on a screen, modules import without a cycle."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
MAX_FUNCTION_LINES = 80


def _modules() -> dict[str, ast.Module]:
    out = {}
    for p in sorted(SRC.rglob("*.py")):
        name = ".".join(p.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")
        out[name] = ast.parse(p.read_text(encoding="utf-8"), filename=str(p))
    return out


def _imports(tree: ast.Module, known: set[str]) -> set[str]:
    """The ``framing`` modules a module imports at module level (``from framing import x`` counts ``framing.x``)."""
    deps = set()
    for n in tree.body:
        if isinstance(n, ast.ImportFrom) and n.module and n.module.startswith("framing"):
            deps.add(n.module)
            deps |= {f"{n.module}.{a.name}" for a in n.names}
        elif isinstance(n, ast.Import):
            deps |= {a.name for a in n.names}
    return deps & known


def test_no_function_is_longer_than_a_screen():
    long = []
    for name, tree in _modules().items():
        for n in ast.walk(tree):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                start = min([d.lineno for d in n.decorator_list] + [n.lineno])
                if n.end_lineno - start + 1 > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{n.name} ({n.end_lineno - start + 1} lines)")
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in ``graph`` (module -> modules it imports), or ``None``."""
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> list[str] | None:
        state[m] = 1
        for d in sorted(graph.get(m, ())):
            if state.get(d) == 1:
                return path + [d]
            if d not in state and (cycle := visit(d, path + [d])):
                return cycle
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (cycle := visit(m, [m])):
            return cycle
    return None


def test_no_import_cycle_at_module_level():
    mods = _modules()
    cycle = _find_cycle({m: _imports(t, set(mods)) - {m} for m, t in mods.items()})
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_no_import_cycle_even_through_imports_inside_functions():
    """A deferred import that closes a loop is still a cycle: the layers import only downwards."""
    mods = _modules()
    cycle = _find_cycle({m: _all_imports(t, set(mods)) - {m} for m, t in mods.items()})
    assert cycle is None, "import cycle (counting imports inside functions): " + " -> ".join(cycle)


def test_the_cycle_finder_finds_a_deferred_cycle():
    a, b = ast.parse("import framing.b\n"), ast.parse("def f():\n    from framing import a\n")
    known = {"framing.a", "framing.b"}
    assert _find_cycle({"framing.a": _imports(a, known), "framing.b": _imports(b, known)}) is None
    assert _find_cycle({"framing.a": _all_imports(a, known), "framing.b": _all_imports(b, known)}) == ["framing.a", "framing.b", "framing.a"]


def test_the_cycle_check_finds_a_cycle():
    # the check itself can fail: two modules importing each other at module level
    a, b = ast.parse("from framing import b\n"), ast.parse("import framing.a\n")
    assert _imports(a, {"framing.a", "framing.b"}) == {"framing.b"} and _imports(b, {"framing.a", "framing.b"}) == {"framing.a"}


def _file_names_in_config() -> set[str]:
    """The file names ``framing.config`` defines (``*_NAME`` constants and the names of its path constants)."""
    from framing import config

    names = set()
    for k, v in vars(config).items():
        if k.isupper() and isinstance(v, str) and k.endswith("_NAME"):
            names.add(v)
        elif k.isupper() and isinstance(v, Path):
            names.add(v.name)
        elif k.isupper() and isinstance(v, tuple) and all(isinstance(p, Path) for p in v):
            names |= {p.name for p in v}
    return {n for n in names if "." in n}  # file names; bare folder words ("articles") are also table and engine names


def test_file_names_are_spelled_only_in_config():
    names = _file_names_in_config()
    assert {"sentences.parquet", "model.json", "adjudication.csv", "embeddings.sqlite", "corpus_check.csv"} <= names
    spelled = []
    for mod, tree in _modules().items():
        if mod == "framing.config":
            continue
        spelled += [f"{mod}:{n.lineno} {n.value!r}" for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value in names]
    assert not spelled, f"file names spelled outside framing.config: {spelled}"


def _all_imports(tree: ast.Module, known: set[str]) -> set[str]:
    """The ``framing`` modules a module imports anywhere, inside functions too."""
    deps = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.ImportFrom) and n.module and n.module.startswith("framing"):
            deps |= {n.module} | {f"{n.module}.{a.name}" for a in n.names}
        elif isinstance(n, ast.Import):
            deps |= {a.name for a in n.names}
    return deps & known


def test_score_and_distributed_do_not_import_each_other():
    mods = _modules()
    known = set(mods)
    assert "framing.score" in _all_imports(mods["framing.distributed"], known)  # a worker runs score_paths
    assert "framing.distributed" not in _all_imports(mods["framing.score"], known)  # the CLI body (score_cli) picks the engine
    assert {"framing.score", "framing.distributed"} <= _all_imports(mods["framing.score_cli"], known)
