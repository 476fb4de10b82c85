"""A hazardous chemical leaking or spilt: one pattern for the lead and the 协办. No I/O.

The emergency bureau leads on a chemical store, drum or tanker leaking or overturned
(duty_object.hazard), and beside that lead the environment bureau is 协办 for the spill
(hazard_duties: 危险废物、环境监测). Both read the same event, so they share these words: the
union of the two lists they had (round 24), the chemical told before its leaking
(化工仓库…桶倒了在漏; 化工桶…地上有液体渗出来).
"""

from __future__ import annotations

import re

# The chemical, its store or its carrier: 罐车 and 油罐 carry hazardous loads; 液氨 and 氨气
# are the refrigerant of cold stores.
_CHEMICAL = "(?:化工|危化|危险化学品|化学品|硫酸|盐酸|液氨|氨气|罐车|油罐)"
# Leaking, seeping, running out, or the container knocked over (a drum 倒了, a tanker 翻了).
_LEAKING = "(?:漏|淌|泄漏|泄露|渗出|往外渗|倒了|翻了|流了一地)"

# The chemical told first: told after, 倒了 is dumping (被人倒了很多…化工桶, r5_written 156,
# the environment's alone) and 渗 a guess at a source (化工厂 怀疑是它渗下去的 is no leak seen).
CHEMICAL_LEAK = re.compile(f"{_CHEMICAL}[^请]{{0,30}}?{_LEAKING}")
