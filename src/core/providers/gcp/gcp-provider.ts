/**
 * Google Cloud: month-to-date cost and credits from the Cloud Billing export in BigQuery (one query per
 * refresh, for Google's own invoice month), and optionally a budget's amount as the spend limit through
 * the Budgets API, which has no spend of its own. A service account key file authenticates both.
 *
 * Settings: `billingTable` (required, PROJECT.DATASET.TABLE), `keyFile` (else GOOGLE_APPLICATION_CREDENTIALS),
 * `queryProject` (where the query job runs; default the table's project), `billingAccount` and `budget`.
 * SPENDBAR_GCP_BASE_URL (or `baseUrl`) replaces both API origins; the paths stay Google's:
 * `/bigquery/v2/projects/{project}/queries` and `/v1/billingAccounts/{id}/budgets`.
 */
import { formatAmount } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import { MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { accessToken } from './gcp-auth.js';
import { exportFigures, parseBillingTable, queryBillingExport } from './gcp-bigquery.js';
import { budgetLimit } from './gcp-budgets.js';

const HOUR = 60 * MINUTE;
const BIGQUERY_ORIGIN = 'https://bigquery.googleapis.com';
const BUDGETS_ORIGIN = 'https://billingbudgets.googleapis.com';
/** jobs.query accepts cloud-platform.read-only; the Budgets API only cloud-billing (or cloud-platform). */
const QUERY_SCOPE = 'https://www.googleapis.com/auth/cloud-platform.read-only';
const BUDGETS_SCOPE = 'https://www.googleapis.com/auth/cloud-billing';

export interface GcpProviderOptions {
  /** Deadline of the token request (tests use a short one); BigQuery and Budgets use the shared client. */
  tokenTimeoutMs?: number;
}

/** The Google Cloud provider; `createGcpProvider` exists so tests can shorten the token deadline. */
export function createGcpProvider(options: GcpProviderOptions = {}): ProviderDefinition {
  return {
    id: 'gcp',
    name: 'Google Cloud',
    monogram: { letters: 'GC', colour: '#2a62c9' },
    implicitFromEnv: false,
    priceListId: 'google',
    kind: 'api',
    credentials: [{ name: 'keyFile', env: 'GOOGLE_APPLICATION_CREDENTIALS', label: 'service account key file', secret: false }],
    settings: [
      { name: 'billingTable', label: 'Billing export table', help: 'PROJECT.DATASET.TABLE of the Cloud Billing export to BigQuery.', optional: false },
      { name: 'queryProject', label: 'Query project', help: 'Project billed for the query; the table\'s project by default.' },
      { name: 'billingAccount', label: 'Billing account', help: 'Billing account id (012345-6789AB-CDEF01), to read a budget.' },
      { name: 'budget', label: 'Budget', help: 'Budget id or display name; needs the billing account.' },
    ],
    keyHelp:
      'A service account JSON key with BigQuery Data Viewer on the billing export dataset and BigQuery Job User on the query project (Billing Account Viewer for a budget). Add it with `spendbar accounts add gcp --set billingTable=PROJECT.DATASET.TABLE --set keyFile=/path/key.json`.',
    keyUrl: 'https://console.cloud.google.com/iam-admin/serviceaccounts',
    reportsSpend: true,
    defaultCurrency: 'USD',
    refresh: { defaultMs: 6 * HOUR, minimumMs: 1 * HOUR },
    fetchSnapshot: guarded('Google Cloud', (context) => fetchGcpSnapshot(context, options.tokenTimeoutMs ?? 30_000)),
  };
}

export const gcpProvider = createGcpProvider();

async function fetchGcpSnapshot(context: ProviderContext, tokenTimeoutMs: number): Promise<Snapshot> {
  const table = parseBillingTable(context.settings.billingTable);
  const keyFile = context.credentials.keyFile || context.settings.keyFile;
  // Never let the library fall back to other ambient credentials (gcloud, metadata server).
  if (!keyFile) {
    throw new ProviderError('missing-credential', 'Google Cloud needs a service account key file: `spendbar accounts add gcp --set keyFile=/path/key.json` or GOOGLE_APPLICATION_CREDENTIALS.');
  }
  const billingAccount = context.settings.billingAccount?.trim() || undefined;
  const scopes = billingAccount ? [QUERY_SCOPE, BUDGETS_SCOPE] : [QUERY_SCOPE];
  const auth = await accessToken(keyFile, scopes, tokenTimeoutMs);
  const secrets = [...context.secrets, ...auth.secrets];
  const common = { http: context.http, token: auth.token, secrets, signal: context.signal };

  const { rows, bytesProcessed } = await queryBillingExport({
    ...common,
    base: context.baseUrl || BIGQUERY_ORIGIN,
    jobProject: context.settings.queryProject?.trim() || table.project,
    table,
    month: context.month,
    account: auth.account,
  });
  const figures = exportFigures(rows, context.month);
  const invoiceMonth = context.month.key.replace('-', '');
  const notes: string[] = [];
  if (!figures.monthToDate) notes.push(`The billing export has no rows for invoice month ${invoiceMonth} yet; Google exports several times a day, with a delay.`);
  if (figures.credits && figures.gross && !figures.credits.amount.isZero()) {
    notes.push(`After ${formatAmount(figures.credits.amount.negated())} ${figures.credits.currency} of credits (${formatAmount(figures.gross.amount)} before credits).`);
  }
  if (bytesProcessed) notes.push(`The billing query processed ${megabytes(bytesProcessed)} MB (BigQuery bills queries by bytes processed).`);

  let spendLimit: Snapshot['spendLimit'];
  if (billingAccount) {
    const budget = await budgetLimit({ ...common, base: context.baseUrl || BUDGETS_ORIGIN, billingAccount, budget: context.settings.budget });
    spendLimit = budget.spendLimit;
    notes.push(...budget.notes);
  }
  return {
    month: context.month.key,
    monthToDate: figures.monthToDate ? { money: figures.monthToDate, confidence: 'official' } : undefined,
    dailySpend: figures.dailySpend,
    breakdown: figures.breakdown,
    spendLimit,
    notes,
    fetchedAt: context.now().toISOString(),
  };
}

function megabytes(bytes: string): string {
  const value = Number(bytes) / 1_000_000;
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}
