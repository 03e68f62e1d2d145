"""The shingle hashes and sketches are persisted (the ``log`` records of the dedupe state): their bits
must not change without a new ``SKETCH_VERSION``, or a worker would compare new articles against
sketches computed another way and miss their copies until the dedupe window refills.

The pinned digest was computed by the implementation of session 6 (a0354bd); a rewrite for speed
must reproduce it exactly.
"""

from __future__ import annotations

import hashlib

from wirestream.dedupe.shingles import SKETCH_VERSION, shingle_hashes, sketch_text

TEXTS = [
    "",
    "one two three four",
    "One two three four five six seven eight nine ten eleven twelve",
    "Le président — « l’ancien » ministre… a dit\u00a0: non.\n\n"
    "Der frühere US-Präsident sagte, dass 中文 Ölpreise 🙂 steigen würden.",
    "\n\n".join(f"Paragraph {i}: police said on Tuesday that {i * 7} were hurt in the blast." for i in range(40)),
    "word " * 40_000,  # past MAX_TEXT_BYTES
]
PINNED = {"1": "c959d19de4eac253ea054a6a17554bf8"}


def test_shingles_and_sketches_keep_their_persisted_bits() -> None:
    h = hashlib.sha256()
    for text in TEXTS:
        for size in (1, 3, 5, 8):
            h.update(shingle_hashes(text, size).tobytes())
        sketch = sketch_text(text, 5, 8)
        h.update(sketch.encode(4).encode() + sketch.encode().encode())
    assert h.hexdigest()[:32] == PINNED[SKETCH_VERSION]
