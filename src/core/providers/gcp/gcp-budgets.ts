/**
 * The spend limit from a Cloud Billing budget (Budgets API v1). A budget holds only its amount and
 * thresholds, never the current spend: that comes from the billing export. A budget that cannot be read
 * for a reason the user must fix (a role, an id) leaves a note instead of failing the month-to-date.
 */
import type { HttpClient } from '../../http/http-client.js';
import { Dec, money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Figure } from '../../model/snapshot.js';
import { nextCursor } from '../adapter-kit.js';
import { budgetsResponseSchema, type Budget } from './gcp-schemas.js';

const NAME = 'Cloud Billing Budgets';
const MAX_PAGES = 5;

export interface BudgetInput {
  readonly http: HttpClient;
  /** Origin of the Budgets API (https://billingbudgets.googleapis.com, or the override). */
  readonly base: string;
  readonly billingAccount: string;
  /** Budget id or display name; needed only when the account has several fixed budgets. */
  readonly budget?: string;
  readonly token: string;
  readonly secrets: readonly string[];
  readonly signal?: AbortSignal;
}

export async function budgetLimit(input: BudgetInput): Promise<{ spendLimit?: Figure; notes: string[] }> {
  let budgets: Budget[];
  try {
    budgets = await listBudgets(input);
  } catch (error) {
    if (error instanceof ProviderError && (error.kind === 'permission' || error.kind === 'config')) return { notes: [error.message] };
    throw error;
  }
  const wanted = input.budget?.trim();
  const candidates = wanted
    ? budgets.filter((budget) => budget.name.endsWith(`/budgets/${wanted}`) || budget.displayName === wanted)
    : budgets.filter((budget) => budget.amount?.specifiedAmount);
  if (wanted && candidates.length === 0) return { notes: [`No budget "${wanted}" on billing account ${input.billingAccount}; check the budget setting.`] };
  if (candidates.length === 0) return { notes: [`Billing account ${input.billingAccount} has no budget with a fixed amount.`] };
  if (candidates.length > 1) {
    return { notes: [`Billing account ${input.billingAccount} has ${candidates.length} budgets; choose one with \`--set budget=ID or name\` to show it as the limit.`] };
  }
  const chosen = candidates[0]!;
  const amount = chosen.amount?.specifiedAmount;
  const label = chosen.displayName ?? chosen.name.split('/').pop();
  if (!amount) return { notes: [`Budget "${label}" follows last period's spend and has no fixed amount to show.`] };
  const units = new Dec(amount.units ?? 0);
  const total = units.plus(new Dec(amount.nanos ?? 0).div(1_000_000_000));
  return {
    spendLimit: { money: money(total, amount.currencyCode), confidence: 'official' },
    notes: [`Limit: budget "${label}". The Budgets API carries no spend; month-to-date is from the billing export.`],
  };
}

async function listBudgets(input: BudgetInput): Promise<Budget[]> {
  const url = `${input.base}/v1/billingAccounts/${encodeURIComponent(input.billingAccount)}/budgets`;
  const budgets: Budget[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = new URLSearchParams({ pageSize: '100', ...(pageToken ? { pageToken } : {}) });
    const answer = await input.http.json({
      url: `${url}?${query.toString()}`,
      provider: NAME,
      headers: { authorization: `Bearer ${input.token}` },
      secrets: input.secrets,
      signal: input.signal,
      schema: budgetsResponseSchema,
      explain: (status, text) => explainBudgetError(input.billingAccount, status, text),
    });
    budgets.push(...(answer.data.budgets ?? []));
    if (!answer.data.nextPageToken) break;
    pageToken = nextCursor(NAME, pageToken, answer.data.nextPageToken, url);
  }
  return budgets;
}

function explainBudgetError(billingAccount: string, status: number, text: string | undefined): string | undefined {
  const said = text ? ` (Google said: "${text}")` : '';
  if (status === 403) return `No budget shown: the service account may not read budgets of billing account ${billingAccount}${said}. Grant it Billing Account Viewer.`;
  if (status === 404) return `No budget shown: billing account ${billingAccount} was not found${said}. Check the billingAccount setting (012345-6789AB-CDEF01).`;
  return undefined;
}
