"""Admin forms given an empty or partial POST answer with a refusal or the
form's errors, never a 500, and write nothing (issue 16; found by the role
matrix, test_role_matrix.py)."""

import pytest
from django.apps import apps
from django.urls import reverse

from tests.factories.catalog import UserFactory, category_get_or_create

pytestmark = pytest.mark.django_db

# Rows only code creates (the basket, the review page, the order, the offer
# dashboard, the portal's import, the payment services, Stripe's webhook).
CODE_CREATED = [
    ("address", "useraddress"),
    ("basket", "line"),
    ("offer", "benefit"),
    ("offer", "condition"),
    ("reviews", "vote"),
    ("voucher", "voucherapplication"),
    ("catalogue", "importjob"),
    ("payment", "paymentattempt"),
    ("payment", "stripeevent"),
]


@pytest.fixture
def superuser(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize(("app_label", "model_name"), CODE_CREATED)
def test_the_django_admin_refuses_to_add_a_row_only_code_creates(client, superuser, app_label, model_name):
    model = apps.get_model(app_label, model_name)
    url = reverse(f"admin:{app_label}_{model_name}_add")

    response = client.post(url, {})

    assert response.status_code == 403
    assert not model.objects.exists()


@pytest.mark.parametrize(("app_label", "model_name"), CODE_CREATED)
def test_the_django_admin_list_of_a_row_only_code_creates_has_no_add_button(client, superuser, app_label, model_name):
    response = client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))

    assert response.status_code == 200
    assert reverse(f"admin:{app_label}_{model_name}_add") not in response.content.decode()


def test_an_invalid_category_form_is_shown_again_with_its_errors_and_changes_nothing(client, superuser):
    category = category_get_or_create("silk", name="Silk")

    response = client.post(reverse("dashboard:catalogue-category-update", kwargs={"pk": category.pk}), {})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert category.get_absolute_url() in response.content.decode()  # the link of the stored category
    category.refresh_from_db()
    assert (category.name, category.slug) == ("Silk", "silk")
