"""The shape every duty reading returns (duty_object.py lists the readings). No I/O."""

from __future__ import annotations

# One reading: (the unit whose duty it is, the words that tell it, the units whose words
# only set the scene).
Reading = tuple[str, str, tuple[str, ...]]
