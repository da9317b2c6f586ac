from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Blob(models.Model):
    """An uploaded file, stored once under its SHA-256 after metadata was stripped."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=64)  # sniffed from the bytes, never the client's
    created_at = models.DateTimeField(auto_now_add=True)


class EvidenceKind(models.TextChoices):
    """Evidence the pages name (RULES 3.3, 4.2, 8.3)."""

    IM_SCREENSHOT = "im_screenshot", _("IM chat screenshot")
    IM_EVIDENCE_NUMBER = "im_evidence_number", _("IM evidence number")
    SITE_MESSAGE_SCREENSHOT = "site_message_screenshot", _("site message screenshot")
    SMS_PHOTO = "sms_photo", _("photo of SMS messages")
    CALL_RECORD = "call_record", _("phone call detail record")
    WAYBILL = "waybill", _("waybill of a parcel with harassing items")
    ITEM_PHOTO = "item_photo", _("photo of a harassing item")
    OTHER = "other", _("other evidence")


REFERENCE_KINDS = {EvidenceKind.IM_EVIDENCE_NUMBER}


class EvidenceItem(models.Model):
    """What every piece of evidence has; complaints and appeals each keep their own rows."""

    kind = models.CharField(_("kind"), max_length=32, choices=EvidenceKind.choices)
    blob = models.ForeignKey(Blob, models.PROTECT, null=True, blank=True, related_name="+")
    original_name = models.CharField(max_length=200, blank=True)
    reference = models.CharField(_("evidence number"), max_length=64, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["submitted_at", "id"]
