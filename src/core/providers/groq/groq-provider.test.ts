import { describe, expect, it } from 'vitest';
import { routes, type FakeReply } from '../../../../tests/fakes/fake-http-server.js';
import { byMetric, groqRoutes } from '../../../../tests/fakes/groq-fake.js';
import { billingMonth } from '../../model/billing-month.js';
import { formatAmount } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import models from './__fixtures__/models.json' with { type: 'json' };
import empty from './__fixtures__/prometheus-empty.json' with { type: 'json' };
import queryError from './__fixtures__/prometheus-error.json' with { type: 'json' };
import tokensIn from './__fixtures__/prometheus-tokens-in.json' with { type: 'json' };
import tokensOut from './__fixtures__/prometheus-tokens-out.json' with { type: 'json' };
import { groqProvider, NOT_ENTERPRISE_NOTE } from './groq-provider.js';
import { pollAdapter } from '../../../../tests/kit/poll-adapter.js';

const apiKey = 'gsk-test-contract-secret-0000';
const QUERY = 'GET /v1/metrics/prometheus/api/v1/query';
const MODELS = 'GET /openai/v1/models';

const healthy = groqRoutes();

describeProviderContract({
  provider: groqProvider,
  credentials: { apiKey },
  baseUrl: (origin) => origin,
  healthy: routes(healthy),
  expectSnapshot(snapshot) {
    // 1.5M x $0.59/M + 0.5M x $0.79/M (70B) plus 2M x $0.05/M + 1M x $0.08/M (8B); groq/compound has no price.
    expect(snapshot.monthToDate).toMatchObject({ confidence: 'estimated' });
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('1.46');
    expect(snapshot.monthToDate!.money.currency).toBe('USD');
    expect(snapshot.balance).toBeUndefined();
  },
});

async function pollWith(table: Parameters<typeof routes>[0], options: { key?: string; now?: Date; month?: ReturnType<typeof billingMonth> } = {}) {
  const { snapshot, error, requests } = await pollAdapter({
    provider: groqProvider,
    handler: routes(table),
    credentials: { apiKey: 'key' in options ? options.key : apiKey },
    now: options.now,
    month: options.month,
  });
  return { snapshot, error, requests };
}

describe('Groq specifics', () => {
  it('makes no request at all without a key, and reports nothing as zero', async () => {
    const { snapshot, requests } = await pollWith(healthy, { key: undefined });
    expect(requests).toHaveLength(0);
    expect(snapshot).toMatchObject({ month: '2026-11', notes: [] });
    expect(snapshot!.monthToDate).toBeUndefined();
    expect(snapshot!.usage).toBeUndefined();
  });

  it('asks for token integrals by model from the month start to now, with the key as a Bearer token', async () => {
    const { requests } = await pollWith(healthy);
    expect(requests.map((request) => request.query.get('query'))).toEqual([
      'sum by (model) (integrate(model_project_id:tokens_in:rate5m[1764000s]))',
      'sum by (model) (integrate(model_project_id:tokens_out:rate5m[1764000s]))',
    ]);
    expect(requests.every((request) => request.query.get('time') === '1795255200')).toBe(true);
    expect(requests.every((request) => request.headers.authorization === `Bearer ${apiKey}`)).toBe(true);
  });

  it('lists tokens by model, prices each, and names the unpriced model instead of counting it as $0', async () => {
    const { snapshot } = await pollWith(healthy);
    expect(snapshot!.usage).toEqual([
      { model: 'llama-3.3-70b-versatile', inputTokens: 1_500_000, outputTokens: 500_000 },
      { model: 'llama-3.1-8b-instant', inputTokens: 2_000_000, outputTokens: 1_000_000 },
      { model: 'groq/compound', inputTokens: 1000, outputTokens: 200 },
    ]);
    expect(snapshot!.breakdown!.map((item) => `${item.label} ${formatAmount(item.money.amount)}`)).toEqual(['llama-3.3-70b-versatile 1.28', 'llama-3.1-8b-instant 0.18']);
    expect(snapshot!.notes).toContain('Unpriced: groq/compound (no known price; not counted in the estimate).');
  });

  it('covers the whole of a past month', async () => {
    const { requests } = await pollWith(healthy, { month: billingMonth(2026, 10) });
    expect(requests[0]!.query.get('query')).toContain('[2678400s]');
    expect(requests[0]!.query.get('time')).toBe(String(Date.UTC(2026, 10, 1) / 1000));
  });

  it.each([
    ['404', { status: 404, json: { error: { message: 'Not Found' } } }],
    ['403', { status: 403, json: { error: { message: 'Forbidden' } } }],
  ])('turns a metrics %s for a working key into the Enterprise note, not an error', async (_status, reply) => {
    const { snapshot, error, requests } = await pollWith({ [QUERY]: reply as FakeReply, [MODELS]: { json: models } });
    expect(error).toBeUndefined();
    expect(snapshot!.notes).toEqual([NOT_ENTERPRISE_NOTE]);
    expect(snapshot!.monthToDate).toBeUndefined();
    expect(requests.map((request) => request.path)).toEqual(['/v1/metrics/prometheus/api/v1/query', '/openai/v1/models']);
  });

  it('says the base URL is wrong when neither the metrics nor the model list exist there', async () => {
    const { error } = await pollWith({});
    expect(error).toMatchObject({ kind: 'config' });
    expect(error!.message).toMatch(/base URL should be like https:\/\/api\.groq\.com/);
  });

  it('says where to get a key when it is rejected', async () => {
    const { error } = await pollWith({ [QUERY]: { status: 401, json: { error: { message: 'Invalid API Key', code: 'invalid_api_key' } } } });
    expect(error).toMatchObject({ kind: 'auth' });
    expect(error!.message).toContain('console.groq.com/keys');
  });

  it('maps a Prometheus error inside a 200 to a configuration error with its reason', async () => {
    const { error } = await pollWith({ [QUERY]: { json: queryError } });
    expect(error).toMatchObject({ kind: 'config' });
    expect(error!.message).toContain('bad_data');
    expect(error!.message).toContain('unknown func');
  });

  it('maps a Prometheus timeout inside a 200 to provider-unavailable', async () => {
    const { error } = await pollWith({ [QUERY]: { json: { status: 'error', errorType: 'timeout', error: 'query timed out' } } });
    expect(error).toMatchObject({ kind: 'provider-unavailable' });
  });

  it('leaves month-to-date unknown when the metrics show no usage', async () => {
    const { snapshot } = await pollWith({ [QUERY]: { json: empty } });
    expect(snapshot!.monthToDate).toBeUndefined();
    expect(snapshot!.usage).toEqual([]);
    expect(snapshot!.notes!.join(' ')).toMatch(/no token usage in 2026-11/);
  });

  it('leaves month-to-date unknown when no model has a price', async () => {
    const only = (model: string, value: string) => ({ json: { status: 'success', data: { resultType: 'vector', result: [{ metric: { model }, value: [1795255200, value] }] } } });
    const { snapshot } = await pollWith({ [QUERY]: byMetric(only('made-up-model-9', '5000'), only('made-up-model-9', '10')) });
    expect(snapshot!.monthToDate).toBeUndefined();
    expect(snapshot!.usage).toEqual([{ model: 'made-up-model-9', inputTokens: 5000, outputTokens: 10 }]);
  });

  it('reports a non-numeric sample as a parse error naming the field', async () => {
    const bad = { json: { status: 'success', data: { resultType: 'vector', result: [{ metric: { model: 'x' }, value: [1795255200, 'NaN'] }] } } };
    const { error } = await pollWith({ [QUERY]: bad });
    expect(error).toMatchObject({ kind: 'parse' });
    expect(error!.message).toContain('data.result.0.value.1');
  });

  it('reports a token count near the float maximum as a parse error, not a cost no reader accepts', async () => {
    const absurd = { ...tokensIn, data: { ...tokensIn.data, result: [{ metric: { model: 'llama-3.3-70b-versatile' }, value: [1795255200, 1.7976931348623157e308] }] } };
    const { error } = await pollWith({ ...healthy, [QUERY]: byMetric({ json: absurd }, { json: tokensOut }) });
    expect(error).toBeInstanceOf(ProviderError);
    expect(error!.kind).toBe('parse');
  });
});
