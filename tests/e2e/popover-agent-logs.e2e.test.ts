/**
 * Coding agents' logs in the popover against the real `spendbar serve`: Claude Code's logs in the
 * serve's home folder are read at start and listed apart as API-equivalent (never spend), and Settings
 * → Coding agents shows what was found, switches the usage to an API account and turns reading off.
 */
import { appendFile, cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchChromium, openPopover, type PopoverPage } from './helpers/browser.js';
import { expectVisible, openToolbarView, seriousAccessibilityIssues, unexpectedProblems } from './helpers/popover.js';
import { repoRoot, startServe, stopAllServes, type ServeProcess } from './helpers/serve.js';
import { freshDataDir, removeDataDirs } from './helpers/temp-dirs.js';

describe('coding agents in the popover', () => {
  let browser: Browser;
  let serve: ServeProcess;
  const pages: PopoverPage[] = [];

  beforeAll(async () => {
    const home = await freshDataDir('agent-home');
    await cp(join(repoRoot, 'tests/fixtures/agent-logs/claude-code'), join(home, '.claude'), { recursive: true });
    // One call this month, so the list shows it (the samples are from November 2026).
    const at = new Date(Date.now() - 10 * 60_000).toISOString();
    const call = { type: 'assistant', timestamp: at, requestId: 'req_e2e', uuid: 'e2e-1', message: { id: 'msg_e2e', model: 'claude-sonnet-4-5-20250929', stop_reason: 'end_turn', usage: { input_tokens: 1000, output_tokens: 1000 } } };
    await mkdir(join(home, '.claude/projects/-home-dev-e2e'), { recursive: true });
    await appendFile(join(home, '.claude/projects/-home-dev-e2e/e2e.jsonl'), `${JSON.stringify(call)}\n`);
    browser = await launchChromium();
    serve = await startServe({ dataDir: await freshDataDir('agent-logs'), env: { HOME: home } });
  });

  afterAll(async () => {
    await Promise.allSettled(pages.map((popover) => popover.close()));
    await stopAllServes();
    await browser?.close();
    await removeDataDirs();
  });

  it('lists subscription usage apart, and settings show what was read and change whose usage it is', async () => {
    const popover = await openPopover(browser, serve.url);
    pages.push(popover);
    const { page, problems } = popover;
    // 1000 × $3 + 1000 × $15 per million = $0.018 at API prices, shown to the cent in the list.
    await expectText(page.getByTestId('api-equivalent').locator('li'), /^Claude Code: 1 call, \$0\.02 at API prices \(API-equivalent, not spend\)$/);
    await expectVisible(page.getByTestId('onboarding'));

    await openToolbarView(page, 'Settings');
    const claude = page.getByTestId('tracked-source-claude-code');
    await expectText(claude.locator('.field-hint').first(), /^3 log files, 5 calls recorded, the last \d+ min ago; read (just now|\d+ min ago)\.$/);
    expect(await claude.getByRole('checkbox', { name: 'Read Claude Code logs' }).isChecked()).toBe(true);
    expect(await seriousAccessibilityIssues(page)).toEqual([]);

    // The choices are saved as they are clicked, and show once the engine has answered.
    await claude.getByRole('radio', { name: /An Anthropic API account/ }).click();
    await expectVisible(claude.getByLabel('Anthropic account name'));
    await claude.getByLabel('Anthropic account name').fill('work');
    await claude.getByRole('button', { name: 'Save' }).click();
    await expectText(claude.getByRole('status'), 'Saved.');
    const { sources } = (await (await fetch(`${serve.origin}/api/getTrackedSources`, { method: 'POST', headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' }, body: '{}' })).json()) as { sources: { source: string; billing: string; account: string | null }[] };
    expect(sources.find((source) => source.source === 'claude-code')).toMatchObject({ billing: 'api', account: 'work' });

    await claude.getByRole('checkbox', { name: 'Read Claude Code logs' }).click();
    await expectText(page.getByTestId('tracked-source-claude-code').getByRole('status'), 'Saved.');
    await expect.poll(() => page.getByTestId('tracked-source-claude-code').getByRole('checkbox', { name: 'Read Claude Code logs' }).isChecked()).toBe(false);
    expect(unexpectedProblems(problems)).toEqual([]);
  });
});
