// Shared by the report's browser tests (and the CLI's `backtest --report` e2e): find Debian's Chromium, open a
// report file from file:// with every non-file request blocked and recorded, wait for the page's ready mark, and
// measure that the equity chart was visibly drawn (its line colour across the plot, in a real screenshot).
// Must never: download a browser (playwright's own builds are not reachable here), or let a request leave.

import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where screenshots are kept (ignored by git, kept by CI as artefacts). */
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');

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

/** CHROMIUM_PATH, else `chromium` / `chromium-browser` on PATH, else undefined. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  for (const name of ['chromium', 'chromium-browser']) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
}

export interface Census {
  readonly width: number;
  readonly height: number;
  /** Pixels within a small distance of the equity line colour. */
  readonly linePixels: number;
  /** Distinct x columns holding such a pixel. */
  readonly lineColumns: number;
}

/** Pixel census of a PNG, decoded by the browser itself (no PNG library needed). */
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

export interface ReportCheck {
  /** Every request the page made (the report's own file:// URL only, when all is well). */
  readonly requested: readonly string[];
  /** Non-file requests that were attempted and aborted. */
  readonly blocked: readonly string[];
  /** Uncaught page errors and console errors. */
  readonly pageErrors: readonly string[];
  /** window.__reportError, or null. */
  readonly reportError: string | null;
  readonly ready: boolean;
  readonly title: string;
  readonly fileUrl: string;
  /** Size of the equity chart's first canvas in CSS pixels. */
  readonly canvas: { readonly width: number; readonly height: number };
  /** Canvases inside the drawdown and candles containers. */
  readonly drawdownCanvases: number;
  readonly candleCanvases: number;
  readonly equity: Census;
}

/**
 * Opens `htmlPath` in a fresh context (1280×1100), blocks and records every non-file request, waits for the page's
 * ready or error mark, screenshots the first screen to `test-artifacts/<name>.png` and the equity chart to
 * `test-artifacts/<name>-equity.png`, and returns what it saw.
 */
export async function checkReport(browser: Browser, htmlPath: string, name: string): Promise<ReportCheck> {
  const fileUrl = pathToFileURL(htmlPath).href;
  const context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
  try {
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
    const reportError = await page.evaluate<string | null>('window.__reportError ?? null');
    const ready = (await page.getAttribute('html', 'data-report-ready')) === 'true';
    const equity = page.getByTestId('equity-chart');
    const box = await equity.locator('canvas').first().boundingBox();
    const shot = await equity.screenshot();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, `${name}-equity.png`), shot);
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) }); // the first screen: header, metrics, equity
    return {
      requested, blocked, pageErrors, reportError, ready, title: await page.title(), fileUrl,
      canvas: { width: box?.width ?? 0, height: box?.height ?? 0 },
      drawdownCanvases: await page.getByTestId('drawdown-chart').locator('canvas').count(),
      candleCanvases: await page.getByTestId('candles-chart').locator('canvas').count(),
      equity: await lineCensus(page, shot),
    };
  } finally {
    await context.close();
  }
}
