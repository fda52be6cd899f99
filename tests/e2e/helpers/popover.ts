/** Finding things in the popover the way a user would, and the accessibility audit every view must pass. */
import AxeModule, { type AxeBuilder as AxeBuilderClass } from '@axe-core/playwright';

// 4.13 (the newest release for Node 20) ships CommonJS-style typings; at run time the ESM default is the class.
const AxeBuilder = AxeModule as unknown as typeof AxeBuilderClass;
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot } from './serve.js';

export const screenshotsDir = join(repoRoot, 'docs', 'screenshots');

export const row = (page: Page, providerName: string): Locator =>
  page.getByTestId('account-row').filter({ has: page.locator('.provider-name', { hasText: providerName }) });

export const figure = (page: Page, providerName: string, which: 'month-to-date' | 'balance' | 'runway'): Locator =>
  row(page, providerName).getByTestId(which);

export const usdTotal = (page: Page): Locator => page.getByTestId('total-USD');

/** Serious and critical axe findings, one line each, so a failure names the rule and the element. */
export async function seriousAccessibilityIssues(page: Page): Promise<string[]> {
  const audit = await new AxeBuilder({ page }).analyze();
  return audit.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Waits (bounded) until the locator is visible. */
export async function expectVisible(locator: Locator, timeoutMs = 15_000): Promise<void> {
  await expect.poll(() => locator.isVisible(), { timeout: timeoutMs, interval: 200 }).toBe(true);
}

/** Opens one of the toolbar's views with the keyboard-reachable button, as a user would. */
export async function openToolbarView(page: Page, name: 'Add entry' | 'Settings'): Promise<void> {
  await page.getByRole('button', { name, exact: true }).first().click();
  await expectVisible(page.getByTestId(name === 'Settings' ? 'settings' : 'manual'));
}

/** The browser's console flags refused requests (400/503); the tests expect those, nothing else. */
export function unexpectedProblems(problems: readonly string[], ...expectedStatuses: number[]): string[] {
  return problems.filter((problem) => !expectedStatuses.some((status) => problem.includes(`status of ${status}`)));
}
