// Time-zone pickers (docs/development.md, "Pickers"): a search box that filters the zones of
// every <select data-zone-picker>, and the browser's own zone offered first. The select works
// alone without this script; nothing is sent anywhere.
(function () {
  "use strict";
  function browserZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return ""; }
  }
  function enhance(select) {
    if (select.dataset.enhanced) { return; }
    select.dataset.enhanced = "1";
    var zone = browserZone();
    var original = zone && select.querySelector('option[value="' + CSS.escape(zone) + '"]');
    if (original) {
      var group = document.createElement("optgroup");
      group.label = select.dataset.browserLabel || zone;
      var copy = original.cloneNode(true);
      copy.selected = false;
      group.appendChild(copy);
      var first = select.querySelector("optgroup");
      select.insertBefore(group, first);
      if (!select.dataset.initial) { copy.selected = true; }
    }
    var search = document.createElement("input");
    search.type = "search";
    search.className = "zone-search";
    search.setAttribute("aria-label", select.dataset.searchLabel || "Search");
    search.placeholder = select.dataset.searchLabel || "";
    search.setAttribute("aria-controls", select.id);
    search.addEventListener("input", function () {
      var words = search.value.toLowerCase().replace(/[\s_]+/g, " ").trim();
      var firstShown = null;
      select.querySelectorAll("optgroup").forEach(function (g) {
        var any = false;
        g.querySelectorAll("option").forEach(function (o) {
          var text = o.textContent.toLowerCase().replace(/_/g, " ");
          var show = !words || text.indexOf(words) !== -1;
          o.hidden = !show;
          if (show) { any = true; if (!firstShown) { firstShown = o; } }
        });
        g.hidden = !any;
      });
      var current = select.options[select.selectedIndex];
      if (words && firstShown && (!current || current.hidden)) { firstShown.selected = true; }
    });
    select.parentNode.insertBefore(search, select);
  }
  function run(root) {
    (root || document).querySelectorAll("select[data-zone-picker]").forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { run(); });
  } else { run(); }
  document.addEventListener("htmx:load", function (event) { run(event.target); });
})();
