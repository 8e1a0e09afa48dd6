"""OCR speed: pages per second recognising a scanned plan, one worker and several (--jobs).

    .venv/bin/python benchmarks/ocr_speed.py [--pages 4] [--jobs 1 2] [--pdf samples/qufu.pdf]

The first pages of a sample PDF are scanned as a copier would (tests/scan_maker.py: 200 dpi grey paper,
speckle, skew, a red seal on page 1) and read with read_document; model loading is timed apart (it is
paid once per worker). Prints pages/s, CPU seconds per page (what the machine's load cannot change)
and what a 15-page scanned plan costs, and writes benchmarks/ocr_speed.json with the load average.
Not a test: timings belong here, not in tests/.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from scan_maker import save_pdf, scan  # noqa: E402

from duibiao.extractors import read_document  # noqa: E402
from duibiao.extractors.ocr import OcrOptions  # noqa: E402
from duibiao.extractors.ocr_engine import engine  # noqa: E402

PLAN_PAGES = 15


def scanned_pdf(source: Path, pages: int) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(source))
    first = pdfium.PdfDocument.new()
    first.import_pages(doc, list(range(min(pages, len(doc)))))
    buf = io.BytesIO()
    first.save(buf)
    out = io.BytesIO()
    save_pdf(scan(buf.getvalue(), dpi=200), out)
    return out.getvalue()


def _cpu_seconds() -> float:
    """CPU time of this process (page workers, which are stopped rather than waited for, are not counted)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--pdf", type=Path, default=ROOT / "samples" / "qufu.pdf")
    args = ap.parse_args()

    start = time.perf_counter()
    engine()
    load = time.perf_counter() - start
    results = {"cpus": os.cpu_count(), "load_average_before": os.getloadavg(), "model_load_s": round(load, 2), "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scan.pdf"
        path.write_bytes(scanned_pdf(args.pdf, args.pages))
        for jobs in args.jobs:
            start, cpu = time.perf_counter(), _cpu_seconds()
            doc = read_document(path, ocr=OcrOptions(jobs=jobs))
            seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
            pages = len(doc.ocr_pages)
            run = {
                "jobs": jobs,
                "pages": pages,
                "seconds": round(seconds, 1),
                "cpu_seconds_per_page": round(cpu / pages, 1) if jobs == 1 else None,  # in this process only
                "pages_per_s": round(pages / seconds, 3),
                "plan_of_15_pages_min": round(PLAN_PAGES * seconds / pages / 60, 1),
            }
            results["runs"].append(run)
            print(f"--jobs {jobs}: {pages} 页 {seconds:.1f} 秒，{run['pages_per_s']:.3f} 页/秒，"
                  f"每页 CPU {run['cpu_seconds_per_page'] or '（在工作进程中）'} 秒；15 页扫描件约 {run['plan_of_15_pages_min']} 分钟", flush=True)
    results["load_average_after"] = os.getloadavg()
    print(f"模型加载 {load:.1f} 秒（每个进程一次）；负载 {results['load_average_before']} → {results['load_average_after']}")
    (ROOT / "benchmarks" / "ocr_speed.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
