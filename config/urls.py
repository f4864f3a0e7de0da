from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from annotation.frontend import api_not_found, spa

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/", include("annotation.api.urls")),
    re_path(r"^api/[\s\S]*$", api_not_found),  # [\s\S]: a path with a newline in it too
    re_path(r"^(?!static/|media/|ws/).*$", spa, name="spa"),
]

handler400 = "annotation.api.errors.bad_request"
handler403 = "annotation.api.errors.permission_denied"
handler500 = "annotation.api.errors.server_error"
