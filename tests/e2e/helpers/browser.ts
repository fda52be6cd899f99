/** Debian's Chromium through playwright-core, set up like the popover (about 400x640) in a fixed locale. */
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.SPENDBAR_CHROMIUM ?? '/usr/bin/chromium',
    // No sandbox in containers; no background traffic so the only requests are the test's own.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
    timeout: 30_000,
  });
}

export interface PopoverPage {
  page: Page;
  /** Uncaught exceptions and console errors (CSP violations show up here). */
  problems: string[];
  close(): Promise<void>;
}

export async function openPopover(
  browser: Browser,
  url: string,
  options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {},
): Promise<PopoverPage> {
  // en-US so money reads "$12.50" whatever the machine's language is.
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 400, height: 640 },
    locale: 'en-US',
    colorScheme: options.colorScheme ?? 'light',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
  return { page, problems, close: () => context.close() };
}

/** Waits (bounded) until the element's text is `expected`; fails with the last text seen. */
export async function expectText(locator: Locator, expected: string | RegExp, timeoutMs = 20_000): Promise<void> {
  const read = async () => {
    // Short reads inside the poll, so the poll's own timeout is the one that bounds the wait.
    try {
      return (await locator.textContent({ timeout: 1_000 }))?.trim() ?? '';
    } catch {
      return '<no such element>';
    }
  };
  const pattern = expected instanceof RegExp ? expected : new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await expect.poll(read, { timeout: timeoutMs, interval: 250 }).toMatch(pattern);
}
