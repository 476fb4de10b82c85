"""Which language a Vosk model speaks, from its word list (no decoding needed).

A Korean or English model loads and decodes like a Chinese one, so a wrong download
installed under the Chinese model's name looks healthy and turns every call into
nonsense. The word symbols say it plainly: graph/words.txt (static-graph models) or the
word table stored at the start of graph/Gr.fst (runtime-grammar models) — Mandarin
models list Han characters, Korean ones Hangul, Japanese ones kana. The README's first
lines are the fallback hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SAMPLE_BYTES = 4 * 1024 * 1024  # the word table's head: enough words to tell scripts apart
MIN_LETTERS = 200  # fewer characters of a script than this says nothing

LANGUAGE_NAMES = {
    "zh": "Mandarin Chinese",
    "ko": "Korean",
    "ja": "Japanese",
    "latin": "a Latin-script language (English, …)",
    "cyrillic": "a Cyrillic-script language (Russian, …)",
    "unknown": "unknown",
}
LANGUAGE_NAMES_ZH = {
    "zh": "普通话",
    "ko": "韩语",
    "ja": "日语",
    "latin": "拉丁字母语言（如英语）",
    "cyrillic": "西里尔字母语言（如俄语）",
    "unknown": "未知语言",
}

_SCRIPTS = {
    "zh": re.compile(r"[\u4e00-\u9fff]"),
    "ko": re.compile(r"[\uac00-\ud7a3]"),
    "ja": re.compile(r"[\u3041-\u30ff]"),  # kana: Japanese word lists also hold kanji
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
}
_README_HINTS = (
    ("zh", re.compile(r"\b(chinese|mandarin|cn)\b", re.I)),
    ("ko", re.compile(r"\bkorean\b", re.I)),
    ("ja", re.compile(r"\bjapanese\b", re.I)),
    ("cyrillic", re.compile(r"\b(russian|ukrainian|kazakh)\b", re.I)),
    ("latin", re.compile(r"\b(english|us english|french|german|spanish|italian)\b", re.I)),
)


@dataclass(frozen=True)
class ModelLanguage:
    code: str  # a key of LANGUAGE_NAMES
    evidence: str  # what the guess rests on, for `hotline model show`

    @property
    def mandarin(self) -> bool:
        return self.code == "zh"

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES[self.code]

    @property
    def name_zh(self) -> str:
        return LANGUAGE_NAMES_ZH[self.code]

    def warning_zh(self) -> str | None:
        """The operator's banner text when the model is not Mandarin (None when it is)."""
        if self.mandarin:
            return None
        return (
            f"语音模型不是普通话模型（{self.name_zh}）：来电照常录音，但转写结果不可用，"
            "请安装中文模型 vosk-model-small-cn-0.22"
        )


def _word_sample(root: Path) -> tuple[str, str] | None:
    for relative in ("graph/words.txt", "graph/Gr.fst"):
        f = root / relative
        if f.is_file():
            with open(f, "rb") as handle:
                return relative, handle.read(SAMPLE_BYTES).decode("utf-8", "ignore")
    return None


def detect_language(path: Path | str) -> ModelLanguage:
    root = Path(path)
    sample = _word_sample(root)
    if sample is not None:
        relative, text = sample
        counts = {code: len(rx.findall(text)) for code, rx in _SCRIPTS.items()}
        # Kana decide before Han: Japanese lists are full of kanji too.
        code = "ja" if counts["ja"] >= MIN_LETTERS else max(counts, key=lambda c: counts[c])
        if counts[code] >= MIN_LETTERS:
            return ModelLanguage(code, f"{counts[code]} {code} characters in {relative}")
        latin = len(re.findall(r"\n[a-z']{2,}\s", text)) + len(re.findall(r"[a-z]{3,}", text))
        if relative == "graph/words.txt" and latin >= MIN_LETTERS:
            return ModelLanguage("latin", f"Latin words and no CJK characters in {relative}")
    readme = root / "README"
    if readme.is_file():
        head = readme.read_text(encoding="utf-8", errors="replace")[:2000]
        for code, rx in _README_HINTS:
            match = rx.search(head)
            if match:
                return ModelLanguage(code, f"README says {match.group(0)!r}")
    return ModelLanguage("unknown", "no word list or README hint found")
