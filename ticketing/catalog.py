"""The dispatch catalogue (派单目录): areas, units and request types. No I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class CatalogError(ValueError):
    """The catalogue data is inconsistent (duplicate or missing ids)."""


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    kind: str  # town | subdistrict
    code: str


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    duties: str = ""
    is_area: bool = False  # towns/subdistricts receive tickets too (unit id = area id)


@dataclass(frozen=True)
class Category:
    """A request type (诉求类型). `description` and `examples` are the definition that
    operators read and the router's tests check (every example gets its own type)."""

    id: str
    name: str
    description: str = ""
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class EpidemicRule:
    """When a request is 涉疫: the labelling rule operators read, with examples that raise
    the flag and look-alikes that do not (the router's tests check both)."""

    description: str = ""
    examples: tuple[str, ...] = ()
    not_examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    district_id: str
    district_name: str
    timezone: str
    areas: tuple[Area, ...]
    units: tuple[Unit, ...]
    categories: tuple[Category, ...]
    epidemic: EpidemicRule = EpidemicRule()
    _units_by_id: dict[str, Unit] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Unit] = {}
        for unit in self.units:
            if unit.id in index:
                raise CatalogError(f"duplicate unit id {unit.id!r}")
            index[unit.id] = unit
        self._units_by_id.update(index)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Catalog:
        try:
            district = data["district"]
            areas = tuple(
                Area(id=a["id"], name=a["name"], kind=a["kind"], code=str(a["code"]))
                for a in data["areas"]
            )
            own_units = [
                Unit(id=u["id"], name=u["name"], duties=u.get("duties", "")) for u in data["units"]
            ]
            categories = tuple(
                Category(
                    id=c["id"],
                    name=c["name"],
                    description=str(c.get("description", "")),
                    examples=tuple(str(e) for e in c.get("examples") or ()),
                )
                for c in data["categories"]
            )
            epi = data.get("epidemic") or {}
            epidemic = EpidemicRule(
                description=str(epi.get("description", "")),
                examples=tuple(str(e) for e in epi.get("examples") or ()),
                not_examples=tuple(str(e) for e in epi.get("not_examples") or ()),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise CatalogError(f"catalogue is missing a field: {exc}") from exc
        area_units = [Unit(id=a.id, name=a.name, is_area=True) for a in areas]
        return cls(
            district_id=district["id"],
            district_name=district["name"],
            timezone=district.get("timezone", "Asia/Shanghai"),
            areas=areas,
            units=tuple(own_units + area_units),
            categories=categories,
            epidemic=epidemic,
        )

    def unit(self, unit_id: str) -> Unit:
        try:
            return self._units_by_id[unit_id]
        except KeyError:
            raise CatalogError(f"unknown unit id {unit_id!r}") from None

    def has_unit(self, unit_id: str) -> bool:
        return unit_id in self._units_by_id

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise CatalogError(f"unknown area id {area_id!r}")

    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)
