/* Page slugs that keep Thai whole (issue 19; the server's rule is
 * cms/slugs.py, and both must make the same slug from a title).
 *
 * Wagtail's slug field controller (Stimulus "w-slug") keeps only letters and
 * digits (\p{L}\p{N}), so the vowels above and below the line and the tone
 * marks of a Thai title (combining marks, \p{Mn}\p{Mc}) were dropped:
 * "มาลัยกับผ้าไหม" became "มาลยกบผาไหม". This registers a subclass under the
 * same identifier whose slugify and urlify keep them when unicode slugs are
 * allowed (WAGTAIL_ALLOW_UNICODE_SLUGS, Wagtail's default); everything else
 * (formatters, sync with the title, comparisons) stays Wagtail's. A file,
 * not inline code: the admin's CSP allows no inline script. */
(function () {
  "use strict";
  var DROP = /[^\p{L}\p{Mn}\p{Mc}\p{N}_\s-]/gu;

  function thaiSlug(value) {
    return value
      .normalize("NFC")
      .toLowerCase()
      .replace(DROP, "")
      .replace(/[-\s]+/g, "-")
      .substring(0, 255)
      .replace(/^[-_]+|[-_]+$/g, "");
  }

  function install() {
    var app = window.wagtail && window.wagtail.app;
    var module = app && app.router && app.router.modulesByIdentifier.get("w-slug");
    if (!module) { return false; }
    var Base = module.definition.controllerConstructor;
    if (Base.keepsThaiMarks) { return true; }

    function keepMarks(controller, event, options, action, original) {
      options = options || {};
      if (!controller.allowUnicodeValue) { return original.call(controller, event, options); }
      var ignoreUpdate = Boolean(options.ignoreUpdate);
      var runFormat = options.runFormat === undefined ? !ignoreUpdate : options.runFormat;
      var detail = (event && event.detail) || {};
      var source = detail.value === undefined ? controller.element.value : detail.value;
      var prepared = controller.prepareValue(source, { runFormat: runFormat });
      if (!prepared) { return ""; }
      var clean = thaiSlug(prepared);
      if (!ignoreUpdate) { controller.applyUpdate(action, clean, source); }
      return clean;
    }

    class ThaiSlugController extends Base {
      slugify(event, options) { return keepMarks(this, event, options, "slugify", super.slugify); }
      urlify(event, options) { return keepMarks(this, event, options, "urlify", super.urlify); }
    }
    ThaiSlugController.keepsThaiMarks = true;
    app.register("w-slug", ThaiSlugController);
    return true;
  }

  window.otopThaiSlug = thaiSlug;
  if (!install()) { document.addEventListener("DOMContentLoaded", install); }
})();
