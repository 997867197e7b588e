"""Two django-oscar 500s the form garbage walk found, fixed in our
overrides: a review form shown again with errors, and a wish list post that
ticks "delete" on a shared-email row."""

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from tests.factories.catalog import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

WishList = get_model("wishlists", "WishList")
WishListSharedEmail = get_model("wishlists", "WishListSharedEmail")
ProductReview = get_model("reviews", "ProductReview")


def en(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def customer(client):
    user = UserFactory(email="tourist@example.com")
    client.force_login(user)
    return user


def test_a_review_with_a_score_but_no_title_comes_back_with_the_error_not_a_500(client, customer):
    product = ProductFactory()
    url = en("catalogue:reviews-add", product_slug=product.slug, product_pk=product.pk)

    response = client.post(url, {"title": "", "score": "4", "body": "Lovely silk"})

    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert b'class="star-rating Four"' in response.content  # the chosen score is still shown
    assert not ProductReview.objects.exists()


def shared_emails_post(name: str, **rows) -> dict:
    data = {"name": name, "visibility": WishList.SHARED, "shared_emails-INITIAL_FORMS": "0",
            "shared_emails-TOTAL_FORMS": "1", "shared_emails-MIN_NUM_FORMS": "0",
            "shared_emails-MAX_NUM_FORMS": "1000"}  # fmt: skip
    data.update({f"shared_emails-0-{key}": value for key, value in rows.items()})
    return data


def test_a_new_wish_list_ignores_a_shared_email_row_marked_for_deletion_even_if_it_is_garbage(client, customer):
    response = client.post(en("customer:wishlists-create"),
                           shared_emails_post("Gifts", email="not an email", DELETE="☃"))  # fmt: skip

    assert response.status_code == 302
    wishlist = WishList.objects.get(owner=customer)
    assert wishlist.name == "Gifts"
    assert not WishListSharedEmail.objects.exists()


def test_a_shared_email_marked_for_deletion_on_an_existing_wish_list_is_deleted(client, customer):
    wishlist = WishList.objects.create(owner=customer, name="Gifts", visibility=WishList.SHARED)
    shared = WishListSharedEmail.objects.create(wishlist=wishlist, email="friend@example.com")
    data = shared_emails_post("Gifts", id=str(shared.pk), wishlist=str(wishlist.pk), email=shared.email, DELETE="on")
    data["shared_emails-INITIAL_FORMS"] = "1"

    response = client.post(en("customer:wishlists-update", key=wishlist.key), data)

    assert response.status_code == 302
    assert not WishListSharedEmail.objects.exists()
