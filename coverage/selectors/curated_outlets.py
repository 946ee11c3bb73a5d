"""What the curated list of agencies and broadcasters (analysis/data/news_agencies.json)
knows about an outlet whose details are still empty.

Outlets created from an article start with these details (services.get_or_create_outlet);
this reader suggests them for outlets that existed before or were named differently.
"""

from __future__ import annotations

from dataclasses import dataclass

from coverage.analysis.names import NewsOrganisation, known_news_organisation
from coverage.models import Outlet


@dataclass(frozen=True)
class CuratedDetails:
    """The list's values for an outlet's empty fields only, so applying ``changes``
    never overwrites what a person entered."""

    organisation: NewsOrganisation
    changes: dict[str, str]

    @property
    def described(self) -> list[str]:
        """The suggested values in words, in the order the outlet page shows them."""
        words = []
        if "country" in self.changes:
            words.append(self.changes["country"])
        if "ownership_kind" in self.changes:
            words.append(Outlet.OwnershipKind(self.changes["ownership_kind"]).label.lower())
        if "homepage" in self.changes:
            words.append(self.organisation.homepage)
        return words


def curated_details(outlet: Outlet) -> CuratedDetails | None:
    """The list's details for the outlet's empty fields, the outlet found by its name,
    its aliases or its homepage; None when the list does not know it or has nothing to
    add. Costs no query."""
    names = [outlet.name, *outlet.aliases.splitlines(), outlet.homepage]
    known = next(
        (found for name in names if name.strip() and (found := known_news_organisation(name))),
        None,
    )
    if known is None:
        return None
    changes = {}
    if not outlet.country and known.country:
        changes["country"] = known.country
    if outlet.ownership_kind == Outlet.OwnershipKind.UNKNOWN and known.ownership:
        changes["ownership_kind"] = known.ownership
    if not outlet.homepage and known.homepage:
        changes["homepage"] = f"https://{known.homepage}/"
    if not outlet.notes and known.note:
        changes["notes"] = known.note
    return CuratedDetails(organisation=known, changes=changes) if changes else None
