// charter serve: reloads the page after each successful rebuild. Injected
// only by `charter serve`, never into `charter build` output.
(function () {
  "use strict";
  var source = new EventSource("/__charter/events");
  // The data names the files that changed ("*": every page). A page
  // reloads when it is one of them, or when a file it may show (an image,
  // a stylesheet) is; not for the search index, sitemap or feed.
  function concernsThisPage(data) {
    if (!data || data === "*") return true;
    var changed;
    try { changed = JSON.parse(data); } catch (e) { return true; }
    var here = decodeURIComponent(location.pathname).replace(/^\//, "");
    if (here === "" || here.charAt(here.length - 1) === "/") here += "index.html";
    return changed.some(function (path) {
      if (path === here) return true;
      return !/\.html$/.test(path) && !/^search\//.test(path) && !/^(sitemap\.xml|feed\.xml|robots\.txt)$/.test(path);
    });
  }
  source.addEventListener("reload", function (e) {
    if (concernsThisPage(e.data)) location.reload();
  });
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
