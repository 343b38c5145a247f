#!/usr/bin/env node
// Layout check of local HTML reports at several window widths, in one headless Chromium session (playwright-core).
//
//   node tests/a11y/layout.mjs SPEC.json
//
// SPEC.json: {"files": [path, ...], "widths": [390, 1280, ...], "screenshots": folder or null}
// Prints one JSON array on stdout, one object per file and width:
//   {file, width, innerWidth, scrollWidth, widest: [{element, left, right}], dashboard, toc, blocked_requests}
// - widest: the elements that stick out of the window (outermost first), to name the culprit of a page too wide;
// - dashboard: the quality dashboard table (#tbl-tableau-de-bord) scrolled to its right end inside its box:
//   {found, scrollable, firstColumn: {rows, inView, onTop, failures: [text, ...]}};
// - toc: whether the table of contents is reachable: {atTop: {visible, clicks}, midPage: {visible, via, clicks}}.
// Exits 0 whenever the pages were measured, 2 on a usage error, 3 when Chromium or playwright-core cannot be loaded.
// No network, as for axe.mjs: only file:, data: and blob: URLs load.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { blockNetwork } from './offline.mjs';

const CHROMIUM = process.env.CLU_CHROMIUM || '/usr/bin/chromium';
// The same offline switches as axe.mjs (see there why each one).
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND', '--proxy-server=127.0.0.1:9', '--proxy-bypass-list=<-loopback>',
  '--disable-domain-reliability', '--disable-client-side-phishing-detection', '--no-pings',
];
const HEIGHT = 900;
const TIMEOUT_MS = 60_000;

function die(code, message) {
  process.stderr.write(`layout.mjs: ${message}\n`);
  process.exit(code);
}

// Runs in the page: the page's width and the elements sticking out of the window.
function measureWidth() {
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += `#${el.id}`;
    if (el.classList.length) name += `.${[...el.classList].slice(0, 3).join('.')}`;
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return text ? `${name} « ${text} »` : name;
  };
  const clips = (el) => {
    const style = getComputedStyle(el);
    return style.overflowX !== 'visible' || style.display === 'none';
  };
  const limit = window.innerWidth + 1;
  const out = [];
  const walk = (el) => {
    for (const child of el.children) {
      const rect = child.getBoundingClientRect();
      if (rect.right > limit || rect.left < -1) {
        out.push({ element: describe(child), left: Math.round(rect.left), right: Math.round(rect.right) });
        if (out.length >= 5) return;
      }
      // What a clipping box holds does not widen the page.
      if (!clips(child)) walk(child);
      if (out.length >= 5) return;
    }
  };
  walk(document.body);
  return { innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth, widest: out };
}

// Runs in the page: the dashboard table scrolled to its right end; its first column must stay in view, on top.
function checkDashboard() {
  const anchor = document.getElementById('tbl-tableau-de-bord');
  if (!anchor) return { found: false };
  const table = anchor.matches('table') ? anchor : anchor.querySelector('table');
  const box = table && table.closest('.table-scroll');
  if (!box) return { found: true, scrollable: false, box: false };
  box.scrollIntoView({ block: 'start' });
  const scrollable = box.scrollWidth > box.clientWidth + 1;
  box.scrollLeft = box.scrollWidth;
  const boxRect = box.getBoundingClientRect();
  const failures = [];
  let rows = 0;
  for (const row of table.rows) {
    const cell = row.cells[0];
    if (!cell) continue;
    rows += 1;
    const r = cell.getBoundingClientRect();
    const inView = r.left >= boxRect.left - 1 && r.left < boxRect.right;
    // The point a reader looks at: the cell's own left part, which a scrolled cell must not cover.
    const x = Math.min(r.left + 8, boxRect.right - 1);
    const y = r.top + Math.min(r.height / 2, 10);
    let onTop = true;
    if (y >= 0 && y < window.innerHeight) {
      const hit = document.elementFromPoint(x, y);
      onTop = !!hit && (hit === cell || cell.contains(hit));
    }
    if (!inView || !onTop) {
      failures.push(`${(cell.textContent || '').trim().slice(0, 30)} (left ${Math.round(r.left)}, box ${Math.round(boxRect.left)}-${Math.round(boxRect.right)}, ${inView ? 'covered' : 'out of view'})`);
    }
  }
  return { found: true, scrollable, box: true, rows, failures: failures.slice(0, 5), failed: failures.length };
}

// Runs in the page: is one of the table of contents' links visible in the window?
function tocLinkVisible() {
  const toc = document.getElementById('TOC');
  if (!toc) return false;
  return [...toc.querySelectorAll('a[href^="#"]')].some((a) => {
    const r = a.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.bottom <= 0 || r.top >= window.innerHeight || r.right <= 0 || r.left >= window.innerWidth) return false;
    const hit = document.elementFromPoint(Math.min(r.left + 2, window.innerWidth - 1), r.top + r.height / 2);
    return !!hit && (hit === a || a.contains(hit));
  });
}

// Runs in the page: a visible control that leads to the table of contents (its toggle, or a link to it), marked.
function markTocControl() {
  const candidates = [
    ...document.querySelectorAll('#TOC summary, [aria-controls="TOC"], [data-bs-target="#TOC"], a[href="#TOC"], a[href="#toc-title"], .quarto-toc-toggle, .toc-back'),
  ];
  for (const el of candidates) {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.bottom <= 0 || r.top >= window.innerHeight) continue;
    const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 10), r.top + r.height / 2);
    if (hit && (hit === el || el.contains(hit) || hit.contains(el))) {
      el.setAttribute('data-layout-toc-control', '1');
      return el.tagName.toLowerCase() + (el.className ? `.${String(el.className).split(' ')[0]}` : '');
    }
  }
  return null;
}

// The table of contents reached in at most `budget` clicks from where the page is.
async function reachToc(page, budget) {
  for (let clicks = 0; ; clicks += 1) {
    if (await page.evaluate(tocLinkVisible)) return { visible: true, clicks };
    if (clicks >= budget) return { visible: false, clicks };
    await page.evaluate(() => document.querySelectorAll('[data-layout-toc-control]').forEach((e) => e.removeAttribute('data-layout-toc-control')));
    const via = await page.evaluate(markTocControl);
    if (!via) return { visible: false, clicks, via: null };
    await page.click('[data-layout-toc-control]');
    await page.waitForTimeout(150);
  }
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length !== 1) die(2, 'usage: node tests/a11y/layout.mjs SPEC.json');
  const spec = JSON.parse(readFileSync(args[0], 'utf8'));
  const require = createRequire(import.meta.url);
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch (err) {
    die(3, `cannot load playwright-core: ${err.message.split('\n')[0]}`);
  }
  if (!existsSync(CHROMIUM)) die(3, `Chromium not found at ${CHROMIUM}`);
  if (spec.screenshots) mkdirSync(spec.screenshots, { recursive: true });

  const userDataDir = mkdtempSync(path.join(tmpdir(), 'clu-layout-'));
  const results = [];
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, offline: true, serviceWorkers: 'block',
      locale: 'fr-FR', viewport: { width: spec.widths[0], height: HEIGHT }, timeout: TIMEOUT_MS,
    });
    const blocked = await blockNetwork(context);
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(TIMEOUT_MS);
    for (const file of spec.files) {
      const url = pathToFileURL(path.resolve(file)).href;
      for (const width of spec.widths) {
        await page.setViewportSize({ width, height: HEIGHT });
        await page.goto(url, { waitUntil: 'load' });
        const result = { file, width, ...(await page.evaluate(measureWidth)) };
        if (spec.screenshots) {
          const stem = `${path.basename(path.dirname(file))}-${path.basename(file, '.html')}-${width}`;
          await page.screenshot({ path: path.join(spec.screenshots, `${stem}-haut.png`) });
        }
        result.toc = { atTop: await reachToc(page, 1) };
        await page.goto(url, { waitUntil: 'load' });
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
        await page.waitForTimeout(100);
        // From the middle of the report: the table of contents in view, or a control to it, then its toggle.
        result.toc.midPage = await reachToc(page, 2);
        await page.goto(url, { waitUntil: 'load' });
        result.dashboard = await page.evaluate(checkDashboard);
        if (spec.screenshots && result.dashboard.found) {
          const stem = `${path.basename(path.dirname(file))}-${path.basename(file, '.html')}-${width}`;
          await page.screenshot({ path: path.join(spec.screenshots, `${stem}-tableau.png`) });
        }
        result.blocked_requests = [...blocked];
        blocked.length = 0;
        results.push(result);
      }
    }
    process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
  } finally {
    if (context) await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((err) => die(1, `layout check failed: ${err.stack || err}`));
