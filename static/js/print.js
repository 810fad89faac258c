// Printable pages open the print dialog once loaded.
window.addEventListener("load", function () { if (window.print) window.print(); });
