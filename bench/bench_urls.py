"""weiquan's URLs plus `bench/bare-insert`: the cheapest honest Django write, one row
inserted per request through the same middleware stack, to compare the API against."""

from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from weiquan.urls import urlpatterns as weiquan_urlpatterns

BARE_TABLE = "bench_bare_row"


@csrf_exempt
def bare_insert(request):
    if request.GET.get("ping"):  # readiness probe: writes nothing
        return JsonResponse({"ok": True})
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {BARE_TABLE} (at, note) VALUES (%s, %s)", [timezone.now(), "bench"])
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/bare-insert", bare_insert), *weiquan_urlpatterns]
