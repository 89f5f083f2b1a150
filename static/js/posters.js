// The poster form's word count: the four parts of the abstract together, updated as people
// type and announced politely (aria-live on the output) at most once a second, so a screen
// reader is not interrupted at every key. The server counts again and refuses a longer
// abstract; without JavaScript the count shown is the one from the last time the form was sent.
(function () {
  "use strict";
  var abstract = document.querySelector(".poster-abstract");
  var output = abstract && abstract.querySelector("[data-word-count-output]");
  if (!output) return;
  var fields = abstract.querySelectorAll("textarea[data-word-count]");
  var limit = parseInt(abstract.getAttribute("data-word-limit"), 10);
  // The same rule as the server (models.count_words): letters and digits, joined by - or '.
  var word = /[\p{L}\p{N}_]+(?:[-'’][\p{L}\p{N}_]+)*/gu;
  var timer = null;

  function count() {
    var total = 0;
    fields.forEach(function (field) {
      var found = field.value.match(word);
      total += found ? found.length : 0;
    });
    return total;
  }

  function render() {
    timer = null;
    var total = count();
    var template = total > limit ? output.getAttribute("data-over") : output.getAttribute(total === 1 ? "data-one" : "data-many");
    output.textContent = template.replace("{count}", total).replace("{limit}", limit).replace("{over}", total - limit);
    output.classList.toggle("poster-word-count--over", total > limit);
  }

  abstract.addEventListener("input", function () {
    if (timer === null) timer = window.setTimeout(render, 1000);
  });
})();
