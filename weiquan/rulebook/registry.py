"""Which rulebooks exist, and which one is in force."""

import functools
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weiquan.errors import DomainError

from .schema import Rulebook, RulebookInvalid, parse_rulebook


@functools.cache
def all_rulebooks() -> dict[str, Rulebook]:
    books = {}
    for directory in settings.WEIQUAN_RULEBOOK_DIRS:
        for path in sorted(Path(directory).glob("*.toml")):
            book = parse_rulebook(path)
            if book.id in books:
                raise RulebookInvalid(path, "id", f"'{book.id}' is also defined in {books[book.id].path}")
            books[book.id] = book
    if settings.WEIQUAN_RULEBOOK not in books:
        raise RulebookInvalid(
            "settings.WEIQUAN_RULEBOOK", "WEIQUAN_RULEBOOK",
            f"names '{settings.WEIQUAN_RULEBOOK}', which no rulebook file defines",
        )
    return books


def reload_rulebooks():
    all_rulebooks.cache_clear()
    return all_rulebooks()


def get_rulebook(rulebook_id) -> Rulebook:
    try:
        return all_rulebooks()[rulebook_id]
    except KeyError:
        raise DomainError("unknown_rulebook", _("There is no such rulebook."), status=404) from None


def rulebook_in_force(at=None) -> Rulebook:
    """The rulebook in force at `at` (default now): the latest activation, else the setting."""
    from .models import RulebookActivation

    at = at or timezone.now()
    try:
        activation = (
            RulebookActivation.objects.filter(activated_at__lte=at)
            .values_list("rulebook_id", flat=True)
            .first()
        )
    except DatabaseError:  # commands that run without a database (scanners) still get one
        activation = None
    return get_rulebook(activation or settings.WEIQUAN_RULEBOOK)
