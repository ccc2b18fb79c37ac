// Keyboard shortcuts for the review queue: s same, d different, u not sure, j/k next/previous.
// Without JavaScript the same actions are buttons and links.
(function () {
  "use strict";
  var pair = document.getElementById("pair");
  if (!pair) { return; }
  var busy = false;
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || busy) { return; }
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    var key = event.key.toLowerCase();
    var form = document.querySelector("form[data-key='" + key + "']");
    if (form) { busy = true; event.preventDefault(); form.submit(); return; }
    var link = key === "j" ? document.getElementById("next")
      : key === "k" ? document.getElementById("prev") : null;
    if (link) { event.preventDefault(); window.location.href = link.href; }
  });
})();
