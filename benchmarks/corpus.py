"""The plans the benchmarks measure: every sample (.txt/.docx/.pdf), every ../shared/devset plan, every
tests/fresh_plans file, and the renditions of all their texts by tests/layouts' generator (nine Word
layouts; PDF printed by Chromium when it is installed). Renditions are written once under
benchmarks/out/renditions and reused.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset" / "plans"
FRESH = ROOT / "tests" / "fresh_plans"
RENDITIONS = ROOT / "benchmarks" / "out" / "renditions"


def originals(ext: str) -> list[Path]:
    """The plans kept in the repository (and the devset) in one format."""
    return sorted((ROOT / "samples").glob(f"*{ext}")) + sorted(DEVSET.glob(f"*{ext}")) + sorted(FRESH.glob(f"*{ext}"))


def renditions(ext: str) -> list[Path]:
    """Every layout of every plan text in one format (.docx, .pdf), written if missing. A layout whose
    program is not installed is left out with a note."""
    sys.path.insert(0, str(ROOT / "tests"))
    from layouts.render import LAYOUTS, default_plans, extension, render

    out: list[Path] = []
    for layout in sorted(LAYOUTS):
        if extension(layout) != ext or layout == "pdf_lo_pieces":  # LibreOffice: minutes per plan, not needed
            continue
        for plan in default_plans():
            target = RENDITIONS / layout / (plan.stem + ext)
            if not target.exists():
                try:
                    render(plan, layout, RENDITIONS)
                except (RuntimeError, OSError) as e:
                    print(f"未生成 {layout}：{e}", file=sys.stderr)
                    break
            out.append(target)
    return out


def plans(ext: str) -> list[Path]:
    return originals(ext) + renditions(ext)


def fill_folder(files: list[Path], count: int, folder: Path) -> list[Path]:
    """`count` files in a fresh folder, going round `files` as often as needed (real copies, each its
    own name, so the file cache sees distinct files)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    out = []
    for n in range(count):
        source = files[n % len(files)]
        target = folder / f"{n:04d}-{source.parent.name}-{source.name}"
        shutil.copyfile(source, target)
        out.append(target)
    return out
