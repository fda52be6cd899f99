/**
 * Railway: usage so far in the current billing period (`customer.currentUsage`, dollars) of every
 * workspace the token can see, and the workspace's usage limit (whole dollars). Units are not in the
 * schema; they were established from how the official CLI reads and prints these fields (see
 * docs/providers/railway.md). Fields whose unit could not be established are only quoted in notes.
 */
import { isCurrentMonth } from '../../model/billing-month.js';
import { money, sum } from '../../model/money.js';
import type { BreakdownItem, Figure, Snapshot } from '../../model/snapshot.js';
import { HOUR, MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { RAILWAY, railwayQuery, TOKENS_URL } from './railway-graphql.js';
import { meWorkspacesDataSchema, workspaceDataSchema, type Workspace } from './railway-schemas.js';

const CUSTOMER_FIELDS = `id name customer {
      currentUsage creditBalance
      billingPeriod { start end }
      usageLimit { softLimit hardLimit isOverLimit }
      subscriptions { nextInvoiceCurrentTotal nextInvoiceDate status }
    }`;
const ME_QUERY = `query SpendbarWorkspaces { me { workspaces { ${CUSTOMER_FIELDS} } } }`;
const WORKSPACE_QUERY = `query SpendbarWorkspace($workspaceId: String!) { workspace(workspaceId: $workspaceId) { ${CUSTOMER_FIELDS} } }`;

export const railwayProvider: ProviderDefinition = {
  id: 'railway',
  name: RAILWAY,
  monogram: { letters: 'R', colour: '#5b2bb5' },
  implicitFromEnv: true,
  kind: 'api',
  credentials: [
    { name: 'token', env: 'RAILWAY_API_TOKEN', label: 'API token', secret: true },
    // Needed only for workspace tokens, which cannot list workspaces through `me`.
    { name: 'workspaceId', env: 'RAILWAY_WORKSPACE_ID', label: 'Workspace id', secret: false, optional: true },
  ],
  defaultBaseUrl: 'https://backboard.railway.com',
  keyHelp: 'An account token ("No workspace") reads the usage of all your workspaces; a workspace token reads one workspace (set its id too). Project tokens cannot read billing.',
  keyUrl: TOKENS_URL,
  reportsSpend: true,
  defaultCurrency: 'USD',
  // Railway caches currentUsage; Free/Hobby tokens have 100-1000 requests an hour.
  refresh: { defaultMs: 30 * MINUTE, minimumMs: 5 * MINUTE },
  documentedLimit: {
    count: 100,
    windowMs: HOUR,
    unit: 'requests',
    source: 'Railway public API docs (railwayapp/docs, integrations/api.md): 100 requests per hour on Free, the strictest plan (Hobby 1,000, Pro 10,000)',
  },
  fetchSnapshot: guarded(RAILWAY, fetchRailwaySnapshot),
};

async function fetchRailwaySnapshot(context: ProviderContext): Promise<Snapshot> {
  const workspaceId = context.credentials.workspaceId?.trim() || undefined;
  const workspaces = workspaceId
    ? [(await railwayQuery(context, WORKSPACE_QUERY, { workspaceId }, workspaceDataSchema)).workspace]
    : (await railwayQuery(context, ME_QUERY, {}, meWorkspacesDataSchema)).me.workspaces;

  const notes: string[] = [];
  const current = isCurrentMonth(context.month, context.now());
  if (!current) notes.push('Railway reports usage for the current billing period only; earlier months are not available.');
  const usages = workspaces.flatMap((workspace) => {
    const usage = workspace.customer?.currentUsage;
    return usage === null || usage === undefined ? [] : [{ workspace, money: money(usage, 'USD') }];
  });
  const monthToDate: Figure | undefined =
    current && usages.length > 0 ? { money: sum(usages.map((usage) => usage.money), 'USD'), confidence: 'official' } : undefined;
  const breakdown: BreakdownItem[] =
    current && workspaces.length > 1 ? usages.map((usage) => ({ dimension: 'workspace', label: labelOf(usage.workspace), money: usage.money })) : [];

  for (const workspace of workspaces) notes.push(...workspaceNotes(workspace, workspaces.length > 1));
  if (workspaces.length === 0) notes.push('This token sees no Railway workspace.');
  return {
    month: context.month.key,
    monthToDate,
    spendLimit: workspaces.length === 1 ? hardLimitOf(workspaces[0]!) : undefined,
    breakdown,
    notes,
    fetchedAt: context.now().toISOString(),
  };
}

function labelOf(workspace: Workspace): string {
  return workspace.name?.trim() || workspace.id;
}

/** The hard usage limit, in whole dollars; absent or zero means none is set. */
function hardLimitOf(workspace: Workspace): Figure | undefined {
  const hard = workspace.customer?.usageLimit?.hardLimit;
  if (hard === null || hard === undefined || Number(hard) === 0) return undefined;
  return { money: money(hard, 'USD'), confidence: 'official' };
}

/** Facts whose money is shown elsewhere, or whose unit is undocumented and so only quoted. */
function workspaceNotes(workspace: Workspace, named: boolean): string[] {
  const customer = workspace.customer;
  const prefix = named ? `${labelOf(workspace)}: ` : '';
  if (!customer) return [`${prefix}no billing information (the token may not see this workspace's billing).`];
  const notes: string[] = [];
  const period = customer.billingPeriod;
  if (period?.start && period.end) {
    notes.push(`${prefix}usage covers Railway's billing period ${period.start.slice(0, 10)} to ${period.end.slice(0, 10)}, before included credits; Railway caches it.`);
  }
  const limit = customer.usageLimit;
  if (limit) {
    const soft = Number(limit.softLimit ?? 0);
    const hard = Number(limit.hardLimit ?? 0);
    const parts = [soft > 0 ? `email alert at $${soft}` : undefined, hard > 0 ? `hard limit $${hard}` : undefined].filter(Boolean);
    if (parts.length > 0) notes.push(`${prefix}usage limit: ${parts.join(', ')}.`);
    if (limit.isOverLimit) notes.push(`${prefix}over its usage limit: services may be stopped.`);
  }
  if (customer.creditBalance !== null && customer.creditBalance !== undefined) {
    notes.push(`${prefix}credit balance ${customer.creditBalance} as Railway reports it (unit not documented, so not shown as money).`);
  }
  for (const subscription of customer.subscriptions ?? []) {
    if (subscription.nextInvoiceCurrentTotal === null || subscription.nextInvoiceCurrentTotal === undefined) continue;
    const when = subscription.nextInvoiceDate ? ` on ${subscription.nextInvoiceDate.slice(0, 10)}` : '';
    notes.push(`${prefix}next invoice${when}: current total ${subscription.nextInvoiceCurrentTotal} as Railway reports it (unit not documented).`);
  }
  return notes;
}
