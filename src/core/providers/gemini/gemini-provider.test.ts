import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { googleError, TEST_ACCESS_TOKEN, writeTestKeyFile } from '../../../../tests/fakes/gcp-fake.js';
import {
  FREE_INPUT_METRIC,
  geminiFake,
  geminiHealthy,
  metricOf,
  OUTPUT_METRIC,
  PAID_INPUT_METRIC,
  PAID_TIER_3_METRIC,
  pollGemini,
  TEST_PROJECT,
} from '../../../../tests/fakes/gemini-fake.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import { formatAmount, type Money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import permissionDenied from './__fixtures__/monitoring-error-permission-denied.json' with { type: 'json' };
import notFound from './__fixtures__/monitoring-error-not-found.json' with { type: 'json' };
import { TOKEN_METRICS } from './gemini-monitoring.js';
import { createGeminiProvider, geminiProvider } from './gemini-provider.js';

const amount = (value: Money | undefined) => (value ? `${formatAmount(value.amount)} ${value.currency}` : undefined);
const breakdownOf = (snapshot: Snapshot | undefined) => snapshot?.breakdown?.map((item) => [item.label, formatAmount(item.money.amount)]);
const contractKeyFile = join(mkdtempSync(join(tmpdir(), 'spendbar-gemini-contract-')), 'key.json');

/** One day's aggregated series in the published shape (newest point first, as the API sends them). */
function series(model: string, points: [day: number, tokens: number][], limitName?: string) {
  const labels = limitName ? { model, limit_name: limitName } : { model };
  const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T00:00:00Z`;
  return {
    metric: { labels },
    metricKind: 'DELTA',
    valueType: 'INT64',
    points: points.map(([day, tokens]) => ({ interval: { startTime: at(day), endTime: at(day + 1) }, value: { int64Value: String(tokens) } })),
  };
}
const answer = (...timeSeries: unknown[]) => ({ json: { timeSeries, unit: '1' } });

describeProviderContract({
  provider: createGeminiProvider({ tokenTimeoutMs: 400 }),
  credentials: { keyFile: contractKeyFile },
  settings: { project: TEST_PROJECT },
  baseUrl: (origin) => {
    writeTestKeyFile(`${origin}/token`, contractKeyFile);
    return origin;
  },
  healthy: geminiHealthy(),
  expectSnapshot(snapshot) {
    // gemini-2.5-flash at 0.30 USD (input) and 2.50 USD (output) per million: day 1 2,345,678 in and
    // 412,345 out; day 2 1,250,003 in and 150,321 out. gemini-2.0-flash ran on the free tier only.
    expect(amount(snapshot.monthToDate?.money)).toBe('2.4853693 USD');
    expect(snapshot.monthToDate?.confidence).toBe('estimated');
    expect(snapshot.dailySpend?.map((day) => [day.date, amount(day.money)])).toEqual([
      ['2026-11-01', '1.7345659 USD'],
      ['2026-11-02', '0.7508034 USD'],
    ]);
    expect(breakdownOf(snapshot)).toEqual([['gemini-2.5-flash', '2.4853693']]);
    expect(snapshot.usage).toEqual([
      { model: 'gemini-2.0-flash', inputTokens: 80_011, outputTokens: 30_017 },
      { model: 'gemini-2.5-flash', inputTokens: 3_595_681, outputTokens: 562_666 },
    ]);
    expect(snapshot.notes).toContain('Free tier (not billed): gemini-2.0-flash 80,011 input and 30,017 output tokens.');
    expect(snapshot.balance).toBeUndefined();
  },
});

describe('gemini provider', () => {
  it('is configured through a key file and a project, never implicitly; prices with Google’s list', () => {
    expect(geminiProvider.implicitFromEnv).toBe(false);
    expect(geminiProvider.priceListId).toBe('google');
    expect(geminiProvider.defaultBaseUrl).toBe('https://monitoring.googleapis.com');
    expect(geminiProvider.settings?.map((setting) => setting.name)).toEqual(['project']);
  });

  it('asks Cloud Monitoring for each token metric over the month so far, aligned per day and grouped by model', async () => {
    const { requests } = await pollGemini(geminiHealthy());
    const grant = new URLSearchParams(requests[0]!.body);
    const claims = JSON.parse(Buffer.from(grant.get('assertion')!.split('.')[1]!, 'base64url').toString()) as { scope: string };
    expect(claims.scope).toBe('https://www.googleapis.com/auth/monitoring.read');
    const reads = requests.slice(1);
    expect(reads.map((request) => `${request.method} ${request.path}`)).toEqual(Array(6).fill(`GET /v3/projects/${TEST_PROJECT}/timeSeries`));
    expect(reads.map(metricOf)).toEqual([OUTPUT_METRIC, OUTPUT_METRIC, ...TOKEN_METRICS.slice(1).map((metric) => metric.type)]);
    expect(reads[1]!.query.get('pageToken')).toBe('CiAKGgoYZ2VtaW5pLTIuNS1mbGFzaBICCAE');
    for (const request of reads) {
      expect(request.headers.authorization).toBe(`Bearer ${TEST_ACCESS_TOKEN}`);
      expect(request.query.get('interval.startTime')).toBe('2026-11-01T00:00:00.000Z');
      // Up to the midnight after now, so that the daily periods end on midnights.
      expect(request.query.get('interval.endTime')).toBe('2026-11-22T00:00:00.000Z');
      expect(request.query.get('aggregation.alignmentPeriod')).toBe('86400s');
      expect(request.query.get('aggregation.perSeriesAligner')).toBe('ALIGN_SUM');
      expect(request.query.get('aggregation.crossSeriesReducer')).toBe('REDUCE_SUM');
      expect(request.query.getAll('aggregation.groupByFields')).toEqual(['metric.label.model', 'metric.label.limit_name']);
    }
  });

  it('shows zero usage, not an error, for a project that never used the API', async () => {
    const { snapshot, error } = await pollGemini(geminiFake({}));
    expect(error).toBeUndefined();
    expect(amount(snapshot?.monthToDate?.money)).toBe('0.00 USD');
    expect(snapshot?.usage).toEqual([]);
    expect(snapshot?.notes).toEqual([`Cloud Monitoring shows no Gemini API token usage in project ${TEST_PROJECT} in 2026-11.`]);
  });

  it('names the role to grant when the key may not read Monitoring (403)', async () => {
    const { error } = await pollGemini(geminiFake({ metrics: { [OUTPUT_METRIC]: { status: 403, json: permissionDenied } } }));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('permission');
    expect((error as ProviderError).message).toContain('spendbar-reader@my-billing-project.iam.gserviceaccount.com');
    expect((error as ProviderError).message).toContain('Monitoring Viewer (roles/monitoring.viewer)');
  });

  it('says to enable the Monitoring API rather than grant a role when Google says it is off', async () => {
    const disabled = googleError(403, 'accessNotConfigured', 'Cloud Monitoring API has not been used in project 123456789012 before or it is disabled.');
    const { error } = await pollGemini(geminiFake({ metrics: { [OUTPUT_METRIC]: disabled } }));
    expect((error as ProviderError).kind).toBe('permission');
    expect((error as ProviderError).message).toContain('Enable monitoring.googleapis.com');
    expect((error as ProviderError).message).not.toContain('roles/monitoring.viewer');
  });

  it('reports a wrong project (404) as a configuration problem naming the project', async () => {
    const { error } = await pollGemini(geminiFake({ metrics: { [OUTPUT_METRIC]: { status: 404, json: notFound } } }), { settings: { project: 'wrong-project-1' } });
    expect((error as ProviderError).kind).toBe('config');
    expect((error as ProviderError).message).toContain('no project wrong-project-1');
  });

  it('refuses a missing or malformed project before asking anyone', async () => {
    for (const project of ['', 'Bad Project!']) {
      const { error, requests } = await pollGemini(geminiHealthy(), { settings: { project } });
      expect((error as ProviderError).kind).toBe('config');
      expect((error as ProviderError).message).toContain('spendbar accounts add gemini --set project=PROJECT_ID');
      expect(requests).toHaveLength(0);
    }
  });

  it('counts what it can when a tier’s metric is unknown to the project, and says so', async () => {
    const fake = geminiFake({ metrics: { [PAID_INPUT_METRIC]: answer(series('gemini-2.0-flash', [[3, 1_000_000]])), [PAID_TIER_3_METRIC]: googleError(404, 'notFound', 'Cannot find metric(s)') } });
    const { snapshot } = await pollGemini(fake);
    expect(amount(snapshot?.monthToDate?.money)).toBe('0.10 USD');
    expect(snapshot?.notes).toContain('Cloud Monitoring does not know generate_content_paid_tier_3_input_token_count in this project; input tokens they would count are not included.');
  });

  it('names unpriced models and never counts them as zero', async () => {
    const fake = geminiFake({ metrics: { [PAID_INPUT_METRIC]: answer(series('gemini-9-ultra', [[2, 5000]]), series('gemini-2.0-flash', [[2, 2_000_000]])) } });
    const { snapshot } = await pollGemini(fake);
    expect(amount(snapshot?.monthToDate?.money)).toBe('0.20 USD');
    expect(breakdownOf(snapshot)).toEqual([['gemini-2.0-flash', '0.20']]);
    expect(snapshot?.notes).toContain('Unpriced: gemini-9-ultra (no known price; not counted in the estimate).');
    const only = await pollGemini(geminiFake({ metrics: { [PAID_INPUT_METRIC]: answer(series('gemini-9-ultra', [[2, 5000]])) } }));
    expect(only.snapshot?.monthToDate).toBeUndefined();
  });

  it('prices a whole month of a long-context model at its base rate, not as one huge prompt', async () => {
    const fake = geminiFake({ metrics: { [PAID_INPUT_METRIC]: answer(series('gemini-2.5-pro', [[4, 3_000_000]])), [OUTPUT_METRIC]: answer(series('gemini-2.5-pro', [[4, 100_000]])) } });
    const { snapshot } = await pollGemini(fake);
    // 1.25 and 10 USD per million below 200,000 prompt tokens (2.50 and 15 above).
    expect(amount(snapshot?.monthToDate?.money)).toBe('4.75 USD');
    expect(snapshot?.notes).toContain('gemini-2.5-pro priced at the base rate; prompts over the long-context threshold cost more.');
  });

  it('prices a quota model name without its -preview suffix as the preview model', async () => {
    const fake = geminiFake({ metrics: { [PAID_INPUT_METRIC]: answer(series('gemini-3-pro', [[5, 100_000]])), [OUTPUT_METRIC]: answer(series('gemini-3-pro', [[5, 20_000]])) } });
    const { snapshot } = await pollGemini(fake);
    const listed = calcPrice({ input_tokens: 100_000, output_tokens: 20_000 }, 'gemini-3-pro-preview', { providerId: 'google', timestamp: new Date('2026-11-05T12:00:00Z') });
    expect(snapshot?.monthToDate?.money.amount.toNumber()).toBeCloseTo(listed!.total_price, 10);
    expect(snapshot?.notes).toContain('Priced as: gemini-3-pro as gemini-3-pro-preview.');
  });

  it('prices all output of a day that mixed free and paid input, and says why', async () => {
    const fake = geminiFake({
      metrics: {
        [FREE_INPUT_METRIC]: answer(series('gemini-2.0-flash', [[6, 1000]])),
        [PAID_INPUT_METRIC]: answer(series('gemini-2.0-flash', [[6, 1_000_000]])),
        [OUTPUT_METRIC]: answer(series('gemini-2.0-flash', [[6, 500_000]])),
      },
    });
    const { snapshot } = await pollGemini(fake);
    expect(amount(snapshot?.monthToDate?.money)).toBe('0.30 USD');
    expect(snapshot?.notes?.some((note) => note.startsWith('On 1 day a model used both the free and the paid tier'))).toBe(true);
  });

  it('stops after a bounded number of requests when pages never end', async () => {
    let page = 0;
    const endless = () => ({ json: { timeSeries: [], nextPageToken: `page-${(page += 1)}` } });
    const { error, requests } = await pollGemini(geminiFake({ metrics: { [OUTPUT_METRIC]: endless } }));
    expect((error as ProviderError).kind).toBe('parse');
    expect(requests.filter((request) => request.path.endsWith('/timeSeries'))).toHaveLength(10);
  });

  it('notes partial results Cloud Monitoring reports inside a 200', async () => {
    const partial = { json: { ...answer(series('gemini-2.0-flash', [[2, 1_000_000]])).json, executionErrors: [{ code: 14, message: 'Some data may be missing.' }] } };
    const { snapshot } = await pollGemini(geminiFake({ metrics: { [PAID_INPUT_METRIC]: partial } }));
    expect(amount(snapshot?.monthToDate?.money)).toBe('0.10 USD');
    expect(snapshot?.notes).toContain('Cloud Monitoring reported partial results: Some data may be missing.');
  });

  it('refuses a point without a count', async () => {
    const broken = { json: { timeSeries: [{ metric: { labels: { model: 'gemini-2.0-flash' } }, points: [{ interval: { endTime: '2026-11-02T00:00:00Z' }, value: { stringValue: 'x' } }] }] } };
    const { error } = await pollGemini(geminiFake({ metrics: { [OUTPUT_METRIC]: broken } }));
    expect((error as ProviderError).kind).toBe('parse');
  });
});
