/**
 * The popover in Debian's Chromium against the real `spendbar serve`, a fake OpenRouter and a fake
 * DeepSeek behind a slow proxy: figures polled from the providers, rows and detail view, per-account
 * Refresh progress, a failing provider that keeps its last figures, demo mode, and the token guard.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeepSeekFake, type DeepSeekFake } from '../fakes/deepseek-fake.js';
import { startOpenRouterFake, type OpenRouterFake } from '../fakes/openrouter-fake.js';
import { expectText, launchChromium, openPopover, type PopoverPage } from './helpers/browser.js';
import { startDelayProxy, type DelayProxy } from './helpers/delay-proxy.js';
import { expectVisible, figure, row, seriousAccessibilityIssues, usdTotal } from './helpers/popover.js';
import { startServe, stopAllServes, type ServeProcess } from './helpers/serve.js';
import { freshDataDir, removeDataDirs } from './helpers/temp-dirs.js';

describe('popover in the browser (spendbar serve)', () => {
  let openRouter: OpenRouterFake;
  let deepSeek: DeepSeekFake;
  let slowDeepSeek: DelayProxy;
  let browser: Browser;
  let serve: ServeProcess;
  const pages: PopoverPage[] = [];

  async function open(url: string, colorScheme?: 'light' | 'dark'): Promise<PopoverPage> {
    const popover = await openPopover(browser, url, colorScheme ? { colorScheme } : {});
    pages.push(popover);
    return popover;
  }

  beforeAll(async () => {
    openRouter = await startOpenRouterFake();
    deepSeek = await startDeepSeekFake('deepseek-key');
    slowDeepSeek = await startDelayProxy(deepSeek.url, 0);
    browser = await launchChromium();
    serve = await startServe({
      dataDir: await freshDataDir('main'),
      env: {
        OPENROUTER_API_KEY: 'test-key',
        SPENDBAR_OPENROUTER_BASE_URL: openRouter.url,
        DEEPSEEK_API_KEY: 'deepseek-key',
        SPENDBAR_DEEPSEEK_BASE_URL: slowDeepSeek.url,
      },
    });
  });

  afterAll(async () => {
    await Promise.allSettled(pages.map((popover) => popover.close()));
    await stopAllServes();
    await browser?.close();
    await Promise.allSettled([openRouter?.close(), slowDeepSeek?.close(), deepSeek?.close()]);
    await removeDataDirs();
  });

  it('answers /api/ only with the token', async () => {
    const call = (headers: Record<string, string>) =>
      fetch(`${serve.origin}/api/getOverview`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: '{}',
        signal: AbortSignal.timeout(10_000),
      });
    expect((await call({})).status).toBe(401);
    expect((await call({ Authorization: 'Bearer not-the-token' })).status).toBe(401);
    expect((await call({ Authorization: `Bearer ${serve.token}` })).status).toBe(200);
  });

  it('shows each account polled from its provider, biggest spend first, with balance and runway', async () => {
    const { page, problems } = await open(serve.url);
    await expectText(figure(page, 'OpenRouter', 'balance'), '$74.75');
    await expectText(figure(page, 'OpenRouter', 'month-to-date'), '$12.50');
    await expectText(figure(page, 'DeepSeek', 'balance'), 'CN¥110.00');
    // The alerts engine fills runway; until then it is unknown, shown as a dash, never as 0 d.
    await expectText(figure(page, 'OpenRouter', 'runway'), /—$/);
    await expectText(usdTotal(page), '$12.50');
    await expectText(page.getByTestId('split-USD'), 'all official');
    await expectText(page.getByTestId('forecast-USD'), /^Projected month-end ~\$[\d,]+\.\d\d/);
    // The header formats the engine's month-end figure; it does not project on its own.
    const overview = (await (
      await fetch(`${serve.origin}/api/getOverview`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.token}` },
        body: '{}',
        signal: AbortSignal.timeout(10_000),
      })
    ).json()) as { totals: { currency: string; monthEnd?: { amount: string } | null }[] };
    const monthEnd = overview.totals.find((total) => total.currency === 'USD')?.monthEnd?.amount;
    expect(monthEnd).toBeDefined();
    const shown = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(monthEnd as `${number}`);
    await expectText(page.getByTestId('forecast-USD'), new RegExp(`^Projected month-end ~${shown.replace(/[$.]/g, '\\$&')}\\b`));
    expect(await page.getByTestId('account-row').first().getAttribute('data-account-id')).toBe('openrouter:env');
    // The token is kept in memory, not left in the address bar.
    expect(page.url()).not.toContain('token=');
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('opens an account with the keyboard, and Escape returns to the list with focus on that row', async () => {
    const { page, problems } = await open(serve.url);
    await expectText(figure(page, 'OpenRouter', 'balance'), '$74.75');
    await row(page, 'OpenRouter').getByRole('button', { name: /OpenRouter env/ }).focus();
    await page.keyboard.press('Enter');
    await expectVisible(page.getByTestId('detail'));
    await expectText(page.getByRole('heading', { level: 1 }), /OpenRouter · env/);
    expect(await page.getByTestId('detail').textContent()).toContain('$74.75');
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expectVisible(page.getByTestId('account-row').first());
    await expect.poll(() => page.locator(':focus').getAttribute('data-focus-key'), { timeout: 5_000 }).toBe('row:openrouter:env');
    expect(problems).toEqual([]);
  });

  it('shows Refresh progress per account while a slow provider is still answering', async () => {
    const { page, problems } = await open(serve.url);
    await expectText(figure(page, 'DeepSeek', 'balance'), 'CN¥110.00');
    slowDeepSeek.setDelay(4_000);
    await page.getByRole('button', { name: 'Refresh' }).click();
    // OpenRouter answers at once, DeepSeek only after the proxy's delay: one of two is done meanwhile.
    await expectText(page.getByTestId('refresh-status'), 'Refreshing… 1 of 2 done', 3_500);
    expect(await row(page, 'DeepSeek').getByTestId('account-refreshing').isVisible()).toBe(true);
    expect(await row(page, 'OpenRouter').getByTestId('account-refreshing').count()).toBe(0);
    await expectText(page.getByTestId('refresh-status'), '', 10_000);
    expect(await page.getByTestId('account-refreshing').count()).toBe(0);
    slowDeepSeek.setDelay(0);
    expect(problems).toEqual([]);
  });

  it('keeps the last figures of a failing provider and says what went wrong after Refresh', async () => {
    const { page, problems } = await open(serve.url);
    await expectText(figure(page, 'OpenRouter', 'balance'), '$74.75');
    openRouter.set({ down: true });
    try {
      await page.getByRole('button', { name: 'Refresh' }).click();
      const status = row(page, 'OpenRouter').getByTestId('account-status');
      await expectText(status, /^updated (just now|\d+ min ago) · .*OpenRouter/i);
      await expectText(figure(page, 'OpenRouter', 'balance'), '$74.75');
      await expectText(figure(page, 'OpenRouter', 'month-to-date'), '$12.50');
      await expectText(usdTotal(page), '$12.50');
      // Something wrong sorts first.
      expect(await page.getByTestId('account-row').first().getAttribute('data-account-id')).toBe('openrouter:env');
      expect(await seriousAccessibilityIssues(page)).toEqual([]);
    } finally {
      openRouter.set({ down: false });
    }
    expect(problems).toEqual([]);
  });

  it('labels demo data clearly and shows several accounts', async () => {
    const demo = await startServe({ dataDir: await freshDataDir('demo'), args: ['--demo'] });
    const { page, problems } = await open(demo.url, 'dark');
    await expectVisible(page.getByTestId('demo-label'));
    expect(await page.getByTestId('demo-label').textContent()).toBe('Demo data');
    await expect.poll(() => page.getByTestId('account-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual([]);
    await demo.stop();
  });
});
