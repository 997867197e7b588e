"""Oscar's category update view, re-rendering an invalid form safely.

Oscar's view renders the page with the form's instance, which the invalid
form has already changed: an emptied slug made the "View on site" link
(``category.get_absolute_url``) raise NoReverseMatch, a 500 instead of the
form with its errors (role matrix, issue 16). The page is rendered with the
stored category instead; the form keeps what was typed and its errors.
Installed by catalog/dashboard_catalogue.py.
"""

from oscar.apps.dashboard.catalogue.views import CategoryUpdateView as OscarCategoryUpdateView


class CategoryUpdateView(OscarCategoryUpdateView):
    def form_invalid(self, form):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(form=form))
