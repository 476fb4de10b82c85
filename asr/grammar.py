"""Spoken survey answers: a three-phrase Vosk grammar (满意 / 基本满意 / 不满意).

A runtime grammar only works with words the model knows, so the model's vocabulary is
read first: graph/words.txt, or the word table inside graph/Gr.fst (OpenFst binary).
One shared Model; a grammar recogniser per call.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from hotline.asr.model import NO_MODEL_ZH, install_hint

# Each answer as words of the model's vocabulary; alternatives are tried in order.
SPOKEN_PHRASES: dict[str, tuple[tuple[str, ...], ...]] = {
    "满意": (("满意",),),
    "基本满意": (("基本满意",), ("基本", "满意")),
    "不满意": (("不满意",), ("不", "满意")),
}


class GrammarError(Exception):
    """The model cannot recognise the answers: the message names the missing words."""


def model_vocabulary(model_path: Path) -> set[str]:
    """Words the model knows: graph/words.txt, or the word table inside graph/Gr.fst."""
    if not Path(model_path).is_dir():  # not "no vocabulary": there is no model at all
        raise GrammarError(
            f"{NO_MODEL_ZH} / no speech model at {model_path}: {install_hint(model_path)}"
        )
    graph = Path(model_path) / "graph"
    words_txt = graph / "words.txt"
    if words_txt.is_file():
        with open(words_txt, encoding="utf-8") as handle:
            return {line.split()[0] for line in handle if line.strip()}
    gr = graph / "Gr.fst"
    if gr.is_file():
        with open(gr, "rb") as handle:
            return _fst_input_symbols(handle)
    raise GrammarError(
        f"{graph}: neither words.txt nor Gr.fst — this model has no vocabulary to check "
        "(a static-graph model cannot take a runtime grammar)"
    )


def _fst_input_symbols(handle: BinaryIO) -> set[str]:
    """The input symbol table of an OpenFst binary file (header, then the table)."""

    def read(fmt: str) -> tuple[Any, ...]:
        return struct.unpack(fmt, handle.read(struct.calcsize(fmt)))

    def string() -> str:
        (length,) = read("<i")
        return handle.read(length).decode("utf-8", "replace")

    (magic,) = read("<i")
    if magic != 2125659606:
        raise GrammarError("Gr.fst is not an OpenFst file")
    string(), string()  # fst type, arc type
    _version, flags = read("<ii")
    read("<Qqqq")  # properties, start, number of states, number of arcs
    if not flags & 1:
        raise GrammarError("Gr.fst carries no word table")
    read("<i")  # symbol table magic
    string()  # table name
    _available, size = read("<qq")
    words = set()
    for _ in range(size):
        words.add(string())
        read("<q")
    return words


def grammar_for(vocabulary: set[str]) -> tuple[dict[str, str], list[str]]:
    """(phrase in model words → answer text, missing words); every answer needs one phrase."""
    phrases: dict[str, str] = {}
    missing: list[str] = []
    for answer, alternatives in SPOKEN_PHRASES.items():
        usable = [alt for alt in alternatives if all(word in vocabulary for word in alt)]
        if usable:
            phrases[" ".join(usable[0])] = answer
        else:
            missing.extend(w for alt in alternatives for w in alt if w not in vocabulary)
    return phrases, sorted(set(missing))


@dataclass
class SpokenAnswers:
    """One shared Vosk model; a grammar recogniser per call."""

    model: Any  # vosk.Model
    phrases: dict[str, str]  # model words → 满意 / 基本满意 / 不满意

    @classmethod
    def load(cls, model_path: Path) -> SpokenAnswers:
        phrases, missing = grammar_for(model_vocabulary(model_path))
        if missing:
            raise GrammarError(
                f"the model at {model_path} lacks these words of the survey grammar: "
                f"{'、'.join(missing)} — spoken answers need a Chinese model "
                "(vosk-model-small-cn-0.22); keys 1/2/3 still work"
            )
        import vosk

        vosk.SetLogLevel(-1)
        return cls(vosk.Model(str(model_path)), phrases)

    def recognizer(self) -> Any:
        import vosk

        grammar = json.dumps([*self.phrases, "[unk]"], ensure_ascii=False)
        return vosk.KaldiRecognizer(self.model, 8000, grammar)

    def answer_text(self, result_json: str) -> str:
        text = json.loads(result_json).get("text", "").strip()
        return self.phrases.get(text, text.replace("[unk]", "").strip())
