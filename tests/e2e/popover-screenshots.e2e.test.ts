/**
 * The popover's views in light and dark, on demo data at the real popover size (380x560): screenshots
 * for the README (docs/screenshots/) and an accessibility audit of every view in both colour schemes.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPopover, type PopoverPage } from './helpers/browser.js';
import { expectVisible, openToolbarView, row, screenshotsDir, seriousAccessibilityIssues } from './helpers/popover.js';
import { startServe, stopAllServes, type ServeProcess } from './helpers/serve.js';
import { freshDataDir, removeDataDirs } from './helpers/temp-dirs.js';

const POPOVER_SIZE = { width: 380, height: 560 };

describe.each(['light', 'dark'] as const)('popover views in %s mode', (colorScheme) => {
  let browser: Browser;
  let demo: ServeProcess;
  let popover: PopoverPage;
  let page: Page;

  /** Every view must pass the audit, and the screenshot is taken only once it has. */
  async function auditAndShoot(name?: string): Promise<void> {
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    if (name) await page.screenshot({ path: join(screenshotsDir, `${name}-${colorScheme}.png`) });
  }

  beforeAll(async () => {
    await mkdir(screenshotsDir, { recursive: true });
    browser = await launchChromium();
    demo = await startServe({ dataDir: await freshDataDir(`shots-${colorScheme}`), args: ['--demo'] });
    popover = await openPopover(browser, demo.url, { colorScheme, viewport: POPOVER_SIZE });
    page = popover.page;
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
  });

  afterAll(async () => {
    await popover?.close();
    await stopAllServes();
    await browser?.close();
    await removeDataDirs();
  });

  it('the account list', async () => {
    await expect.poll(() => page.getByTestId('account-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await auditAndShoot('popover');
  });

  it('the detail view of an account', async () => {
    await row(page, 'OpenAI').getByRole('button', { name: /OpenAI/ }).click();
    await expectVisible(page.getByTestId('daily-chart'));
    await auditAndShoot('detail');
    await page.getByRole('button', { name: 'Back' }).click();
  });

  it('the manual entry panel', async () => {
    await openToolbarView(page, 'Add entry');
    await expectVisible(page.getByTestId('entry-row').first());
    await auditAndShoot('manual');
    await page.keyboard.press('Escape');
  });

  it('settings and the add-account form', async () => {
    await openToolbarView(page, 'Settings');
    await page.getByTestId('settings-account').first().locator('summary').click();
    await auditAndShoot();
    await page.getByRole('button', { name: 'Add account' }).click();
    await expectVisible(page.getByTestId('key-help'));
    await auditAndShoot();
    expect(popover.problems).toEqual([]);
  });
});
