// District and fabric-source swatches carry their dye colour in
// data-dye-colour instead of a style="" attribute: the storefront's
// Content-Security-Policy forbids inline styles, but styles set through the
// CSSOM from a script of our own are allowed. The value was validated as a
// #rrggbb hex colour by the hex_colour filter on the server.
(function () {
    "use strict";
    var hex = /^#[0-9a-fA-F]{6}$/;
    document.querySelectorAll("[data-dye-colour]").forEach(function (el) {
        var colour = el.getAttribute("data-dye-colour");
        if (!hex.test(colour)) {
            return;
        }
        if (el.hasAttribute("data-dye-variable")) {
            el.style.setProperty("--dye", colour);
        } else {
            el.style.backgroundColor = colour;
        }
    });
})();
