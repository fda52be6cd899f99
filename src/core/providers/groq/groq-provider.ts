/**
 * Groq has no billing or balance API. Without a key it is tracked by hand: spend entries and tracked
 * usage make its month-to-date. With an API key of a Groq Enterprise organization, Spendbar reads the
 * Prometheus usage metrics (tokens in and out per model, integrated over the month) and prices them
 * with genai-prices into an estimated month-to-date. Other keys get 404/403 from the metrics API: that
 * is a note, not an error. Rate-limit headers come only with inference responses, and Spendbar never
 * makes a paid call to read them.
 */
import { windowEnd } from '../../model/billing-month.js';
import { Dec } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import { MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { estimateFromTokens, errorInsideOk, GROQ_PRICE_LIST_ID, NO_MODEL_LABEL, type TokenCounts } from './groq-mapping.js';
import { modelListResponseSchema, prometheusQueryResponseSchema } from './groq-schemas.js';

const NAME = 'Groq';
const KEYS_URL = 'https://console.groq.com/keys';

/** Shown when the key works but the organization has no access to the metrics API. */
export const NOT_ENTERPRISE_NOTE = 'Usage metrics need Groq Enterprise; enter spend by hand or track usage.';

/**
 * Per-second token rates over 5 minutes, by model and project (console.groq.com/docs/prometheus-metrics).
 * Integrating a rate over the month gives the month's tokens.
 */
const TOKEN_METRICS = { input: 'model_project_id:tokens_in:rate5m', output: 'model_project_id:tokens_out:rate5m' } as const;

export const groqProvider: ProviderDefinition = {
  id: 'groq',
  name: NAME,
  monogram: { letters: 'G', colour: '#b3401f' },
  implicitFromEnv: true,
  priceListId: GROQ_PRICE_LIST_ID,
  kind: 'api',
  // Optional: without a key Groq is tracked by hand, exactly as before it had an adapter.
  credentials: [{ name: 'apiKey', env: 'GROQ_API_KEY', label: 'API key (Enterprise usage metrics)', secret: true, optional: true }],
  defaultBaseUrl: 'https://api.groq.com',
  keyHelp:
    'No key is needed: enter spend by hand or track usage. An API key of a Groq Enterprise organization adds a month-to-date estimated from Groq’s usage metrics.',
  keyUrl: KEYS_URL,
  reportsSpend: false,
  defaultCurrency: 'USD',
  refresh: { defaultMs: 30 * MINUTE, minimumMs: 5 * MINUTE },
  fetchSnapshot: guarded(NAME, fetchGroqSnapshot),
};

async function fetchGroqSnapshot(context: ProviderContext): Promise<Snapshot> {
  const base = { month: context.month.key, fetchedAt: context.now().toISOString() };
  // No key, no question to ask: the month-to-date is the user's entries and tracked usage.
  if (!context.credentials.apiKey) return { ...base, notes: [] };

  const end = windowEnd(context.month, context.now());
  const seconds = Math.floor((end.getTime() - context.month.start.getTime()) / 1000);
  if (seconds <= 0) return { ...base, notes: [`${context.month.key} has not begun; there is no usage to read yet.`] };

  let tokens: Map<string, TokenCounts>;
  try {
    // One after the other on purpose: most keys have no Enterprise metrics, and the first 404 spares the
    // second query (a poll takes the same two round trips either way: this query, then the model list).
    const input = await queryMonthTokens(context, TOKEN_METRICS.input, seconds, end);
    const output = await queryMonthTokens(context, TOKEN_METRICS.output, seconds, end);
    tokens = mergeTokens(input, output);
  } catch (error) {
    if (!(error instanceof ProviderError) || (error.status !== 403 && error.status !== 404)) throw error;
    // 404/403 is what a key without Enterprise metrics gets, but also what a wrong base URL or a refused
    // key gets. The free model list tells them apart: if it answers, the key and URL are fine.
    await confirmKeyWorks(context);
    return { ...base, notes: [NOT_ENTERPRISE_NOTE] };
  }
  return { ...base, ...estimateFromTokens(tokens, end, context.month.key) };
}

function requestBase(context: ProviderContext) {
  return {
    provider: NAME,
    headers: { authorization: `Bearer ${context.credentials.apiKey ?? ''}` },
    secrets: context.secrets,
    signal: context.signal,
  };
}

function explainAuth(status: number, providerText: string | undefined): string | undefined {
  if (status !== 401) return undefined;
  const said = providerText ? ` (Groq said: "${providerText}")` : '';
  return `Groq rejected the API key${said}. Check it, or create one at ${KEYS_URL}.`;
}

/** Tokens per model over [month start, end), from one instant MetricsQL query. */
async function queryMonthTokens(context: ProviderContext, metric: string, seconds: number, end: Date): Promise<Map<string, Dec>> {
  const query = `sum by (model) (integrate(${metric}[${seconds}s]))`;
  const params = new URLSearchParams({ query, time: String(Math.floor(end.getTime() / 1000)) });
  const url = `${context.baseUrl}/v1/metrics/prometheus/api/v1/query?${params.toString()}`;
  const response = await context.http.json({ ...requestBase(context), url, schema: prometheusQueryResponseSchema, explain: explainAuth });
  const body = response.data;
  if (body.status !== 'success' || !body.data) throw errorInsideOk(body, url, context.secrets);
  const byModel = new Map<string, Dec>();
  for (const series of body.data.result) {
    const model = series.metric?.model ?? NO_MODEL_LABEL;
    byModel.set(model, (byModel.get(model) ?? new Dec(0)).plus(series.value[1]));
  }
  return byModel;
}

function mergeTokens(input: Map<string, Dec>, output: Map<string, Dec>): Map<string, TokenCounts> {
  const merged = new Map<string, TokenCounts>();
  for (const model of new Set([...input.keys(), ...output.keys()])) {
    merged.set(model, { input: input.get(model) ?? new Dec(0), output: output.get(model) ?? new Dec(0) });
  }
  return merged;
}

/** Throws the model list's own error (auth, permission, config for a wrong base URL, …) if it fails. */
async function confirmKeyWorks(context: ProviderContext): Promise<void> {
  await context.http.json({
    ...requestBase(context),
    url: `${context.baseUrl}/openai/v1/models`,
    schema: modelListResponseSchema,
    explain: (status, providerText) => {
      const said = providerText ? ` (Groq said: "${providerText}")` : '';
      if (status === 404) {
        return `Groq has neither its metrics API nor its model list at this base URL${said}. The base URL should be like https://api.groq.com (without /openai/v1).`;
      }
      if (status === 403) return `Groq refused this API key${said}. Check the key, or create one at ${KEYS_URL}.`;
      return explainAuth(status, providerText);
    },
  });
}
