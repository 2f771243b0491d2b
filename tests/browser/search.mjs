#!/usr/bin/env node
// The search page in real headless Chromium, on a built site:
//   node search.mjs SITE_DIR
// - a stemmed query ("escalating") finds pages that say "escalation", with
//   an excerpt whose matched words are in <mark>;
// - a title match ranks above pages that only mention the word;
// - an acronym finds its glossary entry first, and a hand number
//   ("2.6") finds the pages numbered so;
// - the form works from the keyboard alone, and Tab reaches the results;
// - without JavaScript the page keeps its A to Z index and says search
//   needs JavaScript.
// Prints `FAIL …` lines and `search: N passed, M failed`; exits 1 on failure.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
const site = path.resolve(process.argv[2] || '');
if (!process.argv[2] || !fs.existsSync(path.join(site, 'search', 'index.html'))) {
  console.error('usage: node search.mjs SITE_DIR (a built site with search/index.html)');
  process.exit(2);
}
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml' };
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(site, p);
  if (!file.startsWith(site) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHARTER_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) passed += 1; else { failed += 1; console.log(`FAIL [${name}] ${detail || ''}`); }
}

async function results(page, query) {
  await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`);
  await page.waitForSelector('#search-results h2', { timeout: 15000 });
  return page.$$eval('#search-results li', (lis) => lis.map((li) => ({
    title: li.querySelector('a').textContent,
    where: (li.querySelector('.search-where') || {}).textContent || '',
    marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
    excerpt: (li.querySelector('.search-excerpt') || {}).textContent || '',
  })));
}

try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  let r = await results(page, 'escalating');
  check('stemmed query finds pages', r.length > 0, 'no results for "escalating"');
  const marked = r.find((x) => x.marks.some((m) => /^escalat/i.test(m)));
  check('excerpt marks the matched word', !!marked, JSON.stringify(r.slice(0, 3)));
  if (marked) {
    const words = marked.excerpt.split(/\s+/).filter(Boolean).length;
    check('excerpt is about 25 words', words >= 10 && words <= 32, `${words} words: ${marked.excerpt}`);
  }

  r = await results(page, 'escalation');
  check('title match ranks first', r.length > 1 && /escalation/i.test(r[0].title), JSON.stringify(r.slice(0, 3).map((x) => x.title)));

  r = await results(page, 'MASH');
  check('acronym finds its glossary entry first', r.length > 0 && /^MASH \(/.test(r[0].title) || (r[0] && /MASH/.test(r[0].title)), JSON.stringify(r.slice(0, 3).map((x) => x.title)));

  r = await results(page, 'multi agency safeguarding arrangements');
  check('all the words rank first', r.length > 0 && /arrangements/i.test(r[0].title), JSON.stringify(r.slice(0, 3).map((x) => x.title)));

  r = await results(page, '2.6');
  check('a hand number is found exactly', r.length > 0 && r.every((x) => x.marks.length === 0 || x.marks.some((m) => m === '2.6')), JSON.stringify(r.slice(0, 3)));

  // Keyboard only: Tab to the box, type, Enter, Tab on to the first result.
  await page.goto(`${origin}/search/`);
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement && document.activeElement.id === 'q');
  }
  check('Tab reaches the search box', reached);
  await page.keyboard.type('safeguarding');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#search-results li a', { timeout: 15000 });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.closest('#search-results') !== null);
  check('Tab goes on to the results', focused);
  check('no script errors', errors.length === 0, errors.join('; '));

  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await nojs.newPage();
  await plain.goto(`${origin}/search/`);
  const text = await plain.textContent('main');
  const links = await plain.$$eval('.az-list a', (a) => a.length);
  check('without JavaScript the A to Z index is there', links >= 10, `${links} links`);
  check('without JavaScript the page says search needs it', /needs JavaScript/.test(text));
} catch (e) {
  failed += 1;
  console.log(`FAIL [harness] ${e && e.stack || e}`);
} finally {
  await browser.close();
  server.close();
}
console.log(`search: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
