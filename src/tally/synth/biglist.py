"""A large official-style list, streamed to disk (for the import benchmark)."""

from __future__ import annotations

import random
from pathlib import Path

from tally.synth import lists
from tally.synth.people import PopulationGenerator
from tally.synth.writers import CsvOut, write_yaml


def write_big_list(path: Path, rows: int, seed: int, lang: str = "ru") -> Path:
    """Write ``rows`` official-list rows to ``path`` without holding them in memory.

    Also writes the mapping next to it (``<stem>.mapping.yaml``) and returns its path.
    Foreign citizens are skipped (official regional lists name residents of the region).
    """
    generator = PopulationGenerator(seed)
    rng = random.Random(f"tally-synth:{seed}:biglist")
    written, index = 0, 0
    with CsvOut(path, lists.OFFICIAL_COLUMNS[lang]) as out:
        while written < rows:
            index += 1
            person = generator.person(f"SYN-{index:07d}")
            if person.region is None:
                continue
            written += 1
            row, _ = lists.official_row(person, written, rng)
            out.row(row)
    mapping_path = path.with_name(f"{path.stem}.mapping.yaml")
    write_yaml(mapping_path, lists.official_mapping(lang),
               f"SYNTHETIC data: list-import mapping for {path.name}")
    return mapping_path
