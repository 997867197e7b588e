"""Admin choosers for catalogue models, so StreamField blocks can point at
Oscar's products, our producers and the districts.

Products stay Oscar's (edited in /dashboard/): we register a chooser only,
not a snippet, so the Wagtail admin gets a "Choose a product" modal and no
second editing interface for the catalogue. Models are named by string and
resolved lazily, because blocks are built before the app registry is ready.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet


class _ChooseOnlyViewSet(ChooserViewSet):
    """A chooser with no "create" URL. Wagtail registers create/ on every
    chooser, and with no creation form its POST raised AttributeError (a
    500, role matrix, issue 16). These rows are made in the dashboard and
    the portal, never from a chooser: the URL is not there at all (404)."""

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "create"]


class _SearchForm(BaseFilterForm):
    """Plain ORM search over a few text fields: the catalogue is not in
    Wagtail's search index (Oscar has its own), and substring matching also
    works for Thai, which has no spaces between words."""

    search_fields: tuple[str, ...] = ()

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            condition = Q()
            for name in self.search_fields:
                condition |= Q(**{f"{name}__icontains": query})
            objects = objects.filter(condition)
            self.is_searching = True
            self.search_query = query
        return objects


class ProductSearchForm(_SearchForm):
    search_fields = ("title", "title_en", "title_zh_hans", "upc", "producer__name_th", "producer__name_en")


class ProducerSearchForm(_SearchForm):
    search_fields = ("name_th", "name_en", "slug")


class DistrictSearchForm(_SearchForm):
    search_fields = ("name_th", "name_en", "name_zh_hans", "code")


class _ProductColumnsMixin:
    filter_form_class = ProductSearchForm

    @property
    def columns(self):
        return [
            self.title_column,
            Column("producer", label=_("Producer"), accessor="producer"),
            Column("is_public", label=_("Public"), accessor=lambda p: _("yes") if p.is_public else _("no")),
        ]


class ProductChooseView(_ProductColumnsMixin, ChooseView):
    pass


class ProductChooseResultsView(_ProductColumnsMixin, ChooseResultsView):
    pass


class ProductChooserViewSet(_ChooseOnlyViewSet):
    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Edit product")
    per_page = 20
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView

    def get_object_list(self):
        # Child products (variants) are sold through their parent: offer
        # standalone and parent products only. Non-public ones stay choosable
        # (an editor may prepare a story before a product goes on sale); the
        # product block hides them on the site until they are public.
        from oscar.core.loading import get_model

        Product = get_model("catalogue", "Product")
        return Product.objects.exclude(structure=Product.CHILD).select_related("producer").order_by("-date_created")


class ProducerChooseView(ChooseView):
    filter_form_class = ProducerSearchForm


class ProducerChooseResultsView(ChooseResultsView):
    filter_form_class = ProducerSearchForm


class ProducerChooserViewSet(_ChooseOnlyViewSet):
    model = "catalogue.Producer"
    icon = "group"
    choose_one_text = _("Choose a producer")
    choose_another_text = _("Choose another producer")
    edit_item_text = _("Edit producer")
    per_page = 20
    choose_view_class = ProducerChooseView
    choose_results_view_class = ProducerChooseResultsView


class DistrictChooseView(ChooseView):
    filter_form_class = DistrictSearchForm


class DistrictChooseResultsView(ChooseResultsView):
    filter_form_class = DistrictSearchForm


class DistrictChooserViewSet(_ChooseOnlyViewSet):
    model = "catalogue.District"
    icon = "site"
    choose_one_text = _("Choose a district")
    choose_another_text = _("Choose another district")
    edit_item_text = _("Edit district")
    per_page = 25
    choose_view_class = DistrictChooseView
    choose_results_view_class = DistrictChooseResultsView


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="choose/product")
producer_chooser_viewset = ProducerChooserViewSet("producer_chooser", url_prefix="choose/producer")
district_chooser_viewset = DistrictChooserViewSet("district_chooser", url_prefix="choose/district")
