/* Progress of a bulk product import (catalog portal): polls the job's
 * status.json once a second and updates the bar, the counts, and the list
 * of bad rows. No inline script or style: the page carries the URL and
 * the starting percentage in data-*. */
(function () {
  "use strict";
  var root = document.getElementById("import-job");
  if (!root) { return; }
  // The bar's width comes from data-percent (no inline style: strict CSP).
  var initialBar = root.querySelector('[data-import="bar"]');
  initialBar.style.width = initialBar.dataset.percent + "%";
  if (root.dataset.finished === "true") { return; }
  var url = root.dataset.statusUrl;
  function part(name) { return root.querySelector('[data-import="' + name + '"]'); }
  function cell(text) { var td = document.createElement("td"); td.textContent = text; return td; }

  function render(data) {
    part("status").textContent = data.status_label;
    part("processed").textContent = data.processed_rows;
    part("total").textContent = data.total_rows;
    var bar = part("bar");
    bar.style.width = data.percent + "%";
    bar.setAttribute("aria-valuenow", data.percent);
    bar.textContent = data.percent + "%";
    if (!data.finished) { return; }
    bar.classList.remove("progress-bar-striped", "progress-bar-animated");
    if (data.status === "succeeded") {
      bar.classList.add("bg-success");
      var summary = part("summary");
      summary.textContent = root.dataset.labelDone
        .replace("%(created)s", data.created).replace("%(updated)s", data.updated);
      summary.classList.remove("d-none");
    } else {
      bar.classList.add("bg-danger");
      var body = part("errors");
      body.textContent = "";
      data.errors.forEach(function (error) {
        var tr = document.createElement("tr");
        tr.appendChild(cell(error.row ? String(error.row) : "–"));
        tr.appendChild(cell(error.field));
        tr.appendChild(cell(error.message));
        body.appendChild(tr);
      });
      part("errors-box").classList.remove("d-none");
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        render(data);
        if (!data.finished) { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  poll();
})();
