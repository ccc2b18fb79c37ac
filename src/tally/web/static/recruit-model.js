// Sliders on the cost-model page: each slider mirrors its number field (the field is what
// the form submits, so the page works without JavaScript); releasing a slider recalculates.
(function () {
  "use strict";
  var form = document.getElementById("model-form");
  if (!form) { return; }
  var sliders = form.querySelectorAll("input.slider");
  Array.prototype.forEach.call(sliders, function (slider) {
    var field = document.getElementById(slider.getAttribute("data-for"));
    if (!field) { return; }
    slider.addEventListener("input", function () { field.value = slider.value; });
    slider.addEventListener("change", function () { form.submit(); });
    field.addEventListener("input", function () { slider.value = field.value; });
  });
}());
