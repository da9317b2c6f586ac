"""What every page shares: access checks, rendering, and turning a DomainError into a
message beside the form (the house rule: views parse, call the services, render)."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from weiquan.errors import DomainError, NotFound
from weiquan.members.models import AgencyGrant, AgencyRight, Store
from weiquan.notifications.models import Notification


def member_page(view):
    """Any signed-in member. What they see is narrowed by the services (a case that is not
    yours is 404)."""
    return login_required(view)


def staff_page(view):
    """Staff (member.is_handler) only; to everyone else the page does not exist."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_handler:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def page(request, template, context=None, status=200):
    context = dict(context or {})
    context.setdefault("max_upload_mb", settings.WEIQUAN_EVIDENCE_MAX_BYTES // (1024 * 1024))
    user = request.user
    if user.is_authenticated and not user.is_handler and "is_seller" not in context:
        context["is_seller"] = Store.objects.filter(owner=user).exists()
    if user.is_authenticated and not user.is_handler and "serves_stores" not in context:
        # An agency (代运营, RULES 1.3) handling warnings for someone else's store.
        context["serves_stores"] = context["is_seller"] or AgencyGrant.objects.filter(
            agency=user, right=AgencyRight.HANDLE_WARNINGS, revoked_at__isnull=True).exists()
    if user.is_authenticated and "unread" not in context:
        context["unread"] = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return render(request, template, context, status=status)


def error_page(request, title, message, status=400):
    """A page-level action that cannot be done (say, the privacy waybill link when no
    virtual number is free): a translated page with the reason and a way back, never plain
    text. "Go back" is the page the link was on, when that page is ours."""
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = ""
    return page(request, "web/error.html", {"title": title, "message": message, "back": back},
                status=status)


def or_404(service, *args, **kwargs):
    """Call a read service; its NotFound (a case that is not yours) becomes a 404 page."""
    try:
        return service(*args, **kwargs)
    except NotFound as exc:
        raise Http404 from exc


class Attempt:
    """`with Attempt() as a: service(...)`; afterwards `a.error` holds the DomainError's
    message (NotFound becomes a 404 page: a case that is not yours does not exist)."""

    def __init__(self):
        self.error = None
        self.code = None
        self.status = 200
        self.details = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None:
            return False
        if isinstance(exc, NotFound):
            raise Http404 from exc
        if isinstance(exc, DomainError):
            self.error, self.code, self.status = exc.message, exc.code, exc.status
            self.details = exc.details
            return True
        return False

    @property
    def failed(self):
        return self.error is not None


def act_on(request, *, url_name, object_id, form, action, show_again):
    """Run a page action in one transaction (a POST; anything else goes back to the page).

    On a DomainError, `show_again(error)` renders the page anew with the message beside
    `form` and what was typed kept; on success, the service's message is flashed and the
    browser goes back to that form on the page.
    """
    if request.method != "POST":
        return redirect(url_name, object_id)
    attempt = Attempt()
    with attempt, transaction.atomic():
        done = action()
    if attempt.failed:
        return show_again(attempt)
    if done:
        messages.success(request, done)
    return redirect(reverse(url_name, args=[object_id]) + f"#{form}")
