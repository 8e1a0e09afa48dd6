"""Seeded mutations of real plan files for the fuzz campaign: zip members and XML elements of a .docx,
bytes and objects of a PDF, nesting of an HTML page, encodings of a text file. Each mutation takes the
file's bytes and a random.Random and returns new bytes; the same seed gives the same file."""
from __future__ import annotations

import io
import random
import re
import zipfile

from docx_fixtures import zip_bytes


def _flip(data: bytes, rng: random.Random, count: int) -> bytes:
    out = bytearray(data)
    for _ in range(count):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def docx_drop_member(data, rng):
    members = _members(data)
    del members[rng.choice(sorted(members))]
    return zip_bytes(members)


def docx_damage_xml(data, rng):
    members = _members(data)
    name = rng.choice([n for n in members if n.endswith(".xml")])
    members[name] = _flip(members[name], rng, rng.choice([1, 10, 200]))
    return zip_bytes(members)


def docx_truncate_xml(data, rng):
    members = _members(data)
    body = members["word/document.xml"]
    members["word/document.xml"] = body[: rng.randrange(len(body))]
    return zip_bytes(members)


def docx_shuffle_elements(data, rng):
    """Swap the tags of random element pairs (paragraphs into cells, rows into runs…)."""
    members = _members(data)
    xml = members["word/document.xml"].decode("utf-8")
    tags = sorted(set(re.findall(r"<(w:\w+)[ >/]", xml)))
    for _ in range(rng.randrange(1, 6)):
        a, b = rng.sample(tags, 2)
        xml = xml.replace(f"<{a}>", f"<{b}>", 1).replace(f"</{a}>", f"</{b}>", 1)
    members["word/document.xml"] = xml.encode("utf-8")
    return zip_bytes(members)


def docx_huge_numbers(data, rng):
    members = _members(data)
    xml = members["word/document.xml"]
    huge = str(rng.choice([10**9, 2**31, 10**40, -1, 0])).encode()
    members["word/document.xml"] = re.sub(rb'w:val="\d+"', b'w:val="' + huge + b'"', xml, count=rng.randrange(1, 50))
    return zip_bytes(members)


def docx_deep_nesting(data, rng):
    members = _members(data)
    depth = rng.choice([50, 300, 2000])
    nest = b"<w:tbl><w:tr><w:tc>" * depth + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" + b"</w:tc></w:tr></w:tbl>" * depth
    members["word/document.xml"] = members["word/document.xml"].replace(b"<w:body>", b"<w:body>" + nest, 1)
    return zip_bytes(members)


def pdf_flip_bytes(data, rng):
    return _flip(data, rng, rng.choice([1, 20, 500]))


def pdf_truncate(data, rng):
    return data[: rng.randrange(64, len(data))]


def pdf_bad_lengths(data, rng):
    return re.sub(rb"/Length \d+", lambda m: b"/Length %d" % rng.choice([0, 1, 10**9]), data, count=rng.randrange(1, 20))


def pdf_duplicate_objects(data, rng):
    objects = re.findall(rb"\n\d+ 0 obj.*?endobj", data, re.S)
    if not objects:
        return data
    extra = b"".join(rng.choice(objects) for _ in range(rng.randrange(1, 20)))
    cut = data.rfind(b"xref")
    return data[:cut] + extra + data[cut:] if cut > 0 else data + extra


def html_deep_nesting(data, rng):
    depth = rng.choice([100, 1000, 5000])
    tag = rng.choice([b"div", b"table", b"span", b"td", b"li"])
    return b"<html><body>" + b"<" + tag + b">" * 1 + (b"<" + tag + b">") * depth + data + b"</body></html>"


def html_broken_markup(data, rng):
    pieces = [b"<![if x]>", b"<!doctype [", b"&#" + b"9" * rng.choice([5, 50, 5000]) + b";", b"<td rowspan=999999>",
              b"<table colspan=100000>", b"<!--", b"<script>", b"\x00", b"<p", b"]]>"]
    out = bytearray(data)
    for _ in range(rng.randrange(1, 10)):
        at = rng.randrange(len(out))
        out[at:at] = rng.choice(pieces)
    return bytes(out)


def text_encodings(data, rng):
    text = data.decode("utf-8", "replace")
    encoding = rng.choice(["gb18030", "big5", "utf-16", "utf-16-le", "utf-32", "shift_jis", "latin-1"])
    return text.encode(encoding, "replace")


def text_control_characters(data, rng):
    out = bytearray(data)
    for _ in range(rng.randrange(1, 200)):
        out.insert(rng.randrange(len(out)), rng.choice([*range(0, 9), 11, 12, *range(14, 32), 0x7F]))
    return bytes(out)


def text_invalid_utf8(data, rng):
    bad = [b"\xed\xa0\x80", b"\xff", b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\xe4\xbc"]
    out = bytearray(data)
    for _ in range(rng.randrange(1, 30)):
        at = rng.randrange(len(out))
        out[at:at] = rng.choice(bad)
    return bytes(out)


MUTATIONS = {
    ".docx": [docx_drop_member, docx_damage_xml, docx_truncate_xml, docx_shuffle_elements, docx_huge_numbers,
              docx_deep_nesting],
    ".pdf": [pdf_flip_bytes, pdf_truncate, pdf_bad_lengths, pdf_duplicate_objects],
    ".html": [html_deep_nesting, html_broken_markup],
    ".txt": [text_encodings, text_control_characters, text_invalid_utf8],
}


def mutated_cases(seeds: list, count: int, seed: int):
    """`count` (name, suffix, bytes) cases, drawn from the seed files with a fixed seed."""
    rng = random.Random(seed)
    by_suffix = {}
    for path in seeds:
        by_suffix.setdefault(path.suffix, []).append(path)
    suffixes = sorted(s for s in by_suffix if s in MUTATIONS)
    for n in range(count):
        suffix = suffixes[n % len(suffixes)]
        source = rng.choice(by_suffix[suffix])
        mutate = rng.choice(MUTATIONS[suffix])
        yield f"{n:03d}-{source.stem}-{mutate.__name__}", suffix, mutate(source.read_bytes(), rng)
