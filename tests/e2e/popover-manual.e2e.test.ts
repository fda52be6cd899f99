/**
 * The manual entry panel against the real `spendbar serve`: a bad amount refused beside its field with
 * nothing typed lost (checked in the page and by the engine), Enter to add, edit in place, delete with
 * Undo, totals and rows that follow at once, and entries that survive a restart.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenRouterFake, type OpenRouterFake } from '../fakes/openrouter-fake.js';
import { expectText, launchChromium, openPopover, type PopoverPage } from './helpers/browser.js';
import { expectVisible, figure, openToolbarView, seriousAccessibilityIssues, unexpectedProblems, usdTotal } from './helpers/popover.js';
import { startServe, stopAllServes, type ServeProcess } from './helpers/serve.js';
import { freshDataDir, removeDataDirs } from './helpers/temp-dirs.js';

describe('manual entries in the popover', () => {
  let openRouter: OpenRouterFake;
  let browser: Browser;
  let dataDir: string;
  let serve: ServeProcess;
  const pages: PopoverPage[] = [];
  const serveEnv = () => ({ OPENROUTER_API_KEY: 'test-key', SPENDBAR_OPENROUTER_BASE_URL: openRouter.url });

  async function open(): Promise<PopoverPage> {
    const popover = await openPopover(browser, serve.url);
    pages.push(popover);
    await expectText(figure(popover.page, 'OpenRouter', 'balance'), '$74.75');
    return popover;
  }

  const form = (page: Page) => page.getByRole('form', { name: 'Add entry' });
  const groqEntry = (page: Page) => page.getByTestId('manual').getByTestId('entry-row').filter({ hasText: 'Groq' });

  beforeAll(async () => {
    openRouter = await startOpenRouterFake();
    browser = await launchChromium();
    dataDir = await freshDataDir('manual');
    serve = await startServe({ dataDir, env: serveEnv() });
  });

  afterAll(async () => {
    await Promise.allSettled(pages.map((popover) => popover.close()));
    await stopAllServes();
    await browser?.close();
    await openRouter?.close();
    await removeDataDirs();
  });

  it('refuses a bad amount beside the field, keeps what was typed, and adds with Enter', async () => {
    const { page, problems } = await open();
    await expectText(usdTotal(page), '$12.50');
    await openToolbarView(page, 'Add entry');
    await form(page).getByLabel('Provider').selectOption({ label: 'Groq' });
    await form(page).getByLabel('Spend').check();
    await form(page).getByLabel('Note').fill('November invoice');

    // Checked in the page at once: not a positive decimal.
    await form(page).getByLabel('Amount').fill('3,2x');
    await form(page).getByLabel('Amount').press('Enter');
    await expectText(form(page).getByTestId('error-amount'), /"3,2x" is not an amount/);
    expect(await form(page).getByLabel('Note').inputValue()).toBe('November invoice');
    expect(await form(page).getByLabel('Amount').inputValue()).toBe('3,2x');

    // Checked by the engine: a date in the future. Its message shows beside the date.
    await form(page).getByLabel('Amount').fill('3.20');
    await form(page).getByLabel('Date').fill('2099-01-01');
    await form(page).getByLabel('Amount').press('Enter');
    await expectText(form(page).getByTestId('error-date'), /in the future/);
    expect(await form(page).getByLabel('Amount').inputValue()).toBe('3.20');

    // Escape closes the panel; reopening finds everything still typed.
    await page.keyboard.press('Escape');
    await expectVisible(usdTotal(page));
    await openToolbarView(page, 'Add entry');
    expect(await form(page).getByLabel('Note').inputValue()).toBe('November invoice');
    expect(await form(page).getByLabel('Currency').inputValue()).toBe('USD');
    expect(await seriousAccessibilityIssues(page)).toEqual([]);

    const today = new Date();
    const localToday = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    await form(page).getByLabel('Date').fill(localToday);
    await form(page).getByLabel('Amount').press('Enter');
    await expectText(groqEntry(page), /Groq.*Spend.*November invoice.*\$3\.20/, 2_500);
    // The amount is cleared for the next entry once the add (and the new total) is through; the
    // provider is remembered.
    await expect.poll(() => form(page).getByLabel('Amount').inputValue(), { timeout: 2_500 }).toBe('');
    expect(await form(page).getByLabel('Provider').inputValue()).toBe('groq');

    await page.keyboard.press('Escape');
    // Well under the 5 s poll: adding itself brings the new total.
    await expectText(usdTotal(page), '$15.70', 2_500);
    await expectText(figure(page, 'Groq', 'month-to-date'), '$3.20');
    await expectText(page.getByTestId('split-USD'), '$12.50 official · $3.20 manual');
    expect(unexpectedProblems(problems, 400)).toEqual([]);
  });

  it('edits an entry in place, and the total follows', async () => {
    const { page, problems } = await open();
    await openToolbarView(page, 'Add entry');
    await groqEntry(page).getByRole('button', { name: /^Edit spend of \$3\.20 for Groq/ }).click();
    const editor = page.getByRole('form', { name: 'Edit entry' });
    await editor.getByLabel(/Amount/).fill('-1');
    await editor.getByLabel(/Amount/).press('Enter');
    await expectText(editor.getByTestId('error-edit-amount'), 'A spend amount must be positive; got -1.');
    await editor.getByLabel(/Amount/).fill('4.10');
    await editor.getByLabel(/Amount/).press('Enter');
    await expectText(groqEntry(page), /\$4\.10/);
    await page.keyboard.press('Escape');
    await expectText(usdTotal(page), '$16.60', 2_500);
    expect(problems).toEqual([]);
  });

  it('deletes an entry and puts it back with Undo from the keyboard', async () => {
    const { page, problems } = await open();
    await openToolbarView(page, 'Add entry');
    await groqEntry(page).getByRole('button', { name: /^Delete spend of \$4\.10 for Groq/ }).click();
    await expect.poll(() => groqEntry(page).count(), { timeout: 5_000 }).toBe(0);
    // Focus moved to Undo, so Enter alone restores the entry.
    await expect.poll(() => page.locator(':focus').textContent(), { timeout: 5_000 }).toBe('Undo');
    await page.keyboard.press('Enter');
    await expectText(groqEntry(page), /\$4\.10/);
    await page.keyboard.press('Escape');
    await expectText(usdTotal(page), '$16.60', 2_500);
    expect(problems).toEqual([]);
  });

  it('keeps the Groq entry and the total after serve restarts on the same data folder', async () => {
    await serve.stop();
    serve = await startServe({ dataDir, env: serveEnv() });
    const { page, problems } = await open();
    await expectText(figure(page, 'Groq', 'month-to-date'), '$4.10');
    await expectText(usdTotal(page), '$16.60');
    expect(problems).toEqual([]);
  });
});
