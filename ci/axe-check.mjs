#!/usr/bin/env node
// Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on rendered HTML packs in
// headless Chromium, driven by playwright-core.
//
//   node ci/axe-check.mjs FILE.html...
//
// Prints every violation (rule id, impact, help, the CSS targets of the
// failing nodes) and exits 1 if any page has a violation, fails to load,
// throws a script error, or asks for anything outside the file itself (the
// packs are meant to be self-contained). Exit 2 on a usage or setup error.
//
// CHROMIUM_PATH overrides the browser (default /usr/bin/chromium, Debian's
// chromium package: Playwright's own browser download is not used).
// AXE_JOBS sets how many pages are checked at once (default 2).

import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_VERSION = require('axe-core/package.json').version;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PAGE_TIMEOUT_MS = 30_000;
const JOBS = Math.max(1, Number(process.env.AXE_JOBS) || 2);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node ci/axe-check.mjs FILE.html...');
  process.exit(2);
}
const missing = files.filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(`axe-check: no such file: ${missing.join(', ')}`);
  process.exit(2);
}
if (!existsSync(CHROMIUM_PATH)) {
  console.error(`axe-check: no browser at ${CHROMIUM_PATH} (install Debian's chromium package or set CHROMIUM_PATH)`);
  process.exit(2);
}

// Paths are shown relative to this folder (or to AXE_BASE_DIR) to keep the
// report short.
const baseDir = process.env.AXE_BASE_DIR || process.cwd();
const show = (f) => path.relative(baseDir, path.resolve(f)) || f;

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

let pagesWithProblems = 0;
let violationCount = 0;
const byRule = new Map();

// Checks one page; returns the lines to print and whether it failed.
async function checkPage(context, file) {
  const name = show(file);
  const url = pathToFileURL(path.resolve(file)).href;
  const problems = [];
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);

  // Anything other than the page itself, data: or about: is an outside
  // request; block it and report it.
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url || u.startsWith('data:') || u.startsWith('about:')) {
      return route.continue();
    }
    problems.push(`external request blocked: ${u} (packs must be self-contained)`);
    return route.abort();
  });
  page.on('pageerror', (err) => problems.push(`script error: ${err.message}`));

  let result = null;
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ path: AXE_PATH });
    result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
      TAGS,
    );
  } catch (err) {
    problems.push(`could not check the page: ${err.message.split('\n')[0]}`);
  }
  await page.close();

  const violations = result ? result.violations : [];
  const lines = [];
  if (violations.length === 0 && problems.length === 0) {
    const notes = result && result.incomplete.length > 0
      ? ` (needs review, not failing: ${result.incomplete.map((r) => r.id).join(', ')})`
      : '';
    lines.push(`ok    ${name}${notes}`);
    return { lines, failed: false, violations };
  }
  lines.push(`FAIL  ${name}`);
  for (const p of problems) lines.push(`      ${p}`);
  for (const v of violations) {
    lines.push(`      [${v.impact || 'n/a'}] ${v.id}: ${v.help} (${v.nodes.length} node(s))`);
    lines.push(`        ${v.helpUrl}`);
    for (const node of v.nodes.slice(0, 10)) {
      lines.push(`        - ${node.target.join(' ')}`);
      const why = (node.failureSummary || '').split('\n').slice(1, 2).join('').trim();
      if (why) lines.push(`          ${why}`);
    }
    if (v.nodes.length > 10) lines.push(`        ... and ${v.nodes.length - 10} more node(s)`);
  }
  return { lines, failed: true, violations };
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // A few pages at a time; reports are printed in the order of the files.
  const results = new Array(files.length);
  let next = 0;
  let printed = 0;
  const flush = () => {
    while (printed < files.length && results[printed]) {
      for (const line of results[printed].lines) console.log(line);
      printed += 1;
    }
  };
  const worker = async () => {
    while (next < files.length) {
      const i = next;
      next += 1;
      results[i] = await checkPage(context, files[i]);
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(JOBS, files.length) }, worker));
  for (const r of results) {
    if (r.failed) pagesWithProblems += 1;
    for (const v of r.violations) {
      violationCount += 1;
      byRule.set(v.id, (byRule.get(v.id) || 0) + 1);
    }
  }
} finally {
  await browser.close();
}

const ruleList = [...byRule.entries()].map(([id, n]) => `${id} x${n}`).join(', ');
console.log(
  `axe-core ${AXE_VERSION}: ${files.length} page(s), ${pagesWithProblems} with problems, `
  + `${violationCount} violation(s)${ruleList ? ` [${ruleList}]` : ''}`,
);
process.exit(pagesWithProblems > 0 ? 1 : 0);
