// charter serve: reloads the page after each successful rebuild. Injected
// only by `charter serve`, never into `charter build` output.
(function () {
  "use strict";
  var source = new EventSource("/__charter/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function () {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("charter-reload", Date.now());
      links[i].href = url.toString();
    }
  });
  var overlay = document.getElementById("charter-errors");
  if (overlay) {
    var close = overlay.querySelector("button");
    if (close) close.addEventListener("click", function () { overlay.hidden = true; });
    overlay.focus();
  }
})();
