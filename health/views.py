import logging

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import checks

log = logging.getLogger("kieumau.csp")
MAX_REPORT_BYTES = 8 * 1024


@require_GET
def health(request):
    """For the load balancer, no login: states only ("ok", "stale", …), never versions, paths, counts or errors."""
    body, status = checks.report()
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt  # browsers post violation reports without our token
@require_POST
def csp_report(request):
    """Browsers report what the Content-Security-Policy blocked: logged (truncated) for the operators, always 204."""
    body = request.read(MAX_REPORT_BYTES).decode("utf-8", "replace")
    log.warning("CSP violation from %s: %s", request.META.get("REMOTE_ADDR", "?"), body.replace("\n", " "))
    return HttpResponse(status=204)
