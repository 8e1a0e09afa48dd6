"""Ruling lines → table cells: pdfplumber's "lines" table finder (snap, join, crossings, cells, tables)
computed the same way, on the same edge dicts, with the same results.

Why not call pdfplumber.table: importing it imports pdfplumber and pdfminer whole, about 0.12 s of a
plan's 0.5 s budget when nothing else of them is used. tests/test_pdf_grid.py checks that this module
and pdfplumber's functions give the same tables on real pages and on generated grids.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import groupby

Bbox = tuple[float, float, float, float]  # x0, top, x1, bottom

_SNAP = 3  # pdfplumber's defaults for the "lines" strategy, in points
_JOIN = 3
_CROSS = 3


def merge_edges(edges: list[dict]) -> list[dict]:
    """Edges snapped to the average position of their neighbours within 3 pt, then collinear edges
    within 3 pt of each other joined (pdfplumber's merge_edges(edges, 3, 3, 3, 3))."""
    vertical = _snap([e for e in edges if e["orientation"] == "v"], "x0", ("x0", "x1"))
    horizontal = _snap([e for e in edges if e["orientation"] == "h"], "top", ("top", "bottom", "doctop"))

    def line(e: dict) -> tuple[str, float]:
        return ("h", e["top"]) if e["orientation"] == "h" else ("v", e["x0"])

    merged: list[dict] = []
    for (orientation, _), group in groupby(sorted(vertical + horizontal, key=line), key=line):
        merged.extend(_join(list(group), orientation))
    return merged


def _snap(edges: list[dict], attr: str, moved: tuple[str, ...]) -> list[dict]:
    """Each cluster of positions (distinct values chained within the tolerance) moved to its mean."""
    cluster_of: dict[float, int] = {}
    last = None
    for value in sorted({e[attr] for e in edges}):
        cluster_of[value] = cluster_of[last] + (value > last + _SNAP) if last is not None else 0
        last = value
    clusters: dict[int, list[dict]] = defaultdict(list)
    for e in edges:
        clusters[cluster_of[e[attr]]].append(e)
    out = []
    for k in sorted(clusters):
        members = clusters[k]
        mean = sum(e[attr] for e in members) / len(members)
        for e in members:
            shift = mean - e[attr]  # added to each coordinate, as pdfplumber does (not set to the mean)
            out.append({**e, **{key: e[key] + shift for key in moved if key in e}})
    return out


def _join(edges: list[dict], orientation: str) -> list[dict]:
    start, end = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    ordered = sorted(edges, key=lambda e: e[start])
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[start] <= last[end] + _JOIN:
            if e[end] > last[end]:
                joined[-1] = _extended(last, end, e[end])
        else:
            joined.append(e)
    return joined


def _extended(e: dict, end: str, value: float) -> dict:
    if end == "x1":
        return {**e, "x1": value, "width": value - e["x0"]}
    return {**e, "bottom": value, "height": e["height"] + (value - e["bottom"])}


def find_cells(edges: list[dict]) -> list[list[Bbox]]:
    """Tables (each a list of cell boxes, two or more), top to bottom, from merged edges: crossings of
    vertical and horizontal edges within 3 pt; a cell is the smallest rectangle of crossings joined by
    edges; cells sharing a corner make a table."""
    crossings = _crossings(edges)
    return _tables(_cells(crossings))


def _crossings(edges: list[dict]) -> dict[tuple[float, float], tuple[set[Bbox], set[Bbox]]]:
    """Crossing point → (boxes of the vertical edges, boxes of the horizontal edges) through it."""
    vertical = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: (e["x0"], e["top"]))
    horizontal = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: (e["top"], e["x0"]))
    points: dict[tuple[float, float], tuple[set[Bbox], set[Bbox]]] = {}
    for v in vertical:
        x, v_box = v["x0"], _box(v)
        for h in horizontal:
            y = h["top"]
            if v["top"] <= y + _CROSS and v["bottom"] >= y - _CROSS and h["x0"] - _CROSS <= x <= h["x1"] + _CROSS:
                v_boxes, h_boxes = points.setdefault((x, y), (set(), set()))
                v_boxes.add(v_box)
                h_boxes.add(_box(h))
    return points


def _box(e: dict) -> Bbox:
    return e["x0"], e["top"], e["x1"], e["bottom"]


def _cells(points: dict[tuple[float, float], tuple[set[Bbox], set[Bbox]]]) -> list[Bbox]:
    def down(p, q) -> bool:  # p and q on one vertical edge
        return not points[p][0].isdisjoint(points[q][0])

    def across(p, q) -> bool:  # p and q on one horizontal edge
        return not points[p][1].isdisjoint(points[q][1])

    ordered = sorted(points)
    column: dict[float, list[tuple[float, float]]] = defaultdict(list)  # points by x, top to bottom
    row: dict[float, list[tuple[float, float]]] = defaultdict(list)  # points by y, left to right
    for p in ordered:
        column[p[0]].append(p)
        row[p[1]].append(p)
    cells = []
    for p in ordered:
        below = [q for q in column[p[0]] if q > p]
        right = [q for q in row[p[1]] if q > p]
        cell = next(
            (
                (p[0], p[1], r[0], b[1])
                for b in below if down(p, b)
                for r in right if across(p, r)
                if (r[0], b[1]) in points and down((r[0], b[1]), r) and across((r[0], b[1]), b)
            ),
            None,
        )
        if cell is not None:
            cells.append(cell)
    return cells


def _tables(cells: list[Bbox]) -> list[list[Bbox]]:
    """Cells grouped greedily, in order, into tables whose cells touch at a corner (pdfplumber's
    cells_to_tables: a group grows pass after pass until a pass adds nothing)."""
    def corners(c: Bbox):
        x0, top, x1, bottom = c
        return (x0, top), (x0, bottom), (x1, top), (x1, bottom)

    tables: list[list[Bbox]] = []
    remaining = cells
    while remaining:
        group, seen = [remaining[0]], set(corners(remaining[0]))
        rest = remaining[1:]
        grown = True
        while grown:
            grown, left = False, []
            for cell in rest:
                touching = corners(cell)
                if any(c in seen for c in touching):
                    seen.update(touching)
                    group.append(cell)
                    grown = True
                else:
                    left.append(cell)
            rest = left
        tables.append(group)
        remaining = rest
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
