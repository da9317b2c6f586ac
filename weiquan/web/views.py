import json

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render

from weiquan.members.models import Member
from weiquan.notifications.models import Notification
from weiquan.notifications.services import mark_read
from weiquan.notifications.services import render as render_notification

from . import demo
from .common import member_page, page
from .views_privacy import received_messages


def home(request):
    """Signed in: straight to the page for the role. Otherwise the welcome page."""
    user = request.user
    if user.is_authenticated:
        if user.is_handler:
            return redirect("staff_queue")
        if user.stores.exists() and not user.purchases.exists():
            return redirect("seller_complaints")
        return redirect("buyer_cases")
    return render(request, "web/home.html")


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Only where the demo marketplace is loaded on a development server.
        if settings.DEBUG and Member.objects.filter(username="kefu_xiao").exists():
            context["demo_logins"] = demo.logins()
        return context


@member_page
def inbox(request):
    """Notifications, rendered in the reader's language; opening the inbox marks them read."""
    items = list(Notification.objects.filter(recipient=request.user)
                 .select_related("complaint__trade", "appeal__penalty__complaint__trade")[:100])
    # A harmful message (issue 6 §3): offer to complain with it attached, about its order.
    harmful = {json.loads(item.params or "{}").get("message"): item for item in items if item.kind == "harmful_message"}
    received = {m.external_id: m for m in received_messages(request.user, list(harmful))}
    rows = []
    for item in items:
        subject, body = render_notification(item)
        message = received.get(json.loads(item.params or "{}").get("message")) if item.kind == "harmful_message" else None
        rows.append({"item": item, "subject": subject, "body": body, "message": message,
                     "complaint_id": item.complaint_id or (item.appeal.penalty.complaint_id if item.appeal_id else None)})
    if request.method == "POST":
        mark_read(request.user)
        return redirect("inbox")
    return page(request, "web/inbox.html", {"nav": "inbox", "rows": rows})
