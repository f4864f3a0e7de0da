"""Serve the built browser app (frontend/dist/index.html) for every non-API path."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie


@ensure_csrf_cookie
def spa(request: HttpRequest) -> HttpResponse:
    index = settings.FRONTEND_DIST / "index.html"
    if not index.is_file():
        return HttpResponse(
            "<h1>Masklet</h1><p>The browser app is not built: run <code>make frontend</code>. "
            'The API is at <a href="/api/docs/">/api/docs/</a>.</p>',
            status=503,
        )
    response = HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


# Exempt: whatever the method, an unknown API path is a JSON 404, not Django's HTML CSRF page
# (it reads and changes nothing, so there is nothing for CSRF to protect).
@csrf_exempt
def api_not_found(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"detail": f"There is no API endpoint at {request.path}."}, status=404)
