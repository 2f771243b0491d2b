#!/usr/bin/env node
// Real-browser accessibility checks for a site built by charter (SPEC §8).
//
//   node check-site.mjs SITE_DIR [--base-path /sub/] [--json OUT]
//                       [--csp "POLICY"] [--concurrency N] [--no-vnu]
//
// For every *.html page in SITE_DIR (redirect stubs skipped) it runs these
// checks, each counted separately in the summary:
//   axe       axe-core (WCAG 2.0/2.1/2.2 A+AA and best practice) in headless Chromium
//   reflow    at 320 CSS px wide, document.documentElement.scrollWidth <= 320
//   keyboard  first Tab reaches the skip link, Enter moves focus to <main>,
//             Tab reaches every visible control in turn (the first 60)
//   no-js     with JavaScript disabled, <main id="main"> exists and has text
//   console   no console errors or uncaught page errors
//   requests  the page itself and every same-origin resource load without error
//   csp       (only with --csp) no Content-Security-Policy violations
//   html      no errors from the Nu HTML checker (vnu.jar, run once in batches)
//
// Failures are printed one per line as `FAIL <page> [<check>] <details>`, then
// exactly one summary line `browser: N passed, M failed`. Exit status: 0 when
// M = 0, 1 when M > 0, 2 when the harness itself cannot run.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE_PATH = path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
const VNU_JAR = path.join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const CHROMIUM = process.env.CHARTER_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--no-default-browser-check',
  '--metrics-recording-only',
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const REFLOW_WIDTH = 320;
const KEYBOARD_MAX = 60;
const DESKTOP_VIEWPORT = { width: 1280, height: 900 };
const NAV_TIMEOUT_MS = 30000;
const MAX_NODES = 5; // nodes recorded per axe violation
const MAX_SNIPPET = 240;

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.xsl': 'application/xslt+xml; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

// ---------------------------------------------------------------- arguments

function usage(msg) {
  if (msg) process.stderr.write(`check-site: ${msg}\n`);
  process.stderr.write(
    'usage: node check-site.mjs SITE_DIR [--base-path /sub/] [--json OUT] ' +
      '[--csp "POLICY"] [--concurrency N] [--no-vnu]\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { site: null, basePath: '/', json: null, csp: null, concurrency: 2, vnu: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    const name = a.startsWith('--') ? a.split('=')[0] : a;
    switch (name) {
      case '--base-path': opts.basePath = value(); break;
      case '--json': opts.json = value(); break;
      case '--csp': opts.csp = value(); break;
      case '--concurrency': opts.concurrency = Number.parseInt(value(), 10); break;
      case '--no-vnu': opts.vnu = false; break;
      case '-h': case '--help': usage(); break;
      default:
        if (a.startsWith('-')) usage(`unknown option ${a}`);
        if (opts.site) usage(`unexpected argument ${a}`);
        opts.site = a;
    }
  }
  if (!opts.site) usage('SITE_DIR is required');
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) usage('--concurrency must be >= 1');
  let bp = opts.basePath.trim();
  if (!bp.startsWith('/')) bp = '/' + bp;
  if (!bp.endsWith('/')) bp += '/';
  opts.basePath = bp.replace(/\/{2,}/g, '/');
  opts.site = path.resolve(opts.site);
  return opts;
}

// ---------------------------------------------------------------- static server

function startServer(root, basePath, csp) {
  const notFoundPage = path.join(root, '404.html');
  const server = http.createServer(async (req, res) => {
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (csp) headers['Content-Security-Policy'] = csp;
    const send = (status, body, type, extra = {}) => {
      res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': body.length, ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const notFound = async () => {
      try {
        send(404, await fsp.readFile(notFoundPage), CONTENT_TYPES['.html']);
      } catch {
        send(404, Buffer.from('404 Not Found\n'), CONTENT_TYPES['.txt']);
      }
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(405, Buffer.from('405 Method Not Allowed\n'), CONTENT_TYPES['.txt'], { Allow: 'GET, HEAD' });
        return;
      }
      const url = new URL(req.url, 'http://localhost');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return notFound();
      }
      if (pathname + '/' === basePath) {
        send(301, Buffer.alloc(0), CONTENT_TYPES['.txt'], { Location: basePath + url.search });
        return;
      }
      if (!pathname.startsWith(basePath) || pathname.includes('\0')) return notFound();
      const rel = pathname.slice(basePath.length);
      let file = path.resolve(root, '.' + path.posix.sep + rel);
      if (file !== root && !file.startsWith(root + path.sep)) return notFound();
      let st;
      try {
        st = await fsp.stat(file);
      } catch {
        return notFound();
      }
      if (st.isDirectory()) {
        if (!pathname.endsWith('/')) {
          send(301, Buffer.alloc(0), CONTENT_TYPES['.txt'], { Location: url.pathname + '/' + url.search });
          return;
        }
        file = path.join(file, 'index.html');
        try {
          st = await fsp.stat(file);
        } catch {
          return notFound();
        }
      }
      if (!st.isFile()) return notFound();
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      send(200, await fsp.readFile(file), type);
    } catch (err) {
      send(500, Buffer.from(`500 ${err && err.message}\n`), CONTENT_TYPES['.txt']);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------- pages

const REDIRECT_RE = /<meta\s[^>]*http-equiv\s*=\s*["']?refresh/i;

async function findPages(root) {
  const pages = [];
  const skipped = [];
  async function walk(dir) {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === 'node_modules' || e.name === '.git') continue;
        await walk(full);
      } else if (e.isFile() && e.name.toLowerCase().endsWith('.html')) {
        const rel = path.relative(root, full).split(path.sep).join('/');
        const text = await fsp.readFile(full, 'utf8');
        (REDIRECT_RE.test(text) ? skipped : pages).push({ rel, file: full });
      }
    }
  }
  await walk(root);
  return { pages, skipped };
}

function pageUrlPath(basePath, rel) {
  const encoded = rel.split('/').map(encodeURIComponent).join('/');
  if (rel === 'index.html') return basePath;
  if (rel.endsWith('/index.html')) return basePath + encoded.slice(0, -'index.html'.length);
  return basePath + encoded;
}

const trunc = (s, n = MAX_SNIPPET) => {
  s = String(s ?? '').replace(/\s+/g, ' ').trim();
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
};

// Runs in the page: the innermost elements that stick out past the viewport
// and are not inside a scrolling/clipping ancestor (the reflow diagnostic).
function findOverflowingElements(width) {
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].slice(0, 3).join('.');
    return s;
  };
  const wide = [];
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const own = getComputedStyle(el).overflowX === 'visible' ? r.left + el.scrollWidth : r.right;
    const right = Math.max(r.right, own);
    if (right > width + 0.5 && !clipped(el)) wide.push({ el, right });
  }
  return wide
    .filter(({ el }) => !wide.some((o) => o.el !== el && el.contains(o.el)))
    .slice(0, 5)
    .map(({ el, right }) => `${describe(el)} (right edge ${Math.round(right)}px)`);
}

// ---------------------------------------------------------------- browser checks

// Each worker keeps one page with JavaScript and one without and reuses them
// for every site page: a warm renderer runs axe about twice as fast as a fresh
// tab. Between site pages the tabs are parked on about:blank with no collector
// attached, so late events from one page are never blamed on the next.
class Worker {
  constructor(browser, origin, opts, axeSource) {
    this.browser = browser;
    this.origin = origin;
    this.opts = opts;
    this.axeSource = axeSource;
    this.ctx = null;
    this.sink = null; // collector for the page under test, or null
  }

  sameOrigin(u) {
    try { return new URL(u).origin === this.origin; } catch { return false; }
  }

  async newContext(javaScriptEnabled) {
    const ctx = await this.browser.newContext({ viewport: DESKTOP_VIEWPORT, javaScriptEnabled });
    // No network here: fail cross-origin requests at once instead of waiting.
    await ctx.route((u) => u.origin !== this.origin, (route) => route.abort('blockedbyclient'));
    if (javaScriptEnabled && this.opts.csp) await ctx.addInitScript(cspInit);
    return ctx;
  }

  async jsPage() {
    if (this.js && !this.js.isClosed()) return this.js;
    if (!this.jsCtx) this.jsCtx = await this.newContext(true);
    const p = await this.jsCtx.newPage();
    const origin = this.origin;
    p.on('console', (msg) => {
      const k = this.sink;
      if (!k) return;
      const text = msg.text();
      if (this.opts.csp && /Content Security Policy/i.test(text)) {
        k.fail('csp', `console: ${trunc(text)}`);
      } else if (msg.type() === 'error') {
        const loc = msg.location();
        const where = loc && loc.url ? ` (${loc.url.replace(origin, '')}${loc.lineNumber ? ':' + loc.lineNumber : ''})` : '';
        k.fail('console', `console.error: ${trunc(text)}${where}`);
      }
    });
    p.on('pageerror', (err) => this.sink && this.sink.fail('console', `uncaught exception: ${trunc(err.message)}`));
    p.on('requestfailed', (req) => {
      const k = this.sink;
      if (k && this.sameOrigin(req.url()) && !k.netErrors.has(req.url())) {
        k.netErrors.set(req.url(), { type: req.resourceType(), error: req.failure()?.errorText });
      }
    });
    p.on('response', (resp) => {
      const k = this.sink;
      if (k && this.sameOrigin(resp.url()) && resp.status() >= 400 && !k.httpErrors.has(resp.url())) {
        k.httpErrors.set(resp.url(), { type: resp.request().resourceType(), status: resp.status() });
      }
    });
    p.on('crash', () => this.sink && this.sink.fail('console', 'the page crashed'));
    this.js = p;
    return p;
  }

  async noJsPage() {
    if (this.nojs && !this.nojs.isClosed()) return this.nojs;
    if (!this.nojsCtx) this.nojsCtx = await this.newContext(false);
    this.nojs = await this.nojsCtx.newPage();
    return this.nojs;
  }

  // Throw away a tab after an error so that the next page starts clean.
  async discard(p) {
    if (p === this.js) this.js = null;
    if (p === this.nojs) this.nojs = null;
    await p.close().catch(() => {});
  }

  async park(p) {
    try {
      await p.goto('about:blank', { timeout: 10000 });
    } catch {
      await this.discard(p);
    }
  }

  async check(page) {
    const result = {};
    const fail = (check, detail) => (result[check] ||= []).push(detail);
    const origin = this.origin;
    const url = origin + page.url;

    // --- with JavaScript: axe, reflow, console, requests, csp
    const sink = { fail, httpErrors: new Map(), netErrors: new Map() };
    let p = await this.jsPage();
    let broken = false;
    try {
      await p.setViewportSize(DESKTOP_VIEWPORT);
      this.sink = sink;
      const resp = await p.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
      if (!resp) throw new Error('no response');

      // axe-core. Injected with evaluate (DevTools protocol) rather than an
      // inline <script> so that a strict --csp neither blocks it nor reports it.
      await p.evaluate(this.axeSource);
      const axe = await p.evaluate(async ({ tags, maxNodes }) => {
        const r = await window.axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodeCount: v.nodes.length,
          nodes: v.nodes.slice(0, maxNodes).map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
        }));
      }, { tags: AXE_TAGS, maxNodes: MAX_NODES });
      result.axeViolations = axe;
      for (const v of axe) {
        const n = v.nodes[0] || {};
        const target = (n.target || []).map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', ');
        const more = v.nodeCount > 1 ? ` (+${v.nodeCount - 1} more)` : '';
        fail('axe', `${v.id} (${v.impact}): ${v.help} — ${target}${more} — ${trunc(n.html, 160)}`);
      }

      // Reflow at 320 CSS px. A wide table inside its own overflow region does
      // not widen the document, so it passes.
      await p.setViewportSize({ width: REFLOW_WIDTH, height: 800 });
      const scrollWidth = await p.evaluate(async () => {
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return document.documentElement.scrollWidth;
      });
      const reflow = { scrollWidth, offenders: [] };
      if (scrollWidth > REFLOW_WIDTH) reflow.offenders = await p.evaluate(findOverflowingElements, REFLOW_WIDTH);
      result.reflowMeasure = reflow;
      if (scrollWidth > REFLOW_WIDTH) {
        const who = reflow.offenders.length ? `; widest: ${reflow.offenders.join(', ')}` : '';
        fail('reflow', `scrollWidth ${scrollWidth}px > ${REFLOW_WIDTH}px at a ${REFLOW_WIDTH}px viewport${who}`);
      }

      // Keyboard only: the first Tab reaches the skip link, Enter on it moves
      // focus to <main>, and Tab reaches every visible control in turn (the
      // first KEYBOARD_MAX of them, to bound the time on long pages).
      await p.setViewportSize(DESKTOP_VIEWPORT);
      await p.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
      await p.keyboard.press('Tab');
      const first = await p.evaluate(() => document.activeElement && document.activeElement.className);
      if (!/skip-link/.test(first || '')) fail('keyboard', `the first Tab focuses "${first || 'nothing'}", not the skip link`);
      await p.keyboard.press('Enter');
      await p.waitForTimeout(50);
      const afterSkip = await p.evaluate(() => document.activeElement && document.activeElement.id);
      if (afterSkip !== 'main') fail('keyboard', `Enter on the skip link leaves focus on "${afterSkip || 'nothing'}", not <main id="main">`);
      const candidates = await p.evaluate((max) => {
        const sel = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';
        const visible = (el) => { const r = el.getBoundingClientRect(); const st = getComputedStyle(el); return r.width > 0 && r.height > 0 && st.visibility !== 'hidden'; };
        const all = Array.from(document.querySelectorAll(sel)).filter(visible);
        all.forEach((el, i) => el.setAttribute('data-kbd', String(i)));
        return { count: all.length, checked: Math.min(all.length, max) };
      }, KEYBOARD_MAX);
      // Start again from the top of a fresh page: after the skip link,
      // the browser's focus starting point is <main>.
      await p.reload({ waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
      await p.evaluate((max) => {
        const sel = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';
        const visible = (el) => { const r = el.getBoundingClientRect(); const st = getComputedStyle(el); return r.width > 0 && r.height > 0 && st.visibility !== 'hidden'; };
        Array.from(document.querySelectorAll(sel)).filter(visible).forEach((el, i) => el.setAttribute('data-kbd', String(i)));
      }, KEYBOARD_MAX);
      // Tab on from the first control (the skip link, checked above to be
      // the first Tab stop), so what the browser does with focus while a
      // loaded machine reloads the page cannot move the starting point.
      const reached = new Set();
      const startsAtFirst = await p.evaluate(() => {
        const el = document.querySelector('[data-kbd="0"]');
        if (el) el.focus();
        return el !== null && document.activeElement === el;
      });
      if (startsAtFirst) reached.add(0);
      for (let i = 0; i < candidates.checked + 10 && reached.size < candidates.checked; i++) {
        await p.keyboard.press('Tab');
        const k = await p.evaluate(() => document.activeElement && document.activeElement.getAttribute('data-kbd'));
        if (k !== null && k !== undefined) reached.add(Number(k));
      }
      const missed = [];
      for (let i = 0; i < candidates.checked; i++) if (!reached.has(i)) missed.push(i);
      if (missed.length) {
        const what = await p.evaluate((i) => { const el = document.querySelector(`[data-kbd="${i}"]`); return el ? el.outerHTML.slice(0, 120) : '?'; }, missed[0]);
        fail('keyboard', `${missed.length} of the first ${candidates.checked} controls were not reached with Tab, e.g. ${what}`);
      }

      if (this.opts.csp) {
        const v = await p.evaluate(() => window.__charterCspViolations || []);
        for (const e of v) {
          fail('csp', `securitypolicyviolation: ${e.directive} blocked ${e.blocked || '(inline)'}` +
            `${e.source ? ' at ' + e.source.replace(origin, '') : ''}${e.sample ? ' — ' + trunc(e.sample, 80) : ''}`);
        }
      }
    } catch (err) {
      broken = true;
      const msg = `page did not load or check crashed: ${trunc(err.message, 300)}`;
      for (const c of ['axe', 'reflow', 'keyboard']) if (!result[c]) fail(c, msg);
    } finally {
      this.sink = null;
      for (const [u, e] of sink.httpErrors) {
        const type = sink.netErrors.get(u)?.type || e.type; // 'response' can mislabel an aborted stylesheet as xhr
        fail('requests', `${type} ${u.replace(origin, '')} returned HTTP ${e.status}`);
      }
      for (const [u, e] of sink.netErrors) {
        if (!sink.httpErrors.has(u)) fail('requests', `${e.type} ${u.replace(origin, '')} failed: ${e.error}`);
      }
      if (broken) await this.discard(p);
      else await this.park(p);
    }

    // --- without JavaScript: the page is still readable
    p = await this.noJsPage();
    broken = false;
    try {
      await p.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
      const main = p.locator('main#main');
      if ((await main.count()) === 0) {
        fail('no-js', 'with JavaScript disabled there is no <main id="main">');
      } else if (!((await main.first().textContent()) || '').trim()) {
        fail('no-js', 'with JavaScript disabled <main id="main"> has no text');
      }
    } catch (err) {
      broken = true;
      fail('no-js', `page did not load with JavaScript disabled: ${trunc(err.message, 300)}`);
    } finally {
      if (broken) await this.discard(p);
      else await this.park(p);
    }
    return result;
  }

  async close() {
    for (const c of [this.jsCtx, this.nojsCtx]) if (c) await c.close().catch(() => {});
  }
}

// Init script (JS context, only with --csp): record securitypolicyviolation events.
function cspInit() {
  window.__charterCspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__charterCspViolations.push({
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}` : '',
      sample: e.sample,
    });
  });
}

// ---------------------------------------------------------------- Nu HTML checker

function runVnuBatch(files) {
  return new Promise((resolve) => {
    const args = ['-Xss4m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', '--stdout', '--skip-non-html', ...files];
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => resolve({ error: `could not run java: ${e.message}` }));
    child.on('close', (code) => {
      const text = out.trim() || err.trim();
      const start = text.indexOf('{');
      try {
        resolve({ messages: JSON.parse(text.slice(start)).messages || [], code });
      } catch {
        resolve({ error: `vnu exited ${code} without JSON output: ${trunc(err || out, 400)}` });
      }
    });
  });
}

async function runVnu(pages) {
  const byFile = new Map(pages.map((p) => [p.file, []]));
  const batches = [];
  let cur = [];
  let len = 0;
  for (const p of pages) {
    if (cur.length && (cur.length >= 400 || len + p.file.length > 60000)) {
      batches.push(cur);
      cur = [];
      len = 0;
    }
    cur.push(p.file);
    len += p.file.length + 1;
  }
  if (cur.length) batches.push(cur);
  let fatal = null;
  for (const batch of batches) {
    const r = await runVnuBatch(batch);
    if (r.error) {
      fatal = r.error;
      for (const f of batch) byFile.get(f).push(r.error);
      continue;
    }
    for (const m of r.messages) {
      if (m.type !== 'error' && m.type !== 'non-document-error') continue;
      let file = null;
      try { file = fileURLToPath(new URL(m.url)); } catch { /* ignore */ }
      const where = m.lastLine ? `line ${m.firstLine ?? m.lastLine}:${m.firstColumn ?? m.lastColumn ?? ''} ` : '';
      const detail = `${where}${trunc(m.message, 300)}${m.extract ? ' — ' + trunc(m.extract, 100) : ''}`;
      if (file && byFile.has(file)) byFile.get(file).push(detail);
      else for (const f of batch) byFile.get(f).push(`(vnu, ${m.url || 'no url'}) ${detail}`);
    }
  }
  return { byFile, fatal };
}

// ---------------------------------------------------------------- main

async function pool(items, n, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(n, items.length) }, async (_, w) => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i, w);
    }
  });
  await Promise.all(workers);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  let st;
  try { st = fs.statSync(opts.site); } catch { st = null; }
  if (!st || !st.isDirectory()) usage(`${opts.site} is not a directory`);
  for (const [f, what] of [[AXE_PATH, 'axe-core'], [VNU_JAR, 'vnu-jar']]) {
    if (!fs.existsSync(f)) usage(`${what} is not installed (${f}); run scripts/install-browser-deps`);
  }
  if (!fs.existsSync(CHROMIUM)) usage(`${CHROMIUM} not found; run scripts/install-browser-deps`);

  const { pages, skipped } = await findPages(opts.site);
  if (pages.length === 0) usage(`no HTML pages found in ${opts.site}`);

  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    usage(`playwright-core is not installed (${e.message}); run scripts/install-browser-deps`);
  }

  const server = await startServer(opts.site, opts.basePath, opts.csp);
  const origin = `http://127.0.0.1:${server.address().port}`;
  for (const p of pages) p.url = pageUrlPath(opts.basePath, p.rel);
  process.stderr.write(
    `check-site: ${pages.length} page(s)${skipped.length ? `, ${skipped.length} redirect stub(s) skipped` : ''}, ` +
      `served at ${origin}${opts.basePath}${opts.csp ? ' with CSP' : ''}\n`,
  );

  // The Nu checker runs in parallel with the browser.
  const vnuPromise = opts.vnu ? runVnu(pages) : Promise.resolve(null);

  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // launch() always starts Chromium with a fresh temporary profile.
      args: CHROMIUM_ARGS,
      timeout: 60000,
    });
  } catch (e) {
    server.close();
    process.stderr.write(`check-site: could not launch ${CHROMIUM}: ${e.message}\n`);
    process.exit(2);
  }

  const axeSource = await fsp.readFile(AXE_PATH, 'utf8');
  const workers = Array.from(
    { length: Math.min(opts.concurrency, pages.length) },
    () => new Worker(browser, origin, opts, axeSource),
  );

  const results = new Map();
  const timings = [];
  await pool(pages, opts.concurrency, async (page, i, w) => {
    const ts = Date.now();
    try {
      results.set(page.rel, await workers[w].check(page));
    } catch (err) {
      results.set(page.rel, { axe: [`harness error: ${trunc(err.message, 300)}`] });
    }
    timings.push(Date.now() - ts);
    if (process.stderr.isTTY) process.stderr.write(`\r${i + 1}/${pages.length} ${page.url}\x1b[K`);
  });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  for (const w of workers) await w.close();
  await browser.close().catch(() => {});
  server.close();

  const vnu = await vnuPromise;
  if (vnu && vnu.fatal) process.stderr.write(`check-site: Nu HTML checker problem: ${vnu.fatal}\n`);

  // Assemble per page-check results.
  const checks = ['axe', 'reflow', 'keyboard', 'no-js', 'console', 'requests'];
  if (opts.csp) checks.push('csp');
  if (opts.vnu) checks.push('html');
  let passed = 0;
  let failed = 0;
  const report = [];
  for (const page of pages) {
    const r = results.get(page.rel) || {};
    if (vnu) r.html = vnu.byFile.get(page.file).length ? vnu.byFile.get(page.file) : undefined;
    const entry = { page: page.rel, url: page.url, checks: {} };
    for (const c of checks) {
      const problems = r[c] || [];
      entry.checks[c] = { ok: problems.length === 0, problems };
      if (problems.length) {
        failed++;
        for (const d of problems) process.stdout.write(`FAIL ${page.url} [${c}] ${d}\n`);
      } else {
        passed++;
      }
    }
    if (r.axeViolations) entry.axeViolations = r.axeViolations;
    if (r.reflowMeasure) entry.reflow = r.reflowMeasure;
    report.push(entry);
  }

  const ms = Date.now() - t0;
  const avg = timings.length ? Math.round(timings.reduce((a, b) => a + b, 0) / timings.length) : 0;
  process.stderr.write(
    `check-site: ${pages.length} page(s) in ${(ms / 1000).toFixed(1)}s ` +
      `(browser ${avg} ms/page per worker, concurrency ${opts.concurrency})\n`,
  );
  if (opts.json) {
    const doc = {
      site: opts.site,
      basePath: opts.basePath,
      csp: opts.csp,
      axeTags: AXE_TAGS,
      checks,
      durationMs: ms,
      skippedRedirects: skipped.map((s) => s.rel),
      summary: { pages: pages.length, passed, failed },
      pages: report,
    };
    await fsp.mkdir(path.dirname(path.resolve(opts.json)), { recursive: true });
    await fsp.writeFile(opts.json, JSON.stringify(doc, null, 2) + '\n');
  }
  process.stdout.write(`browser: ${passed} passed, ${failed} failed\n`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`check-site: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
