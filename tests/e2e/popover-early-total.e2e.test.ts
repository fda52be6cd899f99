/**
 * The month-to-date total shows before the popover's code has loaded: the page's small entry paints it
 * from the first overview (src/renderer/early-total.ts), and the popover then takes the header over with
 * the same figure, once, with nothing left behind. The popover's main chunk is held back here, as a slow
 * disk or a busy machine would, so the early paint is what the user sees first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/browser.js';
import { expectVisible, usdTotal } from './helpers/popover.js';
import { startServe, stopAllServes, type ServeProcess } from './helpers/serve.js';
import { freshDataDir, removeDataDirs } from './helpers/temp-dirs.js';

const HOLD_MS = 2_500;

describe('the total before the popover loads', () => {
  let browser: Browser;
  let serve: ServeProcess;

  beforeAll(async () => {
    browser = await launchChromium();
    serve = await startServe({ dataDir: await freshDataDir('early-total'), args: ['--demo'] });
  });

  afterAll(async () => {
    await stopAllServes();
    await browser?.close();
    await removeDataDirs();
  });

  /** Opens the popover with its code held back; what the page showed before the code came, and after. */
  async function openHeldBack(): Promise<{ early: Shown; late: Shown; rowsBefore: number; busyBefore: string | null; busyAfter: string | null; totals: number; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 400, height: 640 }, locale: 'en-US' });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      let released = 0;
      // The popover's code (React, the contract's schemas) arrives late; the entry does not wait for it.
      await page.route(/\/assets\/app-[^/]+\.js$/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
        released = Date.now();
        await route.continue();
      });
      const started = Date.now();
      await page.goto(serve.url, { waitUntil: 'commit' });

      await expectVisible(usdTotal(page), HOLD_MS);
      const early = await shown(page);
      expect(released, 'the total showed only after the popover code arrived').toBe(0);
      expect(Date.now() - started).toBeLessThan(HOLD_MS);
      const rowsBefore = await page.getByTestId('account-row').count();
      const busyBefore = await page.locator('#root').getAttribute('aria-busy');

      // The popover takes over: its rows appear.
      await expectVisible(page.getByTestId('account-row').first(), 15_000);
      return {
        early,
        late: await shown(page),
        rowsBefore,
        busyBefore,
        busyAfter: await page.locator('#root').getAttribute('aria-busy'),
        totals: await usdTotal(page).count(),
        problems,
      };
    } finally {
      await context.close();
    }
  }

  it('paints the engine total at once, then the popover shows the same figure in the same place', async () => {
    const { early, late, rowsBefore, busyBefore, busyAfter, totals, problems } = await openHeldBack();
    expect(early.total).toMatch(/^\$[\d,]+\.\d{2}$/);
    expect(rowsBefore).toBe(0);
    expect(busyBefore).toBe('true');
    expect(totals).toBe(1);
    expect(late.total).toBe(early.total);
    expect(Math.abs(late.y - early.y)).toBeLessThanOrEqual(1);
    expect(late.fontSize).toBe(early.fontSize);
    expect(busyAfter).toBeNull();
    expect(problems).toEqual([]);
  });

  it('with a display currency, paints the approximate total above it too, so neither moves nor changes size', async () => {
    const chosen = await fetch(`${serve.origin}/api/setPreferences`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ displayCurrency: 'EUR' }),
    });
    expect(chosen.status).toBe(200);
    const { early, late, problems } = await openHeldBack();
    expect(early.converted).toMatch(/^≈ About €[\d,]+\.\d{2}approximate, .+ of \d{4}-\d{2}-\d{2}/);
    expect(late.converted).toBe(early.converted);
    expect(late.total).toBe(early.total);
    expect(Math.abs(late.y - early.y)).toBeLessThanOrEqual(1);
    expect(late.fontSize).toBe(early.fontSize);
    expect(problems).toEqual([]);
  });
});

interface Shown {
  total: string;
  y: number;
  fontSize: string;
  converted: string | null;
}

/** The USD total as the user sees it: its text, where it sits, its size, and the converted line above it. */
async function shown(page: Page): Promise<Shown> {
  const total = usdTotal(page);
  const converted = page.getByTestId('converted-total');
  return {
    total: (await total.textContent())?.trim() ?? '',
    y: (await total.boundingBox())?.y ?? Number.NaN,
    fontSize: await total.evaluate((element) => getComputedStyle(element).fontSize),
    converted: (await converted.count()) > 0 ? ((await converted.textContent())?.trim() ?? '') : null,
  };
}
