/// <reference lib="dom" />
// The focus probe below runs inside the page (page.evaluate), so this file needs the DOM types.
/**
 * The display currency in the popover against the real `spendbar serve`: picking one in Settings adds the
 * approximate total to the header (with the rates' date and what it leaves out), the choice survives a
 * restart of serve on the same data folder, and the views stay clean under axe in light and dark. Every
 * focus stop reached with Tab shows a visible focus indicator of enough contrast, in light and dark.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { expectText, launchChromium, openPopover, type PopoverPage } from './helpers/browser.js';
import { expectVisible, openToolbarView, seriousAccessibilityIssues } from './helpers/popover.js';
import { startServe, stopAllServes, type ServeProcess } from './helpers/serve.js';
import { freshDataDir, removeDataDirs } from './helpers/temp-dirs.js';

interface FocusStop {
  name: string;
  /** Whether the pixels around the control change when it takes keyboard focus. */
  visible: boolean;
  /** Contrast of the indicator's colour against what is behind the control (WCAG 1.4.11 asks 3:1). */
  contrast: number;
  /** An outline at least 2px wide on the control or on the ring drawn around its row (::after). */
  ring: boolean;
}

/** Tabs through the page from the top, and for each stop compares its surroundings focused and unfocused. */
async function focusStops(page: Page, limit = 40): Promise<FocusStop[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: FocusStop[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < limit; index++) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      element.dataset.focusProbe ??= String(Math.random());
      const name = `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`;
      element.scrollIntoView({ block: 'nearest' });
      // Tab selects the text of a field; a selection is not a focus indicator, so it is taken away.
      if (element instanceof HTMLInputElement && ['text', 'search', 'tel', 'url', 'password', ''].includes(element.type)) element.setSelectionRange(0, 0);
      return { probe: element.dataset.focusProbe, name };
    });
    if (!found || seen.has(found.probe)) break;
    seen.add(found.probe);
    // The whole popover: a ring may be drawn around a larger box than the control's (the account rows').
    const focused = await page.screenshot({ animations: 'disabled', caret: 'hide' });
    if (process.env.SPENDBAR_FOCUS_SHOTS) await page.screenshot({ path: `${process.env.SPENDBAR_FOCUS_SHOTS}/focus-${stops.length}.png` });
    const { contrast, ring } = await page.evaluate(indicatorContrast);
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    const unfocused = await page.screenshot({ animations: 'disabled', caret: 'hide' });
    // Back where it was, as the keyboard left it, so the next Tab goes on from here.
    await page.evaluate((probe) => {
      const element = document.querySelector(`[data-focus-probe="${probe}"]`) as HTMLElement;
      element.focus();
      if (element instanceof HTMLInputElement && ['text', 'search', 'tel', 'url', 'password', ''].includes(element.type)) element.setSelectionRange(0, 0);
    }, found.probe);
    stops.push({ name: found.name, visible: !focused.equals(unfocused), contrast, ring });
  }
  return stops;
}

/** Runs in the page: the focused control's outline (or its ::after's, for the account rows) against the background behind it. */
function indicatorContrast(): { contrast: number; ring: boolean } {
  const element = document.activeElement as HTMLElement;
  const own = getComputedStyle(element);
  const after = getComputedStyle(element, '::after');
  const drawn = (style: CSSStyleDeclaration) => style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const style = drawn(own) ? own : after;
  const colour = (text: string) => (text.match(/[\d.]+/g) ?? []).map(Number);
  let node: HTMLElement | null = element.parentElement;
  let background = [255, 255, 255, 1];
  while (node) {
    const value = colour(getComputedStyle(node).backgroundColor);
    if (value.length === 3 || (value[3] ?? 0) > 0) {
      background = value;
      break;
    }
    node = node.parentElement;
  }
  if (!node) background = matchMedia('(prefers-color-scheme: dark)').matches ? [0, 0, 0] : [255, 255, 255];
  const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
    const channel = (value: number) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const [lighter, darker] = [luminance(colour(style.outlineColor)), luminance(background)].sort((a, b) => b - a);
  return { contrast: Math.round(((lighter! + 0.05) / (darker! + 0.05)) * 100) / 100, ring: drawn(style) };
}

describe('the display currency in the popover', () => {
  let browser: Browser;
  let serve: ServeProcess;
  let dataDir: string;
  const pages: PopoverPage[] = [];

  async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<PopoverPage> {
    const popover = await openPopover(browser, serve.url, { colorScheme });
    pages.push(popover);
    return popover;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    dataDir = await freshDataDir('currency');
    // Spend dated today in USD, CNY and a currency the ECB does not quote (XAF).
    for (const [amount, currency] of [['10.705', 'USD'], ['77.748', 'CNY'], ['5000', 'XAF']]) {
      const added = await runCli(['entry', 'add', '--provider', 'custom', '--account', 'Acme', '--kind', 'spend', '--amount', amount!, '--currency', currency!], { dataDir });
      expect(added.code, added.stderr).toBe(0);
    }
    serve = await startServe({ dataDir });
  });

  afterAll(async () => {
    await Promise.allSettled(pages.map((popover) => popover.close()));
    await stopAllServes();
    await browser?.close();
    await removeDataDirs();
  });

  it('shows native totals only until a display currency is picked, then the approximate total in the header', async () => {
    const { page, problems } = await open();
    await expectText(page.getByTestId('total-USD'), '$10.71');
    expect(await page.getByTestId('converted-total').count()).toBe(0);

    await openToolbarView(page, 'Settings');
    await page.getByLabel('Display currency').selectOption('EUR');
    await page.getByRole('button', { name: 'Back' }).click();
    // 10.705 USD ÷ 1.0705 + 77.748 CNY ÷ 7.7748 = 20 EUR with the bundled ECB rates of 2024-06-28.
    await expectText(page.getByTestId('converted-total'), '≈ About €20.00approximate, ECB reference rates bundled with Spendbar of 2024-06-28 · over a week old · leaves out XAF (no rate)');
    // The native figures stay, XAF among them.
    await expectText(page.getByTestId('total-XAF'), /5,000/);
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('keeps the choice across a restart of serve on the same data folder', async () => {
    await serve.stop();
    serve = await startServe({ dataDir });
    const { page, problems } = await open();
    await expectText(page.getByTestId('converted-total'), /≈ About €20\.00/);
    await openToolbarView(page, 'Settings');
    expect(await page.getByLabel('Display currency').inputValue()).toBe('EUR');
    expect(problems).toEqual([]);
  });

  it('lets a rate the user sets win, and goes back to native totals only with None', async () => {
    const { page, problems } = await open();
    await openToolbarView(page, 'Settings');
    await page.getByLabel('1 XAF in EUR').fill('0.0015');
    await page.getByRole('button', { name: 'Save rates' }).click();
    await expectText(page.getByRole('form', { name: 'Your exchange rates' }).getByRole('status'), 'Saved.');
    await page.getByRole('button', { name: 'Back' }).click();
    // 20 EUR + 5000 XAF × 0.0015 = 27.50 EUR, nothing left out.
    await expectText(page.getByTestId('converted-total'), /≈ About €27\.50approximate/);
    expect(await page.getByTestId('converted-total').textContent()).not.toContain('leaves out');
    await openToolbarView(page, 'Settings');
    await page.getByLabel('Display currency').selectOption('');
    await page.getByRole('button', { name: 'Back' }).click();
    await expect.poll(() => page.getByTestId('converted-total').count()).toBe(0);
    await openToolbarView(page, 'Settings');
    await page.getByLabel('Display currency').selectOption('EUR');
    expect(problems).toEqual([]);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`passes axe and shows a visible focus indicator on every focus stop, in ${colorScheme}`, async () => {
      const { page, problems } = await open(colorScheme);
      await expectVisible(page.getByTestId('converted-total'));
      expect(await seriousAccessibilityIssues(page)).toEqual([]);
      const list = await focusStops(page);
      expect(list.length).toBeGreaterThan(3);
      expect(list.filter((stop) => !stop.visible || !stop.ring || stop.contrast < 3)).toEqual([]);

      await openToolbarView(page, 'Settings');
      expect(await seriousAccessibilityIssues(page)).toEqual([]);
      const settings = await focusStops(page, 80);
      expect(settings.length).toBeGreaterThan(10);
      expect(settings.filter((stop) => !stop.visible || !stop.ring || stop.contrast < 3)).toEqual([]);
      expect(problems).toEqual([]);
    });
  }
});

describe.each(['light', 'dark'] as const)('focus indicators on demo data in %s', (colorScheme) => {
  let browser: Browser;
  let demo: ServeProcess;
  let popover: PopoverPage;

  beforeAll(async () => {
    browser = await launchChromium();
    demo = await startServe({ dataDir: await freshDataDir(`focus-${colorScheme}`), args: ['--demo'] });
    // The real popover's size (popover-window.ts), where the list scrolls.
    popover = await openPopover(browser, demo.url, { colorScheme, viewport: { width: 380, height: 560 } });
  });
  afterAll(async () => {
    await popover?.close();
    await demo?.stop();
    await browser?.close();
  });

  it('shows one on every focus stop of the list and of an account', async () => {
    const { page, problems } = popover;
    await expectVisible(page.getByTestId('account-row').first());
    const list = await focusStops(page, 60);
    expect(list.length).toBeGreaterThan(8);
    expect(list.filter((stop) => !stop.visible || !stop.ring || stop.contrast < 3)).toEqual([]);
    await page.getByTestId('account-row').first().locator('.row-open').click();
    await page.keyboard.press('Tab');
    const detail = await focusStops(page, 60);
    expect(detail.length).toBeGreaterThan(2);
    expect(detail.filter((stop) => !stop.visible || !stop.ring || stop.contrast < 3)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
