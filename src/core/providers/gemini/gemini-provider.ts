/**
 * Gemini API (AI Studio keys on a Google Cloud project) without a billing export: tokens per model and
 * day from Cloud Monitoring, priced with Google's list prices into an estimated month-to-date. A service
 * account key file with Monitoring Viewer on the project authenticates (google-auth-library, as `gcp`).
 *
 * Settings: `project` (required: the key's Google Cloud project id) and `keyFile` (else
 * GOOGLE_APPLICATION_CREDENTIALS). SPENDBAR_GEMINI_BASE_URL (or `baseUrl`) replaces the Monitoring
 * origin; the path stays Google's, `/v3/projects/{project}/timeSeries`. The token endpoint is the key
 * file's `token_uri`.
 */
import { windowEnd } from '../../model/billing-month.js';
import { ProviderError } from '../../model/provider-error.js';
import { accessToken } from '../gcp/gcp-auth.js';
import { MINUTE, type ProviderContext, type ProviderDefinition, type ProviderSnapshot } from '../provider.js';
import { settledOutput } from '../settled-days.js';
import { guarded } from '../snapshot-guard.js';
import { estimateFromTokens, mergeReadings } from './gemini-mapping.js';
import { readTokenMetrics } from './gemini-monitoring.js';
import { mergeMetrics, metricStarts, planMetrics } from './gemini-settled.js';
import { GOOGLE_PRICE_LIST_ID } from './gemini-pricing.js';

const NAME = 'Gemini API';
const DAY = 86_400_000;
/** timeSeries.list accepts monitoring.read, the narrowest scope that reads metrics. */
const MONITORING_READ_SCOPE = 'https://www.googleapis.com/auth/monitoring.read';
const KEYS_URL = 'https://console.cloud.google.com/iam-admin/serviceaccounts';
/** A project id (6-30 characters, optionally domain-scoped) or a project number. */
const PROJECT = /^(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$|^\d{1,20}$/;

export interface GeminiProviderOptions {
  /** Deadline of the token request (tests use a short one); Monitoring uses the shared client. */
  tokenTimeoutMs?: number;
}

export function createGeminiProvider(options: GeminiProviderOptions = {}): ProviderDefinition {
  return {
    id: 'gemini',
    name: NAME,
    monogram: { letters: 'Gem', colour: '#6a3fc1' },
    // GOOGLE_APPLICATION_CREDENTIALS alone names no project, and may be meant for `gcp`.
    implicitFromEnv: false,
    priceListId: GOOGLE_PRICE_LIST_ID,
    kind: 'api',
    credentials: [{ name: 'keyFile', env: 'GOOGLE_APPLICATION_CREDENTIALS', label: 'service account key file', secret: false }],
    settings: [{ name: 'project', label: 'Project', help: 'Id of the Google Cloud project your Gemini API key belongs to (AI Studio lists it with the key).', optional: false }],
    defaultBaseUrl: 'https://monitoring.googleapis.com',
    keyHelp:
      'A service account JSON key with Monitoring Viewer (roles/monitoring.viewer) on the Google Cloud project of your Gemini API key. Add it with `spendbar accounts add gemini --set project=PROJECT_ID --set keyFile=/path/key.json`.',
    keyUrl: KEYS_URL,
    reportsSpend: true,
    defaultCurrency: 'USD',
    // Monitoring's read quota is generous, but token counts land minutes late and are priced per day.
    refresh: { defaultMs: 60 * MINUTE, minimumMs: 15 * MINUTE },
    fetchSnapshot: guarded(NAME, (context) => fetchGeminiSnapshot(context, options.tokenTimeoutMs ?? 30_000)),
  };
}

export const geminiProvider = createGeminiProvider();

async function fetchGeminiSnapshot(context: ProviderContext, tokenTimeoutMs: number): Promise<ProviderSnapshot> {
  const project = context.settings.project?.trim() ?? '';
  if (!PROJECT.test(project)) {
    const got = project ? `"${project.slice(0, 60)}" is not a Google Cloud project id` : 'The Gemini API account needs the Google Cloud project of its API key';
    throw new ProviderError('config', `${got}. Set it with \`spendbar accounts add gemini --set project=PROJECT_ID\` (AI Studio lists each key's project).`);
  }
  const keyFile = context.credentials.keyFile || context.settings.keyFile;
  // Never let the library fall back to other ambient credentials (gcloud, metadata server).
  if (!keyFile) {
    throw new ProviderError('missing-credential', 'The Gemini API account needs a service account key file: `spendbar accounts add gemini --set keyFile=/path/key.json` or GOOGLE_APPLICATION_CREDENTIALS.');
  }
  const base = { month: context.month.key, fetchedAt: context.now().toISOString() };
  const end = windowEnd(context.month, context.now());
  if (end <= context.month.start) return { ...base, notes: [`${context.month.key} has not begun; there is no usage to read yet.`] };

  const auth = await accessToken(keyFile, [MONITORING_READ_SCOPE], tokenTimeoutMs, 'gemini');
  // Whole UTC days: a daily alignment ends its periods on the interval's end, so that end is a midnight.
  const queryEnd = new Date(Math.min(Math.ceil(end.getTime() / DAY) * DAY, context.month.end.getTime()));
  // Settled days the engine kept are not asked again: each metric starts at its first missing day.
  const plans = planMetrics(context);
  const result = await readTokenMetrics({
    http: context.http,
    base: context.baseUrl || 'https://monitoring.googleapis.com',
    project,
    token: auth.token,
    account: auth.account,
    secrets: [...context.secrets, ...auth.secrets],
    signal: context.signal,
    start: context.month.start,
    end: queryEnd,
    firstDay: context.month.start.toISOString().slice(0, 10),
    lastDay: new Date(context.month.end.getTime() - DAY).toISOString().slice(0, 10),
  }, metricStarts(plans));
  const merged = mergeMetrics(context, plans, result.readings);
  const estimate = estimateFromTokens(mergeReadings(merged.readings), project, context.month.key);
  const notes = [...(estimate.notes ?? [])];
  if (result.unknownMetrics.length > 0) {
    notes.push(`Cloud Monitoring does not know ${result.unknownMetrics.map((type) => type.split('/').at(-2)).join(', ')} in this project; input tokens they would count are not included.`);
  }
  if (result.warnings.length > 0) notes.push(`Cloud Monitoring reported partial results: ${result.warnings.join('; ')}`);
  return { ...base, ...estimate, notes, ...settledOutput(merged.kept) };
}
