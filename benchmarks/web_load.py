"""Load on the web workbench: N plans uploaded in C concurrent requests on loopback, while a reader
keeps opening pages. Not a test (timings belong here).

    python benchmarks/web_load.py [--plans 200] [--concurrency 20] [--jobs 2]

The plans are the samples' texts, each given a region of its own (every name of the sample's region
replaced), so the ledger must end with exactly N regions, each stored once, none lost. Reports how
many were stored, the wall time, and the median and 90th-percentile latency of the pages (ledger,
plan detail, API) while the batch runs.
"""
from __future__ import annotations

import argparse
import itertools
import json
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
PAGES = ["/", "/api/plans", "/plans/1", "/upload"]  # ledger, its JSON, a plan's detail, the upload page
_SYLLABLES = "安宁平远清河东西南北新兴永和长乐丰泰云山石桥"


def region_names(n: int) -> list[str]:
    names = ("".join(pair) + "县" for pair in itertools.permutations(_SYLLABLES, 2))
    return list(itertools.islice(names, n))


def build_plans(n: int) -> list[tuple[str, bytes]]:
    from duibiao.extractors import read_document

    texts = [(p.read_text(encoding="utf-8"), read_document(p).metadata.region) for p in SAMPLES]
    plans = []
    for i, region in enumerate(region_names(n)):
        text, original = texts[i % len(texts)]
        plans.append((f"{region}实施方案.txt", text.replace(original, region).encode("utf-8")))
    return plans


def post_file(url: str, name: str, data: bytes) -> dict:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            f"Content-Type: text/plain\r\n\r\n").encode("utf-8") + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url + "/api/plans", data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read())["files"][0]


def get(url: str) -> tuple[float, bytes]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:
        body = response.read()
    return time.perf_counter() - start, body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2, help="audit processes of the server")
    args = parser.parse_args()
    plans = build_plans(args.plans)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data:
        server = subprocess.Popen([sys.executable, "-m", "duibiao", "serve", "--data", data, "--port", str(port),
                                   "--no-browser", "--jobs", str(args.jobs)], stderr=subprocess.DEVNULL)
        try:
            for _ in range(200):
                try:
                    get(url + "/api/plans")
                    break
                except OSError:
                    time.sleep(0.2)
            result = run(url, plans, args.concurrency)
        finally:
            server.terminate()
            server.wait(30)
    result.update(plans=args.plans, concurrency=args.concurrency, jobs=args.jobs,
                  machine=f"{platform.machine()}, {platform.system()} {platform.release()}, "
                          f"{__import__('os').cpu_count()} CPUs, Python {platform.python_version()}")
    print(json.dumps(result, ensure_ascii=False, indent=2))


def run(url: str, plans: list[tuple[str, bytes]], concurrency: int) -> dict:
    latencies: list[tuple[str, float]] = []
    running = threading.Event()
    running.set()

    def reader() -> None:
        pages = itertools.cycle(PAGES)
        while running.is_set():
            page = next(pages)
            try:
                seconds, _ = get(url + page)
                latencies.append((page, seconds))
            except OSError:  # /plans/1 before the first audit is stored: 404
                pass
            time.sleep(0.2)

    sampler = threading.Thread(target=reader)
    start = time.perf_counter()
    sampler.start()
    with ThreadPoolExecutor(concurrency) as pool:
        answers = list(pool.map(lambda plan: post_file(url, *plan), plans))
    uploaded = time.perf_counter() - start
    pending = {a["id"] for a in answers if a["status"] == "queued"}
    while pending:
        time.sleep(0.5)
        pending = {i for i in pending if json.loads(get(f"{url}/api/versions/{i}")[1])["status"] == "queued"}
    total = time.perf_counter() - start
    running.clear()
    sampler.join()
    ledger = json.loads(get(url + "/api/plans")[1])["plans"]
    regions = [p["region"] for p in ledger]
    expected = {name.removesuffix("实施方案.txt") for name, _ in plans}
    failed = [a for a in answers if a["status"] == "rejected"]
    failed += [v for v in (json.loads(get(f"{url}/api/versions/{a['id']}")[1]) for a in answers if a["id"])
               if v["status"] == "failed"]
    times = [t for _, t in latencies]
    return {
        "stored_once": sum(regions.count(r) == 1 for r in expected),
        "regions_in_ledger": len(regions),
        "failed": len(failed),
        "upload_seconds": round(uploaded, 1),
        "total_seconds": round(total, 1),
        "page_requests_during_batch": len(latencies),
        "page_latency_median_ms": _ms(statistics.median(times)) if times else None,
        "page_latency_p90_ms": _ms(statistics.quantiles(times, n=10)[-1]) if len(times) > 9 else None,
        "median_ms_by_page": {page: _ms(statistics.median([t for p, t in latencies if p == page]))
                              for page in PAGES if any(p == page for p, _ in latencies)},
    }


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


if __name__ == "__main__":
    main()
