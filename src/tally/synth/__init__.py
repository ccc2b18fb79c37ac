"""Synthetic corpus: demo data and the benchmark corpus for extraction, linkage, estimation.

Everything generated here is synthetic and labelled so; see ``README.txt`` in an output folder.
"""

from __future__ import annotations

from tally.synth.biglist import write_big_list
from tally.synth.corpus import Summary, generate_corpus

__all__ = ["Summary", "generate_corpus", "write_big_list"]
