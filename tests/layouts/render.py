"""Write every layout of every plan: python -m layouts.render OUT_DIR [PLAN.txt ...] (run from tests/).

Without plans: the samples, ../shared/devset plans and tests/fresh_plans/*.txt. Layouts that need a
program not installed (Chromium, LibreOffice) are left out with a note on stderr.
"""
from __future__ import annotations

import sys
from pathlib import Path

from layouts import docx_writer, html_writer, text_writer
from layouts.source import read_plan

ROOT = Path(__file__).resolve().parents[2]
EXT = {"docx": ".docx", "html": ".html", "pdf": ".pdf", "txt": ".txt"}


def _lo_pieces(parts: list, out: Path) -> None:
    """The pieces layout printed by LibreOffice."""
    docx = out.with_suffix(".docx")
    docx_writer.pieces(parts, docx)
    try:
        html_writer.libreoffice_pdf(docx, out)
    finally:
        docx.unlink(missing_ok=True)


LAYOUTS = {**docx_writer.LAYOUTS, **html_writer.LAYOUTS, **text_writer.LAYOUTS, "pdf_lo_pieces": _lo_pieces}


def extension(layout: str) -> str:
    return EXT[layout.split("_")[0]]


def default_plans() -> list[Path]:
    plans = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "fresh_plans").glob("*.txt"))
    return plans + sorted((ROOT.parent / "shared" / "devset" / "plans").glob("*.txt"))


def render(plan: Path, layout: str, out_dir: Path) -> Path:
    out = out_dir / layout / (plan.stem + extension(layout))
    out.parent.mkdir(parents=True, exist_ok=True)
    LAYOUTS[layout](read_plan(plan), out)
    return out


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0])
    plans = [Path(p) for p in argv[1:]] or default_plans()
    layouts = [x for x in LAYOUTS if not x.startswith("-")]
    for layout in layouts:
        for plan in plans:
            try:
                render(plan, layout, out_dir)
            except (RuntimeError, OSError) as e:
                print(f"{layout}: {e}", file=sys.stderr)
                break
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
