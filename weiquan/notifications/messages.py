"""What each kind of notification says. Rendered in the recipient's language."""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

SUBJECTS = {
    "complaint_filed_respondent": _("A malicious-harassment complaint about trade %(trade)s"),
    "complaint_filed_complainant": _("Your complaint #%(complaint)s has been filed"),
    "complaint_answered": _("The seller answered complaint #%(complaint)s"),
    "answer_missed": _("No answer in time to complaint #%(complaint)s"),
    "complaint_withdrawn": _("Complaint #%(complaint)s was withdrawn"),
    "withdrawal_requested": _("The seller says complaint #%(complaint)s may be withdrawn"),
    "withdrawal_rejected": _("The withdrawal of complaint #%(complaint)s was not accepted"),
    "complaint_established": _("Complaint #%(complaint)s is established"),
    "complaint_not_established": _("Complaint #%(complaint)s is not established"),
    "decision_overdue": _("Complaint #%(complaint)s is past its decision deadline"),
    "appeal_filed": _("An appeal against the penalty for complaint #%(complaint)s"),
    "appeal_upheld": _("Your appeal #%(appeal)s was upheld"),
    "appeal_rejected": _("Your appeal #%(appeal)s was rejected"),
    "appeal_overdue": _("Appeal #%(appeal)s is past its review deadline"),
    "complaint_opened_for_you": _("The platform opened case #%(complaint)s to protect you"),
    "harmful_message": _("A message you received looks like harassment"),
    # Malicious-order warnings and the complaint centre (RULES 9); params carry the figures.
    "warnings_raised": _("%(count)s new malicious-order warnings for store %(store)s"),
    "malicious_complaint_filed": _("Malicious-behaviour complaint #%(case)s to verify"),
    "malicious_complaint_decided": _("Your malicious-behaviour complaint #%(case)s was decided"),
    "malicious_complaint_overdue": _("Malicious-behaviour complaint #%(case)s is past its deadline"),
    "order_closure_requested": _("The seller asks to close order %(trade)s"),
}

BODIES = {
    "complaint_filed_respondent": _(
        "A buyer filed a malicious-harassment complaint about trade %(trade)s. Give your "
        "answer and evidence by %(answer_due)s; without an answer the platform decides on "
        "the buyer's evidence alone."
    ),
    "complaint_filed_complainant": _(
        "The seller must answer by %(answer_due)s and the platform decides by "
        "%(decision_due)s. Keep every call record, message and parcel as evidence."
    ),
    "complaint_answered": _("The seller answered your complaint; the platform decides by %(decision_due)s."),
    "answer_missed": _(
        "The seller did not answer by %(answer_due)s. The platform decides by %(decision_due)s."
    ),
    "complaint_withdrawn": _("The complaint about trade %(trade)s was withdrawn."),
    "withdrawal_requested": _(
        "The seller uploaded proof that the complaint may be withdrawn; staff will check it."
    ),
    "withdrawal_rejected": _("Staff found the proof of agreement insufficient; the complaint goes on."),
    "complaint_established": _(
        "The platform found the complaint about trade %(trade)s established (%(tier)s)."
    ),
    "complaint_not_established": _(
        "The platform found the complaint about trade %(trade)s not established."
    ),
    "decision_overdue": _("The decision was due by %(decision_due)s."),
    "appeal_filed": _("The seller appealed; staff review it by %(review_due)s."),
    "appeal_upheld": _("The penalty was reversed and its sanctions lifted."),
    "appeal_rejected": _("The penalty stands."),
    "appeal_overdue": _("The review was due by %(review_due)s."),
    "warnings_raised": _(
        "Look at the pending list and judge each order: confirm the risk, mark it normal "
        "or ignore it. Do not close a warned order on your own."
    ),
    "malicious_complaint_filed": _(
        "A seller says trade %(trade)s is malicious. Verify and decide by %(due)s."
    ),
    "malicious_complaint_decided": _("The platform found it: %(outcome)s."),
    "malicious_complaint_overdue": _("Staff have not decided it within the rulebook's deadline."),
    "order_closure_requested": _(
        "The seller of order %(trade)s asks to close it. Agree only if you agreed with the "
        "seller; otherwise refuse, and the order goes on."
    ),
    "complaint_opened_for_you": _(
        "The platform saw signs of harassment by the seller of trade %(trade)s and opened a "
        "case. You can add evidence and follow it; the seller must answer by %(answer_due)s."
    ),
    "harmful_message": _(
        "Message %(message)s looks like %(labels)s. If it is harassment, you can file a "
        "complaint with this message attached as evidence; keep it, do not delete it."
    ),
}


# What the message screener's labels mean to a reader (issue 6 §1).
LABEL_NAMES = {
    "threat": _("threats"),
    "doxxing": _("exposing personal details"),
    "abuse": _("abuse"),
    "review_pressure": _("pressure about a review"),
    "sexual": _("sexual harassment"),
}


def _when(value):
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def context_for(notification, params):
    ctx = {"complaint": "", "appeal": "", "trade": "", "tier": "", "answer_due": "",
           "decision_due": "", "review_due": "", "message": "", "labels": ""}
    complaint = notification.complaint
    if notification.appeal_id:
        appeal = notification.appeal
        complaint = complaint or appeal.penalty.complaint
        ctx.update(appeal=appeal.pk, review_due=_when(appeal.review_due))
    if complaint is not None:
        ctx.update(
            complaint=complaint.pk, trade=complaint.trade.external_id,
            tier=complaint.get_tier_display(), answer_due=_when(complaint.answer_due),
            decision_due=_when(complaint.decision_due),
        )
    ctx.update(params)
    if isinstance(ctx["labels"], list):
        separator = pgettext("separator between items of a list", ", ")
        ctx["labels"] = separator.join(str(LABEL_NAMES.get(code, code)) for code in ctx["labels"])
    return ctx
