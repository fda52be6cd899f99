/** `spendbar import --from claude-code|codex`: the agents' logs read in place, incrementally, through the real CLI. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempDataDir } from '../helpers/cli.js';

const FIXTURES = join(repoRoot, 'tests/fixtures/agent-logs');

describe('spendbar import --from', () => {
  it('reads Claude Code logs once: a second run adds nothing', async () => {
    const dataDir = tempDataDir();
    const path = join(FIXTURES, 'claude-code/projects');
    const first = await runCli(['import', '--from', 'claude-code', '--path', path, '--json'], { dataDir });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      source: 'claude-code',
      files: 2,
      read: 2,
      found: 5,
      added: 4,
      duplicates: 1,
      unpriced: ['claude-imaginary-9'],
      skipped: 0,
      errors: [],
      lastRecordAt: '2026-11-04T08:30:00.000Z',
      belongsTo: { billing: 'subscription', provider: 'anthropic', account: null },
    });
    const second = await runCli(['import', '--from', 'claude-code', '--path', path, '--json'], { dataDir });
    expect(JSON.parse(second.stdout)).toMatchObject({ files: 2, read: 0, added: 0, duplicates: 0 });
    const status = JSON.parse((await runCli(['status', '--json', '--month', '2026-11'], { dataDir })).stdout) as { totals: unknown[]; apiEquivalent: { source: string; cost: string }[] };
    expect(status.totals).toEqual([]);
    expect(status.apiEquivalent).toEqual([expect.objectContaining({ source: 'claude-code', cost: '0.040992', requests: 4 })]);
  });

  it('reads the standard folder (CODEX_HOME) and puts the usage on the API account named, which is remembered', async () => {
    const dataDir = tempDataDir();
    const codexHome = mkdtempSync(join(tmpdir(), 'spendbar-codex-'));
    cpSync(join(FIXTURES, 'codex'), codexHome, { recursive: true });
    const run = await runCli(['import', '--from', 'codex', '--account', 'work'], { dataDir, env: { CODEX_HOME: codexHome } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Codex: 2 log files, 2 with something new; added 3 calls, 0 already stored; unpriced (no known price): gpt-imaginary-9.');
    expect(run.stdout).toContain('Usage belongs to tracked spend of openai:work.');
    const status = JSON.parse((await runCli(['status', '--json', '--month', '2026-11'], { dataDir })).stdout) as { accounts: { id: string; monthToDate: { amount: string } | null }[] };
    // openai reports its own spend: tracked usage is compared with it, never added in.
    expect(status.accounts.map((account) => account.id)).toEqual(['openai:work']);
    const again = await runCli(['import', '--from', 'codex', '--json'], { dataDir, env: { CODEX_HOME: codexHome } });
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, belongsTo: { billing: 'api', provider: 'openai', account: 'work' } });
  });

  it('refuses an unknown agent, a file argument with --from, both --account and --subscription, and a --path that is not there', async () => {
    const dataDir = tempDataDir();
    expect((await runCli(['import', '--from', 'cursor'], { dataDir })).code).toBe(2);
    expect((await runCli(['import', 'usage.jsonl', '--from', 'codex'], { dataDir })).code).toBe(2);
    expect((await runCli(['import', '--from', 'codex', '--account', 'a', '--subscription'], { dataDir })).code).toBe(2);
    expect((await runCli(['import', 'usage.jsonl', '--account', 'a'], { dataDir })).code).toBe(2);
    const bad = await runCli(['import', '--from', 'codex', '--account', '../etc', '--path', dataDir], { dataDir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('is not a usable account name');
    const typo = await runCli(['import', '--from', 'claude-code', '--path', join(dataDir, 'no-such-folder')], { dataDir });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('No such folder or file');
  });
});
