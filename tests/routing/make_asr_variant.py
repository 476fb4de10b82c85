"""Builds the ASR-style variant of each evaluation request (run once; output is committed).

    python -m tests.routing.make_asr_variant SRC.tsv > tests/routing/data/eval.jsonl
    python -m tests.routing.make_asr_variant tests/routing/data/eval.jsonl   # regenerate

SRC.tsv: unit, category, area ("-" for none), epidemic (0/1), clean text; or the
JSON lines file itself, whose clean texts and labels are kept.
The ASR form imitates Vosk's Chinese output: words separated by spaces, no
punctuation, numbers in Chinese characters (phone numbers digit by digit with
幺 for 1), plus seeded noise: homophone substitutions of the kind a small model
makes, a dropped character, a filler word. The noise table is written from
typical recogniser confusions, not from the routing rules.
"""

from __future__ import annotations

import json
import random
import re
import sys

import cn2an
from hotline.ticketing.routing import segment

HOMOPHONES = {
    "反映": "反应",
    "已经": "以经",
    "现在": "现再",
    "小区": "小曲",
    "物业": "无业",
    "停水": "停睡",
    "停电": "停点",
    "社保": "设保",
    "低保": "底保",
    "医保": "一保",
    "核酸": "和算",
    "隔离": "格力",
    "噪音": "造音",
    "熊岳": "熊月",
    "芦屯": "卢屯",
    "红旗": "宏旗",
    "海星": "海心",
    "望海": "旺海",
    "红海": "洪海",
    "垃圾": "拉几",
    "小广告": "小广高",
    "摆摊": "摆滩",
    "出租车": "出组车",
    "幼儿园": "幼儿员",
    "暖气": "暖器",
    "供暖": "公暖",
    "燃气": "然气",
    "工资": "工滋",
    "拖欠": "拖前",
    "补贴": "不贴",
    "举报": "局报",
    "投诉": "头诉",
    "咨询": "资讯",
    "建议": "见意",
    "电费": "店费",
    "楼道": "路道",
    "开发商": "开发上",
    "违章": "违张",
    "派出所": "怕出所",
    "身份证": "身份正",
    "户口": "护口",
    "赌博": "堵博",
    "疫情": "一情",
    "疫苗": "一苗",
    "医院": "一院",
    "化肥": "花肥",
    "种子": "肿子",
    "社区": "设区",
    "村委会": "村委回",
    "景区": "景去",
    "公交": "公交",
}
FILLERS = ["呃", "嗯", "那个", "就是"]
PHONE = re.compile(r"\d[\d-]{6,}\d")
NUMBER = re.compile(r"\d+")
PUNCT = re.compile(r"[^\w]+")
SEED = 20200126


def _phone(match: re.Match[str]) -> str:
    digits = match.group(0).replace("-", "")
    spoken = "零幺二三四五六七八九"
    return " ".join(spoken[int(d)] for d in digits) + " "


def asr_variant(text: str, rng: random.Random) -> str:
    text = PHONE.sub(_phone, text)
    text = NUMBER.sub(lambda m: cn2an.an2cn(m.group(0)), text)
    text = PUNCT.sub("", text)
    for heard_right, heard_wrong in HOMOPHONES.items():
        if heard_right in text and rng.random() < 0.5:
            text = text.replace(heard_right, heard_wrong, 1)
    if rng.random() < 0.3 and len(text) > 10:
        i = rng.randrange(len(text))
        text = text[:i] + text[i + 1 :]
    words = segment.words(text)
    if rng.random() < 0.3:
        words.insert(0, rng.choice(FILLERS))
    return " ".join(words)


def main(path: str) -> None:
    rng = random.Random(SEED)
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, start=1):
            if path.endswith(".jsonl"):
                old = json.loads(line)
                unit, category, text = old["unit"], old["category"], old["clean"]
                area, epidemic = old["area"] or "-", "1" if old["epidemic"] else "0"
            else:
                unit, category, area, epidemic, text = line.rstrip("\n").split("\t")
            item = {
                "id": number,
                "unit": unit,
                "category": category,
                "area": None if area == "-" else area,
                "epidemic": epidemic == "1",
                "clean": text,
                "asr": asr_variant(text, rng),
            }
            print(json.dumps(item, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
