"""Putting a rulebook in force (RULES 7)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weiquan.audit.services import record
from weiquan.errors import DomainError

from .models import RulebookActivation
from .registry import get_rulebook


@transaction.atomic
def activate_rulebook(actor, rulebook_id, *, at=None, note=""):
    """From `at` on (default now), complaints filed are judged under this rulebook."""
    rulebook = get_rulebook(rulebook_id)
    at = at or timezone.now()
    if timezone.localtime(at).date() < rulebook.effective_from:
        raise DomainError("rulebook_not_effective",
                          _("This rulebook takes effect only on %(date)s.") % {"date": rulebook.effective_from})
    activation = RulebookActivation.objects.create(
        rulebook_id=rulebook.id, activated_at=at, activated_by=actor, note=note
    )
    record(actor, "rulebook.activated", activation, to_state=rulebook.id, rulebook=rulebook.id,
           data={"at": at.isoformat(), "note": note})
    return activation
