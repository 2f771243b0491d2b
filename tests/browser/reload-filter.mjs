// Which pages serve's reload event reloads (crates/serve/src/reload.js): the
// script is run as a browser would, with a stand-in EventSource and
// location, and each event's data is checked against the page it reaches.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const script = readFileSync(fileURLToPath(new URL("../../crates/serve/src/reload.js", import.meta.url)), "utf8");

function reloads(pathname, data) {
  const handlers = {};
  let reloaded = false;
  const context = {
    EventSource: function () { return { addEventListener: (name, f) => { handlers[name] = f; } }; },
    location: { pathname, reload: () => { reloaded = true; } },
    document: { getElementById: () => null, querySelectorAll: () => [] },
    URL,
  };
  vm.runInNewContext(script, context);
  handlers.reload({ data });
  return reloaded;
}

const cases = [
  ["/other/", '["other/index.html"]', true, "the page that changed"],
  ["/", '["other/index.html"]', false, "another page changed"],
  ["/", '["index.html"]', true, "the home page"],
  ["/x/", "*", true, "every page (errors shown or cleared)"],
  ["/x/", '["search/terms-ab.json","sitemap.xml","feed.xml","robots.txt"]', false, "only the search index and feeds"],
  ["/x/", '["images/chart.png"]', true, "an asset the page may show"],
  ["/a%20b/", '["a b/index.html"]', true, "a percent-encoded address"],
  ["/x/", "not json", true, "data it cannot read"],
];
let failed = 0;
for (const [path, data, want, what] of cases) {
  const got = reloads(path, data);
  if (got !== want) {
    failed++;
    console.error(`reload-filter: ${what}: ${path} with ${data} should ${want ? "" : "not "}reload`);
  }
}
console.log(`reload-filter: ${cases.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
