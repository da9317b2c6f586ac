"""Readable labels for codes stored without choices (tiers on penalties, point classes,
states in the audit trail)."""

from django import template

from weiquan import labels
from weiquan.complaints.models import Tier

register = template.Library()


@register.filter
def tier_label(code):
    return Tier(code).label if code in Tier.values else code


@register.filter
def point_class_label(code):
    return labels.POINT_CLASSES.get(code, code)


@register.filter
def state_label(code):
    return labels.state_label(code)
