"""Speed and memory of duibiao, every figure the README quotes, measured in one run on varied plans
(benchmarks/corpus.py: samples, ../shared/devset, tests/fresh_plans, and their renditions by
tests/layouts) with the checkout's own code. Each measure is repeated; min and median are reported.

    /work/venv/bin/python benchmarks/run.py [--repeat 3] [--docx-plans 200] [--jobs 2] [--only pdf batch …]

Measures (--only picks some; results.json keeps the others from earlier runs):
  pdf      pages/s of `duibiao audit FOLDER --jobs 1` over every PDF, next to pdfplumber's bare
           extract_text on the same files in one process (the ratio is the figure).
  startup  one .txt audited as a new process, next to `python -c "import docx"`.
  plans    each sample (.txt/.docx/.pdf), devset and fresh plan as a new process: wall time, CPU time,
           peak RSS against issue 10's budget (benchmarks/plan_speed.py).
  batch    N .docx plans (all renditions, round and round) with `--jobs J -o x.xlsx`, next to
           python-docx merely opening each file and walking its paragraphs and table cells in one
           process; the ratio batch / walk is the figure (issue 16: ≤ 1).
  ocr      benchmarks/ocr_speed.py (scanned pages/s), called as it is.
Prints a short table and writes benchmarks/results.json with the machine, its load and the date.
Not a test: timings belong here, not in tests/.

Every process is timed as a user's install runs it: the checkout is compiled to bytecode first
(compileall, as `pip install` does) and PYTHONDONTWRITEBYTECODE, which the development environment
sets, is cleared for the processes measured, so none of them spends its start-up compiling sources
(the catalog's parsed TOML is kept the same way, by the first audit: catalog/data_files.py).
"""
from __future__ import annotations

import argparse
import compileall
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import corpus
import plan_speed

ROOT = corpus.ROOT
OUT = ROOT / "benchmarks" / "out"
RESULTS = ROOT / "benchmarks" / "results.json"
MEASURES = ("pdf", "startup", "plans", "batch", "ocr")

# Runs a command and prints its exit code, the CPU seconds of its whole tree and the peak RSS (KiB) of
# its largest process: a fresh wrapper per measurement, so earlier commands do not count.
_PEAK_WRAPPER = (
    "import resource, subprocess, sys; "
    "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(rc, u.ru_utime + u.ru_stime, u.ru_maxrss)"
)

def checkout_command() -> list[str]:
    """The `duibiao` command of this interpreter, refusing to time any code but the checkout's."""
    try:
        import duibiao
    except ImportError:
        raise SystemExit(f"{sys.executable} 中没有安装 duibiao：请用检出目录的虚拟环境运行（.venv/bin/python）。") from None

    bin_dir = Path(sys.executable).parent
    command = [str(bin_dir / "duibiao")] if (bin_dir / "duibiao").exists() else [sys.executable, "-m", "duibiao"]
    here = Path(duibiao.__file__).resolve().parent
    interpreter = Path(command[0]).read_text(encoding="utf-8", errors="replace").splitlines()[0][2:].strip() \
        if len(command) == 1 else sys.executable
    used = subprocess.run([interpreter, "-c", "import duibiao; print(duibiao.__file__)"],
                          check=False, capture_output=True, text=True).stdout.strip()
    for name, where in (("本脚本", here), (" ".join(command), Path(used).resolve().parent if used else None)):
        if where != ROOT:
            raise SystemExit(f"{name} 使用的 duibiao 位于 {where}，不是本检出目录 {ROOT}：请在检出目录的虚拟环境中"
                             f"以可编辑方式安装（pip install -e .）后再运行，以免计时的是另一版代码。")
    return command


def as_installed() -> None:
    """Bytecode as a user's `pip install` leaves it: the checkout's modules compiled once, and every
    process started from here reading (and writing) .pyc files."""
    compileall.compile_dir(ROOT, quiet=1, rx=re.compile(r"/(\.venv|\.git|tests|benchmarks/out)/"))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def timed(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds of a command, CPU seconds of all its processes, and the peak RSS (MB) of the
    largest. On a loaded machine wall time follows the load; CPU time much less."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK_WRAPPER, *command], check=False, capture_output=True,
                          text=True)
    seconds = time.perf_counter() - start
    rc, cpu, peak_kb = proc.stdout.split()
    if int(rc) not in (0, 1):  # 1: the audit found errors
        raise SystemExit(f"命令失败（退出代码 {rc}）：{' '.join(command)}")
    return seconds, float(cpu), int(peak_kb) // 1024


def script_seconds(loop: str, folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds a loop of benchmarks/yardsticks.py reports (its own start-up not counted)."""
    out = subprocess.run([sys.executable, str(Path(__file__).with_name("yardsticks.py")), loop, str(folder)],
                         capture_output=True, text=True, check=True)
    wall, cpu = out.stdout.split()
    return float(wall), float(cpu)


def spread(values: list[float], digits: int = 3) -> dict:
    return {"min": round(min(values), digits), "median": round(statistics.median(values), digits)}


def count_pages(pdfs: list[Path]) -> int:
    import pypdfium2

    total = 0
    for pdf in pdfs:
        document = pypdfium2.PdfDocument(str(pdf))
        total += len(document)
        document.close()
    return total


def measure_pdf(command: list[str], repeat: int) -> dict:
    sources = corpus.plans(".pdf")
    pdfs = corpus.fill_folder(sources, len(sources), OUT / "pdf")
    pages = count_pages(pdfs)
    plumber, reader, audit = [], [], []
    for _ in range(repeat):  # alternated, so all see the same load
        plumber.append(script_seconds("pdfplumber_text", OUT / "pdf"))
        reader.append(script_seconds("pdf_reader", OUT / "pdf"))
        audit.append(timed(command + ["audit", str(OUT / "pdf"), "-o", str(OUT / "pdf.json"), "--force",
                                      "--jobs", "1"])[:2])
    walls = {"audit": [w for w, _ in audit], "plumber": [w for w, _ in plumber], "reader": [w for w, _ in reader]}
    return {
        "files": len(pdfs),
        "pages": pages,
        "duibiao_audit_pages_per_s": {"best": round(pages / min(walls["audit"]), 1),
                                      "median": round(pages / statistics.median(walls["audit"]), 1)},
        "pdfplumber_extract_text_pages_per_s": {"best": round(pages / min(walls["plumber"]), 1),
                                                "median": round(pages / statistics.median(walls["plumber"]), 1)},
        "duibiao_reader_pages_per_s": {"best": round(pages / min(walls["reader"]), 1),
                                       "median": round(pages / statistics.median(walls["reader"]), 1)},
        "ratio_median": round(statistics.median(walls["plumber"]) / statistics.median(walls["audit"]), 2),
        "cpu_s": {"duibiao_audit": spread([c for _, c in audit], 1), "duibiao_reader": spread([c for _, c in reader], 1),
                  "pdfplumber_extract_text": spread([c for _, c in plumber], 1)},
    }


def measure_startup(command: list[str], repeat: int) -> dict:
    txt = corpus.originals(".txt")[0]
    audit, docx = [], []
    for _ in range(repeat):
        audit.append(timed(command + ["audit", str(txt), "--format", "json"])[0])
        docx.append(timed([sys.executable, "-c", "import docx"])[0])
    return {"plan": f"{txt.parent.name}/{txt.name}", "duibiao_audit_txt_s": spread(audit),
            "python_import_docx_s": spread(docx)}


def measure_plans(command: list[str], repeat: int) -> dict:
    plans = [p for ext in (".txt", ".docx", ".pdf") for p in corpus.originals(ext)]
    rows = [plan_speed.measure(command, p, f"{p.parent.name}/{p.name}", repeat) for p in plans]
    plan_speed.print_rows(rows)
    return {"budget_s": plan_speed.BUDGET_S, "budget_mb": plan_speed.BUDGET_MB,
            "over_budget": sum(r["over_budget"] for r in rows),
            "slowest_min_s": max(r["min_s"] for r in rows), "largest_peak_mb": max(r["peak_mb"] for r in rows),
            "rows": rows}


def measure_batch(command: list[str], repeat: int, count: int, jobs: int) -> dict:
    sources = corpus.plans(".docx")
    corpus.fill_folder(sources, count, OUT / "docx")
    walk, batch = [], []
    for _ in range(repeat):  # alternated, so both see the same load
        walk.append(script_seconds("docx_walk", OUT / "docx"))
        batch.append(timed(command + ["audit", str(OUT / "docx"), "-o", str(OUT / "docx.xlsx"), "--force",
                                      "--jobs", str(jobs)]))
    walls = {"batch": [w for w, _, _ in batch], "walk": [w for w, _ in walk]}
    return {
        "plans": count, "distinct_files": min(count, len(sources)), "jobs": jobs,
        "duibiao_batch_s": spread(walls["batch"], 1), "python_docx_walk_s": spread(walls["walk"], 1),
        "ratio_median": round(statistics.median(walls["batch"]) / statistics.median(walls["walk"]), 2),
        "ratio_best": round(min(walls["batch"]) / min(walls["walk"]), 2),
        "cpu_s": {"duibiao_batch_all_processes": spread([c for _, c, _ in batch], 1),
                  "python_docx_walk": spread([c for _, c in walk], 1)},
        "peak_rss_mb_largest_process": max(peak for _, _, peak in batch),
    }


def measure_ocr() -> dict:
    script = ROOT / "benchmarks" / "ocr_speed.py"
    subprocess.run([sys.executable, str(script), "--pages", "2", "--jobs", "1"], check=True)
    return json.loads((ROOT / "benchmarks" / "ocr_speed.json").read_text(encoding="utf-8"))


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or platform.machine())
    memory_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal:")), 0)
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory_kb / 1024 ** 2, 1),
            "python": platform.python_version(), "system": platform.platform()}


def code_version() -> dict:
    """The commit timed, and the files that differed from it (uncommitted edits are timed too)."""
    def git(*args: str) -> str:
        out = subprocess.run(["git", *args], cwd=ROOT, check=False, capture_output=True, text=True)
        return out.stdout if out.returncode == 0 else ""

    changed = [line[3:] for line in git("status", "--porcelain", "--untracked-files=no").splitlines()]
    return {"commit": git("rev-parse", "--short", "HEAD").strip() or "unknown",
            "uncommitted": sorted(f for f in changed if f.endswith(".py") and not f.startswith(("tests/", "benchmarks/")))}


def table(results: dict) -> list[tuple[str, str, str]]:
    rows = []
    if "pdf" in results:
        p = results["pdf"]
        rows.append((f"PDF 审核（{p['files']} 份，{p['pages']} 页，单进程，页/秒）",
                     f"{p['duibiao_audit_pages_per_s']['median']}",
                     (f"pdfplumber extract_text {p['pdfplumber_extract_text_pages_per_s']['median']}，"
                      f"倍数 {p['ratio_median']}×")))
        if "duibiao_reader_pages_per_s" in p:  # measured since this row was added
            rows.append(("PDF 读取器本身（页/秒）", f"{p['duibiao_reader_pages_per_s']['median']}", "不含审核"))
    if "startup" in results:
        s = results["startup"]
        rows.append(("单份 .txt 审核（新进程，秒）", f"{s['duibiao_audit_txt_s']['median']}",
                     f"python -c 'import docx' {s['python_import_docx_s']['median']}"))
    if "plans" in results:
        p = results["plans"]
        rows.append((f"每份方案新进程（{len(p['rows'])} 份，最慢/最大）", f"{p['slowest_min_s']} 秒",
                     f"{p['largest_peak_mb']} MB；超出 {p['budget_s']} 秒/{p['budget_mb']} MB 的 {p['over_budget']} 份"))
    if "batch" in results:
        b = results["batch"]
        rows.append((f"{b['plans']} 份 .docx 批量（--jobs {b['jobs']}，写 .xlsx，秒）", f"{b['duibiao_batch_s']['median']}",
                     (f"python-docx 打开遍历 {b['python_docx_walk_s']['median']}，倍数 {b['ratio_median']}×；"
                      f"峰值 {b['peak_rss_mb_largest_process']} MB")))
    if "ocr" in results:
        for run in results["ocr"].get("runs", []):
            rows.append((f"扫描件 OCR（--jobs {run['jobs']}，页/秒）", f"{run['pages_per_s']}",
                         f"每页 CPU {run['cpu_seconds_per_page']} 秒"))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measure (min and median reported)")
    ap.add_argument("--docx-plans", type=int, default=200, help="number of .docx plans in the batch")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", nargs="+", choices=MEASURES, default=list(MEASURES))
    args = ap.parse_args()
    command = checkout_command()
    as_installed()

    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    if "measured" not in results:  # an earlier layout of this file: start afresh
        results = {}
    results["machine"] = machine()
    load_before = os.getloadavg()
    for name in args.only:
        print(f"测量 {name} …", file=sys.stderr, flush=True)
        if name == "pdf":
            results["pdf"] = measure_pdf(command, args.repeat)
        elif name == "startup":
            results["startup"] = measure_startup(command, args.repeat)
        elif name == "plans":
            results["plans"] = measure_plans(command, args.repeat)
        elif name == "batch":
            results["batch"] = measure_batch(command, args.repeat, args.docx_plans, args.jobs)
        elif name == "ocr":
            results["ocr"] = measure_ocr()
        results.setdefault("measured", {})[name] = {
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "code": code_version(),
            "repeat": args.repeat,
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        }
        load_before = os.getloadavg()
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    from duibiao.reports.common import display_width

    m = results["machine"]
    print(f"机器：{m['cpu']}，{m['cores']} 核，{m['memory_gib']} GiB，Python {m['python']}")
    for name, value, note in table(results):
        print(f"{name}{' ' * max(1, 46 - display_width(name))}{value:>8}   {note}")


if __name__ == "__main__":
    main()
