"""A batch's reports never overwrite each other or an existing file, and an output that cannot be
written is refused before any plan is audited."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from duibiao.cli import EXIT_USAGE, main
from duibiao.reports.common import plan_labels

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _colliding_plans(root: Path) -> list[Path]:
    """22 plans whose natural names collide: the same name in several folders, a name that looks like
    a numbered copy, another extension, Chinese with spaces, names differing only in case, index.*."""
    names = ["a/p.txt", "b/p.txt", "c/p.txt", "p.txt-2.txt", "p-2.txt", "p.txt", "d/p.docx.txt",
             "方案 一.txt", "e/方案 一.txt", "f/方案 一.txt", "P.txt", "g/P.txt", "index.txt", "h/index.txt",
             "index-2.txt", "x/y/p.txt", "q.txt", "Q.TXT", "r/q.txt", "p-3.txt", "s/p-2.txt", "t/index.txt"]
    paths = []
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / "qufu.txt", path)
        paths.append(path)
    return paths


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_22_plans_with_colliding_names_give_22_reports(tmp_path, fmt):
    plans = _colliding_plans(tmp_path / "in")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["audit", *map(str, plans), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    reports = [p for p in out.iterdir() if p.name != "index.html"]
    assert len(reports) == 22
    assert len({p.name.casefold() for p in reports}) == 22


def test_labels_are_stable_and_never_take_another_plans_name():
    sources = ["a/p.txt", "b/p.txt", "p.txt-2.txt", "c/p.txt"]
    labels = plan_labels(sources)
    assert labels == plan_labels(sources)
    assert len({x.casefold() for x in labels}) == 4
    assert "p.txt-2" in labels  # the plan that is really named so keeps its name


def test_an_existing_output_is_kept_unless_forced(tmp_path):
    target = tmp_path / "审核结果.json"
    target.write_text("reviewer's copy", encoding="utf-8")
    refused = CliRunner().invoke(main, ["audit", str(SAMPLES / "qitai.txt"), "-o", str(target)])
    assert refused.exit_code == EXIT_USAGE and "--force" in refused.output
    assert target.read_text(encoding="utf-8") == "reviewer's copy"
    forced = CliRunner().invoke(main, ["audit", str(SAMPLES / "qitai.txt"), "-o", str(target), "--force"])
    assert forced.exit_code == 0 and target.read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize("command, make_target", [
    (["audit"], lambda tmp: (tmp / "a-file").write_text("x") and tmp / "a-file" / "out.json"),  # file as folder
    (["compare"], lambda tmp: (tmp / "folder.xlsx").mkdir() or tmp / "folder.xlsx"),  # folder as file
    (["audit"], lambda tmp: tmp / ("长" * 100 + ".json")),  # 300 bytes of name
], ids=["file-as-folder", "folder-as-file", "name-too-long"])
def test_an_unwritable_output_is_refused_before_the_audit(tmp_path, command, make_target, monkeypatch):
    import duibiao.audit.batch as batch_module

    audited = []
    monkeypatch.setattr(batch_module, "audit_file", lambda *a, **k: audited.append(a))
    target = make_target(tmp_path)
    result = CliRunner().invoke(main, [*command, str(SAMPLES / "qitai.txt"), "-o", str(target)])
    assert result.exit_code == EXIT_USAGE, result.output
    assert result.output.startswith("错误：") and "Traceback" not in result.output
    assert audited == []
