#!/usr/bin/env node
// What a search loads, measured in real headless Chromium on a built site:
//   node search-load.mjs SITE_DIR [--max-kb N] [QUERY ...]
// Each query runs in a fresh browser context (nothing cached), on the
// site's own search page, until its results are shown; the bytes of every
// file fetched under /search/ after the page itself (meta.json, the word
// files, the record files of the results shown) are added up, as served:
// uncompressed, so a host that compresses JSON sends less.
// Prints one line per query and the median and largest; with --max-kb,
// exits 1 when the median is over N kB (issue 18 asks under 300 kB for a
// typical query).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
const args = process.argv.slice(2);
const site = path.resolve(args.shift() || '');
let maxKb = null;
const queries = [];
while (args.length) {
  const a = args.shift();
  if (a === '--max-kb') maxKb = Number(args.shift());
  else queries.push(a);
}
if (!fs.existsSync(path.join(site, 'search', 'index.html'))) {
  console.error('usage: node search-load.mjs SITE_DIR [--max-kb N] [QUERY ...]');
  process.exit(2);
}
// Words a reader of these documents types: single words, a phrase, an
// acronym and a hand number.
if (!queries.length) {
  queries.push('escalation', 'safeguarding', 'neglect', 'supervision', 'early help',
    'child protection', 'exploitation', 'missing', 'thresholds', 'MASH', '2.6',
    'multi agency safeguarding arrangements');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(site, p);
  if (!file.startsWith(site) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-length': fs.statSync(file).size });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHARTER_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const loads = [];
let status = 0;
try {
  for (const query of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Each finished request's size, asked for as it finishes and all
    // awaited before they are added up.
    const pending = [];
    page.on('requestfinished', (request) => {
      const url = new URL(request.url());
      if (!url.pathname.startsWith('/search/') || !url.pathname.endsWith('.json')) return;
      pending.push(request.sizes().then((sizes) => [url.pathname, sizes.responseBodySize]));
    });
    await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForSelector('#search-results h2', { timeout: 30000 });
    // Excerpts come from record files fetched after the first results.
    await page.waitForLoadState('networkidle');
    const shown = await page.$$eval('#search-results li', (l) => l.length);
    const files = await Promise.all(pending);
    const bytes = files.reduce((sum, [, n]) => sum + n, 0);
    const records = files.filter(([p]) => p.startsWith('/search/r/')).length;
    loads.push(bytes);
    console.log(`${JSON.stringify(query)}: ${(bytes / 1000).toFixed(0)} kB in ${files.length} files (${records} of records), ${shown} results shown`);
    await context.close();
  }
} catch (e) {
  status = 1;
  console.log(`FAIL [harness] ${e && e.stack || e}`);
} finally {
  await browser.close();
  server.close();
}
if (loads.length) {
  const sorted = [...loads].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  console.log(`search load: median ${(median / 1000).toFixed(0)} kB, largest ${(sorted[sorted.length - 1] / 1000).toFixed(0)} kB over ${loads.length} queries`);
  if (maxKb !== null && median > maxKb * 1000) {
    console.log(`FAIL [search load] median ${(median / 1000).toFixed(0)} kB is over ${maxKb} kB`);
    status = 1;
  }
}
process.exit(status);
