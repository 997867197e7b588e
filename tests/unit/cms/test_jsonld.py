"""JSON-LD is escaped like json_script: data cannot close the script element."""

import json

from cms.templatetags.cms_tags import jsonld, jsonld_dumps


def test_a_closing_script_tag_in_a_value_is_escaped():
    html = jsonld({"@type": "Article", "headline": "</script><script>alert(1)</script>"})

    assert html.count("</script>") == 1  # only the element's own end tag
    assert "\\u003C/script\\u003E" in html


def test_escaped_output_is_still_the_same_json():
    data = {"@type": "Product", "name": "ผ้าไหม <ดี> & 丝绸", "offers": {"price": "450.00"}}

    assert json.loads(jsonld_dumps(data)) == data


def test_the_script_element_is_typed_as_json_ld():
    assert jsonld({"@type": "Organization"}).startswith('<script type="application/ld+json">')


def test_no_data_renders_nothing():
    assert jsonld({}) == "" and jsonld(None) == ""
