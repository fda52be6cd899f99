/**
 * Supabase: the Management API has no spend, invoice or credit endpoint, so Spendbar shows what it does
 * have: each organisation's plan, and API request counts of its active projects over the last 24 hours
 * as the usage quota. Spend comes from manual entries (reportsSpend is false).
 */
import { isCurrentMonth } from '../../model/billing-month.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Quota, Snapshot } from '../../model/snapshot.js';
import { MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { organizationProjectsSchema, organizationSchema, organizationsSchema, usageApiCountsSchema, type UsageApiCounts } from './supabase-schemas.js';
import { scrubAndClip } from '../../http/secret-scrub.js';

const NAME = 'Supabase';
const TOKENS_URL = 'https://supabase.com/dashboard/account/tokens';
/** Bounds the requests of one poll (the Management API allows a few dozen a minute per user). */
const MAX_ORGANIZATIONS = 5;
const MAX_PROJECTS = 10;
/** The shortest window every plan may read (longer report ranges are plan-gated). */
const INTERVAL = '1day';

export const supabaseProvider: ProviderDefinition = {
  id: 'supabase',
  name: NAME,
  monogram: { letters: 'S', colour: '#1c7a4f' },
  implicitFromEnv: true,
  kind: 'api',
  credentials: [
    { name: 'token', env: 'SUPABASE_ACCESS_TOKEN', label: 'Personal access token', secret: true },
    { name: 'org', env: 'SUPABASE_ORG', label: 'Organization slug', secret: false, optional: true },
  ],
  defaultBaseUrl: 'https://api.supabase.com',
  keyHelp: 'A personal access token (sbp_…) of a member of the organization. Supabase reports no spend through its API: plan and request counts only.',
  keyUrl: TOKENS_URL,
  reportsSpend: false,
  defaultCurrency: 'USD',
  refresh: { defaultMs: 60 * MINUTE, minimumMs: 10 * MINUTE },
  fetchSnapshot: guarded(NAME, fetchSupabaseSnapshot),
};

interface RequestCounts {
  rest: number;
  auth: number;
  storage: number;
  realtime: number;
}

async function fetchSupabaseSnapshot(context: ProviderContext): Promise<Snapshot> {
  const token = context.credentials.token ?? '';
  assertAccessTokenKind(token);
  const common = { provider: NAME, headers: { authorization: `Bearer ${token}` }, secrets: context.secrets, signal: context.signal };
  const notes = ['Supabase reports no spend or invoices through its API: add spend entries by hand (spendbar entry add --provider supabase).'];

  const chosen = context.credentials.org?.trim();
  let slugs: string[];
  if (chosen) {
    slugs = [chosen];
  } else {
    const listed = await context.http.json({ ...common, url: `${context.baseUrl}/v1/organizations`, schema: organizationsSchema, explain: explainStatus() });
    slugs = listed.data.flatMap((organization) => organization.slug ?? organization.id ?? []);
    if (slugs.length > MAX_ORGANIZATIONS) notes.push(`Showing ${MAX_ORGANIZATIONS} of ${slugs.length} organizations: set SUPABASE_ORG to pick one.`);
    slugs = slugs.slice(0, MAX_ORGANIZATIONS);
  }
  if (slugs.length === 0) notes.push('This token belongs to no Supabase organization.');

  const active: { ref: string; name: string }[] = [];
  for (const slug of slugs) {
    const path = `${context.baseUrl}/v1/organizations/${encodeURIComponent(slug)}`;
    const organization = (await context.http.json({ ...common, url: path, schema: organizationSchema, explain: explainStatus(slug) })).data;
    const projects = (await context.http.json({ ...common, url: `${path}/projects?limit=100`, schema: organizationProjectsSchema, explain: explainStatus(slug) })).data;
    const running = projects.projects.filter((project) => project.status === 'ACTIVE_HEALTHY');
    const total = projects.pagination?.count ?? projects.projects.length;
    const plan = organization.plan ? `${organization.plan.charAt(0).toUpperCase()}${organization.plan.slice(1)} plan` : 'plan unknown';
    notes.push(`${organization.name ?? slug}: ${plan}; ${total} project${total === 1 ? '' : 's'} (${running.length} active).`);
    active.push(...running.map((project) => ({ ref: project.ref, name: project.name ?? project.ref })));
  }

  let quota: Quota | undefined;
  if (isCurrentMonth(context.month, context.now()) && active.length > 0) {
    if (active.length > MAX_PROJECTS) notes.push(`Request counts cover ${MAX_PROJECTS} of ${active.length} active projects.`);
    const counts = await countRequests(context, common, active.slice(0, MAX_PROJECTS), notes);
    if (counts) {
      const used = counts.rest + counts.auth + counts.storage + counts.realtime;
      quota = { used, unit: 'API requests in the last 24 hours' };
      const format = (n: number) => n.toLocaleString('en-US');
      notes.push(`Last 24 hours: REST ${format(counts.rest)}, Auth ${format(counts.auth)}, Storage ${format(counts.storage)}, Realtime ${format(counts.realtime)} requests.`);
    }
  }
  return { month: context.month.key, quota, notes, fetchedAt: context.now().toISOString() };
}

/** Project API keys (JWTs, sb_secret_…, sb_publishable_…) cannot call the Management API. */
function assertAccessTokenKind(token: string): void {
  if (!/^(eyJ|sb_secret_|sb_publishable_)/.test(token)) return;
  throw new ProviderError(
    'auth',
    `That is a Supabase project API key, which cannot read organizations. Create a personal access token (sbp_…) at ${TOKENS_URL} and use it as SUPABASE_ACCESS_TOKEN.`,
  );
}

function explainStatus(slug?: string) {
  return (status: number, said: string | undefined): string | undefined => {
    const quoted = said ? ` Supabase said: "${said}".` : '';
    if (status === 401) return `Supabase rejected the access token.${quoted} Create a personal access token (sbp_…) at ${TOKENS_URL}.`;
    if (status === 403) {
      return `Supabase refused this token access${slug ? ` to organization "${slug}"` : ''}.${quoted} Use a personal access token of a member of the organization (${TOKENS_URL}); OAuth tokens need the organizations:read and analytics scopes.`;
    }
    if (status === 404 && slug) return `Supabase has no organization "${slug}".${quoted} Check SUPABASE_ORG (the organization slug from the dashboard URL).`;
    return undefined;
  };
}

/**
 * Request counts of the last 24 hours, summed over projects. A project whose counts cannot be read
 * (paused meanwhile, no analytics access) costs only its share; a rate limit stops the poll.
 */
async function countRequests(
  context: ProviderContext,
  common: { provider: string; headers: Record<string, string>; secrets: readonly string[]; signal?: AbortSignal },
  projects: readonly { ref: string; name: string }[],
  notes: string[],
): Promise<RequestCounts | undefined> {
  const totals: RequestCounts = { rest: 0, auth: 0, storage: 0, realtime: 0 };
  let read = 0;
  for (const project of projects) {
    const url = `${context.baseUrl}/v1/projects/${encodeURIComponent(project.ref)}/analytics/endpoints/usage.api-counts?interval=${INTERVAL}`;
    const answer = await context.http.json({ ...common, url, schema: usageApiCountsSchema }).catch((error: unknown) => {
      if (error instanceof ProviderError && error.kind !== 'rate-limited') return error;
      throw error;
    });
    if (answer instanceof ProviderError) {
      notes.push(`Request counts of ${project.name} could not be read (${answer.kind}).`);
      continue;
    }
    const problem = inBodyError(answer.data);
    if (problem === 'rate-limited') throw new ProviderError('rate-limited', 'Supabase is rate-limiting this token; Spendbar will wait before asking again.', { url });
    if (problem) {
      notes.push(`Request counts of ${project.name} could not be read (Supabase said: "${scrubAndClip(problem, context.secrets, 200)}").`);
      continue;
    }
    for (const bucket of answer.data.result ?? []) {
      totals.rest += bucket.total_rest_requests;
      totals.auth += bucket.total_auth_requests;
      totals.storage += bucket.total_storage_requests;
      totals.realtime += bucket.total_realtime_requests;
    }
    read += 1;
  }
  return read > 0 ? totals : undefined;
}

/** The `error` Supabase may put inside a 200 (a string, or `{code, message, status}`). */
function inBodyError(body: UsageApiCounts): string | undefined {
  const error = body.error;
  if (error === null || error === undefined) return undefined;
  if (typeof error === 'string') return error || 'unknown error';
  if (error.code === 429) return 'rate-limited';
  return error.message ?? error.status ?? `code ${error.code ?? '?'}`;
}
