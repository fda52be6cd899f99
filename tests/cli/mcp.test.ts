/**
 * `spendbar mcp` run as a child process and driven by the MCP SDK's own client over stdio: every figure
 * it answers with must be the one `spendbar status --json` and `spendbar export` give for the same data.
 */
import { spawn } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { accountView, alertsView, balancesView, spendView } from '../../src/cli/mcp-views.js';
import { SpendbarService } from '../../src/core/host/service.js';
import type { LedgerEntryDto, Overview } from '../../src/shared/api.js';
import { startOpenAiFake } from '../fakes/openai-fake.js';
import { startOpenRouterFake, type OpenRouterFake } from '../fakes/openrouter-fake.js';
import { cleanEnv, repoRoot, runCli, tempDataDir } from '../helpers/cli.js';

type Spend = ReturnType<typeof spendView>;
type Balances = ReturnType<typeof balancesView>;
type Detail = ReturnType<typeof accountView>;
type Alerts = ReturnType<typeof alertsView>;

const SECRET = 'sk-or-v1-mcp-test-secret-7f3a9c21';
const OPENAI_KEY = 'sk-admin-test-0000';
let fake: OpenRouterFake;
const env = () => ({ OPENROUTER_API_KEY: SECRET, SPENDBAR_OPENROUTER_BASE_URL: fake.url });
/** Every tool result of this file, for the secrets scan at the end. */
const results: string[] = [];

async function connect(dataDir: string, args: string[] = []) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(repoRoot, 'bin', 'spendbar.js'), 'mcp', ...args],
    env: cleanEnv({ SPENDBAR_DATA_DIR: dataDir, ...env() }) as Record<string, string>,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'spendbar-test', version: '1.0.0' });
  await client.connect(transport);
  const call = async <T = Record<string, never>>(name: string, args: Record<string, unknown> = {}) => {
    const result = await client.callTool({ name, arguments: args });
    results.push(JSON.stringify(result));
    return result as { isError?: boolean; structuredContent: T; content: Array<{ type: string; text: string }> };
  };
  return { client, call, close: () => client.close() };
}

const cli = async (args: string[], dataDir: string) => {
  const result = await runCli(args, { env: env(), dataDir });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
};

let dataDir: string;
let status: Overview;
let exported: { entries: LedgerEntryDto[] };

beforeAll(async () => {
  fake = await startOpenRouterFake();
  dataDir = tempDataDir();
  await cli(['poll', '--json'], dataDir);
  await cli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '3.20', '--note', 'console'], dataDir);
  await cli(['entry', 'add', '--provider', 'openrouter', '--account', 'env', '--kind', 'topup', '--amount', '20'], dataDir);
  const service = new SpendbarService({ dataDir, secrets: undefined as never, http: undefined as never, env: {} });
  await service.setPreferences({ monthlyBudget: { USD: '40' } });
  status = JSON.parse(await cli(['status', '--json'], dataDir));
  exported = JSON.parse(await cli(['export', '--format', 'json'], dataDir));
}, 30_000);

afterAll(async () => {
  await fake.close();
});

describe('spendbar mcp (read-only)', () => {
  it('lists the four read tools, not record_entry, and answers with the figures status --json gives', async () => {
    const requestsBefore = fake.requests.length;
    const { client, call, close } = await connect(dataDir);
    try {
      const tools = (await client.listTools()).tools.map((tool) => tool.name).sort();
      expect(tools).toEqual(['get_account', 'get_alerts', 'get_balances', 'get_spend']);

      const spend = await call<Spend>('get_spend', { group_by: 'account' });
      expect(spend.isError).toBeFalsy();
      expect(spend.structuredContent.month).toBe(status.month);
      expect(spend.structuredContent.totals.map((t) => [t.currency, t.monthToDate, t.byConfidence])).toEqual(status.totals.map((t) => [t.currency, t.monthToDate, t.byConfidence]));
      for (const account of status.accounts.filter((a) => a.monthToDate)) {
        const group = spend.structuredContent.groups.find((g) => g.key === account.id)!;
        expect(group.figures).toEqual([expect.objectContaining({ ...account.monthToDate, updatedAt: account.updatedAt, status: account.status })]);
      }
      expect(spend.content[0]!.text).toContain(status.totals[0]!.monthToDate);

      const byProvider = await call<Spend>('get_spend', {});
      expect(byProvider.structuredContent.groupBy).toBe('provider');
      expect(byProvider.structuredContent.groups.find((g) => g.key === 'openrouter')!.figures[0]).toMatchObject({ amount: '12.50', currency: 'USD', confidence: 'official', stale: false });

      const balances = await call<Balances>('get_balances');
      const openrouter = status.accounts.find((a) => a.id === 'openrouter:env')!;
      expect(balances.structuredContent.accounts.find((a) => a.accountId === 'openrouter:env')).toMatchObject({
        balance: openrouter.balance,
        balances: openrouter.balances,
        runway: openrouter.runway,
        updatedAt: openrouter.updatedAt,
      });

      const detail = await call<Detail>('get_account', { account_id: 'groq:default' });
      const groq = status.accounts.find((a) => a.id === 'groq:default')!;
      expect(detail.structuredContent.account).toMatchObject({ monthToDate: groq.monthToDate, status: groq.status, notes: groq.notes, error: groq.error });
      expect(detail.structuredContent.account.entries).toEqual(exported.entries.filter((e) => e.provider === 'groq'));
      expect(detail.structuredContent.account.dailySpend.map(({ date, amount, currency }) => ({ date, amount, currency }))).toEqual(groq.dailySpend);

      const alerts = await call<Alerts>('get_alerts');
      const total = status.totals[0]!;
      expect(alerts.structuredContent.budgets).toEqual([{ currency: 'USD', budget: '40.00', monthToDate: total.monthToDate, monthEnd: total.monthEnd ?? null }]);
      expect(alerts.structuredContent.alerts).toEqual(status.alerts.map((a) => ({ ...a, snoozedUntil: a.snoozedUntil ?? null })));
      expect(fake.requests.length).toBe(requestsBefore);
    } finally {
      await close();
    }
  });

  it('answers bad arguments with an error that says what is wrong, and keeps serving', async () => {
    const { call, close } = await connect(dataDir);
    try {
      const week = await call<Spend>('get_spend', { group_by: 'week' });
      expect(week.isError).toBe(true);
      expect(week.content[0]!.text).toMatch(/group_by/);
      const month = await call<Spend>('get_spend', { month: '2026-13' });
      expect(month.isError).toBe(true);
      expect(month.content[0]!.text).toMatch(/YYYY-MM/);
      const unknown = await call<Detail>('get_account', { account_id: 'nope:none' });
      expect(unknown.isError).toBe(true);
      expect(unknown.content[0]!.text).toMatch(/No account "nope:none".*openrouter:env/);
      expect((await call<Balances>('get_balances')).isError).toBeFalsy();
    } finally {
      await close();
    }
  });

  it('answers from an empty data folder with no figures, and passes on a corrupt file warning', async () => {
    const empty = await connect(tempDataDir());
    try {
      const spend = await empty.call<Spend>('get_spend', {});
      expect(spend.structuredContent).toMatchObject({ totals: [], groups: [] });
      expect((await empty.call<Balances>('get_balances')).structuredContent.accounts).toEqual([]);
    } finally {
      await empty.close();
    }
    const broken = tempDataDir();
    mkdirSync(join(broken, 'ledger'), { recursive: true });
    writeFileSync(join(broken, 'ledger', 'entries.json'), '{"version": 1, "entries": [garbage');
    const corrupt = await connect(broken);
    try {
      const alerts = await corrupt.call<Alerts>('get_alerts');
      expect(alerts.structuredContent.warnings.join('\n')).toMatch(/entries\.json could not be read/);
      expect(alerts.content[0]!.text).toMatch(/entries\.json could not be read/);
    } finally {
      await corrupt.close();
    }
  });
});

describe('spendbar mcp resources', () => {
  it("serves the month's overview and each account as JSON, the same as status --json", async () => {
    const { client, close } = await connect(dataDir);
    try {
      const read = async (uri: string) => {
        const result = await client.readResource({ uri });
        results.push(JSON.stringify(result));
        return JSON.parse((result.contents[0] as { text: string }).text);
      };
      const overview = (await read('spendbar://overview')) as Overview;
      expect({ ...overview, generatedAt: '' }).toEqual({ ...status, generatedAt: '' });
      const listed = (await client.listResources()).resources.map((r) => r.uri);
      expect(listed).toEqual(expect.arrayContaining(['spendbar://overview', ...status.accounts.map((a) => `spendbar://account/${encodeURIComponent(a.id)}`)]));
      const groq = (await read(`spendbar://account/${encodeURIComponent('groq:default')}`)) as Detail;
      expect(groq.account).toMatchObject({ accountId: 'groq:default', entries: exported.entries.filter((e) => e.provider === 'groq') });
      expect(((await read(`spendbar://overview/${status.month}`)) as Overview).totals).toEqual(status.totals);
      await expect(client.readResource({ uri: 'spendbar://overview/2026-13' })).rejects.toThrow(/not a month/);
    } finally {
      await close();
    }
  });
});

describe('spendbar mcp grouped by day, model and line item', () => {
  it('lists the daily series, breakdown and tracked usage status --json holds, each under its key', async () => {
    const openai = await startOpenAiFake();
    const folder = tempDataDir();
    try {
      const openaiEnv = { OPENAI_ADMIN_KEY: OPENAI_KEY, SPENDBAR_OPENAI_BASE_URL: openai.url };
      expect((await runCli(['poll', '--month', '2026-11', '--provider', 'openai'], { env: openaiEnv, dataDir: folder })).code).toBe(0);
      await cli(['track', '--provider', 'groq', '--model', 'llama-3.3-70b-versatile', '--input-tokens', '1200000', '--output-tokens', '450000'], folder);
      const november = JSON.parse((await runCli(['status', '--json', '--month', '2026-11'], { env: openaiEnv, dataDir: folder })).stdout) as Overview;
      const current = JSON.parse((await runCli(['status', '--json'], { env: openaiEnv, dataDir: folder })).stdout) as Overview;
      const account = november.accounts.find((a) => a.id === 'openai:env')!;
      expect(account.dailySpend.length).toBeGreaterThan(0);
      expect(account.breakdown.length).toBeGreaterThan(0);

      const transport = new StdioClientTransport({ command: process.execPath, args: [join(repoRoot, 'bin', 'spendbar.js'), 'mcp'], env: cleanEnv({ SPENDBAR_DATA_DIR: folder, ...openaiEnv }) as Record<string, string>, stderr: 'pipe' });
      const client = new Client({ name: 'spendbar-test', version: '1.0.0' });
      await client.connect(transport);
      try {
        const grouped = async (group_by: string, month?: string) => {
          const result = await client.callTool({ name: 'get_spend', arguments: { group_by, ...(month ? { month } : {}) } });
          results.push(JSON.stringify(result));
          return (result.structuredContent as Spend).groups.map((g) => [g.key, g.figures.map((f) => [f.accountId, f.amount, f.currency, f.confidence])]);
        };
        expect(await grouped('day', '2026-11')).toEqual(account.dailySpend.map((d) => [d.date, [['openai:env', d.amount, d.currency, 'official']]]));
        const items = (dimension: (d: string) => boolean) =>
          account.breakdown.filter((b) => dimension(b.dimension)).map((b) => [b.label, [['openai:env', b.amount, b.currency, 'official']]]).sort(([a], [b]) => String(a).localeCompare(String(b)));
        expect(await grouped('model', '2026-11')).toEqual(items((d) => d === 'model'));
        expect(await grouped('line_item', '2026-11')).toEqual(items((d) => d !== 'model'));
        const tracked = current.accounts.find((a) => a.id === 'groq:default')!.usage[0]!;
        expect(await grouped('model')).toEqual([[tracked.model, [['groq:default', tracked.cost, 'USD', 'estimated']]]]);
      } finally {
        await client.close();
      }
    } finally {
      await openai.close();
    }
  });
});

describe('spendbar mcp and stale figures', () => {
  it('says a figure is stale and why when the last poll failed', async () => {
    const folder = tempDataDir();
    await cli(['poll', '--json'], folder);
    fake.set({ down: true });
    try {
      await cli(['poll', '--json'], folder);
    } finally {
      fake.set({ down: false });
    }
    const { call, close } = await connect(folder);
    try {
      const spend = await call<Spend>('get_spend', { group_by: 'account' });
      expect(spend.structuredContent.groups[0]!.figures[0]).toMatchObject({ accountId: 'openrouter:env', amount: '12.50', status: 'stale', stale: true });
      expect(spend.content[0]!.text).toMatch(/stale/);
      const alerts = await call<Alerts>('get_alerts');
      expect(alerts.structuredContent.accountErrors).toEqual([expect.objectContaining({ accountId: 'openrouter:env', kind: 'provider-unavailable', stale: true })]);
    } finally {
      await close();
    }
  });
});

describe('spendbar mcp and its client', () => {
  it('rejects unknown arguments and ends quietly, exit code 0, when the client goes away mid-answer', async () => {
    const { call, close } = await connect(dataDir);
    try {
      const typo = await call('get_spend', { group: 'day' });
      expect(typo.isError).toBe(true);
      expect(typo.content[0]!.text).toMatch(/group/);
    } finally {
      await close();
    }
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'spendbar.js'), 'mcp'], { env: cleanEnv({ SPENDBAR_DATA_DIR: dataDir }), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.destroy();
    const request = (id: number, method: string, params: object) => `${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`;
    child.stdin.write(request(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'gone', version: '1' } }));
    child.stdin.end(request(2, 'tools/list', {}));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });
});

describe('spendbar mcp --allow-writes', () => {
  it('records an entry validated like entry add, and refuses a bad one with the same message', async () => {
    const folder = tempDataDir();
    const { client, call, close } = await connect(folder, ['--allow-writes']);
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('record_entry');
      const recorded = await call<{ entry: LedgerEntryDto }>('record_entry', { provider: 'groq', kind: 'topup', amount: '50', note: 'topped up' });
      expect(recorded.isError).toBeFalsy();
      const list = JSON.parse(await cli(['entry', 'list', '--json'], folder)).entries;
      expect(list).toEqual([recorded.structuredContent.entry]);
      expect(list[0]).toMatchObject({ provider: 'groq', kind: 'topup', amount: '50.00', currency: 'USD' });

      const bad = await call<{ entry: LedgerEntryDto }>('record_entry', { provider: 'groq', kind: 'spend', amount: '12.5.0' });
      expect(bad.isError).toBe(true);
      const cliBad = await runCli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '12.5.0'], { dataDir: folder });
      expect(cliBad.code).not.toBe(0);
      expect(cliBad.stderr).toContain(bad.content[0]!.text);
      expect(JSON.parse(await cli(['entry', 'list', '--json'], folder)).entries).toHaveLength(1);
    } finally {
      await close();
    }
  });
});

describe('secrets', () => {
  it('no tool result holds a key, whole or any 8-character part of it', () => {
    expect(results.length).toBeGreaterThan(10);
    const all = results.join('\n');
    for (const key of [SECRET, OPENAI_KEY]) {
      for (let start = 0; start + 8 <= key.length; start += 1) expect(all).not.toContain(key.slice(start, start + 8));
    }
  });
});
