"""Browser journeys: Playwright for Python driving Debian's chromium against
the site served by `manage.py runserver` on 127.0.0.1 (tests/e2e/README.md).

They run only with E2E=1 (`.ci/run` has its own step for them) and skip with
a reason when /usr/bin/chromium is missing. Never `playwright install`: the
browser is Debian's, launched headless without the sandbox (CI runs as root).

The server is a separate process on pytest-django's test database (a file
for SQLite, the test database for PostgreSQL). Tests write their data with
the factories in autocommit (no transaction to roll back, no flush that
would also wipe what the migrations created), so the server sees it at once;
each journey uses its own names, and the database goes at the end of the run.

Every page a journey opens is watched: a Content-Security-Policy violation
or a JavaScript error fails the test, so a template that brings back an
inline script or an init that no longer runs is caught here.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

E2E = bool(os.environ.get("E2E"))
if E2E:
    # Playwright's sync API keeps an event loop running in the test's
    # thread; Django then refuses ORM calls "from an async context". The
    # test thread only prepares data and reads results over its own
    # connection, so this is safe here (and set only for browser runs).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", BASE_DIR / "artifacts" / "e2e"))
AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WORK = Path(tempfile.mkdtemp(prefix="otop-e2e-")) if E2E else Path(tempfile.gettempdir()) / "otop-e2e-off"
MEDIA_ROOT = WORK / "media"
EMAIL_DIR = WORK / "mail"


# Every journey runs at both: a desk's window and a phone's screen (iPhone 12-15, 390 x 844).
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def pytest_configure(config):
    config.addinivalue_line("markers", "screens(*names): run only at these SCREENS (default: all)")
    config.addinivalue_line("markers", "journey(name): the journey's name in screenshot file names")


def pytest_generate_tests(metafunc):
    """Tests with a browser page run once per screen (ids `desktop`, `phone`)."""
    if "screen" in metafunc.fixturenames:
        marker = metafunc.definition.get_closest_marker("screens")
        metafunc.parametrize("screen", marker.args if marker else list(SCREENS), indirect=True)


@pytest.fixture
def screen(request) -> str:
    """The screen this run of the test uses: a key of SCREENS."""
    return getattr(request, "param", "desktop")


def pytest_collection_modifyitems(config, items):
    e2e_dir = Path(__file__).parent
    if not E2E:
        reason = "browser journeys run with E2E=1 (see tests/e2e/README.md; .ci/run runs them)"
    elif not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: apt-get install chromium"
    else:
        return
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if e2e_dir in Path(str(item.fspath)).parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "headless": True, "args": ["--no-sandbox"]}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    # SQLite's test database must be a file the server process can open.
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(WORK / "e2e.sqlite3")
        # Two processes write to one file: wait for the other's lock rather
        # than fail after SQLite's default 5 s on a busy machine.
        database.setdefault("OPTIONS", {})["timeout"] = 60


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """The test database, made for the session whatever the tests' marks say
    (pytest-django only makes the ones django_db-marked tests ask for; these
    tests are not marked: they must not run inside a transaction)."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    # Local iteration only: E2E_SQLITE_TEMPLATE=<a migrated SQLite file>
    # starts from a copy of it instead of migrating (minutes on a busy machine).
    template = os.environ.get("E2E_SQLITE_TEMPLATE")
    keepdb = bool(template) and connection.vendor == "sqlite"
    if keepdb:
        import sqlite3

        with sqlite3.connect(template) as source, sqlite3.connect(WORK / "e2e.sqlite3") as target:
            source.backup(target)
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"}, keepdb=keepdb)
    yield
    with django_db_blocker.unblock():
        _disconnect_servers()
        teardown_databases(config, verbosity=0)


def _disconnect_servers() -> None:
    """Before the test database is dropped: the server processes are gone,
    but on PostgreSQL their backends can outlive them for a moment, and
    DROP DATABASE refuses while any session is attached ("is being accessed
    by other users"). End those sessions (ours included) first."""
    from django.db import connection, connections

    connections.close_all()
    if connection.vendor != "postgresql":
        return
    name = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )


@pytest.fixture(scope="session", autouse=True)
def _shared_media_root():
    # One media folder shared with the server, for session and module
    # fixtures too (Django's settings object directly: they run before any
    # function-scoped `settings` fixture).
    from django.conf import settings

    settings.MEDIA_ROOT = str(MEDIA_ROOT)


@pytest.fixture(autouse=True)
def _media_root():
    """Replaces tests/conftest.py's per-test media folder: the server must
    see the files a test uploads or creates."""


@pytest.fixture(autouse=True)
def _autocommit_db(django_db_setup, django_db_blocker):
    """Database access without a wrapping transaction: what a test writes is
    committed at once, so the server sees it."""
    with django_db_blocker.unblock():
        yield


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    from django.db import connection

    settings = connection.settings_dict
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{settings['NAME']}"
    user, host, port = settings["USER"], settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def _shared_cache_env() -> dict[str, str]:
    """The servers use the tests' own Redis cache (tests/settings.py): the
    page cache's versions (shop/common/page_versions.py) are bumped there when a
    test writes with the factories, and must be seen by the servers, or a
    page cached before the write (the home page before a journey's story)
    is served stale. Without Redis each process would have a cache of its
    own, so the servers then run without the page cache."""
    from django.conf import settings

    if settings.REDIS_URL:
        return {"REDIS_URL": settings.REDIS_URL}
    return {"PAGE_CACHE_ENABLED": "false"}


@contextlib.contextmanager
def _served(*, name: str, extra_env: dict[str, str] | None = None):
    """`manage.py runserver` on a free loopback port, on the test database,
    with emails written to files (EMAIL_DIR) and tasks run in-process;
    yields its base URL."""
    database_url = _database_url()
    port = _free_port()
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
           and not key.startswith("STRIPE_")}  # fmt: skip
    env.update(
        DEBUG="true", DATABASE_URL=database_url, MEDIA_ROOT=str(MEDIA_ROOT), DJANGO_SETTINGS_MODULE="shop.settings",
        EMAIL_URL=f"filemail:///{EMAIL_DIR}",  # the settings read EMAIL_URL (no EMAIL_FILE_PATH)
        SITE_URL=f"http://127.0.0.1:{port}",  # links in emails (and Wagtail's)
        # Wagtail's autosave of a new page sometimes creates it while the
        # journey's own save is in flight (two creates with one slug, in
        # Wagtail's view) and sometimes not at all within 30 s: the journeys
        # save explicitly instead, as an editor with autosave off would.
        WAGTAIL_AUTOSAVE_INTERVAL="0",
    )  # fmt: skip
    env.update(_shared_cache_env())
    env.update(extra_env or {})
    log_path = WORK / f"{name}.log"
    log = open(log_path, "w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if server.poll() is not None:
                raise RuntimeError(f"the server exited: {log_path.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(f"{url}/healthz/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the server did not answer /healthz/ within 120 s")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def site_server(django_db_setup, django_db_blocker):
    """The site without Stripe keys: DEBUG on, so checkout offers the
    TEST PAYMENT and pay at pickup (docs/payments.md)."""
    with django_db_blocker.unblock():
        with _served(name="server") as url:
            yield url


@pytest.fixture(scope="session")
def fake_stripe_session():
    """One fake Stripe server (tests/fakestripe) for the whole run."""
    from tests.fakestripe.fixtures import SECRET_KEY, WEBHOOK_SECRET
    from tests.fakestripe.server import FakeStripe

    fake = FakeStripe(secret_key=SECRET_KEY, webhook_secret=WEBHOOK_SECRET).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def stripe_site_server(django_db_setup, django_db_blocker, fake_stripe_session):
    """A second server on the same database, with Stripe keys and
    STRIPE_API_BASE pointing at the fake Stripe: card and PromptPay offered,
    no test payment. Its webhook URL is `<url>/payments/stripe/webhook/`."""
    from tests.fakestripe.fixtures import SECRET_KEY, WEBHOOK_SECRET

    stripe_env = {
        "STRIPE_API_BASE": fake_stripe_session.url, "STRIPE_SECRET_KEY": SECRET_KEY,
        "STRIPE_PUBLISHABLE_KEY": "pk_test_fake_otop", "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }  # fmt: skip
    with django_db_blocker.unblock():
        with _served(name="stripe-server", extra_env=stripe_env) as url:
            yield url


@pytest.fixture
def read_emails():
    """read_emails(): see _read_emails. A fixture, because importing this
    conftest from a test module would make a second WORK folder."""
    return _read_emails


def _read_emails() -> list:
    """The emails the servers wrote to EMAIL_DIR (file backend), oldest first,
    as email.message.Message objects."""
    import email

    if not EMAIL_DIR.exists():
        return []
    messages = []
    for path in sorted(EMAIL_DIR.glob("*.log"), key=lambda p: p.stat().st_mtime):
        # The file backend appends messages separated by a line of dashes.
        for chunk in path.read_bytes().split(b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk))
    return messages


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, site_server):
    return {
        **browser_context_args,
        "base_url": site_server,
        # The viewport is the test's screen (the `context` fixture).
        "locale": "en-GB",
        "timezone_id": "Asia/Bangkok",
    }


@pytest.fixture(scope="session")
def site(django_db_setup, django_db_blocker):
    """The home page in th/en/zh-hans, a story index in Thai and English and
    the role groups: made once for the whole run."""
    from types import SimpleNamespace

    from wagtail.models import Locale

    from shop.common.roles import roles_sync
    from tests.factories.pages import StoryIndexPageFactory, install_home_page, translate

    with django_db_blocker.unblock():
        home = install_home_page()
        roles_sync()
        index = StoryIndexPageFactory(parent=home, slug="stories")
        return SimpleNamespace(
            home=home, home_en=home.get_translation(Locale.objects.get(language_code="en")),
            index=index, index_en=translate(index, "en", title="Stories"),
        )  # fmt: skip


@pytest.fixture
def context(new_context, screen):
    context = new_context(viewport=SCREENS[screen])
    # axe-core from the vendored file, added through the DevTools protocol:
    # the page's own CSP (no inline scripts) stays in force for the site.
    context.add_init_script(path=str(AXE_JS))
    context.set_default_timeout(15_000)
    # A first request to a cold runserver on a busy machine can take longer.
    context.set_default_navigation_timeout(60_000)
    return context


@pytest.fixture
def page(page, request, known_page_errors):
    """The journey's page, failing the test on CSP violations and script
    errors it saw (listed with the URL they happened on)."""
    problems: list[str] = []
    _watch(page, problems)
    yield page
    problems = [p for p in problems if not any(known in p for known in known_page_errors)]
    assert not problems, "\n".join(problems)


@pytest.fixture
def known_page_errors() -> list[str]:
    """A journey appends the text of a reported defect outside the e2e
    suite's ownership (listed in tests/e2e/README.md until it is fixed);
    `page` lets only errors containing it through."""
    return []


def _watch(page, problems: list[str]) -> None:
    """Collect CSP violations and script errors `page` reports into `problems`."""

    def on_console(message):
        text = message.text
        if message.type == "error" and ("Content Security Policy" in text or "Refused to" in text):
            problems.append(f"{page.url}: {text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: JavaScript error: {error}"))


@pytest.fixture
def other_person(browser, browser_context_args, screen):
    """other_person(): a page in a browser context of its own (its own
    cookies: another person at another desk), watched like `page`, on the
    same screen size."""
    contexts, problems = [], []

    def make():
        context = browser.new_context(**browser_context_args, viewport=SCREENS[screen])
        context.add_init_script(path=str(AXE_JS))
        context.set_default_timeout(15_000)
        context.set_default_navigation_timeout(60_000)
        contexts.append(context)
        other = context.new_page()
        _watch(other, problems)
        return other

    yield make
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


def journey_name(request) -> str:
    """`tourist-english`: the test's journey marker (else its module's name
    without test_/_journey) and its own parameter ids, not the screen's."""
    marker = request.node.get_closest_marker("journey")
    name = marker.args[0] if marker else re.sub(r"^test_|_journey$", "", request.module.__name__.rsplit(".", 1)[-1])
    callspec = getattr(request.node, "callspec", None)
    ids = callspec.id.split("-") if callspec else []
    extra = [i for i in ids if i not in SCREENS and i != "chromium"]
    return re.sub(r"[^\w.]+", "-", "-".join([name.replace("_", "-"), *extra])).strip("-")


@pytest.fixture
def shot(page, request, screen):
    """shot("03-basket"): checks that the page fits the screen's width (no
    horizontal scrolling), then saves a full-page screenshot as
    artifacts/e2e/<journey>-<screen>-03-basket.png (shot("04-x",
    of=other_page) for another person's page)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    prefix = f"{journey_name(request)}-{screen}"

    def take(name: str, *, of=None) -> Path:
        # of=: another person's page (other_person()) in the same journey.
        target = of or page
        path = ARTIFACTS / f"{prefix}-{name}.png"
        target.screenshot(path=str(path), full_page=True)
        assert_fits_width(target, label=f"{prefix}-{name}")
        return path

    return take


# The outermost elements that stick out past the window's right edge (none of
# their ancestors clips or scrolls them): what makes the page scroll sideways.
_OVERFLOW_JS = r"""() => {
    const root = document.documentElement, width = root.clientWidth;
    if (root.scrollWidth <= width + 1) return null;
    const clipped = (el) => {
        for (let p = el.parentElement; p && p !== root; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== "visible") return true;
        }
        return false;
    };
    const culprits = [];
    // Absolutely placed elements escape a scrolling box that is not their
    // containing block: if nothing unclipped sticks out, list those too.
    for (const strict of [true, false]) {
      for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1 || (strict && clipped(el))) continue;
        if (!strict && !["absolute", "fixed"].includes(getComputedStyle(el).position)) continue;
        const parentBox = el.parentElement.getBoundingClientRect();
        if (strict && parentBox.right > width + 1 && el.parentElement !== document.body) continue;
        const name = (node) => node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") +
            (typeof node.className === "string" && node.className.trim() ? "." + node.className.trim().split(/\s+/).join(".") : "");
        const path = [el, el.parentElement, el.parentElement && el.parentElement.parentElement]
            .filter((node) => node && node !== document.body).map(name).join(" < ");
        culprits.push(`${path} (right edge ${Math.round(box.right)} px${strict ? "" : ", placed absolutely"})`);
        if (culprits.length >= 8) break;
      }
      if (culprits.length) break;
    }
    return {scrollWidth: root.scrollWidth, width, culprits};
}"""


def assert_fits_width(page, *, label: str) -> None:
    """No horizontal scrolling: the document is no wider than the window."""
    overflow = page.evaluate(_OVERFLOW_JS)
    assert overflow is None, (
        f"{label} ({page.url}) scrolls sideways: {overflow['scrollWidth']} px wide in a {overflow['width']} px "
        f"window; sticking out: {', '.join(overflow['culprits']) or '(not found)'}"
    )


_HIT_JS = r"""(el) => {
    // A link that wraps has a box per line: the first line's, as Playwright clicks.
    const box = [...el.getClientRects()].find((rect) => rect.width > 0) || el.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const top = document.elementFromPoint(x, y);
    if (top && (top === el || el.contains(top))) return null;
    const name = (node) => node ? node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") +
        (typeof node.className === "string" && node.className ? "." + node.className.trim().split(/\s+/).join(".") : "") : "nothing";
    return `${name(top)} at (${Math.round(x)}, ${Math.round(y)}), window ${innerWidth}x${innerHeight}`;
}"""


def tap(locator) -> None:
    """Click a control the journey depends on, after checking that it can be
    reached: scrolled into view, the element at its centre is the control
    itself (or inside it), not a bar or a panel lying over it."""
    locator.scroll_into_view_if_needed()
    covered = locator.evaluate(_HIT_JS)
    assert covered is None, f"{locator} is covered by {covered}"
    locator.click()


@pytest.fixture(name="tap")
def tap_fixture():
    """tap(locator): click a critical control after checking it is the
    element at its own centre (see `tap`)."""
    return tap


@pytest.fixture
def axe(page, request):
    """axe("home"): run axe-core on the current page; serious or critical
    violations fail the test, and the full report is kept as JSON."""
    folder = ARTIFACTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)

    def check(label: str, *, known: dict[str, str] | None = None) -> list[dict]:
        # known={"rule-id": "css selector"}: a reported defect outside the
        # e2e suite's ownership, let through only for exactly that element
        # (listed in tests/e2e/README.md until it is fixed).
        known = known or {}
        results = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        )
        (folder / f"{label}.json").write_text(json.dumps(results["violations"], indent=2, ensure_ascii=False))
        blocking = [
            v for v in results["violations"]
            if v["impact"] in ("serious", "critical")
            and not (v["id"] in known and all(node["target"] == [known[v["id"]]] for node in v["nodes"]))
        ]  # fmt: skip
        summary = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[node['target'] for node in v['nodes']][:5]}" for v in blocking
        ]
        assert not blocking, f"axe on {label} ({page.url}):\n" + "\n".join(summary)
        return results["violations"]

    return check


@pytest.fixture
def make_product():
    """make_product(price="450.00", stock=10, **product_fields): a public
    product with its producer's stock record."""
    from decimal import Decimal

    from tests.factories.catalog import StockRecordFactory

    def make(*, price="450.00", stock=10, **fields):
        record = StockRecordFactory(
            price=Decimal(price), num_in_stock=stock, **{f"product__{name}": value for name, value in fields.items()}
        )
        return record.product

    return make


# --- People and mail shared by the journeys -----------------------------------------------

STAFF_PASSWORD = "journey-Passphrase-2568"


def server_password_hash(password: str) -> str:
    """A hash the server can check: tests hash with MD5 for speed
    (tests/settings.py), the server only knows the production hashers."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    return hasher.encode(password, hasher.salt())


@pytest.fixture
def staff_user(site):
    """staff_user("office-e2e", role=OFFICE_STAFF): a staff user in one role
    group (shop/common/roles.py), whose password (STAFF_PASSWORD) the server can check."""
    from django.contrib.auth.models import Group

    from tests.factories.catalog import UserFactory

    def make(username: str, *, role: str, is_staff: bool = True):
        user = UserFactory(username=username, email=f"{username}@example.com", is_staff=is_staff)
        user.password = server_password_hash(STAFF_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def dashboard_login():
    """dashboard_login(page, user): signs in on Oscar's dashboard login
    (login_url="/cms/login/" for Wagtail's)."""

    def login(page, user, *, password: str = STAFF_PASSWORD, login_url: str = "/dashboard/login/") -> None:
        page.goto(login_url)
        page.fill("#id_username", user.email)
        page.fill("#id_password", password)
        tap(page.locator("form [type=submit]").last)
        page.wait_for_url(lambda url: "/login/" not in url)

    return login


def mail_text(message) -> str:
    """Subject and plain-text body of an email, decoded."""
    import email.header

    subject = "".join(
        part.decode(charset or "utf-8") if isinstance(part, bytes) else part
        for part, charset in email.header.decode_header(message.get("Subject", ""))
    )
    bodies = [
        part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    ]
    return subject + "\n" + "\n".join(bodies)


@pytest.fixture
def wait_for_email():
    """wait_for_email("a@example.com", containing="...") -> the decoded
    texts of the matching emails, newest last. Emails are sent on commit by
    eager tasks in the server: it polls for a few seconds first."""

    def wait(address: str, *, containing: str = "", timeout: float = 15.0) -> list[str]:
        deadline = time.monotonic() + timeout
        while True:
            found = [
                mail_text(message) for message in _read_emails()
                if address in message.get("To", "") and containing in mail_text(message)
            ]  # fmt: skip
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.2)

    return wait


# --- Checkout steps shared by the tourist and checkout journeys --------------------------


@pytest.fixture
def guest_checkout(shot, axe):
    """guest_checkout(page, base=..., product=..., email_address=..., method="test", language="en"):
    from the product page through the basket, the guest gateway, pickup at
    the center and the payment method to the order placed from the preview.
    Screenshots 01-06 and axe on every checkout page; Thai is the site's
    unprefixed language."""

    def run(page, *, base: str, product, email_address: str, method: str, language: str = "en",
            from_basket: bool = False, shots: str = "") -> None:  # fmt: skip
        # from_basket: the product is in the basket already; shots: a prefix
        # for the screenshots' names (a journey that took its own first).
        from django.utils import translation

        prefix = "" if language == "th" else f"/{language}"
        title = product.title if language == "th" else product.title_en
        if not from_basket:
            with translation.override(language):
                product_path = product.get_absolute_url()
            page.goto(f"{base}{product_path}")
            expect(page.get_by_role("heading", level=1)).to_contain_text(title)
            tap(page.locator("#add_to_basket_form button[type=submit]"))
            page.wait_for_load_state()
        page.goto(f"{base}{prefix}/shop/basket/")
        expect(page.locator("#content_inner")).to_contain_text(title)
        shot(f"{shots}01-basket")

        page.goto(f"{base}{prefix}/shop/checkout/")
        page.locator("input[name=username]").fill(email_address)
        page.locator("input[name=options][value=anonymous]").check()
        axe(f"checkout-gateway-{language}")
        shot(f"{shots}02-gateway")
        tap(
            page.locator("input[name=options][value=anonymous]")
            .locator("xpath=ancestor::form")
            .locator("button[type=submit]")
            .first
        )

        expect(page).to_have_url(re.compile(r"/checkout/shipping-address/"))
        page.locator("input[name=pickup_only]").check()
        page.locator("input[name=first_name]").fill("Anna")
        page.locator("input[name=last_name]").fill("Berg")
        page.locator("input[name=phone_number]").fill("+46701234567")
        axe(f"checkout-address-{language}")
        shot(f"{shots}03-address-pickup")
        tap(page.locator("input[name=pickup_only]").locator("xpath=ancestor::form").locator("button[type=submit]").last)

        if "/checkout/shipping-method/" in page.url:
            axe(f"checkout-shipping-method-{language}")
            shot(f"{shots}04-shipping-method")
            tap(page.locator("form:has(input[value=pickup]) button[type=submit]").first)

        expect(page).to_have_url(re.compile(r"/checkout/payment-method/"))
        axe(f"checkout-payment-method-{language}")
        shot(f"{shots}05-payment-method")
        page.locator(f"input[name=method][value={method}]").check()
        tap(page.locator("#payment_method_form button[type=submit]"))

        expect(page).to_have_url(re.compile(r"/checkout/preview/"))
        expect(page.locator("body")).to_contain_text(title)
        axe(f"checkout-preview-{language}")
        shot(f"{shots}06-preview")
        tap(page.locator("#place-order"))

    return run


@pytest.fixture
def order_on_thank_you():
    """order_on_thank_you(page, email_address=...) -> (order number, pickup
    code): the guest's latest order, whose number the page must show, and
    the pickup code shown (which must be the order's)."""

    def read(page, *, email_address: str) -> tuple[str, str]:
        from oscar.core.loading import get_model

        order = get_model("order", "Order").objects.filter(guest_email=email_address).latest("date_placed")
        expect(page.locator("body")).to_contain_text(order.number)
        pickup_code = page.locator("#pickup-code").inner_text().strip()
        assert pickup_code == order.pickup_code
        return order.number, pickup_code

    return read
