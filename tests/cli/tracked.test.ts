/** Tracked usage: estimated spend for providers without a billing API, priced from genai-prices. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../helpers/cli.js';

describe('spendbar track and import', () => {
  it('prices tracked Groq usage and labels it estimated', async () => {
    const dataDir = tempDataDir();
    const tracked = await runCli(
      ['track', '--provider', 'groq', '--model', 'llama-3.3-70b-versatile', '--input-tokens', '1200', '--output-tokens', '450', '--json'],
      { dataDir },
    );
    expect(tracked.code).toBe(0);
    // 1,200 x $0.59/M + 450 x $0.79/M from the genai-prices database.
    expect(JSON.parse(tracked.stdout)).toMatchObject({ cost: '0.0010635', confidence: 'estimated', priced: true });
    const status = JSON.parse((await runCli(['status', '--json'], { dataDir })).stdout);
    expect(status.accounts[0]).toMatchObject({ provider: 'groq', monthToDate: { amount: '0.0010635', currency: 'USD', confidence: 'estimated' } });
    expect(status.accounts[0].usage).toEqual([expect.objectContaining({ model: 'llama-3.3-70b-versatile', inputTokens: 1200, outputTokens: 450, source: 'tracked' })]);
  });

  it('shows a model with no known price as unpriced, never as $0', async () => {
    const dataDir = tempDataDir();
    const tracked = await runCli(['track', '--provider', 'perplexity', '--model', 'made-up-model-9', '--input-tokens', '10', '--output-tokens', '10'], { dataDir });
    expect(tracked.stdout).toMatch(/unpriced/);
    const account = JSON.parse((await runCli(['status', '--json'], { dataDir })).stdout).accounts[0];
    expect(account.monthToDate).toBeNull();
    expect(account.usage[0]).toMatchObject({ model: 'made-up-model-9', cost: null });
    expect(account.notes.join(' ')).toMatch(/Unpriced: made-up-model-9/);
  });

  it('imports good lines, reports bad ones by line number, and adds a manual entry on top', async () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, 'usage.jsonl');
    const now = new Date().toISOString();
    writeFileSync(
      file,
      [
        JSON.stringify({ provider: 'groq', model: 'llama-3.3-70b-versatile', input_tokens: 1_000_000, output_tokens: 0, timestamp: now, extra: 'ignored' }),
        'not json',
        JSON.stringify({ provider: 'groq', model: 'llama-3.3-70b-versatile', input_tokens: -5, output_tokens: 1 }),
        '',
        JSON.stringify({ provider: 'nope', model: 'x', input_tokens: 1, output_tokens: 1 }),
        JSON.stringify({ provider: 'groq', model: 'llama-3.3-70b-versatile', input_tokens: '0', output_tokens: 1_000_000, timestamp: now }),
        JSON.stringify({ provider: 'groq', model: 'llama-3.3-70b-versatile', input_tokens: 1, output_tokens: 1, timestamp: 'yesterday' }),
      ].join('\n'),
    );
    const result = await runCli(['import', file], { dataDir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Imported 2 usage records; skipped 4 bad lines/);
    expect(result.stderr).toMatch(/usage\.jsonl:2: not valid JSON/);
    expect(result.stderr).toMatch(/usage\.jsonl:3: input_tokens/);
    expect(result.stderr).toMatch(/usage\.jsonl:5: Unknown provider "nope"/);
    expect(result.stderr).toMatch(/usage\.jsonl:7: timestamp/);
    await runCli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '2'], { dataDir });
    const status = JSON.parse((await runCli(['status', '--json'], { dataDir })).stdout);
    // $0.59 + $0.79 estimated, plus $2 typed in.
    expect(status.accounts[0].monthToDate).toEqual({ amount: '3.38', currency: 'USD', confidence: 'estimated' });
    expect(status.totals[0].byConfidence).toEqual({ official: '0.00', estimated: '1.38', manual: '2.00' });
  });

  it('refuses negative or non-numeric token counts and stores nothing', async () => {
    const dataDir = tempDataDir();
    const result = await runCli(['track', '--provider', 'groq', '--model', 'm', '--input-tokens', 'lots', '--output-tokens', '1'], { dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/input_tokens/);
    expect(JSON.parse((await runCli(['status', '--json'], { dataDir })).stdout).accounts).toEqual([]);
  });
});
