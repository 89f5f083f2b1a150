// The registration form's running total: the chosen ticket plus the chosen extras, shown as
// people choose. Without JavaScript each option still shows its own price.
(function () {
  "use strict";
  var form = document.querySelector(".registration-form");
  var output = document.getElementById("registration-total");
  if (!form || !output) return;
  var line = form.querySelector("[data-registration-total]");

  function nok(ore) {
    var kroner = Math.floor(ore / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
    var rest = String(ore % 100).padStart(2, "0");
    return "kr\u00a0" + kroner + "," + rest;
  }

  function update() {
    var total = 0;
    var ticket = form.querySelector("input[name=ticket_type]:checked");
    form.querySelectorAll("input[name=add_ons]:checked, input[name=ticket_type]:checked").forEach(function (input) {
      total += parseInt(input.getAttribute("data-price-ore") || "0", 10);
    });
    output.textContent = ticket ? nok(total) : "–";
  }

  form.addEventListener("change", update);
  update();
  line.hidden = false;
})();
