// Doorbraakschool: htmx configuration and the CSRF header for every htmx request.
// No inline scripts and no eval anywhere: the CSP forbids both.
(function () {
  "use strict";
  function csrfToken() {
    return document.body ? document.body.getAttribute("data-csrf-token") : "";
  }
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrfToken();
  });
  // After an htmx swap that reports an error, move focus to the message so screen readers hear it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var alert = event.detail.target && event.detail.target.querySelector("[role=alert]");
    if (alert) { alert.setAttribute("tabindex", "-1"); alert.focus(); }
  });
  // Focus the form error after a full page load, so keyboard users land on it.
  document.addEventListener("DOMContentLoaded", function () {
    var error = document.getElementById("formulier-fout");
    if (error) { error.focus(); }
  });
  window.doorbraak = { csrfToken: csrfToken };
})();
