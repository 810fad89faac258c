// Small behaviours shared by every page (no inline handlers, so a strict Content-Security-Policy can apply).
(function () {
  "use strict";
  // A select that submits its form when changed (year pickers).
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("select[data-autosubmit]")) e.target.form.submit();
  });
  // Irreversible steps ask first.
  document.addEventListener("submit", function (e) {
    var text = e.target.getAttribute && e.target.getAttribute("data-confirm");
    if (text && !window.confirm(text)) e.preventDefault();
  });
  // A button that does something irreversible (submitting a report locks it) asks first; its sibling buttons do not.
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-confirm]");
    if (b && !window.confirm(b.getAttribute("data-confirm"))) e.preventDefault();
  });
  // A message shown where the user acted gets the focus, so it is read and seen.
  // After a failed save the first wrong field gets it (the list of errors above links to each one).
  // On "load", after the browser has moved to the address's #fragment (which would take the focus back).
  window.addEventListener("load", function () {
    var wrong = document.querySelector("#form-errors") && document.querySelector(".field.has-error input, .field.has-error select");
    if (wrong) { wrong.focus(); wrong.scrollIntoView({block: "center"}); return; }
    var flash = document.querySelector("[data-flash]");
    if (flash) { flash.focus(); flash.scrollIntoView({block: "center"}); }
  });
})();
// A select whose options are form actions (the yearly-check form: one recognition per option).
document.addEventListener("change", function (e) {
  if (e.target.matches && e.target.matches("select[data-sets-action]")) e.target.form.action = e.target.value;
});
// The yearly check asks before a revocation, not before the other outcomes.
document.addEventListener("submit", function (e) {
  var form = e.target, text = form.getAttribute && form.getAttribute("data-confirm-revoke");
  if (text && form.elements.outcome && form.elements.outcome.value === "revoked" && !window.confirm(text)) e.preventDefault();
});
// A panel opened and closed by a button (the live evaluation, pinned to the bottom on phones).
document.addEventListener("click", function (e) {
  var button = e.target.closest && e.target.closest("[data-toggle-open]");
  if (!button) return;
  var panel = document.querySelector(button.getAttribute("data-toggle-open"));
  if (!panel) return;
  var open = panel.classList.toggle("open");
  button.setAttribute("aria-expanded", open ? "true" : "false");
});
// A print button (the period summary): the browser's own print dialog, from which a PDF can be saved too.
document.addEventListener("click", function (e) {
  if (e.target.closest && e.target.closest("[data-print]")) window.print();
});
// A figure computed by a register is read-only until the user chooses to type over it (with a reason).
(function () {
  function sync(box) {
    var input = document.querySelector(box.getAttribute("data-override"));
    if (input) input.readOnly = !box.checked;
    var reason = box.closest(".provided") && box.closest(".provided").querySelector(".override-reason");
    if (reason) reason.hidden = !box.checked;
  }
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("input[data-override]")) sync(e.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-override]").forEach(sync);
  });
})();
