"""Taking in one piece of evidence, the same way for complaints and appeals (RULES 3.3, 8.3)."""

from django.utils.translation import gettext_lazy as _

from weiquan.errors import DomainError
from weiquan.trades.services import resolve_evidence_number

from .models import REFERENCE_KINDS, EvidenceKind
from .storage import store_upload


def evidence_fields(*, kind, upload, reference, note, between):
    """Check and store one piece of evidence; the fields to create its row with.

    An evidence number must resolve to messages between the two members in `between`;
    any other kind needs a file, which is stored (type-checked, metadata stripped).
    """
    if kind not in EvidenceKind.values:
        raise DomainError("invalid_input", _("Unknown kind of evidence."))
    reference = (reference or "").strip()
    blob = None
    if kind in REFERENCE_KINDS:
        if not reference:
            raise DomainError("invalid_input", _("Give the evidence number."))
        resolve_evidence_number(reference, between=between)
    elif upload is None:
        raise DomainError("invalid_input", _("Attach a file for this kind of evidence."))
    else:
        blob = store_upload(upload)
    return {"kind": kind, "blob": blob, "reference": reference, "note": (note or "")[:500],
            "original_name": (getattr(upload, "name", "") or "")[:200]}
