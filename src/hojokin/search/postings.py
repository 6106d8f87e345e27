"""Posting lists: for each gram, the numbers of the programs containing it (ascending)
and its weight in each, stored as two little-endian uint32 arrays.

One row per gram instead of one per gram and program: a query reads a few rows and
intersects and ranks them as arrays, whatever the number of programs a word is in.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

DTYPE = np.dtype("<u4")
Docs = npt.NDArray[np.int64]


@dataclass(frozen=True)
class PostingList:
    docs: Docs
    weights: Docs

    @classmethod
    def decode(cls, docs: bytes, weights: bytes) -> PostingList:
        return cls(
            np.frombuffer(docs, dtype=DTYPE).astype(np.int64),
            np.frombuffer(weights, dtype=DTYPE).astype(np.int64),
        )


class PostingsBuilder:
    """Collects the weighted grams of programs numbered 0, 1, 2 … in that order."""

    def __init__(self) -> None:
        self._lists: dict[str, tuple[array[int], array[int]]] = {}

    def add(self, doc: int, weights: Counter[str]) -> None:
        for gram, weight in weights.items():
            entry = self._lists.get(gram)
            if entry is None:
                entry = self._lists[gram] = (array("I"), array("I"))
            entry[0].append(doc)
            entry[1].append(weight)

    def rows(self) -> Iterator[tuple[str, bytes, bytes]]:
        """(gram, docs, weights) in gram order, encoded for the database."""
        for gram in sorted(self._lists):
            docs, weights = self._lists.pop(gram)
            yield gram, _encode(docs), _encode(weights)


def _encode(values: array[int]) -> bytes:
    # array("I") is 32 bits wide on every platform hojokin runs on; stored little-endian.
    return np.asarray(values).astype(DTYPE).tobytes()
