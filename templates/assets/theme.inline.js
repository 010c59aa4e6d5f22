// Runs in <head> before the first paint: applies the reader's chosen
// theme, and marks that JavaScript runs so that space is kept for the
// buttons site.js reveals (no layout shift when they appear).
(function () {
  var root = document.documentElement;
  var t = null;
  try { t = localStorage.getItem("theme"); } catch (e) {}
  if (t === "dark" || t === "light") root.setAttribute("data-theme", t);
  root.className += " js";
})();
