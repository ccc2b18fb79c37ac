"""Re-running linkage after any import never loses or contradicts a reviewer decision."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tally.link.run import link_probabilistic
from tally.settings import Settings
from tally.store import open_store

from .conftest import add_mentions
from .test_run import decide, persons

NAMES = [("Иванов", "Сергей"), ("Ivanov", "Sergei"), ("Иванов", "Серёжа"), ("Петров", "Иван"),
         ("Pietrow", "Iwan"), ("Сидоров", "Олег")]
mention = st.builds(
    lambda n, day: {"last_name": n[0], "first_name": n[1], "death_date": f"2023-05-{day:02d}",
                    "birth_date": "1990"},
    st.sampled_from(NAMES), st.integers(1, 28))
step = st.tuples(st.lists(mention, min_size=1, max_size=4),
                 st.lists(st.tuples(st.sampled_from(("same", "different")),
                                    st.integers(0, 50), st.integers(0, 50)), max_size=3))


def consistent(decisions: dict[tuple[int, int], str]) -> bool:
    """No "different" pair is joined by a chain of "same" decisions (union-find)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for (a, b), kind in decisions.items():
        if kind == "same":
            parent[find(a)] = find(b)
    return all(find(a) != find(b) for (a, b), kind in decisions.items() if kind == "different")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=3))
def test_decisions_hold_and_grown_clusters_keep_ids(steps: list[tuple[list[dict[str, str]],
                                                                    list[tuple[str, int, int]]]],
                                                    ) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        st_ = open_store(Settings(data_dir=Path(tmp)), create=True)
        ids: list[int] = []
        active: dict[tuple[int, int], str] = {}
        newest: tuple[str, int, int] | None = None
        before: dict[int, int] = {}
        for n, (rows, decs) in enumerate(steps):
            ids += add_mentions(st_, f"src{n % 2}", rows)
            for kind, i, j in decs:
                a, b = ids[i % len(ids)], ids[j % len(ids)]
                if a == b:
                    continue
                decide(st_, kind, a, b)
                active.pop((min(a, b), max(a, b)), None)
                active[(min(a, b), max(a, b))] = kind
                newest = (kind, a, b)
            link_probabilistic(st_)
            who = persons(st_)
            # the newest decision always holds; all of them hold when they are consistent
            if newest is not None:
                kind, a, b = newest
                assert (who[a] == who[b]) == (kind == "same"), newest
            if consistent(active):
                for (a, b), kind in active.items():
                    assert (who[a] == who[b]) == (kind == "same"), (kind, a, b)
            # a cluster that only grew keeps its person id
            old_groups: dict[int, set[int]] = {}
            for m, p in before.items():
                old_groups.setdefault(p, set()).add(m)
            new_groups: dict[int, set[int]] = {}
            for m, p in who.items():
                new_groups.setdefault(p, set()).add(m)
            for pid, members in old_groups.items():
                heirs = {who[m] for m in members}
                if len(heirs) == 1:
                    heir = heirs.pop()
                    merged_with_other_old = any(
                        before.get(m) not in (None, pid) for m in new_groups[heir])
                    if not merged_with_other_old:
                        assert heir == pid
            before = who
        st_.engine.dispose()
