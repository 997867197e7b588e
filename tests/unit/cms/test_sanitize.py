"""Rich text is whitelisted when rendered: the XSS corpus leaves nothing executable."""

import re

import pytest

from cms.sanitize import sanitize_html

# Payloads an editor, an import or an API client could put into rich text.
XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<p>hi<script>document.cookie</script></p>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="java&#x09;script:alert(1)">tab</a>',
    '<a href="  javascript:alert(1)">spaces</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<img src="x" onerror="alert(1)">',
    '<img src="javascript:alert(1)">',
    '<p onclick="alert(1)" style="background:url(javascript:alert(1))">para</p>',
    '<b onmouseover="alert(1)">bold</b>',
    '<svg onload="alert(1)"><circle r="5"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="https://evil.example"><input name="x"><button>go</button></form>',
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<details open ontoggle=alert(1)>",
    '<div><a href="https://ok.example" onfocus="alert(1)" autofocus>ok</a></div>',
    "<!--<script>alert(1)</script>-->",
    '"><script>alert(1)</script>',
    "<scr<script>ipt>alert(1)</script>",
]

EXECUTABLE = [
    re.compile(r"<\s*(script|iframe|object|embed|svg|math|style|form|meta|base|link)\b", re.I),
    re.compile(r"\son\w+\s*=", re.I),  # event-handler attributes
    re.compile(r"(href|src|action|data)\s*=\s*[\"']?\s*(javascript|vbscript|data):", re.I),
    re.compile(r"\sstyle\s*=", re.I),
    re.compile(r"\ssrcdoc\s*=", re.I),
]


def assert_not_executable(html: str) -> None:
    for pattern in EXECUTABLE:
        assert not pattern.search(html), f"{pattern.pattern!r} found in {html!r}"


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_sanitized_rich_text_contains_nothing_executable(payload):
    assert_not_executable(sanitize_html(payload))


def test_harmless_formatting_and_links_survive_sanitising():
    html = (
        '<h3>Title</h3><p><b>bold</b> <i>italic</i> <a href="https://otop.example/en/">link</a>'
        ' <a href="/en/stories/">internal</a> <a href="mailto:a@b.example">mail</a></p><ul><li>one</li></ul>'
    )

    assert sanitize_html(html) == html


def test_script_content_is_dropped_not_shown_as_text():
    assert sanitize_html("<p>before</p><script>alert('x')</script><p>after</p>") == "<p>before</p><p>after</p>"


def test_unknown_tags_are_unwrapped_keeping_their_text():
    assert sanitize_html("<p><span class='x'>kept</span></p>") == "<p>kept</p>"


def test_a_javascript_link_keeps_its_text_but_loses_its_href():
    assert sanitize_html('<a href="javascript:alert(1)">click</a>') == "<a>click</a>"


def test_empty_input_gives_an_empty_safe_string():
    assert sanitize_html(None) == "" and sanitize_html("") == ""
