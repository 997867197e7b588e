/* Progress of an office report export: polls the export's status JSON
 * and shows the bar, then the download link. The page carries the status
 * URL (with 0 as the id placeholder) and the export id in data-*; no
 * inline script or style (strict CSP). */
(function () {
  "use strict";
  var root = document.getElementById("report-exports");
  if (!root || !root.dataset.exportId) { return; }
  var url = root.dataset.statusUrlTemplate.replace("/0/", "/" + encodeURIComponent(root.dataset.exportId) + "/");
  var box = root.querySelector('[data-export="progress-box"]');
  var bar = root.querySelector('[data-export="bar"]');
  var message = root.querySelector('[data-export="message"]');
  box.classList.remove("d-none");

  function render(data) {
    bar.style.width = data.progress + "%";
    bar.setAttribute("aria-valuenow", data.progress);
    bar.textContent = data.progress + "%";
    message.textContent = data.status_label;
    if (!data.finished) { return; }
    bar.classList.remove("progress-bar-striped", "progress-bar-animated");
    if (data.download_url) {
      bar.classList.add("bg-success");
      message.textContent = "";
      var link = document.createElement("a");
      link.href = data.download_url;
      link.textContent = data.status_label + " ↓";
      message.appendChild(link);
    } else {
      bar.classList.add("bg-danger");
      message.textContent = data.error || data.status_label;
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
