import hmac

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import readiness_report, status_report


@never_cache
@require_safe  # GET and HEAD: some load balancers probe with HEAD
def healthz_live(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. Touches no database, cache or broker."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Readiness, for the load balancer (/healthz/ready/ and /healthz/):
    200 when the database answers, 503 when it does not. The cache, the
    broker and the workers are not required to serve (shop/health.py)."""
    report = readiness_report()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


def _may_read_status(request: HttpRequest) -> bool:
    token = settings.HEALTH_STATUS_TOKEN
    if token:
        scheme, _sep, given = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
            return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


@never_cache
@require_safe
def healthz_status(request: HttpRequest) -> JsonResponse:
    """The monitoring page: 200 when nothing needs attention, 503 with the
    list of alerts otherwise. Staff, or the HEALTH_STATUS_TOKEN bearer."""
    if not _may_read_status(request):
        return JsonResponse({"status": "forbidden"}, status=403)
    report = status_report()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)
