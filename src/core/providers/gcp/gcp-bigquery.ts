/**
 * Month-to-date from the Cloud Billing export in BigQuery: one parameterised query over the standard usage
 * cost table, cost and credits per Pacific-time day and service for one invoice month, summed in micros
 * as Google's own query examples do (the columns are FLOAT64), then added exactly here.
 */
import type { HttpClient } from '../../http/http-client.js';
import type { BillingMonth } from '../../model/billing-month.js';
import { Dec, money, normalizeCurrency, type Money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { BreakdownItem, DailySpend } from '../../model/snapshot.js';
import { nextCursor } from '../adapter-kit.js';
import { queryResponseSchema, type QueryResponse } from './gcp-schemas.js';

const NAME = 'BigQuery';
const MAX_WAITS = 6;
const MAX_PAGES = 20;

export interface BillingTable {
  readonly project: string;
  readonly dataset: string;
  readonly table: string;
  readonly path: string;
}

/** `project.dataset.table`; the project may be domain-scoped (`example.com:project`). */
export function parseBillingTable(text: string | undefined): BillingTable {
  const match = /^([a-z0-9][a-z0-9.:-]*[a-z0-9])\.([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)$/.exec(text?.trim() ?? '');
  if (!match) {
    const got = text ? `"${text.slice(0, 120)}" is not` : 'Spendbar needs';
    throw new ProviderError(
      'config',
      `${got} the BigQuery billing export table as PROJECT.DATASET.TABLE (the standard usage cost export, gcp_billing_export_v1_…). Set it with \`spendbar accounts add gcp --set billingTable=PROJECT.DATASET.TABLE\`.`,
    );
  }
  return { project: match[1]!, dataset: match[2]!, table: match[3]!, path: `${match[1]}.${match[2]}.${match[3]}` };
}

export function billingQuery(table: BillingTable): string {
  // The table cannot be a query parameter; parseBillingTable admits no backtick or quote.
  return [
    "SELECT FORMAT_DATE('%Y-%m-%d', DATE(usage_start_time, 'America/Los_Angeles')) AS day,",
    '  service.description AS service,',
    '  currency,',
    '  SUM(CAST(cost * 1000000 AS INT64)) AS cost_micros,',
    '  SUM(IFNULL((SELECT SUM(CAST(c.amount * 1000000 AS INT64)) FROM UNNEST(credits) AS c), 0)) AS credit_micros',
    `FROM \`${table.path}\``,
    'WHERE invoice.month = @invoice_month',
    'GROUP BY day, service, currency',
    'ORDER BY day, service',
  ].join('\n');
}

export interface CostRow {
  readonly day: string;
  readonly service: string;
  readonly currency: string;
  readonly costMicros: Dec;
  readonly creditMicros: Dec;
}

export interface QueryInput {
  readonly http: HttpClient;
  /** Origin of the BigQuery API (https://bigquery.googleapis.com, or the override). */
  readonly base: string;
  /** Project the query job runs in (and is billed to). */
  readonly jobProject: string;
  readonly table: BillingTable;
  readonly month: BillingMonth;
  readonly token: string;
  readonly account?: string;
  readonly secrets: readonly string[];
  readonly signal?: AbortSignal;
}

export async function queryBillingExport(input: QueryInput): Promise<{ rows: CostRow[]; bytesProcessed?: string }> {
  const jobsUrl = `${input.base}/bigquery/v2/projects/${encodeURIComponent(input.jobProject)}/queries`;
  const common = {
    provider: NAME,
    headers: { authorization: `Bearer ${input.token}` },
    secrets: input.secrets,
    signal: input.signal,
    schema: queryResponseSchema,
    explain: (status: number, text: string | undefined) => explainQueryError(input, status, text),
  };
  const body = {
    query: billingQuery(input.table),
    useLegacySql: false,
    parameterMode: 'NAMED',
    queryParameters: [{ name: 'invoice_month', parameterType: { type: 'STRING' }, parameterValue: { value: input.month.key.replace('-', '') } }],
    timeoutMs: 20_000,
    labels: { source: 'spendbar' },
  };
  let answer: QueryResponse = (await input.http.json({ ...common, method: 'POST', url: jobsUrl, body })).data;
  let bytesProcessed = answer.totalBytesProcessed ?? undefined;
  const rows: CostRow[] = [];
  // The job, as the first answer names it: later pages repeat it, but it cannot change.
  let job: QueryResponse['jobReference'];
  let pageToken: string | undefined;
  for (let waits = 0, pages = 0; ; ) {
    bytesProcessed = answer.totalBytesProcessed ?? bytesProcessed;
    if (answer.jobComplete) {
      rows.push(...toRows(answer));
      if (!answer.pageToken) return { rows, bytesProcessed };
      if ((pages += 1) >= MAX_PAGES) throw new ProviderError('parse', `${NAME} returned more than ${MAX_PAGES} pages of billing rows; Spendbar stopped reading.`, { url: jobsUrl });
      pageToken = nextCursor(NAME, pageToken, answer.pageToken, jobsUrl);
    } else if ((waits += 1) > MAX_WAITS) {
      throw new ProviderError('provider-unavailable', `${NAME} did not finish the billing query in time. Spendbar will try again later.`, { url: jobsUrl });
    }
    job ??= answer.jobReference;
    if (!job) throw new ProviderError('parse', `${NAME} answered in an unexpected shape: field "jobReference" is missing.`, { url: jobsUrl });
    const query = new URLSearchParams({ timeoutMs: '10000' });
    if (job.location) query.set('location', job.location);
    if (answer.jobComplete && pageToken) query.set('pageToken', pageToken);
    const resultsUrl = `${jobsUrl}/${encodeURIComponent(job.jobId)}?${query.toString()}`;
    answer = (await input.http.json({ ...common, url: resultsUrl })).data;
  }
}

/** Cells by column name (from the answer's schema), so a reordered view still reads right. */
function toRows(answer: QueryResponse): CostRow[] {
  const names = answer.schema?.fields.map((field) => field.name) ?? ['day', 'service', 'currency', 'cost_micros', 'credit_micros'];
  const at = (name: string) => names.indexOf(name);
  return (answer.rows ?? []).map((row, index) => {
    const value = (name: string) => row.f[at(name)]?.v ?? null;
    const micros = (name: string) => {
      const text = value(name);
      if (text !== null && !/^-?\d+$/.test(text)) throw new ProviderError('parse', `${NAME} answered in an unexpected shape: field "rows.${index}.${name}" is not a whole number.`);
      return new Dec(text ?? 0);
    };
    const currency = value('currency');
    if (!currency) throw new ProviderError('parse', `${NAME} answered in an unexpected shape: field "rows.${index}.currency" is missing.`);
    if (!isCurrency(currency)) throw new ProviderError('parse', `${NAME} answered in an unexpected shape: field "rows.${index}.currency" is not a currency code.`);
    return { day: value('day') ?? '', service: value('service') ?? 'Other', currency, costMicros: micros('cost_micros'), creditMicros: micros('credit_micros') };
  });
}

export interface ExportFigures {
  readonly monthToDate?: Money;
  readonly dailySpend: readonly DailySpend[];
  readonly breakdown: readonly BreakdownItem[];
  /** Cost before credits, and the credits (negative), for the note. */
  readonly gross?: Money;
  readonly credits?: Money;
}

/** Net cost (cost + credits) per day and service. Days outside the invoice month (late adjustments) go to its nearest day. */
export function exportFigures(rows: readonly CostRow[], month: BillingMonth): ExportFigures {
  if (rows.length === 0) return { dailySpend: [], breakdown: [] };
  const currencies = new Set(rows.map((row) => row.currency.toUpperCase()));
  if (currencies.size > 1) throw new ProviderError('parse', `The billing export mixes currencies (${[...currencies].join(', ')}); Spendbar adds up one currency per account.`);
  const currency = [...currencies][0]!;
  const first = month.start.toISOString().slice(0, 10);
  const last = new Date(month.end.getTime() - 86_400_000).toISOString().slice(0, 10);
  const byDay = new Map<string, Dec>();
  const byService = new Map<string, Dec>();
  let gross = new Dec(0);
  let credits = new Dec(0);
  for (const row of rows) {
    const net = row.costMicros.plus(row.creditMicros);
    const day = !/^\d{4}-\d{2}-\d{2}$/.test(row.day) || row.day < first ? first : row.day > last ? last : row.day;
    byDay.set(day, (byDay.get(day) ?? new Dec(0)).plus(net));
    byService.set(row.service, (byService.get(row.service) ?? new Dec(0)).plus(net));
    gross = gross.plus(row.costMicros);
    credits = credits.plus(row.creditMicros);
  }
  const fromMicros = (micros: Dec) => money(micros.div(1_000_000), currency);
  return {
    monthToDate: fromMicros(gross.plus(credits)),
    dailySpend: [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, micros]) => ({ date, money: fromMicros(micros) })),
    breakdown: [...byService.entries()]
      .sort(([labelA, a], [labelB, b]) => b.comparedTo(a) || labelA.localeCompare(labelB))
      .map(([label, micros]) => ({ dimension: 'service' as const, label, money: fromMicros(micros) })),
    gross: fromMicros(gross),
    credits: fromMicros(credits),
  };
}

function explainQueryError(input: QueryInput, status: number, text: string | undefined): string | undefined {
  const said = text ? ` (BigQuery said: "${text}")` : '';
  const { table } = input;
  if (status === 404) {
    return `BigQuery found no table ${table.path}${said}. Set billingTable to PROJECT.DATASET.TABLE of the standard usage cost export (gcp_billing_export_v1_…): \`spendbar accounts add gcp --set billingTable=…\`.`;
  }
  if (status === 403 && /quota|rate limit/i.test(text ?? '')) return `BigQuery refused the query for quota reasons${said}. Spendbar will ask again at the next refresh.`;
  if (status === 403) {
    const who = input.account ? `The service account ${input.account}` : 'The service account';
    return `${who} may not query ${table.path}${said}: it needs BigQuery Data Viewer on dataset ${table.project}.${table.dataset} and BigQuery Job User on project ${input.jobProject}.`;
  }
  if (status === 400) return `BigQuery rejected Spendbar's query on ${table.path}${said}. Check that billingTable is the standard usage cost export table (or a view with its columns).`;
  if (status === 401) return `Google rejected the service account's access token${said}. Check the key file, or create a new key.`;
  return undefined;
}

function isCurrency(code: string): boolean {
  try {
    normalizeCurrency(code);
    return true;
  } catch {
    return false;
  }
}
