from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import health_report


@never_cache
@require_safe  # GET and HEAD: some load balancers probe with HEAD
def healthz(request: HttpRequest) -> JsonResponse:
    """Load balancers and monitors read this: 200 when every configured
    component answers, 503 when one of them does not."""
    report = health_report()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)
