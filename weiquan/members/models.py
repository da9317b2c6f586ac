import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Member(AbstractUser):
    """Anyone with an account: buyers, sellers, agencies, platform staff, integrations.

    Buying and selling are not roles held up front: a member is a buyer on the trades it
    bought and a seller for the stores it owns. Staff (处理人) and platform (the
    marketplace's own systems) are roles granted explicitly.
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        STAFF = "staff", _("staff handler")
        PLATFORM = "platform", _("platform system")

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    nickname = models.CharField(_("nickname"), max_length=64, blank=True)
    language = models.CharField(_("language"), max_length=8, default="zh-hans")

    @property
    def is_handler(self):
        return self.role == self.Role.STAFF

    @property
    def is_platform(self):
        return self.role == self.Role.PLATFORM

    def display_name(self):
        return self.nickname or self.username


class Store(models.Model):
    """A store (店铺) a seller owns. Sanctions such as hiding apply to it."""

    name = models.CharField(_("store name"), max_length=128, unique=True)
    owner = models.ForeignKey(Member, models.PROTECT, related_name="stores", verbose_name=_("owner"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("store")
        verbose_name_plural = _("stores")

    def __str__(self):
        return self.name


class ApiToken(models.Model):
    """A bearer token. Only its SHA-256 is stored, so a leaked table leaks no tokens."""

    member = models.ForeignKey(Member, models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    @staticmethod
    def digest_of(raw):
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, member, label=""):
        raw = "wq_" + secrets.token_urlsafe(32)
        cls.objects.create(member=member, digest=cls.digest_of(raw), label=label)
        return raw


class AgencyRight(models.TextChoices):
    """What a store owner may let an agency (代运营, RULES 1.3) do for its store."""

    ANSWER_COMPLAINTS = "answer_complaints", _("see and answer harassment complaints")
    HANDLE_WARNINGS = "handle_warnings", _("handle malicious-order warnings and complaints")
    APPEAL = "appeal", _("see penalties and appeal them")


class AgencyGrant(models.Model):
    """One right an owner granted an agency for one store (RULES 1.3). Revoking sets
    `revoked_at`; the row stays, so who could act when remains answerable."""

    store = models.ForeignKey(Store, models.CASCADE, related_name="agency_grants")
    agency = models.ForeignKey(Member, models.CASCADE, related_name="agency_grants")
    right = models.CharField(max_length=24, choices=AgencyRight.choices)
    granted_by = models.ForeignKey(Member, models.PROTECT, related_name="+")
    granted_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["store", "agency", "right"],
                                    condition=models.Q(revoked_at__isnull=True),
                                    name="one_live_grant_per_right"),
        ]
        indexes = [models.Index(fields=["agency", "right", "revoked_at"])]

    def __str__(self):
        return f"{self.agency_id} {self.right} for store {self.store_id}"
