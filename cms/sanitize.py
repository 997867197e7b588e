"""Last line of defence for HTML we did not write ourselves.

Wagtail's rich-text editor already stores a whitelisted subset of HTML, but
StreamField JSON can also arrive from the demo loader, data migrations, the
API or a copy between sites, none of which pass through the editor. So rich
text is cleaned again when it is rendered, after Wagtail has expanded its
internal links: only formatting tags survive, `href`s must use a harmless
scheme, and every event-handler or style attribute is dropped.
"""

from bs4 import Tag
from django.utils.safestring import SafeString, mark_safe
from wagtail.whitelist import DEFAULT_ELEMENT_RULES, Whitelister, allow_without_attributes, attribute_rule, check_url

# Elements whose *content* is dangerous or meaningless as text: removed with
# everything inside, rather than unwrapped like other unknown tags.
DROP_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "template",
        "noscript",
        "form",
        "input",
        "button",
        "textarea",
        "select",
        "link",
        "meta",
        "base",
    }
)


def _external_rel(value):
    # Keep rel only with the values editors may legitimately need.
    allowed = {"noopener", "noreferrer", "nofollow"}
    words = value if isinstance(value, list) else str(value).split()
    kept = [word for word in words if word in allowed]
    return " ".join(kept) or None


RICH_TEXT_RULES = {
    **DEFAULT_ELEMENT_RULES,
    "a": attribute_rule({"href": check_url, "rel": _external_rel}),
    "blockquote": allow_without_attributes,
    "code": allow_without_attributes,
    # Rich-text images are embeds Wagtail has already expanded into <img>;
    # keep their size and alt text, drop everything else (onerror, srcset...).
    "img": attribute_rule({"src": check_url, "width": True, "height": True, "alt": True}),
}


class RichTextWhitelister(Whitelister):
    element_rules = RICH_TEXT_RULES

    def clean_tag_node(self, doc, tag: Tag):
        if tag.name in DROP_WITH_CONTENT:
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


_whitelister = RichTextWhitelister()


def sanitize_html(html) -> SafeString:
    """Return `html` with only whitelisted tags and attributes, marked safe."""
    if not html:
        return mark_safe("")
    return mark_safe(_whitelister.clean(str(html)))
