/**
 * The month-to-date total shows before the popover's code has loaded: the page's small entry paints it
 * from the first overview (src/renderer/early-total.ts), and the popover then takes the header over with
 * the same figure, once, with nothing left behind. The popover's main chunk is held back here, as a slow
 * disk or a busy machine would, so the early paint is what the user sees first.
 */
import type { Browser } from 'playwright-core';
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

  it('paints the engine total at once, then the popover shows the same figure in the same place', async () => {
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
      const early = { text: (await usdTotal(page).textContent())?.trim(), box: await usdTotal(page).boundingBox(), at: Date.now() };
      expect(released, 'the total showed only after the popover code arrived').toBe(0);
      expect(early.at - started).toBeLessThan(HOLD_MS);
      expect(early.text).toMatch(/^\$[\d,]+\.\d{2}$/);
      expect(await page.getByTestId('account-row').count()).toBe(0);
      expect(await page.locator('#root').getAttribute('aria-busy')).toBe('true');

      // The popover takes over: its rows appear, the total is the same figure, shown once, where it was.
      await expectVisible(page.getByTestId('account-row').first(), 15_000);
      expect(await usdTotal(page).count()).toBe(1);
      expect((await usdTotal(page).textContent())?.trim()).toBe(early.text);
      const box = await usdTotal(page).boundingBox();
      expect(Math.abs((box?.y ?? 0) - (early.box?.y ?? 0))).toBeLessThanOrEqual(1);
      expect(await page.locator('#root').getAttribute('aria-busy')).toBeNull();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
