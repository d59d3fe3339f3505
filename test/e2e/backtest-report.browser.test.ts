// End-to-end: a backtest report written to disk opens in headless Chromium from file:// with every network request
// blocked, draws its charts, and the equity chart is visibly drawn (its line colour found across the plot in a
// screenshot). The first screen's screenshot is kept as test-artifacts/backtest-report.png.
// Skips when no Chromium is installed, except under CI=true, where a missing browser fails the run.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { renderBacktestReport } from '../../src/app/backtest-report/render-report.js';
import { makeSampleResult } from './backtest-report-fixture.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
/** DESIGN §4 launch flags. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** The equity line colour set in report-page-script.ts (#1f5fd6). */
const LINE_RGB = [0x1f, 0x5f, 0xd6] as const;

function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  const path = found.stdout.trim().split('\n')[0];
  return found.status === 0 && path !== undefined && path !== '' ? path : undefined;
}

const executablePath = findChromium();
const inCi = process.env.CI === 'true';
if (executablePath === undefined && !inCi) {
  console.warn('backtest-report browser test SKIPPED: no chromium executable (apt-get install -y chromium, or set CHROMIUM_PATH)');
}

interface Census {
  readonly width: number;
  readonly height: number;
  readonly linePixels: number;
  readonly lineColumns: number;
}

/** Pixel census of a PNG, decoded by the browser itself (no PNG library needed): line-coloured pixels and columns. */
async function lineCensus(page: Page, png: Buffer): Promise<Census> {
  const script = `(async () => {
    const img = new Image();
    img.src = 'data:image/png;base64,${png.toString('base64')}';
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width; canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, img.width, img.height).data;
    const target = ${JSON.stringify(LINE_RGB)};
    const columns = new Set();
    let linePixels = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (Math.abs(px[i] - target[0]) + Math.abs(px[i + 1] - target[1]) + Math.abs(px[i + 2] - target[2]) <= 60) {
        linePixels++;
        columns.add((i / 4) % img.width);
      }
    }
    return { width: img.width, height: img.height, linePixels, lineColumns: columns.size };
  })()`;
  return page.evaluate<Census>(script);
}

describe.skipIf(executablePath === undefined && !inCi)('backtest report in headless Chromium', () => {
  let browser: Browser | undefined;
  let dir = '';

  beforeAll(async () => {
    if (executablePath === undefined) throw new Error('CI=true but no chromium executable found: .ci/run must install it');
    dir = mkdtempSync(join(tmpdir(), 'backtest-report-'));
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('opens from file:// with no network, draws the equity chart, and keeps a screenshot', async () => {
    if (browser === undefined) throw new Error('browser not launched');
    const result = makeSampleResult({ bars: 500_000, tradeEvery: 2000, strategy: 'sma_crossover</script><!--' });
    const file = join(dir, 'r.html');
    writeFileSync(file, renderBacktestReport(result));
    const fileUrl = pathToFileURL(file).href;

    const context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
    const page = await context.newPage();
    const requested: string[] = [];
    const blocked: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });

    await page.goto(fileUrl, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction('window.__reportReady === true || typeof window.__reportError === "string"', undefined, { timeout: 60_000 });
    expect(await page.evaluate('window.__reportError ?? null')).toBeNull();
    expect(await page.getAttribute('html', 'data-report-ready')).toBe('true');

    const equity = page.getByTestId('equity-chart');
    const canvas = equity.locator('canvas').first();
    const box = await canvas.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    expect(box?.height ?? 0).toBeGreaterThan(150);
    expect(await page.getByTestId('drawdown-chart').locator('canvas').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('candles-chart').locator('canvas').count()).toBeGreaterThan(0);

    const shot = await equity.screenshot();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'backtest-report-equity.png'), shot);
    await page.screenshot({ path: join(ARTIFACTS, 'backtest-report.png') }); // the first screen: header, metrics, equity

    const census = await lineCensus(page, shot);
    expect(census.width).toBeGreaterThan(300);
    expect(census.linePixels).toBeGreaterThan(500); // a 2-px line across the plot
    expect(census.lineColumns).toBeGreaterThan(census.width * 0.6); // drawn across most of the width (whole run fitted)

    expect(blocked).toEqual([]);
    expect(requested).toEqual([fileUrl]);
    expect(pageErrors).toEqual([]);
    expect(await page.title()).toBe('Backtest: sma_crossover</script><!--');
    await context.close();
  });
});
