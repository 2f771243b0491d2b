// Search for the /search/ page. The index is split into small files
// (search/terms-XY.json by the first two letters of a word, search/r/F.json
// for records and their texts, a few to a file), so a query loads only what
// it shows. Words are cut and stemmed exactly as the build cut and
// stemmed the pages (search-stem.js). Without JavaScript the page's A to Z
// index does the job.
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  var out = document.getElementById("search-results");
  var stem = window.charterStem;
  if (!form || !out || !stem) return;
  var input = form.querySelector("input[name=q]");
  var base = out.getAttribute("data-index");
  var cache = {};
  var STOP = " a an and are as at be by for from has have in is it its of on or that the their this to was we were will with which who our all any can not but they these those also ";
  var SHOWN = 10;

  function get(name) {
    if (!cache[name]) {
      cache[name] = fetch(base + name)
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    return cache[name];
  }

  // Runs of letters and digits, a dot kept between two digits ("2.16"),
  // with their offsets: the same cut as the build's.
  var ALNUM = /[\p{L}\p{N}]/u, DIGIT = /[0-9]/;
  function tokens(text) {
    var found = [], start = -1, i = 0;
    while (i <= text.length) {
      var ch = i < text.length ? String.fromCodePoint(text.codePointAt(i)) : "";
      var keep = ch !== "" && ALNUM.test(ch);
      if (!keep && ch === "." && start >= 0 && DIGIT.test(text[i - 1] || "") && DIGIT.test(text[i + 1] || "")) keep = true;
      if (keep) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        found.push({ text: text.slice(start, i), at: start });
        start = -1;
      }
      i += ch.length || 1;
    }
    return found;
  }
  // The indexed form of a token, or null: numbers kept, stop words and
  // single letters dropped, words stemmed.
  function indexForm(token) {
    var w = token.toLowerCase();
    if (/[0-9]/.test(w)) return w;
    if (Array.from(w).length < 2 || STOP.indexOf(" " + w + " ") >= 0) return null;
    return stem(w);
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
    var q = raw.trim();
    var terms = [];
    tokens(q).forEach(function (t) {
      var w = indexForm(t.text);
      if (w && terms.indexOf(w) < 0) terms.push(w);
    });
    if (!terms.length) { say("Type at least one word of two letters or more."); return; }
    say("Searching…");
    var loads = [get("meta.json")].concat(terms.map(function (w) { return get("terms-" + shard(w) + ".json"); }));
    Promise.all(loads).then(function (loaded) {
      var ranked = rank(terms, loaded.slice(1), /\s$/.test(raw));
      var shown = ranked.slice(0, SHOWN);
      return details(shown, loaded[0]).then(function () {
        // The words together rank first among records with every word.
        shown.forEach(function (r) { r.together = together(r.text || "", terms); });
        shown.sort(compare);
        show(q, terms, shown, ranked.length);
      });
    }).catch(function () { say("Search is not available just now. Use the A to Z index below."); });
  }

  // Every record with any of the words: how many of the words it has, the
  // best place they are in (title, heading, glossary term), its score.
  function rank(terms, tables, finished) {
    var found = {};
    terms.forEach(function (w, i) {
      var table = tables[i] || {};
      // The last word may be unfinished: match it as a prefix too.
      var keys = i === terms.length - 1 && !finished
        ? Object.keys(table).filter(function (k) { return k.indexOf(w) === 0; })
        : (table[w] ? [w] : []);
      var seen = {};
      keys.forEach(function (k) {
        table[k].forEach(function (p) {
          var r = found[p[0]] || (found[p[0]] = { id: p[0], score: 0, words: 0, title: 0, heading: 0, term: 0, section: -1 });
          r.score += k === w ? p[1] : p[1] / 2;
          if (r.section < 0 && p[2] >= 0) r.section = p[2];
          if (!seen[p[0]]) {
            seen[p[0]] = true;
            r.words += 1;
            if (p[3] & 1) r.title += 1;
            if (p[3] & 2) r.heading += 1;
            if (p[3] & 4) r.term += 1;
          }
        });
      });
    });
    return Object.keys(found).map(function (k) { return found[k]; }).sort(compare);
  }
  function compare(a, b) {
    return (b.words - a.words) || ((b.together ? 1 : 0) - (a.together ? 1 : 0)) ||
      (b.title - a.title) || (b.heading - a.heading) || (b.term - a.term) ||
      (b.score - a.score) || (a.id - b.id);
  }

  // The records' titles and texts, for the results shown. Record `id` is
  // entry `id % per` of file `id / per` (meta.json says `per`); results
  // that share a file load it once.
  function details(shown, meta) {
    var per = (meta && meta.per_file) || 1;
    return Promise.all(shown.map(function (r) {
      return get("r/" + Math.floor(r.id / per) + ".json").then(function (file) {
        return file ? file[r.id % per] : null;
      });
    })).then(function (records) {
      shown.forEach(function (r, i) {
        r.doc = records[i];
        r.text = records[i] ? records[i].x : "";
      });
    });
  }

  // The text's words with their indexed forms.
  function indexed(text) {
    return tokens(text).map(function (t) { return { text: t.text, at: t.at, form: indexForm(t.text) }; })
      .filter(function (t) { return t.form; });
  }
  // Whether the query's words appear one after another in the text.
  function together(text, terms) {
    if (terms.length < 2) return false;
    var words = indexed(text);
    for (var i = 0; i + terms.length <= words.length; i++) {
      var all = true;
      for (var j = 0; j < terms.length && all; j++) all = words[i + j].form === terms[j];
      if (all) return true;
    }
    return false;
  }
  // About 25 words around the best match: the window with most query words.
  function excerpt(text, terms) {
    var words = tokens(text);
    if (!words.length) return null;
    var hit = words.map(function (t) { return terms.indexOf(indexForm(t.text) || "") >= 0; });
    var size = 25, best = 0, bestCount = -1, count = 0;
    for (var i = 0; i < words.length; i++) {
      count += hit[i] ? 1 : 0;
      if (i >= size) count -= hit[i - size] ? 1 : 0;
      if (i >= size - 1 || i === words.length - 1) {
        if (count > bestCount) { bestCount = count; best = Math.max(0, i - size + 1); }
      }
    }
    var from = words[best].at, last = words[Math.min(words.length - 1, best + size - 1)];
    var to = last.at + last.text.length;
    return { text: text, from: from, to: to, words: words.slice(best, best + size), hit: hit.slice(best, best + size) };
  }
  function excerptNode(ex) {
    var p = document.createElement("p");
    p.className = "search-excerpt";
    var at = ex.from;
    if (ex.from > 0) p.appendChild(document.createTextNode("… "));
    ex.words.forEach(function (w, i) {
      if (!ex.hit[i]) return;
      p.appendChild(document.createTextNode(ex.text.slice(at, w.at)));
      var mark = document.createElement("mark");
      mark.textContent = w.text;
      p.appendChild(mark);
      at = w.at + w.text.length;
    });
    p.appendChild(document.createTextNode(ex.text.slice(at, ex.to)));
    if (ex.to < ex.text.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function show(q, terms, results, total) {
    out.textContent = "";
    var exact = results.length && results[0].words === terms.length;
    var h = document.createElement("h2");
    h.textContent = total + (total === 1 ? " result" : " results") + " for \u201c" + q + "\u201d" +
      (exact || !total ? "" : " (not every word found)") + (total > results.length ? ", the best " + results.length + " shown" : "");
    out.appendChild(h);
    var ol = document.createElement("ol");
    ol.className = "search-list";
    results.forEach(function (r) {
      if (!r.doc) return;
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = r.doc.u; a.textContent = r.doc.t; li.appendChild(a);
      var where = document.createElement("p");
      where.className = "search-where";
      where.textContent = r.doc.k + (r.doc.d ? " of " + r.doc.d : "") + (r.doc.v ? ", version " + r.doc.v : "");
      var sec = r.section >= 0 ? r.doc.s[r.section] : null;
      if (sec) {
        where.appendChild(document.createTextNode(". Section: "));
        var sa = document.createElement("a");
        sa.href = r.doc.u + "#" + sec[1]; sa.textContent = sec[0]; where.appendChild(sa);
      }
      li.appendChild(where);
      var ex = excerpt(r.text || "", terms);
      if (ex) li.appendChild(excerptNode(ex));
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
