"""Speed and memory of duibiao on this machine, all measured in one run on the same files.

    .venv/bin/python benchmarks/run.py [--copies 20] [--docx-plans 1000] [--jobs 2]

1. PDF throughput: pages/s of `duibiao audit` over a corpus of PDFs, next to pdfplumber's bare
   extract_text over the same files (the ratio is the figure; both single-process); and the PDF
   reader alone with pypdfium2's fast path against pdfplumber on every page.
2. Start-up: wall time of one `duibiao audit samples/qufu.txt --format json` as a new process, next
   to `python -c "import docx"`.
3. Batch: wall time and peak memory (largest process) of auditing N .docx plans with --jobs.
Prints a table and writes benchmarks/results.json. Not a test: timings belong here, not in tests/.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from duibiao.extractors.pdf_reader import read_pdf  # noqa: E402
from duibiao.reports.common import display_width  # noqa: E402
SAMPLES = ROOT / "samples"
OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent
DUIBIAO = [str(BIN / "duibiao")] if (BIN / "duibiao").exists() else [sys.executable, "-m", "duibiao"]


def build_corpus(ext: str, copies: int, folder: Path) -> list[Path]:
    """`copies` copies of each sample in one format (hard links where possible)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    files = []
    for sample in sorted(SAMPLES.glob(f"*{ext}")):
        for n in range(copies):
            target = folder / f"{sample.stem}-{n:04d}{ext}"
            try:
                os.link(sample, target)
            except OSError:
                shutil.copyfile(sample, target)
            files.append(target)
    return files


def count_pages(pdfs: list[Path]) -> int:
    import pypdfium2

    total = 0
    for pdf in pdfs:
        doc = pypdfium2.PdfDocument(str(pdf))
        total += len(doc)
        doc.close()
    return total


def pdfplumber_seconds(pdfs: list[Path]) -> float:
    import pdfplumber

    start = time.perf_counter()
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                page.extract_text()
    return time.perf_counter() - start


# Runs a command and prints the peak RSS (KB) of the largest process of its tree: a fresh wrapper per
# measurement, so earlier commands do not count.
_PEAK_WRAPPER = (
    "import resource, subprocess, sys; "
    "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode; "
    "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def reader_pages_per_s(pdfs: list[Path], pages: int, engine: str) -> float:
    """pages/s of the PDF reader alone, with pdfplumber on every page or pypdfium2's fast path."""
    start = time.perf_counter()
    for pdf in pdfs:
        read_pdf(str(pdf), pdf.read_bytes(), None, engine=engine)
    return round(pages / (time.perf_counter() - start), 1)


def run_timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds of a command, and the peak RSS (MB) of the largest process it ran."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK_WRAPPER, *cmd], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    rc, peak_kb = (int(x) for x in proc.stdout.split())
    if rc not in (0, 1):
        raise SystemExit(f"命令失败（{rc}）：{' '.join(cmd)}")
    return seconds, peak_kb // 1024


def median_wall(cmd: list[str], repeat: int) -> float:
    """Median wall seconds of a command started as a new process."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=20, help="copies of each sample PDF (default 20 → 100 PDFs)")
    ap.add_argument("--docx-plans", type=int, default=1000, help="number of .docx plans in the batch")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=5, help="runs of the start-up measurement (median)")
    args = ap.parse_args()

    pdfs = build_corpus(".pdf", args.copies, OUT / "pdf")
    pages = count_pages(pdfs)
    plumber = pdfplumber_seconds(pdfs)
    reader = {engine: reader_pages_per_s(pdfs, pages, engine) for engine in ("pdfplumber", "pdfium")}
    audit_pdf, _ = run_timed(DUIBIAO + ["audit", str(OUT / "pdf"), "-o", str(OUT / "pdf.json"), "--jobs", "1"])

    startup = median_wall(DUIBIAO + ["audit", str(SAMPLES / "qufu.txt"), "--format", "json"], args.repeat)
    import_docx = median_wall([sys.executable, "-c", "import docx"], args.repeat)

    per_sample = -(-args.docx_plans // len(list(SAMPLES.glob("*.docx"))))
    built = build_corpus(".docx", per_sample, OUT / "docx")
    docx = built[: args.docx_plans]
    for extra in built[args.docx_plans:]:  # the folder is audited whole: keep exactly N plans in it
        extra.unlink()
    batch_cmd = DUIBIAO + ["audit", str(OUT / "docx"), "-o", str(OUT / "docx.xlsx"), "--jobs", str(args.jobs)]
    batch_seconds, batch_peak_mb = run_timed(batch_cmd)

    results = {
        "machine": f"{platform.node() or 'unknown'}: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "pdf": {
            "files": len(pdfs),
            "pages": pages,
            "pdfplumber_pages_per_s": round(pages / plumber, 1),
            "duibiao_audit_pages_per_s": round(pages / audit_pdf, 1),
            "ratio": round(plumber / audit_pdf, 2),
            "reader_pages_per_s": reader,
        },
        "startup": {"duibiao_audit_txt_s": round(startup, 3), "python_import_docx_s": round(import_docx, 3)},
        "docx_batch": {
            "plans": len(docx),
            "jobs": args.jobs,
            "seconds": round(batch_seconds, 1),
            "peak_rss_mb_largest_process": batch_peak_mb,
        },
    }
    rows = [
        ("PDF 审核吞吐（页/秒）", results["pdf"]["duibiao_audit_pages_per_s"], f"pdfplumber extract_text {results['pdf']['pdfplumber_pages_per_s']}，倍数 {results['pdf']['ratio']}×"),
        ("PDF 读取器（页/秒）", reader["pdfium"], f"全程用 pdfplumber 时 {reader['pdfplumber']}"),
        ("单份 .txt 审核（新进程，秒）", results["startup"]["duibiao_audit_txt_s"], f"python -c 'import docx' {results['startup']['python_import_docx_s']}"),
        (f"{len(docx)} 份 .docx 批量审核（--jobs {args.jobs}，秒）", results["docx_batch"]["seconds"], f"最大进程峰值内存 {batch_peak_mb} MB"),
    ]
    print(f"机器：{results['machine']}")
    for name, value, note in rows:
        print(f"{name}{' ' * (36 - display_width(name))}{value:>10}   {note}")
    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
