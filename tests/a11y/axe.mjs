#!/usr/bin/env node
// Accessibility check of one local HTML file: axe-core run in Debian's headless Chromium, driven by playwright-core.
//
//   node tests/a11y/axe.mjs FILE.html
//
// Prints one JSON object on stdout:
//   {url, violations: [{id, impact, help, helpUrl, nodes: [selector, ...]}], passes: N, incomplete: N,
//    inapplicable: N, blocked_requests: [url, ...], axe_version, browser}
// and exits 0 whenever axe ran, whatever it found. Exits 2 on a usage error and 3 when Chromium, playwright-core or
// axe-core cannot be loaded (set-up: `bash tests/a11y/install.sh`), with the reason on stderr.
//
// No network: only file:, data: and blob: URLs load; any other request is aborted (and listed in blocked_requests),
// the context is offline and Chromium's own background traffic is switched off.
// CLU_CHROMIUM overrides the browser path (default /usr/bin/chromium).

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { blockNetwork } from './offline.mjs';

const INSTALL_HINT = 'run `bash tests/a11y/install.sh` (installs Debian chromium and the npm packages)';
const CHROMIUM = process.env.CLU_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Debian's /usr/bin/chromium wrapper exports Google API keys, so the browser would still call Google services
  // (accounts, update, clients2) at start-up: resolve no host name and send anything else to a dead proxy.
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--proxy-server=127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--no-pings',
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const TIMEOUT_MS = 60_000;

class SetupError extends Error {}

function die(code, message) {
  process.stderr.write(`axe.mjs: ${message}\n`);
  process.exit(code);
}

function loadTooling() {
  const require = createRequire(import.meta.url);
  let axeSource;
  let chromium;
  try {
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  } catch (err) {
    throw new SetupError(`cannot load axe-core (axe.min.js) from ${path.dirname(new URL(import.meta.url).pathname)}/node_modules: ${err.message.split('\n')[0]}`);
  }
  try {
    ({ chromium } = require('playwright-core'));
  } catch (err) {
    throw new SetupError(`cannot load playwright-core: ${err.message.split('\n')[0]}`);
  }
  if (!existsSync(CHROMIUM)) throw new SetupError(`Chromium not found at ${CHROMIUM}`);
  return { axeSource, chromium };
}

function selector(target) {
  // A node's target: one selector per frame level; a shadow DOM level is itself a list of selectors.
  return target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(' | ');
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith('-')) die(2, 'usage: node tests/a11y/axe.mjs FILE.html');
  const file = path.resolve(args[0]);
  if (!existsSync(file) || !statSync(file).isFile()) die(2, `no such file: ${file}`);
  const url = pathToFileURL(file).href;

  let tooling;
  try {
    tooling = loadTooling();
  } catch (err) {
    die(3, `${err.message}\n  -> ${INSTALL_HINT}`);
  }
  const { axeSource, chromium } = tooling;

  const userDataDir = mkdtempSync(path.join(tmpdir(), 'clu-axe-'));
  let context;
  try {
    try {
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        offline: true,
        bypassCSP: true,
        serviceWorkers: 'block',
        locale: 'fr-FR',
        viewport: { width: 1280, height: 900 },
        timeout: TIMEOUT_MS,
      });
    } catch (err) {
      throw new SetupError(`cannot launch Chromium (${CHROMIUM}): ${err.message.split('\n')[0]}`);
    }
    const blocked = await blockNetwork(context);
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return {
        version: r.testEngine.version,
        violations: r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => n.target),
        })),
        passes: r.passes.length,
        incomplete: r.incomplete.length,
        inapplicable: r.inapplicable.length,
      };
    }, AXE_TAGS);
    const report = {
      url,
      violations: result.violations.map((v) => ({ ...v, nodes: v.nodes.map(selector) })),
      passes: result.passes,
      incomplete: result.incomplete,
      inapplicable: result.inapplicable,
      blocked_requests: blocked,
      axe_version: result.version,
      browser: context.browser()?.version() ?? null,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    if (context) await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  if (err instanceof SetupError) die(3, `${err.message}\n  -> ${INSTALL_HINT}`);
  die(1, `axe check failed: ${err.stack || err}`);
});
