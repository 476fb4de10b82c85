"""The classifier's share for the area named, read as the rules read the area. No I/O."""

from __future__ import annotations

from hotline.ticketing.routing.caller_post import without_post_area
from hotline.ticketing.routing.community_room import community_room, community_room_share
from hotline.ticketing.routing.gazetteer import AreaHit
from hotline.ticketing.routing.no_property import no_property_share
from hotline.ticketing.routing.village_dogs import village_dogs, village_dogs_share
from hotline.ticketing.routing.village_own import village_own, village_share


def area_share(proba: dict[str, float], area: AreaHit | None, text: str) -> dict[str, float]:
    """The classifier's vote without the area's share where the caller's post speaks for one
    household (caller_post.py), and with the bureaus' share moved to the area where the
    village's own thing is told (village_own.py), else where a village's dogs are
    (village_dogs.py), else where a community's room is shut (community_room.py), else where
    the building has no property company (no_property.py): moved once."""
    proba = without_post_area(proba, area, text)
    if village_own(text) is not None:
        return village_share(proba, area, text)
    if village_dogs(text) is not None:
        return village_dogs_share(proba, area, text)
    if community_room(text) is not None:
        return community_room_share(proba, area, text)
    return no_property_share(proba, area, text)
