from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tally.store.objects import ObjectStore, file_sha256


@given(st.binary(max_size=5000))
@settings(max_examples=50, deadline=None)
def test_put_get_roundtrip(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    objects = ObjectStore(tmp_path_factory.mktemp("o"))
    sha = objects.put_bytes(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert objects.get(sha) == data
    assert objects.path(sha).parent.name == sha[:2]


def test_put_file_streams_and_dedupes(tmp_path: Path) -> None:
    src = tmp_path / "big.bin"
    src.write_bytes(b"x" * (3 << 20) + b"end")
    objects = ObjectStore(tmp_path / "objects")
    sha = objects.put_file(src)
    assert sha == file_sha256(src) == hashlib.sha256(src.read_bytes()).hexdigest()
    assert objects.put_file(src) == sha
    assert len(list((tmp_path / "objects").rglob("*"))) == 2  # one folder, one file


@pytest.mark.parametrize("bad", ["", "abc", "g" * 64, "A" * 64])
def test_rejects_non_digests(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        ObjectStore(tmp_path).path(bad)
