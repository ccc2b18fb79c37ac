// Progressive enhancement: switch the maps between absolute and per-capita in place.
// Without JavaScript the same switch works by links (?map=count / ?map=rate).
(function () {
  "use strict";
  document.querySelectorAll("[data-map-switch]").forEach(function (box) {
    box.querySelectorAll("a[data-mode]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var mode = link.getAttribute("data-mode");
        var group = box.getAttribute("data-map-switch");
        var maps = document.querySelectorAll("svg.map[data-group='" + group + "']");
        if (!maps.length) { return; }
        event.preventDefault();
        maps.forEach(function (svg) {
          // SVG elements have no .hidden property: use the attribute
          if (svg.getAttribute("data-mode") === mode) { svg.removeAttribute("hidden"); }
          else { svg.setAttribute("hidden", ""); }
        });
        box.querySelectorAll("a[data-mode]").forEach(function (other) {
          other.classList.toggle("active", other === link);
        });
      });
    });
  });
})();
