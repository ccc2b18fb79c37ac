"""Clustering does not depend on the order scored pairs arrive in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tally.link import clusters


def _groups(c: clusters.Clusters) -> set[frozenset[int]]:
    return {frozenset(g) for g in c.groups()}


def test_tied_links_are_taken_in_id_order_whatever_the_input_order() -> None:
    # 1 and 3 are two persons; 2 ties with both: the lower ids win, in either input order
    items: dict[int, int | None] = dict.fromkeys([1, 2, 3])
    one = clusters.build(items, [], [(1, 3)], [(1, 2, 0.9), (2, 3, 0.9)])
    other = clusters.build(items, [], [(1, 3)], [(2, 3, 0.9), (1, 2, 0.9)])
    assert _groups(one) == _groups(other) == {frozenset({1, 2}), frozenset({3})}


pair = st.tuples(st.integers(0, 11), st.integers(0, 11)).filter(lambda t: t[0] < t[1])


@settings(max_examples=200, deadline=None)
@given(
    links=st.lists(
        st.tuples(pair, st.sampled_from([0.5, 0.7, 0.9, 1.0])),
        max_size=30,
        unique_by=lambda t: t[0],
    ),
    cannot=st.lists(pair, max_size=6),
    order=st.randoms(use_true_random=False),
)
def test_same_clusters_for_any_order_of_the_pairs(
    links: list[tuple[tuple[int, int], float]], cannot: list[tuple[int, int]], order: object
) -> None:
    items: dict[int, int | None] = dict.fromkeys(range(12))
    candidates = [(a, b, p) for (a, b), p in links]
    shuffled = list(candidates)
    order.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _groups(clusters.build(items, [], cannot, candidates)) == _groups(
        clusters.build(items, [], list(reversed(cannot)), shuffled)
    )
