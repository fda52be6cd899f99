/**
 * Alerts in the browser popover against the real `spendbar serve` and a fake OpenRouter whose balance
 * falls below the account's low-balance threshold: one banner (never two), opening the account from it,
 * snoozing it from the banner and from the history, a tab with notifications allowed getting a web
 * notification instead of a banner, and the alert settings in Settings.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenRouterFake, type OpenRouterFake } from '../fakes/openrouter-fake.js';
import { runCli } from '../helpers/cli.js';
import { expectText, launchChromium, openPopover, type PopoverPage } from './helpers/browser.js';
import { expectVisible, figure, openToolbarView, seriousAccessibilityIssues } from './helpers/popover.js';
import { keychainAvailable, startServe, stopAllServes, type ServeProcess } from './helpers/serve.js';
import { freshDataDir, removeDataDirs } from './helpers/temp-dirs.js';

/** Longer than the browser bridge's overview poll (5 s), so at least one more overview has been read. */
const ONE_MORE_OVERVIEW_MS = 6_000;

const lowBalanceBanners = (page: Page): Locator => page.getByTestId('alert-banner').filter({ hasText: 'Low balance: OpenRouter (env)' });
const history = (page: Page): Locator => page.getByTestId('alert-history');
const historyItem = (page: Page): Locator => history(page).getByRole('listitem').filter({ hasText: 'Low balance: OpenRouter (env)' });

/**
 * Runs in the page before its scripts: a Notification that records what it was asked to show, while the
 * permission stays the browser's own. (A string, because these tests are type-checked without the DOM.)
 */
const RECORD_NOTIFICATIONS = `(() => {
  const real = window.Notification;
  window.shownNotifications = [];
  window.Notification = class {
    static get permission() { return real.permission; }
    static requestPermission() { return real.requestPermission(); }
    constructor(title, options) { window.shownNotifications.push({ title, body: options && options.body, tag: options && options.tag }); this.onclick = null; }
    close() {}
  };
})();`;

describe('alerts in the popover (spendbar serve)', () => {
  let openRouter: OpenRouterFake;
  let browser: Browser;
  let serve: ServeProcess;
  let watching: PopoverPage;
  const pages: PopoverPage[] = [];

  async function open(colorScheme?: 'light' | 'dark'): Promise<PopoverPage> {
    const popover = await openPopover(browser, serve.url, colorScheme ? { colorScheme } : {});
    pages.push(popover);
    return popover;
  }

  beforeAll(async () => {
    openRouter = await startOpenRouterFake();
    const dataDir = await freshDataDir('alerts');
    const env = { OPENROUTER_API_KEY: 'sk-or-alerts-e2e', SPENDBAR_OPENROUTER_BASE_URL: openRouter.url };
    // The environment's key configures the `env` account; this gives it a threshold 4.25 USD under its balance.
    const added = await runCli(['accounts', 'add', 'openrouter', '--account', 'env', '--threshold', 'lowBalance=70'], {
      dataDir,
      env: {
        ...env,
        HOME: dataDir,
        XDG_CONFIG_HOME: dataDir,
        // As in helpers/serve.ts: never the developer's own keyring.
        DBUS_SESSION_BUS_ADDRESS: (keychainAvailable() && process.env.DBUS_SESSION_BUS_ADDRESS) || 'unix:path=/nonexistent/spendbar-e2e-bus',
      },
    });
    expect(added.code, added.stderr).toBe(0);
    browser = await launchChromium();
    serve = await startServe({ dataDir, env });
  });

  afterAll(async () => {
    await Promise.allSettled(pages.map((popover) => popover.close()));
    await stopAllServes();
    await browser?.close();
    await openRouter?.close();
    await removeDataDirs();
  });

  it('shows no banner while the balance is above the threshold', async () => {
    watching = await open();
    const { page, problems } = watching;
    await expectText(figure(page, 'OpenRouter', 'balance'), '$74.75');
    expect(await page.getByTestId('alert-banner').count()).toBe(0);
    expect(await history(page).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows the fall below the threshold as one banner after Refresh, and it passes the audit in both schemes', async () => {
    const { page, problems } = watching;
    openRouter.set({ totalUsage: 40 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expectText(figure(page, 'OpenRouter', 'balance'), '$60.50');
    await expectVisible(lowBalanceBanners(page));
    await expectText(page.getByTestId('refresh-status'), '', 10_000);
    await page.waitForTimeout(ONE_MORE_OVERVIEW_MS);
    expect(await lowBalanceBanners(page).count()).toBe(1);
    // The fake's month-to-date did not move while its balance fell 14.25 USD, so the engine also says the
    // figures disagree: each alert raised after the page loaded is one banner, none twice.
    expect(await page.getByTestId('alert-banner').count()).toBe(await history(page).getByRole('listitem').count());
    const banner = lowBalanceBanners(page);
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toContain('60.50 USD left, below your 70.00 USD alert.');
    expect(await historyItem(page).count()).toBe(1);
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });

  it('opens the account from the banner, and Escape returns focus to the banner', async () => {
    const { page, problems } = watching;
    await lowBalanceBanners(page).getByRole('button', { name: 'Open account' }).click();
    await expectVisible(page.getByTestId('detail'));
    await expectText(page.getByRole('heading', { level: 1 }), /OpenRouter · env/);
    await page.keyboard.press('Escape');
    await expectVisible(lowBalanceBanners(page));
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.textContent'), { timeout: 5_000 }).toBe('Open account');
    expect(problems).toEqual([]);
  });

  it('raises a web notification instead of a banner in a tab that allows notifications', async () => {
    // Opened after the alert: it is under ten minutes old and not snoozed, so a newly opened page shows it too.
    const { page, problems } = await open('dark');
    await page.context().grantPermissions(['notifications'], { origin: serve.origin });
    await page.addInitScript(RECORD_NOTIFICATIONS);
    await page.reload({ waitUntil: 'load' });
    await expectText(figure(page, 'OpenRouter', 'balance'), '$60.50');
    const shown = async () => (await page.evaluate('window.shownNotifications.map((item) => item.title)')) as string[];
    await expect.poll(shown, { timeout: 10_000 }).toContain('Low balance: OpenRouter (env)');
    expect((await shown()).filter((title) => title.startsWith('Low balance'))).toHaveLength(1);
    expect(await lowBalanceBanners(page).count()).toBe(0);
    await openToolbarView(page, 'Settings');
    await expectText(page.getByTestId('notification-access'), /raise a desktop notification from this browser/);
    expect(await page.getByRole('button', { name: 'Enable notifications' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('snoozes from the banner with the keyboard: the banner goes, the history says until when, focus moves on', async () => {
    const { page, problems } = watching;
    const focused = () => page.evaluate('document.activeElement && (document.activeElement.id || document.activeElement.textContent)');
    await lowBalanceBanners(page).getByRole('button', { name: 'Snooze 1 day' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => lowBalanceBanners(page).count(), { timeout: 10_000 }).toBe(0);
    await expectText(historyItem(page).locator('.alert-snoozed span'), /^Snoozed until /);
    // The same fall raised a reconciliation alert (see above); focus goes to the banner still shown…
    await expect.poll(focused, { timeout: 5_000 }).toBe('Snooze 1 day');
    expect(await page.getByTestId('alert-banner').count()).toBe(1);
    // …and once that one is dismissed too, to the alert history rather than the top of the page.
    await page.getByTestId('alert-banner').getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused, { timeout: 5_000 }).toBe('alerts-heading');
    expect(await page.getByTestId('alert-banner').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('unsnoozes and snoozes for a week from the history; a second Refresh raises no second banner', async () => {
    const { page, problems } = watching;
    await historyItem(page).getByRole('button', { name: 'Unsnooze' }).click();
    await expectVisible(historyItem(page).getByText('Snooze', { exact: true }));
    expect(await historyItem(page).getByText(/Snoozed until/).count()).toBe(0);
    await historyItem(page).getByText('Snooze', { exact: true }).click();
    await historyItem(page).getByRole('button', { name: '1 week' }).click();
    const weekAhead = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' }).format(new Date(Date.now() + 7 * 86_400_000));
    await expectText(historyItem(page).locator('.alert-snoozed span'), new RegExp(`^Snoozed until ${weekAhead},`));

    await page.getByRole('button', { name: 'Refresh' }).click();
    await expectText(page.getByTestId('refresh-status'), '', 10_000);
    await page.waitForTimeout(ONE_MORE_OVERVIEW_MS);
    expect(await page.getByTestId('alert-banner').count()).toBe(0);
    expect(await historyItem(page).count()).toBe(1);
    // A page opened now shows the recent reconciliation alert (dismissed only in the other tab), but not
    // the low-balance one: it is just as recent, but its rule is snoozed.
    const fresh = await open();
    await expectText(figure(fresh.page, 'OpenRouter', 'balance'), '$60.50');
    await expectVisible(fresh.page.getByTestId('alert-banner').filter({ hasText: 'Spend figures disagree' }));
    expect(await fresh.page.getByTestId('alert-banner').count()).toBe(1);
    expect(await historyItem(fresh.page).count()).toBe(1);
    expect([...problems, ...fresh.problems]).toEqual([]);
  });

  it('keeps alert settings: inline errors beside the field with the input kept, then saved and read back', async () => {
    const { page, problems } = watching;
    await openToolbarView(page, 'Settings');
    const form = page.getByRole('form', { name: 'Alert settings' });
    await expectVisible(form);
    // This tab was never asked, so the page offers to ask; headless Chromium answers by itself (denied).
    expect(await page.evaluate('Notification.permission')).toBe('default');
    await expectText(page.getByTestId('notification-access'), /^New alerts show as banners on this page\./);
    await page.getByRole('button', { name: 'Enable notifications' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Enable notifications' }).count(), { timeout: 5_000 }).toBe(0);
    expect(await page.getByTestId('notification-access').textContent()).not.toMatch(/^New alerts show as banners on this page\./);
    expect(await form.getByLabel('Quiet from').isDisabled()).toBe(true);
    await form.getByLabel('Quiet hours', { exact: true }).check();
    await form.getByLabel('Quiet until').fill('');
    await form.getByLabel('Reconciliation difference (%)').fill('0');
    await form.getByRole('button', { name: 'Save alert settings' }).click();
    await expectText(page.getByTestId('error-quiet-end'), /^Enter the time quiet hours end/);
    await expectText(page.getByTestId('error-reconciliation-percent'), 'Enter a percentage from 1 to 1000.');
    expect(await form.getByLabel('Reconciliation difference (%)').inputValue()).toBe('0');
    expect(await form.getByLabel('Reconciliation difference (%)').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAccessibilityIssues(page)).toEqual([]);

    // The last test, so quiet hours cannot hold back an alert another test waits for.
    await form.getByLabel('Quiet from').fill('22:00');
    await form.getByLabel('Quiet until').fill('06:30');
    await form.getByLabel('Reconciliation difference (%)').fill('25');
    await form.getByLabel('…and by at least').fill('2.50');
    await form.getByRole('button', { name: 'Save alert settings' }).click();
    await expectText(form.getByRole('status'), 'Saved.');
    expect(await page.getByTestId('error-quiet-end').count()).toBe(0);

    const stored = await fetch(`${serve.origin}/api/getAlertSettings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.token}` },
      body: '{}',
      signal: AbortSignal.timeout(10_000),
    }).then((response) => response.json());
    expect(stored).toEqual({ quietHours: { start: '22:00', end: '06:30' }, reconciliationPercent: 25, reconciliationFloor: '2.50' });

    await page.keyboard.press('Escape');
    await openToolbarView(page, 'Settings');
    expect(await form.getByLabel('Quiet until').inputValue()).toBe('06:30');
    expect(await form.getByLabel('Quiet hours', { exact: true }).isChecked()).toBe(true);
    expect(problems).toEqual([]);
  });
});
