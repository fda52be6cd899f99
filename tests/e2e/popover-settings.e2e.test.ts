/**
 * Settings in the popover against the real `spendbar serve`: first-run onboarding, adding an OpenRouter
 * account (base URL at the fake, key typed in, Test connection, Save into the keychain), a DeepSeek key
 * that fails its test and is not saved, per-account thresholds, and launch at login in a browser.
 *
 * Save stores the key in the OS keychain. Under helpers/with-keychain.sh (npm run test:e2e) that is a
 * real gnome-keyring in a private D-Bus session. Without it the tests that save are skipped, loudly:
 * on such a machine the keyring library keeps a key in process memory after a failed lookup instead of
 * refusing (reported to the engine's owners), so a green Save there would prove nothing.
 */
import { isAbsolute } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeepSeekFake, type DeepSeekFake } from '../fakes/deepseek-fake.js';
import { startOpenRouterFake, type OpenRouterFake } from '../fakes/openrouter-fake.js';
import { expectText, launchChromium, openPopover, type PopoverPage } from './helpers/browser.js';
import { expectVisible, figure, openToolbarView, seriousAccessibilityIssues, unexpectedProblems } from './helpers/popover.js';
import { keychainAvailable, startServe, stopAllServes, type ServeProcess } from './helpers/serve.js';
import { freshDataDir, removeDataDirs } from './helpers/temp-dirs.js';

const keychain = keychainAvailable();
const itWithKeychain = keychain ? it : it.skip;
if (!keychain) console.warn('Settings e2e: no throwaway keychain (run `npm run test:e2e`), so the tests that save a key are skipped.');

describe('settings in the popover', () => {
  let openRouter: OpenRouterFake;
  let deepSeek: DeepSeekFake;
  let browser: Browser;
  let serve: ServeProcess;
  let dataDir: string;
  const pages: PopoverPage[] = [];

  async function open(): Promise<PopoverPage> {
    const popover = await openPopover(browser, serve.url);
    pages.push(popover);
    return popover;
  }
  const addForm = (page: Page) => page.getByRole('form', { name: 'Add account' });

  beforeAll(async () => {
    openRouter = await startOpenRouterFake();
    deepSeek = await startDeepSeekFake('the-right-key');
    browser = await launchChromium();
    dataDir = await freshDataDir('settings');
    serve = await startServe({ dataDir });
  });

  afterAll(async () => {
    await Promise.allSettled(pages.map((popover) => popover.close()));
    await stopAllServes();
    await browser?.close();
    await Promise.allSettled([openRouter?.close(), deepSeek?.close()]);
    await removeDataDirs();
  });

  it('offers providers and the demo on first run, and tests an OpenRouter key typed into the add-account form', async () => {
    const { page, problems } = await open();
    await expectVisible(page.getByTestId('onboarding'));
    expect(await page.getByTestId('onboarding').textContent()).toContain('spendbar serve --demo');
    expect(await seriousAccessibilityIssues(page)).toEqual([]);

    await page.getByTestId('onboarding').getByRole('button', { name: 'OpenRouter' }).click();
    await expectVisible(page.getByTestId('add-account'));
    expect(await addForm(page).getByLabel('Provider').inputValue()).toBe('openrouter');
    await expectText(page.getByTestId('key-help'), /management key/i);
    expect(await page.getByTestId('key-help').getByRole('link').getAttribute('href')).toBe('https://openrouter.ai/settings/management-keys');
    const key = addForm(page).getByLabel('API key');
    expect(await key.getAttribute('type')).toBe('password');
    await key.fill('sk-or-e2e-key');
    await addForm(page).getByLabel('Base URL (optional)').fill(openRouter.url);
    expect(await seriousAccessibilityIssues(page)).toEqual([]);

    await addForm(page).getByRole('button', { name: 'Test connection' }).click();
    await expectText(page.getByTestId('test-result'), /Connection works\. This month \$12\.50 · balance \$74\.75\./);
    expect(openRouter.requests.some((request) => request.headers.authorization === 'Bearer sk-or-e2e-key')).toBe(true);

    expect(problems).toEqual([]);
  });

  itWithKeychain('saves the account: the key goes to the keychain and the row appears, polled', async () => {
    const { page, problems } = await open();
    await expectVisible(page.getByTestId('onboarding'));
    await page.getByTestId('onboarding').getByRole('button', { name: 'OpenRouter' }).click();
    await addForm(page).getByLabel('API key').fill('sk-or-e2e-key');
    await addForm(page).getByLabel('Base URL (optional)').fill(openRouter.url);
    await addForm(page).getByLabel('API key').press('Enter');
    // Saved: back on the list, the new row shows what the test poll read, and the key is gone.
    await expectText(figure(page, 'OpenRouter', 'balance'), '$74.75');
    await expectText(figure(page, 'OpenRouter', 'month-to-date'), '$12.50');
    await expect.poll(() => page.locator(':focus').getAttribute('data-focus-key'), { timeout: 5_000 }).toBe('row:openrouter:default');
    await openToolbarView(page, 'Settings');
    await expectText(page.getByTestId('settings-account').filter({ hasText: 'OpenRouter' }).locator('.settings-key'), 'key set');
    expect(problems).toEqual([]);

    // A new serve process on the same folder reads the key back from the keychain and polls with it.
    const before = openRouter.requests.length;
    await serve.stop();
    serve = await startServe({ dataDir });
    await expect
      .poll(() => openRouter.requests.slice(before).some((request) => request.headers.authorization === 'Bearer sk-or-e2e-key'), { timeout: 15_000 })
      .toBe(true);
  });

  itWithKeychain('asks for the key again before a saved account is pointed at another address', async () => {
    const elsewhere = await startOpenRouterFake();
    try {
      const { page, problems } = await open();
      await openToolbarView(page, 'Settings');
      await page.getByRole('button', { name: 'Add account' }).click();
      await addForm(page).getByLabel('Provider').selectOption({ label: 'OpenRouter' });
      await addForm(page).getByLabel('Base URL (optional)').fill(elsewhere.url);
      // Said as soon as the address changes, before any Save.
      await expectVisible(addForm(page).locator('.field-hint', { hasText: 'only ever sent to the address it was saved for' }));
      await addForm(page).getByRole('button', { name: 'Save' }).click();
      await expectText(addForm(page).getByTestId('error-credential-apiKey'), 'Enter the API key again: the address changed.');
      expect(elsewhere.requests).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('does not save a key that fails its test, says why, and keeps what was typed', async () => {
    const { page, problems } = await open();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Add account' }).click();
    await addForm(page).getByLabel('Provider').selectOption({ label: 'DeepSeek' });
    await addForm(page).getByLabel('API key').fill('a-wrong-key');
    await addForm(page).getByLabel('Base URL (optional)').fill(deepSeek.url);
    await addForm(page).getByRole('button', { name: 'Test connection' }).click();
    await expectText(page.getByTestId('test-result'), /DeepSeek/);
    await addForm(page).getByRole('button', { name: 'Save' }).click();
    await expectText(page.getByTestId('test-result'), /^Not saved: .*DeepSeek/);
    expect(await addForm(page).getByLabel('API key').inputValue()).toBe('a-wrong-key');
    expect(await addForm(page).getByLabel('Base URL (optional)').inputValue()).toBe(deepSeek.url);
    await page.keyboard.press('Escape');
    await expectVisible(page.getByTestId('settings'));
    expect(await page.getByTestId('settings-account').filter({ hasText: 'DeepSeek' }).count()).toBe(0);
    expect(unexpectedProblems(problems, 400)).toEqual([]);
  });

  itWithKeychain('checks thresholds as they are typed, saves them, and removes the account; launch at login says why it is off here', async () => {
    const { page, problems } = await open();
    await openToolbarView(page, 'Settings');
    const account = page.getByTestId('settings-account').filter({ hasText: 'OpenRouter' });
    await account.locator('summary').click();
    await account.getByLabel('Refresh every (minutes)').fill('0');
    await account.getByLabel('Alert below balance').fill('-5');
    await expectText(account.locator('.field-error').first(), /^At least \d+ minutes? for this provider\.$/);
    await expectText(account.locator('.field-error').nth(1), 'A low-balance threshold cannot be negative.');
    await account.getByLabel('Refresh every (minutes)').fill('120');
    await account.getByLabel('Alert below balance').fill('10');
    await account.getByRole('button', { name: 'Save' }).click();
    await expectText(account.locator('.form-status'), 'Saved.');
    const launch = page.getByLabel('Launch Spendbar at login');
    expect(await launch.isDisabled()).toBe(true);
    await expectText(page.locator('#launch-help'), /Only the desktop app can start at login/);
    expect(await seriousAccessibilityIssues(page)).toEqual([]);

    // Remove asks once more, then the account is gone from Settings and from the list.
    await account.getByRole('button', { name: 'Remove…' }).click();
    await account.getByRole('button', { name: 'Remove OpenRouter · default' }).click();
    await expect.poll(() => account.count(), { timeout: 5_000 }).toBe(0);
    await page.keyboard.press('Escape');
    await expectVisible(page.getByTestId('onboarding'));
    expect(problems).toEqual([]);
  });

  it('shows the assistant snippet with absolute paths, and the snippet as shown starts an MCP server on this data folder', async () => {
    const { page, problems } = await open();
    await openToolbarView(page, 'Settings');
    const section = page.getByTestId('assistant-setup');
    await expectVisible(section);
    const desktop = JSON.parse(await section.getByTestId('snippet-claudeDesktop').innerText()) as { mcpServers: { spendbar: { command: string; args: string[]; env?: Record<string, string> } } };
    const server = desktop.mcpServers.spendbar;
    expect(isAbsolute(server.command)).toBe(true);
    expect(isAbsolute(server.args[0]!)).toBe(true);
    expect(server.args.at(-1)).toBe('mcp');
    // serve runs on a test data folder, not the default one, so the assistant is told where it is.
    expect(server.env).toEqual({ SPENDBAR_DATA_DIR: dataDir });
    expect(await section.getByTestId('snippet-claudeCode').innerText()).toContain(`-- ${server.command} ${server.args[0]} mcp`);
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    expect(problems).toEqual([]);

    // What a client does with the pasted snippet: start exactly this command and list the tools.
    const transport = new StdioClientTransport({ command: server.command, args: server.args, env: { ...server.env, PATH: '/nonexistent' }, stderr: 'pipe' });
    const client = new Client({ name: 'snippet-check', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(['get_account', 'get_alerts', 'get_balances', 'get_spend']);
    } finally {
      await client.close();
    }
  });
});
