"""Hostile query strings on every URL, as every role (issue 16): NUL bytes,
control characters and invalid UTF-8 (refused at the edge with a 400 by
shop.request_guard), then 10,000-character values, wrong numbers and
SQL/HTML/template snippets (the view answers with a page, a form error or a
4xx). Never a 500, never a change to the database, never an unescaped
script reflected into a page, never a redirect off the site.

The URLs and each role's answer come from the role matrix
(test_role_matrix.py), the parameters from hostile.py: a generic list
grepped from the views, plus the fields of the GET forms and the parameters
of the links each page renders. The POST forms get the same values in the
form garbage walk (test_form_garbage.py).

What a role gets:
- every URL: each edge class (nul, bad_utf8, control) in every parameter at
  once, and in the last segment of the path: 400, from the guard (a
  bad_utf8 path, which Django turns into "%FF" text, as the first role only
  and only never a 500);
- URLs whose view runs for the role (a 200, 302 or 404 in the matrix; rows
  that answer every role alike only for anonymous, the customer and
  producer A): the page itself (to read its parameters), then each view
  class (huge, numbers, injection) in all its parameters at once, or on a
  302/404 the injection class only;
- the first role that gets the page (or whose view runs, when nobody gets
  a 200), per URL: each parameter the view reads alone, with a NUL and with
  one view class (all at once, one bad value can hide another behind a form
  error).

The world is built once for the module, in a transaction rolled back at the
end; each request runs in a savepoint, so a database error on PostgreSQL
does not poison the requests after it. HOSTILE_REPORT=path appends the
counts, seconds per class and problems to a file; HOSTILE_ROLES=customer,...
sweeps those roles only (the others are skipped).

On PostgreSQL (DATABASE_URL=postgres://...) the NUL cases are the 500s of
item 13; on SQLite, which stores NUL, they check the guard's 400."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from shop.common.roles import CENTER_STAFF, OFFICE_ADMIN, roles_sync
from tests.factories.catalog import UserFactory
from tests.factories.pages import install_home_page
from tests.functional.security import garbage, hostile
from tests.functional.security.role_data import ROLES, world_build
from tests.functional.security.test_form_garbage import where
from tests.functional.security.test_role_matrix import EXPECTED, LAST_KEYS, checks

# Rows every role answers alike are swept as these roles only.
ALIKE_ROLES = ("anonymous", "customer", "producer_a")
RUNS_VIEW = ("200", "302", "404")


@dataclass
class Result:
    gets: Counter = field(default_factory=Counter)  # per role
    by_class: Counter = field(default_factory=Counter)
    seconds: Counter = field(default_factory=Counter)  # per class
    urls: Counter = field(default_factory=Counter)  # URLs swept per role
    problems: dict = field(default_factory=lambda: defaultdict(list))
    alone_done: set = field(default_factory=set)  # keys whose parameters went alone
    known: dict = field(default_factory=lambda: defaultdict(list))  # KNOWN_ON_SQLITE: lines by reason


# 500s of Wagtail's admin on SQLite only, the development database (the
# same requests on PostgreSQL answer a page: run the sweep there). Counted
# and printed, not failed; anything else is a failure.
KNOWN_ON_SQLITE = {
    "OverflowError": "a 20-digit id in a filter of Wagtail's page listing (site, owner, content_type): "
    "Django checks integer ranges on PostgreSQL, SQLite's driver raises",
    "fts5": "a search with quotes and brackets in Wagtail's admin: SQLite's FTS5 query syntax",
}


def _known_on_sqlite(key: str, exc: BaseException) -> str | None:
    if connection.vendor != "sqlite" or not key.startswith("cms/ "):
        return None
    for marker, reason in KNOWN_ON_SQLITE.items():
        if marker in f"{type(exc).__name__}: {exc}" and not (marker == "OverflowError" and "SQLite" not in str(exc)):
            return reason
    return None


def _path_with_last_segment(url: str, segment: str) -> str:
    path = url.split("?")[0]
    parts = path.split("/")
    last = max((i for i, part in enumerate(parts) if part), default=None)
    if last is None:
        return "/" + segment + "/"
    parts[last] = segment
    return "/".join(parts)


# The guard's refusal is the same page for every URL (its own test below
# checks it): the sweep asks for the short JSON form of it.
EDGE_HEADERS = {"Accept": "application/json"}
PATH_SEGMENTS = {"nul": "a%00b", "bad_utf8": "%ff%fe", "control": "a%01b"}


class Sweeper:
    def __init__(self, world, result: Result):
        self.world = world
        self.result = result

    def get(self, client, role: str, key: str, url: str, klass: str, *, refused: bool = False, **headers):
        """One GET, checked: never a 500, a 400 when the guard must refuse
        it, no reflected script, no redirect off the site."""
        self.result.gets[role] += 1
        self.result.by_class[klass] += 1
        label = f"{key} [{klass}] {url[:140]!r}"
        started = time.perf_counter()
        try:
            with transaction.atomic():
                response = client.get(url, headers=headers)
        except Exception as exc:  # the test client re-raises what would be a 500
            line = f"{label}: 500 {type(exc).__name__}: {str(exc)[:100]} at {where(exc)}"
            known = _known_on_sqlite(key, exc)
            (self.result.known[known] if known else self.result.problems[role]).append(line)
            return None
        finally:
            self.result.seconds[klass] += time.perf_counter() - started
        status = response.status_code
        if status >= 500:
            self.result.problems[role].append(f"{label}: {status}")
        elif refused and status != 400:
            self.result.problems[role].append(f"{label}: {status}, not refused at the edge (400)")
        if "html" in response.get("Content-Type", "") and hostile.REFLECTED.encode() in response.content:
            self.result.problems[role].append(f"{label}: reflects the script unescaped")
        if response.get("Location", "").startswith(hostile.OFFSITE):
            self.result.problems[role].append(f"{label}: redirects off the site ({response['Location']})")
        return response

    def role(self, client: Client, role: str) -> None:
        user = self.world.users[role]
        column = ROLES.index(role)

        def login():
            if user is not None:
                client.force_login(user)

        login()
        before_role = garbage.snapshot()
        for key, url in checks(self.world):
            cells = EXPECTED.get(key, "").split()
            cell = cells[column] if cells else "?"
            cache.clear()  # rate-limit counters: every request reaches the site
            self.result.urls[role] += 1
            reads = hostile.READS.get(key, ())
            everything = list(dict.fromkeys([*reads, *hostile.GENERIC]))
            for klass in hostile.EDGE:
                self.get(client, role, key, hostile.with_query(url, hostile.query(everything, klass)), klass,
                         refused=True, **EDGE_HEADERS)  # fmt: skip
                # Django turns bytes that are not UTF-8 in the path back into
                # "%FF" text, the same 404 for every role: swept as the first
                # role only. NUL and controls are refused.
                if klass != "bad_utf8" or role == ROLES[0]:
                    self.get(client, role, key, _path_with_last_segment(url, PATH_SEGMENTS[klass]),
                             f"{klass} (path)", refused=klass != "bad_utf8", **EDGE_HEADERS)  # fmt: skip
            if key in LAST_KEYS:
                login()  # had the guard let it through, it logged out
                continue
            alike = len(set(cells)) == 1 and role not in ALIKE_ROLES
            if cell not in RUNS_VIEW or alike:
                continue
            before = garbage.snapshot()
            names, classes = list(reads), ("injection",)
            if cell == "200":
                page = self.get(client, role, key, url, "plain")
                if page is not None and "html" in page.get("Content-Type", ""):
                    names = list(dict.fromkeys([*hostile.params_in(page.content.decode(), url), *reads]))
                classes = tuple(hostile.VIEW)
            rotation = self.result.gets[role]
            for klass in classes:
                # 10,000 characters in each of 50 generic parameters costs
                # seconds a page and tests nothing more than in the page's own.
                generic = hostile.GENERIC[:2] if klass == "huge" else hostile.GENERIC
                params = list(dict.fromkeys([*names, *generic]))
                self.get(
                    client, role, key, hostile.with_query(url, hostile.query(params, klass, start=rotation)), klass
                )
            # Parameters alone: as the first role that gets the page (or whose
            # view runs, for a URL nobody gets a 200 from).
            if key not in self.result.alone_done and (cell == "200" or "200" not in cells):
                self.result.alone_done.add(key)
                for position, name in enumerate(names):
                    view_class = tuple(hostile.VIEW)[(position + rotation) % len(hostile.VIEW)]
                    alone = hostile.with_query(url, hostile.query([name], "nul", start=position))
                    self.get(client, role, key, alone, "nul", refused=True, **EDGE_HEADERS)
                    alone = hostile.with_query(url, hostile.query([name], view_class, start=position))
                    self.get(client, role, key, alone, view_class)
            changed = garbage.changed_groups(before, garbage.snapshot())
            if changed:
                self.result.problems[role].append(f"{key}: hostile GETs changed {sorted(changed)}")
        changed = garbage.changed_groups(before_role, garbage.snapshot())
        if changed:
            self.result.problems[role].append(f"the sweep changed {sorted(changed)}")


@pytest.fixture(scope="module")
def sweep(django_db_setup, django_db_blocker) -> Result:
    """The whole sweep, once for the module: one world, nine roles."""
    result = Result()
    with django_db_blocker.unblock(), transaction.atomic():
        world = world_build(install_home_page())
        sweeper = Sweeper(world, result)
        for role in ROLES:
            if role in os.environ.get("HOSTILE_ROLES", role).split(","):
                sweeper.role(Client(), role)
        transaction.set_rollback(True)
    cache.clear()
    if os.environ.get("HOSTILE_REPORT"):
        with open(os.environ["HOSTILE_REPORT"], "a") as out:
            out.write(f"by class: {dict(result.by_class)}\n")
            out.write(f"seconds: { {k: round(v, 1) for k, v in result.seconds.items()} }\n")
            for reason, lines in result.known.items():
                out.write(f"known on SQLite ({len(lines)}): {reason}\n")
            for role in ROLES:
                out.write(f"{role}\t{result.urls[role]} urls\t{result.gets[role]} gets\t{len(result.problems[role])}\n")
                out.writelines(f"  {line}\n" for line in result.problems[role])
    return result


@pytest.mark.django_db  # (so pytest-django sets up the test database the module's sweep uses)
@pytest.mark.parametrize("role", ROLES)
def test_hostile_query_strings_on_every_url_never_error_change_data_or_reflect_as_each_role(sweep, role):
    if role not in sweep.urls:
        pytest.skip(f"HOSTILE_ROLES leaves {role} out")
    problems = sweep.problems[role]
    print(f"\n{role}: {sweep.urls[role]} URLs, {sweep.gets[role]} GETs", file=sys.stderr)
    for reason, lines in sweep.known.items():
        print(f"known on SQLite, {len(lines)} GETs: {reason}", file=sys.stderr)

    assert sweep.urls[role] >= len(EXPECTED) and sweep.gets[role] >= sweep.urls[role] * 5, f"{role}: URLs skipped"
    assert not problems, f"{role}: {len(problems)} bad answers:\n" + "\n".join(problems[:60])


def test_the_sweep_reads_the_parameters_of_get_forms_and_of_links_to_the_page():
    html = """<form method="get" action="."><input name="q"><select name="status"><option>a</option></select>
      <button type="submit" name="go">Go</button></form>
      <form method="post"><input name="secret"></form>
      <a href="?page=2&amp;sort_by=title">2</a><a href="/elsewhere/?other=1">x</a>"""

    assert hostile.params_in(html, "/en/shop/search/") == ["q", "status", "page", "sort_by"]


def test_a_query_string_carries_invalid_utf8_and_nul_as_percent_escapes():
    assert hostile.query(["a", "b"], "bad_utf8") == "a=%FF%FE&b=%ED%A0%80"
    assert hostile.query(["q"], "nul") == "q=a%00b"


# --- Item 13: the four URLs the issue names ------------------------------------------------------


def _user_in(group: str):
    roles_sync()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


ITEM_13 = [
    (OFFICE_ADMIN, "/dashboard/portal/act-as/?q=a%00b"),
    (OFFICE_ADMIN, "/dashboard/producers/directory/?q=a%00b"),
    (CENTER_STAFF, "/dashboard/inventory/scan/?code=a%00b"),
    (CENTER_STAFF, "/dashboard/orders/?order_number=a%00b"),
]


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize(("group", "url"), ITEM_13, ids=[url.split("?")[0] for _, url in ITEM_13])
def test_a_nul_byte_in_a_staff_search_is_refused_with_400_not_a_postgresql_error(client, group, url):
    client.force_login(_user_in(group))

    response = client.get(url)

    assert response.status_code == 400


# --- What else the sweep found (fixed at the view) -----------------------------------------------


@pytest.mark.django_db
def test_product_labels_for_ids_that_are_not_numbers_answer_404_or_an_empty_sheet(client):
    client.force_login(_user_in(CENTER_STAFF))

    assert client.get("/dashboard/inventory/labels/products.pdf?receipt=abc").status_code == 404
    assert client.get("/dashboard/inventory/labels/products.pdf?receipt=" + "9" * 30).status_code == 404
    sheet = client.get("/dashboard/inventory/labels/products.pdf?product=%C2%B2&product=" + "9" * 10_000)
    assert sheet.status_code == 200 and sheet["Content-Type"] == "application/pdf"


@pytest.mark.django_db
@pytest.mark.parametrize("listing", ["/cms/images/", "/cms/documents/"])
def test_a_cms_search_with_the_usage_count_filter_lists_what_matches_instead_of_a_500(client, listing):
    from wagtail.documents.models import Document

    from tests.factories.pages import image_create

    image_create("Silk on the loom")
    Document.objects.create(title="Silk on the loom", file="documents/silk.pdf")
    client.force_login(_user_in(OFFICE_ADMIN))

    unused = client.get(f"{listing}?q=silk&usage_count_min=0&usage_count_max=0")
    used = client.get(f"{listing}?q=silk&usage_count_min=1")

    assert unused.status_code == used.status_code == 200
    assert "Silk on the loom" in unused.content.decode()
    assert "Silk on the loom" not in used.content.decode()


# --- The guard itself (shop/request_guard.py) ----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/en/shop/search/?q=a%00b", "/en/shop/search/?q=%ff%fe", "/en/shop/search/?q=a%01b", "/en/a%00b/"]
)
def test_the_guard_refuses_nul_controls_and_invalid_utf8_in_the_url_with_a_page_that_says_why(client, home_page, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "characters that cannot be text" in response.content.decode()
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_the_guard_answers_in_the_language_of_the_url_and_in_json_to_scripts(client, home_page):
    thai = client.get("/shop/search/?q=a%00b")
    script = client.get("/dashboard/inventory/scan/?code=a%00b", headers={"Accept": "application/json"})

    assert thai.status_code == 400 and "อักขระที่ไม่ใช่ข้อความ" in thai.content.decode()
    # The dashboard has no language prefix: Thai, the default.
    assert script.status_code == 400 and "อักขระที่ไม่ใช่ข้อความ" in script.json()["error"]


@pytest.mark.django_db
def test_the_guard_lets_thai_tabs_and_newlines_through(client, home_page):
    customer = UserFactory()
    client.force_login(customer)
    body = f"first_name=%E0%B8%AA%E0%B8%A1%09chai&last_name=Jai%0D%0Adee&email={customer.email}"

    assert client.get("/en/shop/search/?q=%E0%B8%9C%E0%B9%89%E0%B8%B2%09silk%0A").status_code == 200
    assert client.post("/en/shop/accounts/profile/edit/", body,
                       content_type="application/x-www-form-urlencoded").status_code in (200, 302)  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("multipart", [False, True], ids=["urlencoded", "multipart"])
def test_the_guard_refuses_a_nul_in_a_posted_form_before_the_view_reads_it(client, home_page, multipart):
    customer = UserFactory(first_name="Somchai")
    client.force_login(customer)
    url = "/en/shop/accounts/profile/edit/"

    if multipart:
        response = client.post(url, {"first_name": "a\x00b", "last_name": "x", "email": customer.email})
    else:
        response = client.post(url, "first_name=a%00b&last_name=x", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400
    customer.refresh_from_db()
    assert customer.first_name == "Somchai"


@pytest.mark.django_db
@pytest.mark.parametrize("content_type", ["Application/X-WWW-Form-Urlencoded", " application/x-www-form-urlencoded"])
def test_the_guard_reads_the_content_type_as_django_does_so_case_or_a_space_cannot_slip_a_nul_past_it(
    client, home_page, content_type
):
    # Django lowercases and strips the header before it parses the body; the
    # guard compared the raw header, so "Application/..." reached the view.
    customer = UserFactory(first_name="Somchai")
    client.force_login(customer)

    response = client.post("/en/shop/accounts/profile/edit/", "first_name=a%00b&last_name=x", content_type=content_type)

    assert response.status_code == 400
    customer.refresh_from_db()
    assert customer.first_name == "Somchai"


@pytest.mark.django_db
def test_the_guard_refuses_invalid_utf8_in_an_urlencoded_body(client, home_page):
    response = client.post("/en/shop/accounts/login/", b"login-username=%ff%fe",
                           content_type="application/x-www-form-urlencoded")  # fmt: skip

    assert response.status_code == 400


@pytest.mark.postgres  # SQLite looks the key up without complaint
@pytest.mark.django_db
def test_a_session_cookie_carrying_a_nul_is_dropped_not_looked_up(client, home_page):
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"

    response = client.get("/en/shop/basket/")

    assert response.status_code == 200


@pytest.mark.django_db
def test_the_django_admin_date_hierarchy_with_a_20_digit_year_redirects_with_the_error_flag(client):
    client.force_login(_user_in(OFFICE_ADMIN))

    response = client.get("/django-admin/catalogue/product/?date_created__year=" + "9" * 20)

    assert response.status_code == 302 and response["Location"].endswith("?e=1")
