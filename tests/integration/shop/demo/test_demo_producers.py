"""What load_demo_data adds for producers: passport data, certifications,
example listings in each state, and a registration waiting in the queue."""

from oscar.core.loading import get_model

from catalog.producers.services.certifications import certification_expiry_warnings_send
from shop.demo.accounts import DEMO_PRODUCER_SLUG
from tests.factories.demo import load_demo_data

Product = get_model("catalogue", "Product")
Certification = get_model("catalogue", "Certification")
ProducerApplication = get_model("catalogue", "ProducerApplication")


def test_the_demo_shows_passports_listing_states_and_a_pending_registration(demo, client, mailoutbox):
    counts = (Certification.objects.count(), ProducerApplication.objects.count(), Product.objects.count())
    load_demo_data()
    assert (Certification.objects.count(), ProducerApplication.objects.count(), Product.objects.count()) == counts

    states = dict(
        Product.objects.filter(producer__slug=DEMO_PRODUCER_SLUG)
        .exclude(listing_status="published")
        .values_list("listing_status", "is_public")
    )
    assert states == {"draft": False, "submitted": False, "rejected": False}
    assert Product.objects.get(producer__slug=DEMO_PRODUCER_SLUG, listing_status="rejected").review_comment
    assert not Product.objects.filter(listing_status="published", is_public=False).exists()

    silk = Product.objects.filter(producer__slug=DEMO_PRODUCER_SLUG, listing_status="published").first()
    assert (silk.fibre, silk.origin_tambon) == ("silk", "สันกำแพง")
    assert Product.objects.filter(dye_source_plant="indigo", dye_type="natural").exists()
    assert Product.objects.filter(digital_wallet_eligible=True).exists()

    kinds = {c.kind: c.is_valid for c in Certification.objects.all()}
    assert kinds["gmp_haccp"] is False and kinds["tcps"] is True
    assert certification_expiry_warnings_send() == 1  # the organic certificate expiring in 20 days

    assert ProducerApplication.objects.get().status == "pending"
    assert client.login(username="office@demo.otop", password="office-demo-2568")
    assert "กลุ่มผ้าย้อมครามบ้านออนเหนือ" in client.get("/dashboard/producers/").content.decode()
    assert client.login(username="producer@demo.otop", password="producer-demo-2568")
    portal = client.get("/dashboard/portal/").content.decode()
    for title in ("(draft)", "(in review)", "Silk scarf (rejected)"):
        assert title in portal
    rejected_only = client.get("/dashboard/portal/?status=rejected").content.decode()
    assert "Silk scarf (rejected)" in rejected_only and "(in review)" not in rejected_only
