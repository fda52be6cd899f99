/**
 * The optional daily refresh of the reference rates (off by default). When the user turns it on, the
 * host asks one public endpoint for the ECB's latest rates at most once a day and keeps the answer in
 * rates.json in the data folder; this is the only request Spendbar makes beyond the providers the user
 * configured. The default endpoint is Frankfurter's v1 API, which republishes the ECB's reference rates
 * as JSON (`{"base": "EUR", "date": "2026-12-03", "rates": {"USD": 1.0812, …}}`; frankfurter.dev/v1:
 * "superseded by v2 but will continue to work"). SPENDBAR_RATES_URL points it elsewhere (a mirror, or a
 * local fake in tests).
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { HttpClient } from '../http/http-client.js';
import { readJsonFile, withLock, writeJsonAtomic, type StoreContext } from '../store/files.js';
import { bundledRates } from './bundled-rates.js';
import { rateTableSchema, type RateTable } from './rate-table.js';

export const DEFAULT_RATES_URL = 'https://api.frankfurter.dev/v1/latest';
export const RATES_FILE = 'rates.json';
/** How often the refresh asks, at most. */
export const REFRESH_EVERY_MS = 24 * 60 * 60 * 1000;

const storedSchema = z.object({ version: z.literal(1), fetchedAt: z.string(), table: rateTableSchema });
type Stored = z.infer<typeof storedSchema>;

// Frankfurter sends rates as JSON numbers; String() of a parsed number is its shortest round-trip form,
// which for the ECB's at most 6 significant digits is exactly the digits that were sent.
const answerSchema = z.object({
  base: z.literal('EUR'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  rates: z.record(z.string(), z.union([z.number().positive(), z.string()])),
});

export function ratesUrl(env: NodeJS.ProcessEnv): string {
  return env.SPENDBAR_RATES_URL?.trim() || DEFAULT_RATES_URL;
}

function readStored(context: StoreContext): Stored | undefined {
  return readJsonFile(join(context.dataDir, RATES_FILE), storedSchema, context);
}

/** The rates conversions use: the refreshed ones when they are newer than those bundled, else the bundled. */
export function currentReference(context: StoreContext): RateTable {
  const stored = readStored(context)?.table;
  return stored && stored.date > bundledRates.date ? stored : bundledRates;
}

/** When the last refresh succeeded (ISO), if ever. */
export function lastRefreshAt(context: StoreContext): string | undefined {
  return readStored(context)?.fetchedAt;
}

/**
 * Fetches the latest rates and stores them, unless the last refresh is under a day old (another
 * Spendbar process may have done it). Returns the table now in use; throws the HTTP client's
 * ProviderError (its message names the endpoint's host, never more) when the endpoint fails.
 */
export async function refreshRates(options: { context: StoreContext; http: HttpClient; env: NodeJS.ProcessEnv; now: Date; force?: boolean }): Promise<RateTable> {
  const last = lastRefreshAt(options.context);
  if (!options.force && last && options.now.getTime() - Date.parse(last) < REFRESH_EVERY_MS) return currentReference(options.context);
  const { data } = await options.http.json({ url: ratesUrl(options.env), schema: answerSchema, provider: 'The exchange-rate endpoint', secrets: [] });
  const rates = Object.fromEntries(
    Object.entries(data.rates)
      .map(([code, rate]) => [code.toUpperCase(), String(rate)] as const)
      .filter(([code, rate]) => /^[A-Z]{3}$/.test(code) && /^\d+(\.\d+)?$/.test(rate)),
  );
  const table: RateTable = { base: 'EUR', date: data.date, source: 'ECB reference rates (daily refresh)', rates };
  await withLock(options.context.dataDir, () => writeJsonAtomic(join(options.context.dataDir, RATES_FILE), { version: 1, fetchedAt: options.now.toISOString(), table }));
  return currentReference(options.context);
}
