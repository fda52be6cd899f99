/**
 * The popover in Debian's Chromium against the real `spendbar serve` and a fake OpenRouter: figures
 * polled from the provider, a hand-entered Groq spend that changes the total and survives a restart,
 * demo mode, and the token guard on /api/.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenRouterFake, type OpenRouterFake } from '../fakes/openrouter-fake.js';
import { expectText, launchChromium, openPopover, type PopoverPage } from './helpers/browser.js';
import { repoRoot, startServe, stopAllServes, type ServeProcess } from './helpers/serve.js';
import { freshDataDir, removeDataDirs } from './helpers/temp-dirs.js';

const screenshots = join(repoRoot, 'docs', 'screenshots');

const row = (page: Page, providerName: string) =>
  page.getByTestId('account-row').filter({ has: page.locator('.provider-name', { hasText: providerName }) });
const figure = (page: Page, providerName: string, which: 'month-to-date' | 'balance') =>
  row(page, providerName).getByTestId(which);
const usdTotal = (page: Page) => page.getByTestId('total-USD');

/** Serious and critical axe findings, one line each, so a failure names the rule and the element. */
async function seriousAccessibilityIssues(page: Page): Promise<string[]> {
  const audit = await new AxeBuilder({ page }).analyze();
  return audit.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe('popover in the browser (spendbar serve)', () => {
  let openRouter: OpenRouterFake;
  let browser: Browser;
  let dataDir: string;
  let serve: ServeProcess;
  const pages: PopoverPage[] = [];
  const serveEnv = () => ({ OPENROUTER_API_KEY: 'test-key', SPENDBAR_OPENROUTER_BASE_URL: openRouter.url });

  async function open(url: string, colorScheme?: 'light' | 'dark'): Promise<PopoverPage> {
    const popover = await openPopover(browser, url, colorScheme ? { colorScheme } : {});
    pages.push(popover);
    return popover;
  }

  beforeAll(async () => {
    openRouter = await startOpenRouterFake();
    browser = await launchChromium();
    dataDir = await freshDataDir('main');
    serve = await startServe({ dataDir, env: serveEnv() });
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await Promise.allSettled(pages.map((popover) => popover.close()));
    await stopAllServes();
    await browser?.close();
    await openRouter?.close();
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

  it('shows the OpenRouter balance and month-to-date polled from the provider', async () => {
    const { page, problems } = await open(serve.url);
    await expectText(figure(page, 'OpenRouter', 'balance'), '$74.75');
    await expectText(figure(page, 'OpenRouter', 'month-to-date'), '$12.50');
    await expectText(usdTotal(page), '$12.50');
    // The token is kept in memory, not left in the address bar.
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: join(screenshots, 'popover.png') });
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('adds a Groq spend through the form and the USD total changes at once', async () => {
    const { page, problems } = await open(serve.url);
    await expectText(usdTotal(page), '$12.50');
    await page.getByTestId('add-entry').locator('summary').click();
    const form = page.getByRole('form', { name: 'Add entry' });
    await form.getByLabel('Provider').selectOption({ label: 'Groq' });
    await form.getByLabel('Kind').selectOption('spend');
    await form.getByLabel('Note').fill('November invoice');

    // A bad amount is refused next to its field, and what was typed stays.
    await form.getByLabel('Amount').fill('3,2x');
    await form.getByRole('button', { name: 'Add entry' }).click();
    await expect.poll(() => form.getByTestId('error-amount').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await form.getByLabel('Note').inputValue()).toBe('November invoice');
    expect(await form.getByLabel('Amount').inputValue()).toBe('3,2x');

    // Escape must not throw away the form or close anything the user needs.
    await page.keyboard.press('Escape');
    expect(await form.getByLabel('Note').inputValue()).toBe('November invoice');

    await form.getByLabel('Amount').fill('3.20');
    expect(await form.getByLabel('Currency').inputValue()).toBe('USD');
    await form.getByRole('button', { name: 'Add entry' }).click();
    // Well under the 5 s poll: the form itself must bring the new total.
    await expectText(usdTotal(page), '$15.70', 2_500);
    await expectText(figure(page, 'Groq', 'month-to-date'), '$3.20');
    await page.getByTestId('entries').locator('summary').click();
    await expectText(page.getByTestId('entry-row').first(), /Groq.*Spend.*November invoice.*\$3\.20/);
    // Chromium logs the refused amount's 400 as a console error; anything else is a real problem.
    expect(problems.filter((problem) => !problem.includes('status of 400'))).toEqual([]);
  });

  it('keeps the Groq entry and the total after serve restarts on the same data folder', async () => {
    await serve.stop();
    serve = await startServe({ dataDir, env: serveEnv() });
    const { page, problems } = await open(serve.url);
    await expectText(figure(page, 'Groq', 'month-to-date'), '$3.20');
    await expectText(usdTotal(page), '$15.70');
    await page.getByTestId('entries').locator('summary').click();
    await expectText(page.getByTestId('entry-row').first(), /Groq.*\$3\.20/);
    expect(problems).toEqual([]);
  });

  it('labels demo data clearly and shows several accounts, with no serious accessibility issues', async () => {
    const demo = await startServe({ dataDir: await freshDataDir('demo'), args: ['--demo'] });
    const { page, problems } = await open(demo.url, 'dark');
    await expect.poll(() => page.getByTestId('demo-label').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('demo-label').textContent()).toBe('Demo data');
    await expect.poll(() => page.getByTestId('account-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(screenshots, 'popover-demo-dark.png') });

    await page.getByTestId('add-entry').locator('summary').click();
    await page.getByTestId('entries').locator('summary').click();
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    expect(problems).toEqual([]);
    await demo.stop();
  });
});
