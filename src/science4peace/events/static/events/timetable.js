// The timetable page's two progressive enhancements; the page is complete without them.
(function () {
  "use strict";
  // 1. Offer the browser's own time zone as a link (?tz=...); nothing is sent anywhere else.
  var holder = document.getElementById("browser-zone");
  if (holder && window.Intl) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && zone !== holder.dataset.current) {
      var link = document.createElement("a");
      link.href = "?tz=" + encodeURIComponent(zone);
      link.textContent = holder.dataset.label + " (" + zone + ")";
      holder.append("· ", link);
    }
  }
  // 2. The line of "now" across a day's grid while that day runs. The grid's rows are equal
  // slices of data-slot minutes from data-origin (Unix seconds), with one heading row before
  // each slot listed in data-heads (lib/timegrid.py); the line goes into the slot's row, at
  // the fraction of it already past. Placed through CSSOM, which CSP allows (no style="").
  var grids = document.querySelectorAll(".timegrid");
  function place() {
    var now = Date.now() / 1000;
    grids.forEach(function (grid) {
      var line = grid.querySelector(".now-line");
      var at = (now - Number(grid.dataset.origin)) / 60 / Number(grid.dataset.slot);
      if (!(at >= 0 && at < Number(grid.dataset.slots))) {
        if (line) { line.remove(); }
        return;
      }
      var slot = Math.floor(at);
      var heads = grid.dataset.heads ? grid.dataset.heads.split(" ").map(Number) : [];
      var row = 2 + slot + heads.filter(function (h) { return h <= slot; }).length;
      if (!line) {
        line = document.createElement("div");
        line.className = "now-line";
        line.setAttribute("aria-hidden", "true");
        grid.append(line);
      }
      line.style.gridRow = row + " / span 1";
      line.style.gridColumn = "1 / span " + grid.dataset.columns;
      line.style.top = ((at - slot) * 100).toFixed(1) + "%";
    });
  }
  if (grids.length) {
    place();
    setInterval(place, 30000);
  }
})();
