"""Cut a document text into plain and highlighted pieces from a mention's spans."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Piece = tuple[str, str | None]  # (text, field name or None)


def pieces(text: str, spans: Mapping[str, Sequence[int]]) -> list[Piece]:
    """Plain and highlighted pieces, in order; overlapping or bad spans are skipped."""
    marks = sorted((int(s[0]), int(s[1]), f) for f, s in spans.items()
                   if len(s) == 2 and 0 <= int(s[0]) < int(s[1]) <= len(text))
    out: list[Piece] = []
    pos = 0
    for start, end, name in marks:
        if start < pos:
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], name))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out
