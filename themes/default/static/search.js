// Search for the /search/ page: loads the site's small JSON index and ranks
// documents, sections and glossary terms. The page works without it (A to Z).
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  var out = document.getElementById("search-results");
  if (!form || !out) return;
  var input = form.querySelector("input[name=q]");
  var index = null;
  function load() {
    if (index) return Promise.resolve(index);
    return fetch(out.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (d) { index = d; return d; });
  }
  function score(doc, terms, raw) {
    var s = 0, t = doc.t.toLowerCase(), x = (doc.x || "").toLowerCase();
    if (doc.k === "Glossary term" && (doc.t === raw.toUpperCase() || (doc.a || []).indexOf(raw) >= 0)) s += 100;
    terms.forEach(function (w) {
      if (t.indexOf(w) >= 0) s += 10;
      (doc.s || []).forEach(function (sec) { if (sec[0].toLowerCase().indexOf(w) >= 0) s += 4; });
      if (x.indexOf(w) >= 0) s += 1;
    });
    return s;
  }
  function run(raw) {
    var q = raw.trim();
    if (!q) { out.textContent = ""; return; }
    load().then(function (docs) {
      var terms = q.toLowerCase().split(/\s+/);
      var hits = docs.map(function (d) { return [score(d, terms, q), d]; }).filter(function (h) { return h[0] > 0; });
      hits.sort(function (a, b) { return b[0] - a[0]; });
      out.textContent = "";
      var h = document.createElement("h2");
      h.textContent = hits.length + (hits.length === 1 ? " result" : " results") + " for \u201c" + q + "\u201d";
      out.appendChild(h);
      var ol = document.createElement("ol");
      hits.slice(0, 50).forEach(function (hit) {
        var d = hit[1], li = document.createElement("li"), a = document.createElement("a");
        a.href = d.u; a.textContent = d.t; li.appendChild(a);
        var meta = document.createElement("span");
        meta.className = "az-kind";
        meta.textContent = " " + d.k + (d.v ? ", version " + d.v : "");
        li.appendChild(meta);
        var sec = (d.s || []).filter(function (s) { return terms.some(function (w) { return s[0].toLowerCase().indexOf(w) >= 0; }); })[0];
        if (sec) {
          var p = document.createElement("p"), sa = document.createElement("a");
          sa.href = d.u + "#" + sec[1]; sa.textContent = "Section: " + sec[0]; p.appendChild(sa); li.appendChild(p);
        }
        ol.appendChild(li);
      });
      out.appendChild(ol);
    });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); run(input.value); });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
