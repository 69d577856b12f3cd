// Doorbraakschool: drafts of the case exercises.
// The form posts itself to /concepten/<id> while typing (htmx attributes in the template). This
// file keeps unsent text in this browser until the server confirms it, puts it back when the page
// opens again (after a closed tab or an expired session), shows the feedback of a rejected answer
// (htmx does not swap 400 responses by default) and prints the plan on request.
(function () {
  "use strict";
  var FORM = "form[data-draft-key]";

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function fieldsOf(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrf_token" || el.type === "submit" || el.type === "button") { return; }
      if (el.type === "radio") {
        if (el.checked) { data[el.name] = el.value; }
        else if (!(el.name in data)) { data[el.name] = ""; }
      } else if (el.type === "checkbox") {
        data[el.name] = data[el.name] || [];
        if (el.checked) { data[el.name].push(el.value); }
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function fill(form, data) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in data)) { return; }
      var value = data[el.name];
      if (el.type === "radio") { el.checked = el.value === value; }
      else if (el.type === "checkbox") { el.checked = Array.isArray(value) && value.indexOf(el.value) >= 0; }
      else if (el.type !== "hidden") { el.value = value; }
    });
  }

  function status(form, text) {
    var box = form.querySelector("#concept-status");
    if (box) { box.textContent = text; }
  }

  function remember(form) {
    var s = store();
    if (!s) { return; }
    try {
      s.setItem(form.dataset.draftKey, JSON.stringify({ savedAt: Date.now(), fields: fieldsOf(form) }));
    } catch (e) { /* storage full or blocked: the server copy still counts */ }
  }

  function forget(form) {
    var s = store();
    if (s) { s.removeItem(form.dataset.draftKey); }
  }

  function restore(form) {
    var s = store();
    if (!s || form.dataset.draftReady) { return; }
    form.dataset.draftReady = "1";
    var raw = s.getItem(form.dataset.draftKey);
    if (!raw) { return; }
    var saved;
    try { saved = JSON.parse(raw); } catch (e) { forget(form); return; }
    var serverTime = Date.parse(form.dataset.draftSavedAt || "") || 0;
    if (!saved || !saved.fields || saved.savedAt <= serverTime) { forget(form); return; }
    if (JSON.stringify(saved.fields) === JSON.stringify(fieldsOf(form))) { forget(form); return; }
    fill(form, saved.fields);
    var notice = document.createElement("p");
    notice.className = "alert";
    notice.setAttribute("role", "status");
    notice.textContent = "Tekst die nog niet op de server stond, is teruggezet uit deze browser en wordt nu bewaard.";
    form.insertBefore(notice, form.firstChild);
    if (window.htmx) { window.htmx.trigger(form, "change"); }
  }

  function setup(root) {
    var forms = root.querySelectorAll ? root.querySelectorAll(FORM) : [];
    Array.prototype.forEach.call(forms, function (form) {
      restore(form);
      if (form.dataset.draftListening) { return; }
      form.dataset.draftListening = "1";
      form.addEventListener("input", function () { remember(form); });
      form.addEventListener("change", function () { remember(form); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { setup(document); });
  document.addEventListener("htmx:load", function (event) { setup(event.detail.elt); });

  function isAutosave(detail) {
    var path = (detail.pathInfo && detail.pathInfo.requestPath) || "";
    return path.indexOf("/concepten/") === 0;
  }

  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    var form = elt && elt.closest ? elt.closest(FORM) : null;
    if (!form) { return; }
    if (event.detail.successful) {
      forget(form);
    } else if (isAutosave(event.detail)) {
      status(form, "Niet opgeslagen op de server: je sessie is verlopen of de verbinding is weg. " +
        "Je tekst blijft in deze browser bewaard; log opnieuw in en open deze pagina weer.");
    }
  });

  // Show the form again with its message when the server refuses an answer (400).
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (event.detail.xhr.status === 400 && target && target.closest && target.closest("[data-swap-errors]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) { window.print(); }
  });
})();
