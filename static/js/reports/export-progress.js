/* Progress of an office report export: polls the export's status JSON,
 * shows the bar and, when the file is ready, starts the download by itself
 * (the link stays in the message in case the browser blocks it). The
 * export id then leaves the address bar, so reloading the page does not
 * download the file again. The page carries the status URL (with 0 as the
 * id placeholder) and the export id in data-*; no inline script or style
 * (strict CSP). Without script, the page's <noscript> refresh goes to the
 * export's own page, which does the same with meta refreshes. */
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
      download(data.download_url);
    } else {
      bar.classList.add("bg-danger");
      message.textContent = data.error || data.status_label;
    }
  }

  function download(downloadUrl) {
    var address = new URL(window.location.href);
    address.searchParams.delete("export");
    window.history.replaceState(window.history.state, "", address.toString());
    // An attachment: the browser saves the file and stays on this page.
    window.location.assign(downloadUrl);
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
