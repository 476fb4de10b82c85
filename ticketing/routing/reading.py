"""The shape every duty reading returns (duty_object.py lists the readings). No I/O."""

from __future__ import annotations

# One reading: (the unit whose duty it is, the words that tell it, the units whose words
# only set the scene).
Reading = tuple[str, str, tuple[str, ...]]

# The six towns and subdistricts, each also a unit (the catalogue's areas): the scene of a
# reading whose place only says where a bureau's matter happened.
AREA_UNITS = ("honghai", "haixing", "wanghai", "xiongyue", "lutun", "hongqi")
