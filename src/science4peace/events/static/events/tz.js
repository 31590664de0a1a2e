// Offer the browser's own time zone as a link (?tz=...); nothing is sent anywhere else.
(function () {
  "use strict";
  var holder = document.getElementById("browser-zone");
  if (!holder || !window.Intl) { return; }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === holder.dataset.current) { return; }
  var link = document.createElement("a");
  link.href = "?tz=" + encodeURIComponent(zone);
  link.textContent = holder.dataset.label + " (" + zone + ")";
  holder.append("· ", link);
})();
