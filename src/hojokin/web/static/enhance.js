// Progressive enhancement only: every form works without this script.
// - "行を追加" adds a personnel row in place instead of asking the server for one.
// - A form with errors moves focus to its error summary.
(function () {
  "use strict";

  function renumber(row, year, from, to) {
    var old = "y" + year + "_p" + from + "_";
    var now = "y" + year + "_p" + to + "_";
    row.setAttribute("data-person", String(to));
    row.querySelectorAll("[id], [for], [name], [aria-describedby]").forEach(function (el) {
      ["id", "for", "name"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(old, now));
      });
      el.removeAttribute("aria-describedby");
      el.removeAttribute("aria-invalid");
      el.removeAttribute("autofocus");
    });
    row.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
    row.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
    row.querySelectorAll("label, summary").forEach(function (label) {
      label.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE) node.textContent = node.textContent.replace(from + "人目", to + "人目");
      });
    });
    row.querySelectorAll("input").forEach(function (input) { input.value = ""; });
  }

  function addPerson(event) {
    var button = event.currentTarget;
    var year = button.getAttribute("data-add-person");
    var group = document.querySelector('[data-persons="' + year + '"]');
    var count = group.querySelector('input[name="y' + year + '_persons"]');
    var rows = group.querySelectorAll("[data-person]");
    var last = rows[rows.length - 1];
    var n = Number(last.getAttribute("data-person"));
    var row = last.cloneNode(true);
    renumber(row, year, n, n + 1);
    last.after(row);
    count.value = String(n + 1);
    event.preventDefault();
    row.querySelector("input").focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-add-person]").forEach(function (button) {
      button.addEventListener("click", addPerson);
    });
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  });
})();
