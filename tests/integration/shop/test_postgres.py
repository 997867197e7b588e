"""What production relies on from PostgreSQL. Skipped with a reason unless
DATABASE_URL points at PostgreSQL (CI runs these)."""

import pytest
from django.db import connection

from tests.factories.catalog import Partner, PartnerFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_database_is_a_postgresql_release_django_supports():
    assert connection.vendor == "postgresql"
    assert connection.pg_version >= 140000  # Django 5.2 needs PostgreSQL 14+


def test_database_stores_text_as_utf8():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        (encoding,) = cursor.fetchone()

    assert encoding == "UTF8"


def test_thai_names_round_trip_and_match_by_substring():
    PartnerFactory(name="วิสาหกิจชุมชนทอผ้าไหมบ้านออนหลวย")

    found = Partner.objects.filter(name__icontains="ผ้าไหม")

    assert [partner.name for partner in found] == ["วิสาหกิจชุมชนทอผ้าไหมบ้านออนหลวย"]


def test_connections_are_reused_and_checked_before_use():
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert connection.settings_dict["CONN_MAX_AGE"] > 0
