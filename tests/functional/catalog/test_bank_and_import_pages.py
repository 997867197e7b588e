"""Bank details are never shown in full after saving, on any page; the bulk
import page, its template downloads, its progress endpoint and job page."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from oscar.core.loading import get_model

from catalog.producers.services.imports import HEADER

ProducerBankAccount = get_model("catalogue", "ProducerBankAccount")
ImportJob = get_model("catalogue", "ImportJob")
Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db

NUMBER = "1234567890"


def save_bank(client, **overrides):
    data = {"bank": "kbank", "account_name": "กลุ่มทอผ้าไหม เอ", "account_number": "123-4-56789-0"}
    data.update(overrides)
    return client.post("/dashboard/portal/bank/", data)


def test_bank_details_are_saved_and_every_page_shows_them_masked(client, member_a, office, product_a):
    client.force_login(member_a)
    assert save_bank(client).status_code == 302
    assert ProducerBankAccount.objects.get().account_number == NUMBER

    pages = ["/dashboard/portal/bank/", "/dashboard/portal/activity/", "/dashboard/portal/"]
    for url in pages:
        html = client.get(url).content.decode()
        assert NUMBER not in html and "123-4-56789-0" not in html, url
    assert "••••••7890" in client.get("/dashboard/portal/bank/").content.decode()

    client.force_login(office)
    client.post("/dashboard/portal/act-as/", {"producer": product_a.producer_id})
    for url in pages:
        assert NUMBER not in client.get(url).content.decode(), url


def test_the_form_never_echoes_a_number_back_even_when_another_field_is_wrong(client, member_a):
    client.force_login(member_a)

    response = save_bank(client, bank="no-such-bank", account_number="5556667778")

    assert response.status_code == 400 and "bank" in response.context["form"].errors
    assert "5556667778" not in response.content.decode()
    assert not ProducerBankAccount.objects.exists()


def test_an_empty_number_keeps_the_saved_one_and_a_bad_one_is_refused(client, member_a):
    client.force_login(member_a)
    save_bank(client)

    assert save_bank(client, bank="scb", account_number="").status_code == 302
    bad = save_bank(client, account_number="12-34")

    assert bad.status_code == 400 and "account_number" in bad.context["form"].errors
    account = ProducerBankAccount.objects.get()
    assert (account.bank, account.account_number) == ("scb", NUMBER)


def test_the_first_save_needs_a_number(client, member_a):
    client.force_login(member_a)

    response = save_bank(client, account_number="")

    assert "account_number" in response.context["form"].errors


# --- Bulk import pages ---------------------------------------------------------------------------


def test_the_import_page_says_all_or_nothing_and_offers_both_templates(client, member_a):
    client.force_login(member_a)

    html = client.get("/dashboard/portal/import/").content.decode()
    csv_response = client.get("/dashboard/portal/import/template.csv")
    xlsx_response = client.get("/dashboard/portal/import/template.xlsx")

    # The dashboard is unprefixed, so it renders in Thai (the default language).
    with translation.override("th"):
        all_or_nothing = translation.gettext("All-or-nothing:")
    assert all_or_nothing != "All-or-nothing:" and all_or_nothing in html
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    assert csv_response.content.decode("utf-8-sig").splitlines()[0] == ",".join(HEADER)
    assert xlsx_response.status_code == 200 and xlsx_response.content.startswith(b"PK")
    assert client.get("/dashboard/portal/import/template.exe").status_code == 404


def test_uploading_a_file_runs_the_import_and_the_page_and_json_report_it(
    client, member_a, textiles, silk_category, django_capture_on_commit_callbacks
):
    client.force_login(member_a)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["sku", "title_th", "otop_type", "category", "price_thb"])
    writer.writeheader()
    writer.writerow(
        {"sku": "OK-1", "title_th": "ผ้าไหม", "otop_type": "textiles", "category": "silk", "price_thb": "500"}
    )
    writer.writerow(
        {"sku": "BAD-1", "title_th": "ผ้าไหม 2", "otop_type": "textiles", "category": "silk", "price_thb": "-1"}
    )
    upload = SimpleUploadedFile("products.csv", out.getvalue().encode(), content_type="text/csv")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/dashboard/portal/import/", {"file": upload})

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/dashboard/portal/import/{job.pk}/"
    status = client.get(f"/dashboard/portal/import/{job.pk}/status.json").json()
    assert status["status"] == "failed" and status["finished"] and status["percent"] == 100
    assert [(e["row"], e["field"]) for e in status["errors"]] == [(3, "price_thb")]
    page = client.get(f"/dashboard/portal/import/{job.pk}/").content.decode()
    assert "js/catalog/import-progress.js" in page and "<td>3</td>" in page
    assert not Product.objects.exists()


def test_a_file_that_is_not_csv_or_xlsx_is_refused_at_the_field(client, member_a):
    client.force_login(member_a)

    response = client.post("/dashboard/portal/import/", {"file": SimpleUploadedFile("x.exe", b"MZ\x00\x00")})

    assert response.status_code == 400 and "file" in response.context["form"].errors
    assert not ImportJob.objects.exists()


def test_the_django_admin_shows_bank_details_masked_too(client, member_a):
    from tests.factories.catalog import UserFactory

    client.force_login(member_a)
    save_bank(client)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    account = ProducerBankAccount.objects.get()

    for url in (
        "/django-admin/catalogue/producerbankaccount/",
        f"/django-admin/catalogue/producerbankaccount/{account.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert NUMBER not in response.content.decode() and "••••••7890" in response.content.decode()
