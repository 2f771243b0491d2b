// Search for the /search/ page. The index is split into small files
// (search/terms-XY.json by the first two letters of a word, search/docs-N.json
// for the records), so a query loads only what it needs. Without JavaScript
// the page's A to Z index does the job.
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  var out = document.getElementById("search-results");
  if (!form || !out) return;
  var input = form.querySelector("input[name=q]");
  var base = out.getAttribute("data-index");
  var cache = {};
  var STOP = " a an and are as at be by for from has have in is it its of on or that the their this to was we were will with which who our all any can not but they these those also ";

  function get(name) {
    if (!cache[name]) {
      cache[name] = fetch(base + name).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
    }
    return cache[name];
  }
  function words(q) {
    return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return Array.from(w).length >= 2 && STOP.indexOf(" " + w + " ") < 0;
    });
  }
  function shard(w) {
    return Array.from(w).slice(0, 2).map(function (c) { return /[a-z0-9]/.test(c) ? c : "_"; }).join("");
  }
  function say(text) {
    out.textContent = "";
    var p = document.createElement("p");
    p.textContent = text;
    out.appendChild(p);
  }
  function run(raw) {
    var terms = words(raw.trim());
    if (!terms.length) { say("Type at least one word of two letters or more."); return; }
    say("Searching…");
    Promise.all([get("meta.json")].concat(terms.map(function (w) { return get("terms-" + shard(w) + ".json"); }))).then(function (loaded) {
      var meta = loaded[0] || { docs_per_file: 500 };
      var scores = {}, sections = {}, hits = {};
      terms.forEach(function (w, i) {
        var table = loaded[i + 1] || {};
        // The last word may be unfinished: match it as a prefix too.
        var keys = i === terms.length - 1 ? Object.keys(table).filter(function (k) { return k.indexOf(w) === 0; }) : (table[w] ? [w] : []);
        var seen = {};
        keys.forEach(function (k) {
          table[k].forEach(function (p) {
            var d = p[0];
            scores[d] = (scores[d] || 0) + (k === w ? p[1] : p[1] / 2);
            if (p[2] >= 0 && sections[d] === undefined) sections[d] = p[2];
            if (!seen[d]) { seen[d] = true; hits[d] = (hits[d] || 0) + 1; }
          });
        });
      });
      // Records with every word first, then the best scores.
      var ids = Object.keys(scores).map(Number).sort(function (a, b) { return (hits[b] - hits[a]) || (scores[b] - scores[a]) || (a - b); });
      var all = ids.filter(function (d) { return hits[d] === terms.length; });
      var shown = (all.length ? all : ids).slice(0, 30);
      var files = {};
      shown.forEach(function (d) { files[Math.floor(d / meta.docs_per_file)] = true; });
      var names = Object.keys(files);
      return Promise.all(names.map(function (n) { return get("docs-" + n + ".json"); })).then(function (chunks) {
        var docs = {};
        names.forEach(function (n, i) { docs[n] = chunks[i] || []; });
        render(raw.trim(), shown.map(function (d) {
          var n = Math.floor(d / meta.docs_per_file);
          return { doc: docs[n][d - n * meta.docs_per_file], section: sections[d] };
        }), all.length || !ids.length);
      });
    }).catch(function () { say("Search is not available just now. Use the A to Z index below."); });
  }
  function render(q, results, exact) {
    out.textContent = "";
    var h = document.createElement("h2");
    h.textContent = results.length + (results.length === 1 ? " result" : " results") + " for \u201c" + q + "\u201d" + (exact ? "" : " (not every word found)");
    out.appendChild(h);
    var ol = document.createElement("ol");
    results.forEach(function (r) {
      if (!r.doc) return;
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = r.doc.u; a.textContent = r.doc.t; li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "az-kind";
      meta.textContent = " " + r.doc.k + (r.doc.v ? ", version " + r.doc.v : "");
      li.appendChild(meta);
      var sec = r.section !== undefined ? r.doc.s[r.section] : null;
      if (sec) {
        var p = document.createElement("p"), sa = document.createElement("a");
        sa.href = r.doc.u + "#" + sec[1]; sa.textContent = "Section: " + sec[0]; p.appendChild(sa); li.appendChild(p);
      }
      ol.appendChild(li);
    });
    out.appendChild(ol);
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    run(input.value);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
