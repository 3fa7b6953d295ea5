"""Check that py3langid's DFA is k-definite, which ingest/read.py's fast walk relies on.

    python bench/langid_dfa.py        # about 25 s; prints k and the model's fingerprint

py3langid counts its byte n-gram features by walking a DFA over the text. The DFA is
k-definite when, after any k bytes, it is in one state whatever state it started from;
then the state at a byte depends only on the k bytes ending there, and ingest/read.py
computes all the states at once with numpy (`read._definite`). This script proves k by
subset construction: start from the set of all states, follow every byte, keep only the
sets of two or more states; k is the number of steps after which none is left. It
prints the fingerprint that read.DFA_FINGERPRINT must hold for the fast walk to be used.
"""

from __future__ import annotations

import time
import zlib

import numpy as np
from py3langid.langid import _load_identifier


def main() -> None:
    ident = _load_identifier(norm_probs=True)
    nextmove = ident.tk_nextmove
    table = np.frombuffer(nextmove, dtype=np.uint32).astype(np.int64)
    rowbase = np.asarray(ident._rowbase, dtype=np.int64)
    started = time.perf_counter()
    sets = [np.arange(len(rowbase))]
    for step in range(1, 17):
        survivors: dict[bytes, np.ndarray] = {}
        for states in sets:
            base = rowbase[states]
            for byte in range(256):
                following = np.unique(table[base + byte])
                if len(following) > 1:
                    survivors.setdefault(following.tobytes(), following)
        print(f"after {step} bytes: {len(survivors)} sets of two or more states "
              f"({time.perf_counter() - started:.0f} s)", flush=True)
        if not survivors:
            print(f"the DFA is {step}-definite (read.DFA_DEFINITE)")
            break
        sets = list(survivors.values())
    else:
        print("not definite within 16 bytes: the fast walk must not be used")
    rows = np.asarray(ident.tk_row, dtype=np.int64).tobytes()
    crc = zlib.crc32(rows, zlib.crc32(nextmove))
    print(f"fingerprint: ({len(nextmove)}, {len(rowbase)}, {crc})")


if __name__ == "__main__":
    main()
