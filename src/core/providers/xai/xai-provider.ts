/**
 * xAI: remaining prepaid credit from the Management API's prepaid balance, month-to-date spend from the
 * postpaid invoice preview of the current billing cycle, and the monthly spending limit. All three need
 * a Management key (not an inference API key) and the team id.
 */
import { isCurrentMonth } from '../../model/billing-month.js';
import { Dec, money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Figure, Snapshot } from '../../model/snapshot.js';
import { fromCents } from '../adapter-kit.js';
import { MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { inOrder } from '../concurrent-calls.js';
import {
  invoicePreviewSchema,
  prepaidBalanceSchema,
  spendingLimitsSchema,
  type InvoicePreview,
  type PrepaidBalance,
  type SpendingLimits,
} from './xai-schemas.js';

const NAME = 'xAI';
const KEY_URL = 'https://console.x.ai';
const NEEDS_MANAGEMENT_KEY =
  'xAI billing needs a Management key, not an inference API key: create one in the xAI console (https://console.x.ai) under Settings → Management Keys and set XAI_MANAGEMENT_KEY.';

export const xaiProvider: ProviderDefinition = {
  id: 'xai',
  name: NAME,
  monogram: { letters: 'x', colour: '#3c3c40' },
  implicitFromEnv: true,
  priceListId: 'x-ai',
  kind: 'api',
  credentials: [
    { name: 'managementKey', env: 'XAI_MANAGEMENT_KEY', label: 'Management key', secret: true },
    { name: 'teamId', env: 'XAI_TEAM_ID', label: 'Team ID', secret: false },
  ],
  defaultBaseUrl: 'https://management-api.x.ai',
  keyHelp: 'A Management key (xAI console → Settings → Management Keys) and the team id shown in the console URL.',
  keyUrl: KEY_URL,
  reportsSpend: true,
  defaultCurrency: 'USD',
  refresh: { defaultMs: 15 * MINUTE, minimumMs: 2 * MINUTE },
  fetchSnapshot: guarded(NAME, fetchXaiSnapshot),
};

async function fetchXaiSnapshot(context: ProviderContext): Promise<Snapshot> {
  const teamId = (context.credentials.teamId ?? '').trim();
  if (teamId === '') throw new ProviderError('missing-credential', 'xAI needs the team id: set XAI_TEAM_ID or --set teamId=….');
  const teamUrl = `${context.baseUrl}/v1/billing/teams/${encodeURIComponent(teamId)}`;
  const common = {
    provider: NAME,
    headers: { authorization: `Bearer ${context.credentials.managementKey ?? ''}` },
    secrets: context.secrets,
    signal: context.signal,
    explain: (status: number) => {
      if (status === 401 || status === 403) return NEEDS_MANAGEMENT_KEY;
      if (status === 404) return `xAI knows no team "${teamId}" for this Management key. Check XAI_TEAM_ID (the id in the console URL, console.x.ai/team/<id>).`;
      return undefined;
    },
  };
  const notes: string[] = [];

  // Made at once; the first call's failure (bad key, rate limit) still decides the error (see inOrder).
  const [prepaid, preview, limits] = await inOrder([
    () => context.http.json({ ...common, url: `${teamUrl}/prepaid/balance`, schema: prepaidBalanceSchema }),
    () => optional(() => context.http.json({ ...common, url: `${teamUrl}/postpaid/invoice/preview`, schema: invoicePreviewSchema })),
    () => optional(() => context.http.json({ ...common, url: `${teamUrl}/postpaid/spending-limits`, schema: spendingLimitsSchema })),
  ]);
  if (!preview) notes.push('xAI has no invoice preview for this team, so month-to-date spend is unknown.');
  const balance = prepaidCredit(prepaid.data);
  const monthToDate = preview ? invoiceMonthToDate(preview.data, context, notes) : undefined;
  const spendLimit = spendingLimit(limits?.data, preview?.data);
  return {
    month: context.month.key,
    monthToDate,
    balance,
    balances: balance ? [balance] : undefined,
    spendLimit,
    notes,
    fetchedAt: context.now().toISOString(),
  };
}

/** Postpaid endpoints may not exist for a prepaid-only team: a 404 there leaves those figures unknown. */
async function optional<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'config') return undefined;
    throw error;
  }
}

/**
 * The proto calls `total` the available prepaid credit, yet says purchases are negative changes, and
 * independent clients see available credit as a negative `val`: either sign means credit available.
 */
function prepaidCredit(prepaid: PrepaidBalance): Figure {
  const cents = prepaid.total.val ?? new Dec(0);
  return { money: money(fromCents(cents.abs()), 'USD'), confidence: 'official' };
}

/** The preview covers the current billing cycle only; another month's spend stays unknown. */
function invoiceMonthToDate(preview: InvoicePreview, context: ProviderContext, notes: string[]): Figure | undefined {
  const invoice = preview.coreInvoice;
  if (!invoice) return undefined;
  const cycle = preview.billingCycle;
  const sameMonth =
    cycle?.year != null && cycle.month != null
      ? cycle.year === context.month.year && cycle.month === context.month.month
      : isCurrentMonth(context.month, context.now());
  if (!sameMonth) {
    notes.push('xAI reports spend for its current billing cycle only.');
    return undefined;
  }
  const totalCents = invoice.amountAfterVat ?? new Dec(0);
  const prepaidUsed = invoice.prepaidCreditsUsed?.val;
  if (prepaidUsed && !prepaidUsed.isZero()) {
    notes.push(`Paid from prepaid credits this month: ${fromCents(prepaidUsed.abs()).toFixed(2)} USD.`);
  }
  return { money: money(fromCents(totalCents), 'USD'), confidence: 'official' };
}

/** `effectiveSl` is the limit xAI enforces; the preview's `effectiveSpendingLimit` is the fallback. */
function spendingLimit(limits: SpendingLimits | undefined, preview: InvoicePreview | undefined): Figure | undefined {
  const fromLimits = limits?.spendingLimits ? (limits.spendingLimits.effectiveSl?.val ?? new Dec(0)) : undefined;
  const cents = fromLimits ?? preview?.effectiveSpendingLimit ?? undefined;
  if (cents === undefined) return undefined;
  return { money: money(fromCents(cents.abs()), 'USD'), confidence: 'official' };
}
