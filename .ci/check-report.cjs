// Opens a Segmint HTML report in headless Chromium and fails (exit 1) on console errors, page errors, any network
// request, scripts, or a page wider than the window; writes a full-page screenshot.
//   node check-report.cjs REPORT.html SCREENSHOT.png USER_DATA_DIR   (env: SEGMINT_TOOLS, SEGMINT_CHROMIUM, and
//   optionally SEGMINT_TOP_SHOT=FILE.png:HEIGHT for a screenshot of the top of the page)
'use strict';
const path = require('path');
const { chromium } = require(path.join(process.env.SEGMINT_TOOLS, 'node_modules', 'playwright-core'));

const [report, shot, userDataDir] = process.argv.slice(2);
const pageUrl = 'file://' + path.resolve(report);
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

(async () => {
  const problems = [];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.SEGMINT_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: flags,
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    timeout: 60000,
  });
  try {
    // every request but the report itself is a failure, and is stopped before it leaves the machine
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pageUrl) {
        return route.continue();
      }
      problems.push('network request: ' + url);
      return route.abort();
    });
    const page = context.pages()[0] || (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') {
        problems.push('console ' + m.type() + ': ' + m.text());
      }
    });
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    page.on('requestfailed', (r) => {
      if (r.url() !== pageUrl && !problems.some((p) => p.endsWith(r.url()))) {
        problems.push('failed request: ' + r.url());
      }
    });
    const response = await page.goto(pageUrl, { waitUntil: 'load', timeout: 60000 });
    if (!response || !response.ok()) {
      problems.push('could not open ' + pageUrl);
    }
    const facts = await page.evaluate(() => ({
      title: document.title,
      svgs: document.querySelectorAll('svg').length,
      scripts: document.querySelectorAll('script').length,
      external: [...document.querySelectorAll('[src],[href]')]
        .map((e) => e.getAttribute('src') || e.getAttribute('href'))
        .filter((u) => u && !u.startsWith('#')),
      scrollWidth: document.documentElement.scrollWidth,
      width: window.innerWidth,
      height: document.documentElement.scrollHeight,
    }));
    if (!facts.title) problems.push('the page has no title');
    if (facts.svgs < 4) problems.push('expected at least 4 SVG charts, found ' + facts.svgs);
    if (facts.scripts > 0) problems.push('the page contains ' + facts.scripts + ' script element(s)');
    if (facts.external.length > 0) problems.push('links or sources outside the page: ' + facts.external.join(', '));
    if (facts.scrollWidth > facts.width + 1) {
      problems.push('the page is wider than the window: ' + facts.scrollWidth + ' > ' + facts.width + ' px');
    }
    await page.screenshot({ path: shot, fullPage: true });
    if (process.env.SEGMINT_TOP_SHOT) {
      // for the docs: the top of the page only, e.g. SEGMINT_TOP_SHOT=docs/images/report.png:1500
      const [file, height] = process.env.SEGMINT_TOP_SHOT.split(':');
      await page.screenshot({ path: file, fullPage: true,
        clip: { x: 0, y: 0, width: facts.width, height: Math.min(facts.height, Number(height || 1200)) } });
    }
    console.log(`check-report: "${facts.title}", ${facts.svgs} charts, ${facts.width}x${facts.height} px; ` +
      `screenshot ${shot}`);
  } finally {
    await context.close();
  }
  if (problems.length > 0) {
    console.error('check-report: FAILED\n  ' + problems.join('\n  '));
    process.exit(1);
  }
  console.log('check-report: no console errors, no network requests');
})().catch((e) => {
  console.error('check-report: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
