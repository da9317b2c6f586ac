"""Readable labels for codes stored without choices (tiers on penalties, point classes,
states in the audit trail)."""

from django import template
from django.utils.translation import gettext_lazy as _

from weiquan.complaints.models import State, Tier
from weiquan.penalties.models import Appeal, Penalty

register = template.Library()

POINT_CLASSES = {
    "general": _("general violation points"),
    "serious": _("serious violation points"),
    "A": _("class A points"),
    "B": _("class B points"),
}
STATES = {**dict(State.choices), **dict(Appeal.State.choices), **dict(Penalty.State.choices)}


@register.filter
def tier_label(code):
    return Tier(code).label if code in Tier.values else code


@register.filter
def point_class_label(code):
    return POINT_CLASSES.get(code, code)


@register.filter
def state_label(code):
    return STATES.get(code, code)
