"""Issue 12's acceptance run: the development set's plans, typeset to PDF, scanned as a copier would
(200 dpi grey pages, slight skew, a red seal on page 1), then audited and scored against the gold;
plus how much of each plan's text was recovered in order (whitespace ignored). Slow: every page is
recognised (about 16 CPU seconds a page).

    .venv/bin/python tests/ocr_acceptance.py [--out /tmp/scans] [--only NAME]

Needs LibreOffice (to typeset the plans) and ../shared (the development set and its scorer).
"""
from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "samples"))


def make_scans(out: Path, only: str | None) -> None:
    import build_renditions as br
    from scan_maker import save_pdf, scan

    plans = sorted((SHARED / "devset" / "plans").glob("*.txt"))
    for seed, txt in enumerate(plans, 1):
        if only and txt.stem != only:
            continue
        target = out / f"{txt.stem}.pdf"
        if target.exists():
            continue
        typeset = out / "typeset"
        typeset.mkdir(parents=True, exist_ok=True)
        docx = typeset / f"{txt.stem}.docx"
        br.build_docx(txt, docx)
        br.to_pdf(docx)
        save_pdf(scan(docx.with_suffix(".pdf"), dpi=200, seed=seed), target)
        print(f"扫描件：{target}", file=sys.stderr, flush=True)


def audit_keeping_text(scan: Path, texts: Path) -> None:
    """The scorer's command: print the JSON audit, keep the text read for the recovery figure."""
    from duibiao.audit import audit_document
    from duibiao.extractors import read_document
    from duibiao.reports.output import render_many

    doc = read_document(scan)
    texts.mkdir(parents=True, exist_ok=True)
    (texts / f"{scan.stem}.txt").write_text(doc.plain_text(), encoding="utf-8")
    print(render_many([audit_document(doc)], "json", True))


def recovered(texts: Path) -> None:
    total = found = 0
    for got in sorted(texts.glob("*.txt")):
        expected = re.sub(r"\s+", "", (SHARED / "devset" / "plans" / got.name).read_text(encoding="utf-8"))
        read = re.sub(r"\s+", "", got.read_text(encoding="utf-8"))
        blocks = difflib.SequenceMatcher(None, expected, read, autojunk=False).get_matching_blocks()
        matched = sum(b.size for b in blocks)
        total, found = total + len(expected), found + matched
        print(f"{got.stem}: 按顺序找回 {matched / len(expected):.2%} 的字符")
    if total:
        print(f"合计：{found / total:.2%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("/tmp/duibiao-ocr-acceptance"))
    ap.add_argument("--only", default=None)
    ap.add_argument("--audit", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    texts = args.out / "text"
    if args.audit:
        audit_keeping_text(args.audit, texts)
        return
    make_scans(args.out, args.only)
    command = f"{sys.executable} {Path(__file__).resolve()} --out {args.out} --audit {{doc}}"
    score = [sys.executable, str(SHARED / "eval" / "score.py"), "--cmd", command, "--docs", str(args.out),
             "--gold", str(SHARED / "devset" / "gold"), "--ext", ".pdf", "--timeout", "7200", "--verbose"]
    if args.only:
        score += ["--only", args.only]
    subprocess.run(score, check=False, env=dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}"))
    recovered(texts)


if __name__ == "__main__":
    main()
