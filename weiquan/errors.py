"""Domain errors: a stable code for machines, a translated message for people.

Services raise these; the API turns them into `{"code", "message"}` JSON with the
status below, and pages show the message beside the form.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 422
    code = "invalid_input"
    default_message = _("The request is not valid.")

    def __init__(self, code=None, message=None, *, status=None, details=None):
        self.code = code or self.code
        self.message = message if message is not None else self.default_message
        if status is not None:
            self.status = status
        self.details = details
        super().__init__(f"{self.code}: {self.message}")

    def as_dict(self):
        body = {"code": self.code, "message": str(self.message)}
        if self.details is not None:
            body["details"] = self.details
        return body


class NotFound(DomainError):
    """Also what a party gets for someone else's case: it must not learn that it exists."""

    status = 404
    code = "not_found"
    default_message = _("Not found.")


class Conflict(DomainError):
    status = 409
    code = "conflict"
    default_message = _("Someone else changed this first; reload and try again.")


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
    default_message = _("You may not do this.")
