"""Turning a user's search words into a fast full-text query.

Every word of a query matches as a prefix ("серг" finds Сергей and Сергеевич), and as the
nominative form it may be an inflection of, where the index holds that form («Ивана Петрова»
finds Иван Петров; :func:`tally.publish.search_text.nominative_candidates`). Native prefix
queries are slow at scale: SQLite FTS5 merges the doclists of every term with the prefix
into one list before returning the first row (~40 ms for a common surname at 1,000,000
persons) and a GIN index does the same. So each word is first expanded, through the
vocabulary table ``person_search_terms`` (every distinct index term, B-tree ordered), into
the exact terms it is a prefix of; an OR of exact terms is evaluated lazily and in id order,
so the newest 50 matches cost well under a millisecond.

A word that is a prefix of more than :data:`MAX_EXPANSION` terms (a one-letter initial, in
real data) is *broad*: when the query has other words, it becomes a ``LIKE`` test on the
candidate rows' index text instead (still in SQL); when every word is broad, the native
prefix query is used (correct, but slower).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from tally.publish.search_text import nominative_candidates, query_terms

#: A word with more completions than this is matched by a row test, not by the index.
MAX_EXPANSION = 32
TERMS_TABLE = "person_search_terms"


@dataclass(frozen=True)
class SearchPlan:
    """``match``: an FTS5 MATCH expression (SQLite) or a tsquery (PostgreSQL), or None
    for "no index condition"; ``likes``: LIKE patterns the row's index text must all match
    (``% word%`` over ``' ' || names``); ``empty``: the query can match no one."""

    match: str | None
    likes: tuple[str, ...] = ()
    empty: bool = False


def completions(conn: Connection, word: str, limit: int | None = None) -> list[str]:
    """Up to ``limit`` (default: one more than :data:`MAX_EXPANSION`) index terms
    starting with ``word``, in byte order."""
    limit = MAX_EXPANSION + 1 if limit is None else limit
    upper = word[:-1] + chr(ord(word[-1]) + 1)
    return list(conn.execute(
        text(f"SELECT term FROM {TERMS_TABLE} WHERE term >= :lo AND term < :hi "
             "ORDER BY term LIMIT :n"),
        {"lo": word, "hi": upper, "n": limit}).scalars())


def existing(conn: Connection, terms: list[str]) -> list[str]:
    """Those of ``terms`` that are index terms."""
    if not terms:
        return []
    marks = ", ".join(f":t{i}" for i in range(len(terms)))
    return list(conn.execute(
        text(f"SELECT term FROM {TERMS_TABLE} WHERE term IN ({marks}) ORDER BY term"),
        {f"t{i}": t for i, t in enumerate(terms)}).scalars())


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {escaped}%"


def _fts_or(terms: list[str]) -> str:
    return "(" + " OR ".join('"' + t.replace('"', '""') + '"' for t in terms) + ")"


def _ts_or(terms: list[str]) -> str:
    return "(" + " | ".join("'" + t.replace("'", "''") + "'" for t in terms) + ")"


def _native(dialect: str, words: list[str]) -> str:
    if dialect == "sqlite":
        return " ".join('"' + w.replace('"', '""') + '"*' for w in words)
    return " & ".join("'" + w.replace("'", "''") + "':*" for w in words)


def plan(conn: Connection, query: str) -> SearchPlan | None:
    """The plan for ``query``; None when it has no words at all."""
    words = list(dict.fromkeys(query_terms(query)))
    if not words:
        return None
    dialect = conn.dialect.name
    exact: list[list[str]] = []
    broad: list[str] = []
    for word in words:
        found = completions(conn, word)
        if len(found) > MAX_EXPANSION:
            broad.append(word)
            continue
        # an inflected word («Петрова», «Сергея») also finds the name as indexed
        found += [t for t in existing(conn, nominative_candidates(word)) if t not in found]
        if not found:
            return SearchPlan(None, empty=True)  # every word must match: no one can
        exact.append(found)
    if not exact:
        return SearchPlan(_native(dialect, broad))
    join = " AND " if dialect == "sqlite" else " & "
    ors = [_fts_or(t) if dialect == "sqlite" else _ts_or(t) for t in exact]
    return SearchPlan(join.join(ors), tuple(_like(w) for w in broad))
