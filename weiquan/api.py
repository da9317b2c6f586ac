"""The integration API: one NinjaAPI, each app contributes a router from its api.py."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer

from weiquan.errors import DomainError
from weiquan.members.services import member_for_token


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        member = member_for_token(token)
        if member is not None:
            request.user = member
        return member


api = NinjaAPI(
    title="weiquan",
    version="1",
    description="Rights protection for online marketplaces: complaints, penalties, appeals.",
    auth=BearerToken(),
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request, exc):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    body = {"code": "invalid_input", "message": _("Some fields are missing or not valid."),
            "details": exc.errors}
    return api.create_response(request, body, status=422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    body = {"code": "unauthenticated", "message": _("A valid bearer token is required.")}
    return api.create_response(request, body, status=401)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"code": "not_found", "message": _("Not found.")}, status=404)


def _mount_routers():
    from weiquan.complaints.api import router as complaints
    from weiquan.members.api import router as members
    from weiquan.notifications.api import router as notifications
    from weiquan.penalties.api import router as penalties
    from weiquan.relay.api import router as relay
    from weiquan.risk.api import router as risk
    from weiquan.rulebook.api import router as rulebooks
    from weiquan.trades.api import router as trades
    from weiquan.warnings.api import router as warnings

    api.add_router("", trades)
    api.add_router("", complaints)
    api.add_router("", penalties)
    api.add_router("", notifications)
    api.add_router("", rulebooks)
    api.add_router("", relay)
    api.add_router("", risk)
    api.add_router("", members)
    api.add_router("", warnings)


_mount_routers()
