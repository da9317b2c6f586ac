from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render

from . import demo


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
        context["demo_logins"] = demo.logins()
        return context
