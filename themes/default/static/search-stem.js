// The Snowball English ("Porter2") stemmer, as the search index uses it
// when it is built, so that a word typed in the search box is reduced to
// the same stem as the words of the pages: "escalating" and "escalation"
// both become "escal". Written from the algorithm's description; a test
// runs thousands of words through this and through the build's stemmer
// and requires the same stem for each.
(function (root) {
  "use strict";

  function isVowel(c) {
    return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y";
  }
  // Letters before which a final "li" is a suffix ("fully" is not).
  var VALID_LI = "cdeghkmnrt";

  var EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie",
    idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
    sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var AFTER_STEP_1A = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];

  // The word as an array of letters; "Y" marks a y that is a consonant.
  function prelude(w) {
    var a = w.split("");
    if (a[0] === "'") a.shift();
    if (a[0] === "y") a[0] = "Y";
    for (var i = 1; i < a.length; i++) {
      if (a[i] === "y" && isVowel(a[i - 1])) a[i] = "Y";
    }
    return a;
  }

  // R1 starts after the first non-vowel that follows a vowel (or after
  // one of three prefixes); R2 is the same taken again inside R1.
  function regionAfter(a, from) {
    for (var i = from + 1; i < a.length; i++) {
      if (!isVowel(a[i]) && isVowel(a[i - 1])) return i + 1;
    }
    return a.length;
  }
  function regions(a) {
    var s = a.join("");
    var p1;
    if (s.indexOf("gener") === 0 || s.indexOf("arsen") === 0) p1 = 5;
    else if (s.indexOf("commun") === 0) p1 = 6;
    else p1 = regionAfter(a, 0);
    var p2 = regionAfter(a, p1);
    return { p1: p1, p2: p2 };
  }

  function endsWith(a, suffix) {
    if (suffix.length > a.length) return false;
    for (var i = 0; i < suffix.length; i++) {
      if (a[a.length - suffix.length + i] !== suffix[i]) return false;
    }
    return true;
  }
  // The longest of `suffixes` the word ends with, or null.
  function longest(a, suffixes) {
    var best = null;
    for (var i = 0; i < suffixes.length; i++) {
      if (endsWith(a, suffixes[i]) && (best === null || suffixes[i].length > best.length)) best = suffixes[i];
    }
    return best;
  }
  function replace(a, n, by) {
    a.length -= n;
    for (var i = 0; i < by.length; i++) a.push(by[i]);
  }

  // A short syllable ending at index `end` (exclusive): consonant, vowel,
  // consonant not w, x or Y; or, at the start of the word, vowel then consonant.
  function shortSyllableBefore(a, end) {
    var i = end - 1;
    if (i >= 2 && !isVowel(a[i]) && "wxY".indexOf(a[i]) < 0 && isVowel(a[i - 1]) && !isVowel(a[i - 2])) return true;
    return i === 1 && isVowel(a[0]) && !isVowel(a[1]);
  }
  function hasVowel(a, from, to) {
    for (var i = from; i < to; i++) if (isVowel(a[i])) return true;
    return false;
  }

  function step1a(a) {
    var s = longest(a, ["'s'", "'s", "'"]);
    if (s) a.length -= s.length;
    s = longest(a, ["sses", "ied", "ies", "s", "us", "ss"]);
    if (s === "sses") replace(a, 4, "ss");
    else if (s === "ied" || s === "ies") replace(a, 3, a.length > 4 ? "i" : "ie");
    else if (s === "s" && hasVowel(a, 0, a.length - 2)) a.length -= 1;
  }

  function step1b(a, r) {
    var s = longest(a, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (!s) return;
    if (s === "eed" || s === "eedly") {
      if (a.length - s.length >= r.p1) replace(a, s.length, "ee");
      return;
    }
    if (!hasVowel(a, 0, a.length - s.length)) return;
    a.length -= s.length;
    var end = longest(a, ["at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
    if (end === "at" || end === "bl" || end === "iz") a.push("e");
    else if (end) a.length -= 1;
    else if (a.length === r.p1 && shortSyllableBefore(a, a.length)) a.push("e");
  }

  function step1c(a) {
    var last = a[a.length - 1];
    if ((last === "y" || last === "Y") && a.length > 2 && !isVowel(a[a.length - 2])) a[a.length - 1] = "i";
  }

  var STEP2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
    ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful",
    ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og",
    fulli: "ful", lessli: "less", li: ""
  };
  function step2(a, r) {
    var s = longest(a, Object.keys(STEP2));
    if (!s || a.length - s.length < r.p1) return;
    var before = a[a.length - s.length - 1];
    if (s === "ogi" && before !== "l") return;
    if (s === "li" && (before === undefined || VALID_LI.indexOf(before) < 0)) return;
    replace(a, s.length, STEP2[s]);
  }

  var STEP3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
  function step3(a, r) {
    var s = longest(a, Object.keys(STEP3));
    if (!s || a.length - s.length < r.p1) return;
    if (s === "ative" && a.length - s.length < r.p2) return;
    replace(a, s.length, STEP3[s]);
  }

  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"];
  function step4(a, r) {
    var s = longest(a, STEP4);
    if (!s || a.length - s.length < r.p2) return;
    if (s === "ion") {
      var before = a[a.length - 4];
      if (before !== "s" && before !== "t") return;
    }
    a.length -= s.length;
  }

  function step5(a, r) {
    var last = a[a.length - 1];
    if (last === "e") {
      var at = a.length - 1;
      if (at >= r.p2 || (at >= r.p1 && !shortSyllableBefore(a, at))) a.length -= 1;
    } else if (last === "l" && a.length - 1 >= r.p2 && a[a.length - 2] === "l") {
      a.length -= 1;
    }
  }

  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) return EXCEPTIONS[word];
    if (word.length < 3) return word;
    var a = prelude(word);
    var r = regions(a);
    step1a(a);
    if (AFTER_STEP_1A.indexOf(a.join("")) < 0) {
      step1b(a, r);
      step1c(a);
      step2(a, r);
      step3(a, r);
      step4(a, r);
      step5(a, r);
    }
    return a.join("").replace(/Y/g, "y");
  }

  root.charterStem = stem;
})(typeof window !== "undefined" ? window : globalThis);
