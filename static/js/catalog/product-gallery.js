/*
 * Product page gallery (templates/catalog/partials/gallery.html). Without
 * this script every photo is a link to its large rendition. With it:
 * - a thumbnail swaps the main photo (the link keeps working with a
 *   modifier key or a middle click: a new tab with the large photo);
 * - the main photo opens the large rendition in a <dialog>: the browser
 *   moves focus into it and closes it on Escape; a click outside the photo
 *   or the close button closes it too, and focus returns to the photo.
 * No inline styles or handlers: the site's Content-Security-Policy forbids them.
 */
(function () {
    "use strict";

    function plainClick(event) {
        return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    }

    function attach(gallery) {
        var zoom = gallery.querySelector("[data-gallery-zoom]");
        var main = gallery.querySelector("[data-gallery-main]");
        var mainSource = gallery.querySelector("[data-gallery-main-source]");
        var dialog = gallery.querySelector("[data-gallery-dialog]");
        var large = gallery.querySelector("[data-gallery-dialog-image]");
        var largeSource = gallery.querySelector("[data-gallery-dialog-source]");

        gallery.querySelectorAll("[data-gallery-thumb]").forEach(function (thumb) {
            thumb.addEventListener("click", function (event) {
                if (!zoom || !main || !plainClick(event)) { return; }
                event.preventDefault();
                if (mainSource) { mainSource.srcset = thumb.dataset.srcsetWebp; }
                main.srcset = thumb.dataset.srcsetJpeg;
                main.src = thumb.dataset.zoomJpeg;
                main.alt = thumb.dataset.alt;
                main.width = Number(thumb.dataset.width) || main.width;
                main.height = Number(thumb.dataset.height) || main.height;
                zoom.href = thumb.dataset.zoomJpeg;
                zoom.dataset.zoomWebp = thumb.dataset.zoomWebp;
                zoom.dataset.zoomJpeg = thumb.dataset.zoomJpeg;
                gallery.querySelectorAll("[data-gallery-thumb]").forEach(function (other) {
                    other.classList.toggle("is-current", other === thumb);
                    if (other === thumb) { other.setAttribute("aria-current", "true"); } else { other.removeAttribute("aria-current"); }
                });
            });
        });

        if (!zoom || !dialog || typeof dialog.showModal !== "function") {
            return; // old browser: the link opens the large photo
        }
        zoom.addEventListener("click", function (event) {
            if (!plainClick(event)) { return; }
            event.preventDefault();
            if (largeSource) { largeSource.srcset = zoom.dataset.zoomWebp || ""; }
            large.src = zoom.dataset.zoomJpeg || zoom.href;
            large.alt = main ? main.alt : "";
            dialog.showModal();
        });
        // A click on the backdrop lands on the dialog element itself.
        dialog.addEventListener("click", function (event) {
            if (event.target === dialog) { dialog.close(); }
        });
        dialog.addEventListener("close", function () { zoom.focus(); });
    }

    function init() {
        document.querySelectorAll("[data-product-gallery]").forEach(attach);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
