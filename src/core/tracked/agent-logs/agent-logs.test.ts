/**
 * Claude Code and Codex session folders (tests/fixtures/agent-logs) read through the service, as the app
 * and `spendbar import --from` read them: exact token counts and costs, duplicates, a file that grows, a
 * last line still being written, a file replaced, unknown models, and whose usage it is.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../http/http-client.js';
import { MemorySecretStore } from '../../secrets/secret-store.js';
import { SpendbarService } from '../../host/service.js';

const FIXTURES = join(import.meta.dirname, '../../../../tests/fixtures/agent-logs');
const SESSION = '5c1d7a2e-0b7f-4d0e-9a51-3f1f5b2c9d01';
const CODEX_FILE = '2026/11/05/rollout-2026-11-05T11-41-04-0199aaaa-1c2d-7e3f-8a4b-5c6d7e8f9a01.jsonl';

let home: string;
let dataDir: string;

function service(): SpendbarService {
  return new SpendbarService({
    dataDir,
    env: { HOME: home },
    secrets: new MemorySecretStore(),
    http: createHttpClient({ maxRetries: 0 }),
    now: () => new Date('2026-11-21T10:00:00Z'),
  });
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'spendbar-home-'));
  dataDir = mkdtempSync(join(tmpdir(), 'spendbar-agent-logs-'));
  cpSync(join(FIXTURES, 'claude-code'), join(home, '.claude'), { recursive: true });
  cpSync(join(FIXTURES, 'codex'), join(home, '.codex'), { recursive: true });
});

const byModel = <T extends { model: string }>(items: readonly T[]) => Object.fromEntries(items.map((item) => [item.model, item]));

describe('Claude Code logs', () => {
  it('stores each API call once, with cache reads and writes counted into input, priced exactly', async () => {
    const spendbar = service();
    const report = await spendbar.agentLogs.read('claude-code');
    // A streamed twice (one call within its file), B in the session and again in its subagent file, C
    // unknown, D; the <synthetic> line is no call.
    expect(report).toMatchObject({ files: 2, read: 2, found: 5, added: 4, duplicates: 1, skipped: 0, unpriced: ['claude-imaginary-9'], lastRecordAt: '2026-11-04T08:30:00.000Z' });

    const overview = await spendbar.overview('2026-11');
    const [claude] = overview.apiEquivalent!;
    expect(claude).toMatchObject({ source: 'claude-code', provider: 'anthropic', requests: 4, unpriced: ['claude-imaginary-9'] });
    const models = byModel(claude!.usage);
    // Sonnet 4.5 per million: $3 input, $3.75 5-minute cache write, $6 one-hour write, $0.30 cache read, $15 output.
    // A: 4 + 1000 written + 20000 read in, 350 out (the larger of its two streamed lines):
    //    0.000012 + 0.00375 + 0.006 + 0.00525 = 0.015012
    // B: 10 + 2000 written for an hour + 21000 read in, 500 out: 0.00003 + 0.012 + 0.0063 + 0.0075 = 0.02583
    expect(models['claude-sonnet-4-5-20250929']).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      inputTokens: 21004 + 23010,
      outputTokens: 850,
      cachedInputTokens: 41000,
      cacheWriteTokens: 3000,
      requests: 2,
      source: 'tracked',
      cost: '0.040842',
      origins: ['claude-code'],
    });
    // D: Haiku 4.5 at $1 / $5: 50 in, 20 out = 0.00015
    expect(models['claude-haiku-4-5-20251001']).toMatchObject({ inputTokens: 50, outputTokens: 20, cost: '0.00015' });
    expect(models['claude-imaginary-9']).toMatchObject({ inputTokens: 100, outputTokens: 10, cost: null });
    expect(claude!.cost).toBe('0.040992');
  });

  it('adds nothing when read again, and only what a growing file gained', async () => {
    const spendbar = service();
    await spendbar.agentLogs.read('claude-code');
    expect(await spendbar.agentLogs.read('claude-code')).toMatchObject({ read: 0, found: 0, added: 0 });

    const file = join(home, '.claude', 'projects', '-home-dev-app', `${SESSION}.jsonl`);
    const line = JSON.parse(readFileSync(file, 'utf8').split('\n')[4]!) as { message: { id: string; usage: Record<string, unknown> }; requestId: string; timestamp: string };
    const next = { ...line, requestId: 'req_011EeeeeeeeeeeeeeeeeeeeeE', timestamp: '2026-11-05T12:00:00.000Z', message: { ...line.message, id: 'msg_01EeeeeeeeeeeeeeeeeeeeeeE', usage: { input_tokens: 1000, output_tokens: 1000 } } };
    const text = JSON.stringify(next);
    // Half a line, as Claude Code leaves it mid-write: not read until its newline comes.
    appendFileSync(file, text.slice(0, 40));
    expect(await spendbar.agentLogs.read('claude-code')).toMatchObject({ read: 1, found: 0, added: 0, skipped: 0 });
    appendFileSync(file, `${text.slice(40)}\n`);
    const grown = await spendbar.agentLogs.read('claude-code');
    expect(grown).toMatchObject({ read: 1, found: 1, added: 1, lastRecordAt: '2026-11-05T12:00:00.000Z' });
    // 1000 × $3 + 1000 × $15 per million
    const overview = await spendbar.overview('2026-11');
    expect(byModel(overview.apiEquivalent![0]!.usage)['claude-sonnet-4-5-20250929']!.cost).toBe('0.058842');
  });

  it('leaves a message still being streamed for the next read, so its final output count is the one stored', async () => {
    const spendbar = service();
    await spendbar.agentLogs.read('claude-code');
    const file = join(home, '.claude', 'projects', '-home-dev-app', `${SESSION}.jsonl`);
    const line = (output: number, stop: string | null, at: string) =>
      JSON.stringify({ type: 'assistant', timestamp: at, requestId: 'req_011F', uuid: `u-${output}`, message: { id: 'msg_01F', model: 'claude-haiku-4-5-20251001', stop_reason: stop, usage: { input_tokens: 1000, output_tokens: output } } });
    // The service's clock says 10:00:00; this line was written 10 s before, with no stop reason yet.
    appendFileSync(file, `${line(3, null, '2026-11-21T09:59:50.000Z')}\n`);
    expect(await spendbar.agentLogs.read('claude-code')).toMatchObject({ found: 0, added: 0 });
    // Nothing new in the file, yet the held line is looked at again.
    expect(await spendbar.agentLogs.read('claude-code')).toMatchObject({ read: 1, found: 0 });
    appendFileSync(file, `${line(800, 'end_turn', '2026-11-21T09:59:58.000Z')}\n`);
    expect(await spendbar.agentLogs.read('claude-code')).toMatchObject({ found: 1, added: 1 });
    // Haiku 4.5: 1000 × $1 + 800 × $5 per million
    const haiku = byModel((await spendbar.overview('2026-11')).apiEquivalent![0]!.usage)['claude-haiku-4-5-20251001']!;
    expect(haiku).toMatchObject({ requests: 2, outputTokens: 820, cost: '0.00515' });
  });

  it('reads a replaced file from the start again without counting its calls twice', async () => {
    const spendbar = service();
    await spendbar.agentLogs.read('claude-code');
    const file = join(home, '.claude', 'projects', '-home-dev-app', `${SESSION}.jsonl`);
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, `${lines.slice(0, 3).join('\n')}\n`);
    expect(await spendbar.agentLogs.read('claude-code')).toMatchObject({ read: 1, found: 1, added: 0, duplicates: 1 });
  });

  it('reads every folder CLAUDE_CONFIG_DIR lists', async () => {
    const other = mkdtempSync(join(tmpdir(), 'spendbar-claude-'));
    cpSync(join(FIXTURES, 'claude-code'), other, { recursive: true });
    const spendbar = new SpendbarService({ dataDir, env: { HOME: home, CLAUDE_CONFIG_DIR: `${join(home, '.claude')}, ${other}` }, secrets: new MemorySecretStore(), http: createHttpClient(), now: () => new Date('2026-11-21T10:00:00Z') });
    expect(await spendbar.agentLogs.read('claude-code')).toMatchObject({ files: 4, found: 10, added: 4, duplicates: 6 });
  });
});

describe('Codex logs', () => {
  it('counts each call once (a re-emitted running total is not a call), priced exactly', async () => {
    const spendbar = service();
    const report = await spendbar.agentLogs.read('codex');
    expect(report).toMatchObject({ files: 2, read: 2, found: 3, added: 3, unpriced: ['gpt-imaginary-9'], lastRecordAt: '2026-11-06T09:00:05.000Z' });
    const codex = (await spendbar.overview('2026-11')).apiEquivalent!.find((item) => item.source === 'codex')!;
    const models = byModel(codex.usage);
    // gpt-5-codex is priced as gpt-5: $1.25 input, $0.125 cached input, $10 output per million; input
    // includes cached and output includes reasoning.
    // Call 1: 13646 × 1.25 + 3456 × 0.125 + 281 × 10 = 0.0170575 + 0.000432 + 0.00281 = 0.0202995
    // Call 2: 804 × 1.25 + 17280 × 0.125 + 319 × 10 = 0.001005 + 0.00216 + 0.00319 = 0.006355
    expect(models['gpt-5-codex']).toEqual({ model: 'gpt-5-codex', inputTokens: 35186, outputTokens: 600, cachedInputTokens: 20736, requests: 2, source: 'tracked', cost: '0.0266545', origins: ['codex'] });
    expect(models['gpt-imaginary-9']).toMatchObject({ inputTokens: 1000, outputTokens: 100, cost: null });
    expect(codex.cost).toBe('0.0266545');
    expect(await spendbar.agentLogs.read('codex')).toMatchObject({ read: 0, added: 0 });
  });

  it('keeps the model and running total between reads of a growing session', async () => {
    const spendbar = service();
    await spendbar.agentLogs.read('codex');
    const file = join(home, '.codex', 'sessions', CODEX_FILE);
    const usage = (input: number, cached: number, output: number, reasoning: number) => ({ input_tokens: input, cached_input_tokens: cached, output_tokens: output, reasoning_output_tokens: reasoning, total_tokens: input + output });
    const count = (at: string, total: object, last: object) => JSON.stringify({ timestamp: at, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: total, last_token_usage: last } } });
    // The last count again (rate limits only), then one new call.
    appendFileSync(file, `${count('2026-11-05T11:42:00.000Z', usage(35186, 20736, 600, 251), usage(18084, 17280, 319, 110))}\n${count('2026-11-05T11:43:00.000Z', usage(36186, 20736, 700, 251), usage(1000, 0, 100, 0))}\n`);
    expect(await spendbar.agentLogs.read('codex')).toMatchObject({ read: 1, found: 1, added: 1 });
    const codex = (await spendbar.overview('2026-11')).apiEquivalent!.find((item) => item.source === 'codex')!;
    // + 1000 × 1.25 + 100 × 10 per million = 0.00225
    expect(byModel(codex.usage)['gpt-5-codex']).toMatchObject({ requests: 3, cost: '0.0289045' });
  });
});

describe('Codex forks', () => {
  it('does not count the parent’s calls a forked session copies into its own log', async () => {
    const spendbar = service();
    await spendbar.agentLogs.read('codex');
    const parent = readFileSync(join(home, '.codex', 'sessions', CODEX_FILE), 'utf8').split('\n').filter((line) => line.includes('token_count'));
    const fork = [
      JSON.stringify({ timestamp: '2026-11-07T08:00:00.000Z', type: 'session_meta', payload: { id: '0199cccc-0000-7000-8000-000000000003', forked_from_id: '0199aaaa-1c2d-7e3f-8a4b-5c6d7e8f9a01', timestamp: '2026-11-07T08:00:00.000Z' } }),
      // The copied history, stamped with the fork's time.
      ...parent.map((line) => line.replace(/"timestamp":"[^"]+"/, '"timestamp":"2026-11-07T08:00:00.100Z"')),
      JSON.stringify({ timestamp: '2026-11-07T08:00:01.000Z', type: 'turn_context', payload: { model: 'gpt-5-codex' } }),
      JSON.stringify({
        timestamp: '2026-11-07T08:01:00.000Z',
        type: 'event_msg',
        payload: { type: 'token_count', info: { total_token_usage: { input_tokens: 37186, cached_input_tokens: 20736, output_tokens: 800, reasoning_output_tokens: 251, total_tokens: 37986 }, last_token_usage: { input_tokens: 2000, cached_input_tokens: 0, output_tokens: 200, reasoning_output_tokens: 0, total_tokens: 2200 } } },
      }),
    ];
    writeFileSync(join(home, '.codex', 'sessions', '2026/11/05', 'rollout-2026-11-07T08-00-00-0199cccc-0000-7000-8000-000000000003.jsonl'), `${fork.join('\n')}\n`);
    expect(await spendbar.agentLogs.read('codex')).toMatchObject({ read: 1, found: 3, added: 1, duplicates: 2 });
  });
});

describe('whose usage it is', () => {
  it('is a subscription by default: API-equivalent, never in month-to-date or totals', async () => {
    const spendbar = service();
    await spendbar.agentLogs.read('claude-code');
    const overview = await spendbar.overview('2026-11');
    expect(overview.totals).toEqual([]);
    expect(overview.accounts).toEqual([]);
    expect(spendbar.agentLogs.list().find((source) => source.source === 'claude-code')).toMatchObject({ enabled: true, billing: 'subscription', account: null, files: 2, records: 4 });
  });

  it('on an API account it is that account’s tracked usage, and moving back takes it out again', async () => {
    const spendbar = service();
    await spendbar.agentLogs.read('codex');
    await spendbar.agentLogs.save('codex', { account: 'work' });
    const overview = await spendbar.overview('2026-11');
    expect(overview.apiEquivalent).toBeUndefined();
    const account = overview.accounts.find((item) => item.id === 'openai:work')!;
    expect(account.usage.filter((item) => item.source === 'tracked').map((item) => item.model).sort()).toEqual(['gpt-5-codex', 'gpt-imaginary-9']);
    await spendbar.agentLogs.save('codex', { billing: 'subscription' });
    expect((await spendbar.overview('2026-11')).accounts).toEqual([]);
  });
});
