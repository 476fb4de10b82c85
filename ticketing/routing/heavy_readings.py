"""The duty readings that weigh as two decisive words, each with its weight. No I/O.

Most readings add the object's words at one decisive weight (duty_object.OBJECT_WEIGHT 4)
and halve the setting's. Where the setting is told in many of its unit's words, halving is
not enough and the reading weighs double: a paper's other body named in full and often
(派出所, 户口, 身份证: duty_paper.py), and a school's spoilt meal told among the school's
words (学校, 初中, 老师, 学校食堂, 家长: school_gate_trade.py; market supervision 6 of 7 on
the retired labels; held out r30_written:8 led by education with the single weight).
duty_object.py lists these beside the single-weight readings.
"""

from __future__ import annotations

from hotline.ticketing.routing.duty_paper import PAPER_WEIGHT, paper_readings
from hotline.ticketing.routing.school_gate_trade import school_meal_readings

# A school's spoilt meal weighs as a paper's reading does: two decisive words.
MEAL_WEIGHT = PAPER_WEIGHT

# One heavy reading: (unit, words, setting units, weight).
HeavyReading = tuple[str, str, tuple[str, ...], float]


def heavy_readings(text: str) -> list[HeavyReading]:
    """The papers and a school's spoilt meal read in `text` (compact), with their weights."""
    return [(u, w, s, PAPER_WEIGHT) for u, w, s in paper_readings(text)] + [
        (u, w, s, MEAL_WEIGHT) for u, w, s in school_meal_readings(text)
    ]
