"""Oscar's customer views that the shop changes (get_class finds this
module before Oscar's; every other view stays Oscar's)."""

from django.conf import settings
from django.contrib.auth import logout as auth_logout
from django.shortcuts import redirect
from django.views import generic


class LogoutView(generic.TemplateView):
    """Logging out changes state, so only a POST (with Django's CSRF check)
    does it. Oscar's view logged out on GET, so any page could log a
    customer out with an image or a link (#16). A GET shows a confirmation
    page whose button posts the form; the site header posts it directly."""

    template_name = "oscar/customer/logout.html"
    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(settings.OSCAR_HOMEPAGE)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        auth_logout(request)
        response = redirect(settings.OSCAR_HOMEPAGE)
        for cookie in settings.OSCAR_COOKIES_DELETE_ON_LOGOUT:
            response.delete_cookie(cookie)
        return response
