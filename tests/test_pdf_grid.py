"""The PDF reader's own table finder (extractors/pdf_grid.py) against pdfplumber's "lines" table
functions, which it replaces to spare their import: the same merged edges and the same tables on
every ruled page of the PDFs we have and on generated grids that exercise snapping (lines drawn a
little apart), joining (a rule drawn in pieces), merged cells (missing rules), rules drawn twice,
stray strokes and several tables on one page."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from duibiao.extractors import pdf_grid
from duibiao.extractors.pdf_source import _edge, open_pdfium, pdfium_page

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted([*ROOT.glob("samples/*.pdf"), *ROOT.glob("tests/fresh_plans/*.pdf"), *ROOT.glob("tests/data/pdf_*table*.pdf")])


def pdfplumber_tables(edges):
    merged = merge_edges(edges, 3, 3, 3, 3)
    return merged, cells_to_tables(intersections_to_cells(edges_to_intersections(merged, 3, 3)))


def own_tables(edges):
    merged = pdf_grid.merge_edges(edges)
    return merged, pdf_grid.find_cells(merged)


def ruled_pages():
    for path in PDFS:
        doc = open_pdfium(str(path), path.read_bytes(), None)
        try:
            for i in range(len(doc)):
                page = pdfium_page(doc, i)
                if page.edges:
                    yield f"{path.name}:{i + 1}", page.edges
        finally:
            doc.close()


def test_real_pages_give_pdfplumbers_tables():
    pages = list(ruled_pages())
    assert len(pages) >= 10  # the samples' responsibility tables, the fresh plans', the fixtures'
    found = 0
    for name, edges in pages:
        expected = pdfplumber_tables(edges)
        assert own_tables(edges) == expected, name
        found += len(expected[1])
    assert found >= 10


def _grid_edges(rng: random.Random, x0: float, top: float) -> list[dict]:
    """A ruled table at (x0, top) with jittered rules, some rules missing, split or drawn twice."""
    xs = [x0]
    for _ in range(rng.randint(1, 6)):
        xs.append(xs[-1] + rng.uniform(4, 120))
    ys = [top]
    for _ in range(rng.randint(1, 8)):
        ys.append(ys[-1] + rng.uniform(4, 60))
    edges = []

    def jitter():
        return rng.choice((0, 0, 0, rng.uniform(-2.5, 2.5), rng.uniform(-4, 4)))

    def add(a: float, b: float, at: float, orientation: str):
        if rng.random() < 0.25:  # drawn in two pieces with a small gap (or a small overlap)
            cut = rng.uniform(a, b)
            gap = rng.uniform(-1, 4)
            pieces = [(a, cut), (min(cut + gap, b), b)]
        else:
            pieces = [(a, b)]
        for lo, hi in pieces:
            if hi <= lo:
                continue
            if orientation == "h":
                edges.append(_edge(lo, hi, at, at, "h"))
            else:
                edges.append(_edge(at, at, lo, hi, "v"))
            if rng.random() < 0.1:  # a rule drawn twice (a cell's own border over the table's)
                edges.append(dict(edges[-1]))

    for r, y in enumerate(ys):
        inner = 0 < r < len(ys) - 1
        for c in range(len(xs) - 1):
            if inner and rng.random() < 0.15:
                continue  # a cell merged down over this rule
            add(xs[c], xs[c + 1], y + jitter(), "h")
    for c, x in enumerate(xs):
        inner = 0 < c < len(xs) - 1
        for r in range(len(ys) - 1):
            if inner and rng.random() < 0.15:
                continue  # a cell merged across
            add(ys[r], ys[r + 1], x + jitter(), "v")
    return edges


@pytest.mark.parametrize("seed", range(60))
def test_generated_grids_give_pdfplumbers_tables(seed):
    rng = random.Random(seed)
    edges = []
    top = rng.uniform(20, 60)
    for _ in range(rng.randint(1, 3)):
        table = _grid_edges(rng, rng.uniform(20, 80), top)
        edges.extend(table)
        top = max(e["bottom"] for e in table) + rng.choice((0, 0.5, 2, 15, 40))  # touching, near or apart
    for _ in range(rng.randint(0, 4)):  # stray strokes: underlines, a signature line, a short tick
        x, y = rng.uniform(0, 500), rng.uniform(0, 700)
        if rng.random() < 0.5:
            edges.append(_edge(x, x + rng.uniform(1, 200), y, y, "h"))
        else:
            edges.append(_edge(x, x, y, y + rng.uniform(1, 100), "v"))
    rng.shuffle(edges)
    expected = pdfplumber_tables(edges)
    assert own_tables(edges) == expected
