"""ASR quality from operators' corrections: character error rate (CER) of the machine
transcript against the operator's corrected text, the corrected runs (heard → meant) and the
correction lexicon built from them. Pure functions: no I/O.

Both texts are normalised first (NFKC, so full-width digits equal ASCII ones; lower case;
spaces and punctuation dropped): Vosk puts spaces between words and no punctuation, an
operator types 。，and neither is a recognition error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

# A lexicon entry must be at least this long on the heard side: a one-character rule
# (的 → 地) would rewrite every transcript.
MIN_HEARD_CHARS = 2


def normalise(text: str) -> str:
    """The characters CER is counted on: no spaces, no punctuation, NFKC, lower case."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(
        ch for ch in folded if not ch.isspace() and unicodedata.category(ch)[0] not in "PZSC"
    )


@dataclass(frozen=True)
class Correction:
    """One corrected run: what the machine heard, what the operator meant ("" = nothing)."""

    heard: str
    meant: str

    @property
    def kind(self) -> str:
        """`number` for digit runs (dictated numbers), else `word`."""
        return "number" if any(ch.isdigit() for ch in self.heard + self.meant) else "word"


@dataclass(frozen=True)
class CerResult:
    errors: int  # character edits (substitutions + insertions + deletions)
    length: int  # characters in the corrected (reference) text
    corrections: tuple[Correction, ...]

    @property
    def cer(self) -> float:
        if self.length == 0:
            return 0.0 if self.errors == 0 else 1.0
        return self.errors / self.length


def character_error_rate(machine: str, corrected: str) -> CerResult:
    """CER of `machine` against the operator's `corrected` text, with the corrected runs."""
    hyp, ref = normalise(machine), normalise(corrected)
    return CerResult(
        errors=Levenshtein.distance(hyp, ref),
        length=len(ref),
        corrections=corrected_runs(hyp, ref),
    )


def corrected_runs(hyp: str, ref: str) -> tuple[Correction, ...]:
    """Adjacent edits of the character alignment merged into runs: 胸约 → 熊岳 is one run,
    not two substitutions; a misheard digit group is one run."""
    runs: list[Correction] = []
    start: tuple[int, int] | None = None
    end = (0, 0)
    for op in Levenshtein.opcodes(hyp, ref):
        if op.tag == "equal":
            if start is not None:
                runs.append(Correction(hyp[start[0] : end[0]], ref[start[1] : end[1]]))
                start = None
            continue
        if start is None:
            start = (op.src_start, op.dest_start)
        end = (op.src_end, op.dest_end)
    if start is not None:
        runs.append(Correction(hyp[start[0] : end[0]], ref[start[1] : end[1]]))
    return tuple(runs)


def lexicon_candidates(corrections: Iterable[Correction]) -> list[Correction]:
    """The runs that may become lexicon entries: a real substitution of a word, not a
    dictated number (numbers differ from call to call) and not a single character."""
    out = []
    for c in corrections:
        if c.heard and c.meant and c.kind == "word" and len(c.heard) >= MIN_HEARD_CHARS:
            out.append(c)
    return out


@dataclass(frozen=True)
class LexiconEntry:
    heard: str
    meant: str


def apply_lexicon(text: str, entries: Sequence[LexiconEntry]) -> tuple[str, list[LexiconEntry]]:
    """`text` with every heard run replaced by its meaning (longest heard first); the
    entries that matched. Vosk separates words with spaces, so a heard run matches across
    spaces (胸 约 → 熊岳)."""
    applied = []
    for entry in sorted(entries, key=lambda e: len(e.heard), reverse=True):
        if not entry.heard:
            continue
        pattern = r"\s*".join(re.escape(ch) for ch in entry.heard)
        text, count = re.subn(pattern, lambda _m, meant=entry.meant: meant, text)
        if count:
            applied.append(entry)
    return text, applied
