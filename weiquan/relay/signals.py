"""Keep what the gate reads current without hooks in other apps.

- A trade's buyer review turning negative is stamped (ReviewStamp) for the cooling-off rule.
- The Redis backend caches facts per process; whatever changes them writes a new generation
  token, at once and again after commit (a reader between the two re-reads committed data).
  Complaint and penalty moves are set-based updates in their services, so they are caught
  through the audit entry each move writes.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from weiquan.audit.models import AuditEntry
from weiquan.complaints.models import Complaint
from weiquan.penalties.models import Penalty
from weiquan.rulebook.models import RulebookActivation
from weiquan.trades.models import Trade

from .gate import get_backend
from .models import ContactProfile, ReviewStamp

log = logging.getLogger(__name__)
CASE_OBJECTS = {"complaint", "penalty", "appeal"}


def _bump(call):
    def run():
        try:
            call(get_backend())
        except Exception:  # the gate's cache must never break the write that changed facts
            log.exception("contact gate: could not invalidate cached facts")

    if get_backend().name == "db":
        return
    run()
    transaction.on_commit(run)


@receiver(post_save, sender=Trade)
def trade_saved(sender, instance, **kwargs):
    if instance.buyer_review == Trade.Review.NEGATIVE:
        ReviewStamp.objects.get_or_create(trade=instance, defaults={"negative_at": timezone.now()})
    else:
        ReviewStamp.objects.filter(trade=instance).delete()
    _bump(lambda b: b.invalidate_members([instance.buyer_id, instance.seller_id]))


@receiver(post_save, sender=ContactProfile)
@receiver(post_delete, sender=ContactProfile)
def profile_changed(sender, instance, **kwargs):
    _bump(lambda b: b.invalidate_members([instance.member_id]))


@receiver(post_save, sender=Complaint)
@receiver(post_save, sender=Penalty)
@receiver(post_save, sender=RulebookActivation)
def case_changed(sender, instance, **kwargs):
    _bump(lambda b: b.invalidate_cases())


@receiver(post_save, sender=AuditEntry)
def audited(sender, instance, created, **kwargs):
    if created and instance.object_type in CASE_OBJECTS:
        _bump(lambda b: b.invalidate_cases())
