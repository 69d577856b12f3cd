// Doorbraakschool: the header menu button on small screens.
// Without JavaScript the button stays hidden and the menu stays open; with it, the menu
// folds behind one button whose aria-expanded says whether it is open.
(function () {
  "use strict";
  var NARROW = window.matchMedia("(max-width: 48rem)");

  function setup() {
    var button = document.querySelector(".menu-button[aria-controls]");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) { return; }
    function show(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-closed", !open);
    }
    function fit() {
      button.hidden = !NARROW.matches;
      show(!NARROW.matches);
    }
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && NARROW.matches && button.getAttribute("aria-expanded") === "true") {
        show(false);
        button.focus();
      }
    });
    NARROW.addEventListener("change", fit);
    fit();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
