// Refreshes the page's <main> without a full reload: asks the vault for the same page with
// X-Lifeboat-Partial: 1, which answers only the fragment. Stops when the session has ended.
(function () {
  "use strict";
  var main = document.getElementById("main");
  var status = document.getElementById("refresh-status");
  if (!main) { return; }
  var every = parseInt(main.getAttribute("data-refresh"), 10) || 5000;
  function refresh() {
    fetch(window.location.pathname + window.location.search, {
      headers: { "X-Lifeboat-Partial": "1" }, credentials: "same-origin", cache: "no-store"
    }).then(function (r) {
      if (r.status === 401) {
        status.textContent = "Your session has ended: sign in again with a new link.";
        return null;
      }
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.text();
    }).then(function (html) {
      if (html === null) { return; }
      main.innerHTML = html;
      main.setAttribute("data-refreshed", new Date().toISOString());
      status.textContent = "";
      window.setTimeout(refresh, every);
    }).catch(function (e) {
      status.textContent = "Could not refresh (" + e.message + "); retrying.";
      window.setTimeout(refresh, every);
    });
  }
  window.setTimeout(refresh, every);
})();
