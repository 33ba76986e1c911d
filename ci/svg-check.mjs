#!/usr/bin/env node
// Checks every inline SVG chart in rendered HTML packs in headless Chromium:
//
//   node ci/svg-check.mjs FILE.html...
//
// For each <svg> in each page, on a wide screen (1280 px) and on an A4 page
// in print (print media, 718 px: A4's width less 2 cm margins at 96 dpi):
//   - it is an accessible image: role="img" and a name (<title> or
//     aria-label); a chart (over 40 px tall) also a <desc>;
//   - it has a viewBox and draws something (a box larger than 0 x 0);
//   - everything in it draws inside its box (the client rectangle of every
//     shape and text is within the SVG's, to half a pixel), so no label is
//     cut off;
//   - the SVG itself fits the page: it makes the document no wider than the
//     viewport.
// Pages with no SVG pass. Exit 1 on any failure, 2 on a usage error.
// CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node ci/svg-check.mjs FILE.html...');
  process.exit(2);
}
const baseDir = process.env.SVG_BASE_DIR || process.cwd();
const show = (f) => path.relative(baseDir, path.resolve(f)) || f;
const SETTINGS = [
  { name: 'screen 1280px', viewport: { width: 1280, height: 900 }, media: 'screen' },
  { name: 'A4 print', viewport: { width: 718, height: 1000 }, media: 'print' },
];

// Runs in the page: the problems with each SVG.
function inspect() {
  const problems = [];
  const svgs = [...document.querySelectorAll('svg')];
  const inside = (r, box) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5
    && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
  svgs.forEach((svg, i) => {
    const label = svg.id ? `svg#${svg.id}` : `svg ${i + 1}`;
    if (svg.getAttribute('role') !== 'img') problems.push(`${label}: no role="img"`);
    const text = (tag) => (svg.querySelector(`:scope > ${tag}`)?.textContent || '').trim();
    const named = text('title') || svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby');
    if (!named) problems.push(`${label}: no <title> (or aria-label)`);
    if (!svg.getAttribute('viewBox')) problems.push(`${label}: no viewBox`);
    const box = svg.getBoundingClientRect();
    // A chart (not a one-line bar) also says what it shows in words.
    if (box.height > 40 && !text('desc') && !svg.getAttribute('aria-describedby')) {
      problems.push(`${label}: a chart with no <desc>`);
    }
    if (box.width <= 0 || box.height <= 0) {
      problems.push(`${label}: draws nothing (${box.width} x ${box.height})`);
      return;
    }
    if (box.right > document.documentElement.clientWidth + 0.5) {
      problems.push(`${label}: wider than the page (${Math.round(box.right)} px > ${document.documentElement.clientWidth} px)`);
    }
    const shapes = svg.querySelectorAll('text, rect, line, path, circle, ellipse, polyline, polygon');
    let outside = 0;
    let first = '';
    for (const el of shapes) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (!inside(r, box)) {
        outside += 1;
        if (!first) first = `<${el.tagName}> "${(el.textContent || '').trim().slice(0, 40)}"`;
      }
    }
    if (outside > 0) problems.push(`${label}: ${outside} shape(s) draw outside the box, first ${first}`);
  });
  return { count: svgs.length, problems };
}

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = 0;
let charts = 0;
try {
  for (const setting of SETTINGS) {
    const context = await browser.newContext({ viewport: setting.viewport });
    for (const file of files) {
      const page = await context.newPage();
      await page.emulateMedia({ media: setting.media });
      await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
      const { count, problems } = await page.evaluate(inspect);
      await page.close();
      charts += count;
      if (problems.length > 0) {
        failed += 1;
        console.log(`FAIL  ${show(file)} (${setting.name})`);
        for (const p of problems) console.log(`      ${p}`);
      } else if (count > 0) {
        console.log(`ok    ${show(file)} (${setting.name}): ${count} SVG(s)`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`svg-check: ${files.length} page(s) x ${SETTINGS.length} settings, ${charts} chart drawing(s), ${failed} failing`);
process.exit(failed > 0 ? 1 : 0);
