"""The app evaluates no user text and unpickles nothing.

Statically: no module of the app (model/ canvas/ editor/ export/ main.py) calls
eval/exec/compile/__import__, imports pickle/marshal/shelve/dill/yaml, declares a
PickleType column, runs a shell (shell=True, os.system, os.popen), or draws text
through reportlab's Paragraph (which reads markup). Dynamically: importing,
opening and exporting real files with pickle booby-trapped.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from tests.hostile.corpus import CORPUS, ROOT, run_cli

APP = [ROOT / "main.py", *(p for d in ("model", "canvas", "editor", "export") for p in sorted((ROOT / d).rglob("*.py")))]
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "execfile", "input"}
FORBIDDEN_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle", "jsonpickle", "yaml",
                     "code", "codeop", "pty"}
FORBIDDEN_NAMES = {"PickleType", "Paragraph", "XPreformatted"}
FORBIDDEN_ATTRIBUTES = {("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execvp"), ("os", "spawnl"),
                        ("yaml", "load"), ("yaml", "unsafe_load"), ("builtins", "eval"), ("builtins", "exec")}


def problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    where = lambda node: f"{shown}:{node.lineno}"  # noqa: E731
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
                found.append(f"{where(node)} calls {node.func.id}()")
            for keyword in node.keywords:
                if keyword.arg == "shell" and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False):
                    found.append(f"{where(node)} runs a shell")
        elif isinstance(node, ast.Import):
            found += [f"{where(node)} imports {a.name}" for a in node.names if a.name.split(".")[0] in FORBIDDEN_MODULES]
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] in FORBIDDEN_MODULES:
                found.append(f"{where(node)} imports from {node.module}")
            found += [f"{where(node)} imports {a.name}" for a in node.names if a.name in FORBIDDEN_NAMES]
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append(f"{where(node)} uses {node.id}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in FORBIDDEN_ATTRIBUTES or node.attr in FORBIDDEN_NAMES:
                found.append(f"{where(node)} uses {node.value.id}.{node.attr}")
    return found


def test_the_app_sources_are_found():
    assert len(APP) > 30
    assert ROOT / "model" / "interchange" / "json_format.py" in APP


def test_no_module_evaluates_text_or_unpickles():
    found = [problem for path in APP for problem in problems(path)]
    assert found == []


@pytest.mark.parametrize("snippet", [
    "eval(text)", "exec(code)", "import pickle", "from marshal import loads", "import yaml\nyaml.load(s)",
    "subprocess.run(cmd, shell=True)", "os.system(cmd)", "from reportlab.platypus import Paragraph",
    "from sqlalchemy import PickleType",
])
def test_the_checker_sees_each_forbidden_construct(tmp_path, snippet):
    module = tmp_path / "probe.py"
    module.write_text(snippet + "\n", encoding="utf-8")
    assert problems(module)


def test_real_jobs_never_unpickle(tmp_path, monkeypatch):
    import pickle

    def trap(*_args, **_kwargs):
        raise AssertionError("something was unpickled")

    for name in ("load", "loads", "Unpickler"):
        monkeypatch.setattr(pickle, name, trap)
    # marshal is not trapped: Python's own import system unmarshals bytecode; the static test covers it.
    for source in (CORPUS / "json" / "good.json", CORPUS / "mermaid" / "good.mmd", CORPUS / "csv" / "good.csv"):
        out = tmp_path / f"{source.suffix[1:]}.journey"
        assert run_cli(["import", str(source), str(out)]).status == 0
        for job in (["info", str(out)], ["check", str(out)], ["export", str(out), str(tmp_path / f"{out.stem}.json")],
                    ["export", str(out), str(tmp_path / f"{out.stem}.mmd")],
                    ["export", str(out), str(tmp_path / f"{out.stem}.csv")]):
            assert run_cli(job).status == 0, job
    good = tmp_path / "good.journey"
    shutil.copyfile(CORPUS / "journey" / "good.journey", good)
    from model.persistence import MapFile

    with MapFile.open(good) as mapfile:
        mapfile.create_snapshot("before")
        assert mapfile.snapshot_content(mapfile.snapshots()[0].id) == mapfile.document.content()
