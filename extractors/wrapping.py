"""How wrapped lines join back into running text, the same for every reader: Chinese text joins
without a space, two Latin words or numbers with one."""
from __future__ import annotations


def is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def wrap_joiner(before: str, after: str) -> str:
    """What stands between the last character of a line and the first of the next: "" or " "."""
    return " " if before and after and is_word_char(before) and is_word_char(after) else ""


def join_lines(texts: list[str]) -> str:
    """Wrapped lines → one text."""
    out = ""
    for t in texts:
        t = t.strip()
        if t:
            out += (wrap_joiner(out[-1], t[0]) if out else "") + t
    return out
