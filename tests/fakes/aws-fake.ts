/**
 * A fake AWS Cost Explorer speaking AWS JSON 1.1: every call is `POST /` with `X-Amz-Target:
 * AWSInsightsIndexService.<Operation>`; errors are `{"__type", "message"}` with header x-amzn-ErrorType
 * (status 400 for client errors such as AccessDeniedException and ThrottlingException, by the protocol's
 * convention). Answers are built in the shape of the published `get-cost-and-usage` example.
 *
 * Also the test setup the AWS tests share: static test credentials in the environment (the SDK's chain
 * reads them), no real ~/.aws, no instance-metadata lookups, and a one-call poll against a fake.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { createHttpClient } from '../../src/core/http/http-client.js';
import { billingMonth, type BillingMonth } from '../../src/core/model/billing-month.js';
import type { Snapshot } from '../../src/core/model/snapshot.js';
import { createAwsProvider } from '../../src/core/providers/aws/aws-provider.js';
import { createProviderContext } from '../../src/core/providers/provider-context.js';
import { startFakeServer, type FakeHandler, type FakeReply, type RecordedRequest } from './fake-http-server.js';

const TARGET_PREFIX = 'AWSInsightsIndexService.';
const JSON_11 = 'application/x-amz-json-1.1';

/** Costs by UTC day and service: `{ '2026-11-18': { 'Amazon Simple Storage Service': '40.3543773134' } }`. */
export type DailyServiceCosts = Record<string, Record<string, string>>;

export interface AwsFakeOptions {
  costs: DailyServiceCosts;
  /** `Total.Amount` of GetCostForecast, or an error reply. */
  forecast?: string | FakeReply;
  /** Replaces the GetCostAndUsage answer (a verbatim fixture, an error). */
  costAndUsage?: FakeReply | ((body: CostAndUsageRequest) => FakeReply);
  unit?: string;
  /** Splits the answer after this many days, with a NextPageToken. */
  pageDays?: number;
}

export interface CostAndUsageRequest {
  TimePeriod: { Start: string; End: string };
  Granularity: string;
  Metrics: string[];
  GroupBy?: { Type: string; Key: string }[];
  NextPageToken?: string;
}

export function awsOperation(request: RecordedRequest): string | undefined {
  const target = request.headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
}

/** An awsJson1.1 error reply. */
export function awsErrorReply(type: string, message: string, status = 400): FakeReply {
  return { status, headers: { 'content-type': JSON_11, 'x-amzn-errortype': type }, json: { __type: type, message } };
}

export function awsFake(options: AwsFakeOptions): FakeHandler {
  return (request) => {
    if (request.method !== 'POST' || request.path !== '/') return awsErrorReply('UnknownOperationException', 'Not found', 404);
    const operation = awsOperation(request);
    if (operation === 'GetCostAndUsage') {
      const body = JSON.parse(request.body) as CostAndUsageRequest;
      if (typeof options.costAndUsage === 'function') return options.costAndUsage(body);
      if (options.costAndUsage) return options.costAndUsage;
      return { headers: { 'content-type': JSON_11 }, json: costAndUsageAnswer(options, body) };
    }
    if (operation === 'GetCostForecast') {
      if (options.forecast === undefined || typeof options.forecast !== 'string') return options.forecast ?? awsErrorReply('DataUnavailableException', 'Insufficient amount of historical data to generate forecast.');
      const body = JSON.parse(request.body) as { TimePeriod: { Start: string; End: string } };
      const amount = options.forecast;
      return {
        headers: { 'content-type': JSON_11 },
        json: {
          Total: { Amount: amount, Unit: options.unit ?? 'USD' },
          ForecastResultsByTime: [{ TimePeriod: body.TimePeriod, MeanValue: amount, PredictionIntervalLowerBound: amount, PredictionIntervalUpperBound: amount }],
        },
      };
    }
    return awsErrorReply('UnknownOperationException', `Unknown operation ${operation ?? '(none)'}`);
  };
}

function costAndUsageAnswer(options: AwsFakeOptions, body: CostAndUsageRequest): unknown {
  const days: string[] = [];
  for (let day = new Date(`${body.TimePeriod.Start}T00:00:00Z`); day.toISOString().slice(0, 10) < body.TimePeriod.End; day = new Date(day.getTime() + 86_400_000)) {
    days.push(day.toISOString().slice(0, 10));
  }
  const offset = body.NextPageToken ? Number(body.NextPageToken.replace('page-', '')) : 0;
  const pageDays = options.pageDays ?? days.length;
  const shown = days.slice(offset, offset + pageDays);
  const more = offset + pageDays < days.length;
  return {
    GroupDefinitions: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    ResultsByTime: shown.map((day) => ({
      TimePeriod: { Start: day, End: new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) },
      Total: {},
      Groups: Object.entries(options.costs[day] ?? {}).map(([service, amount]) => ({
        Keys: [service],
        Metrics: { UnblendedCost: { Amount: amount, Unit: options.unit ?? 'USD' } },
      })),
      Estimated: true,
    })),
    DimensionValueAttributes: [],
    ...(more ? { NextPageToken: `page-${offset + pageDays}` } : {}),
  };
}

// ---- test setup ----------------------------------------------------------------------------------

export const TEST_ACCESS_KEY_ID = 'AKIATEST000000000000';
export const TEST_SECRET_KEY = 'aws-secret-test-0000-do-not-use';

/** A home folder with an empty ~/.aws, so the developer's real profiles never leak into a test. */
export function isolateAwsEnvironment(): string {
  const home = mkdtempSync(join(tmpdir(), 'spendbar-aws-home-'));
  vi.stubEnv('HOME', home);
  vi.stubEnv('USERPROFILE', home);
  vi.stubEnv('AWS_CONFIG_FILE', join(home, '.aws', 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, '.aws', 'credentials'));
  vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_ACCESS_KEY_ID);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_SECRET_KEY);
  vi.stubEnv('AWS_SESSION_TOKEN', '');
  vi.stubEnv('AWS_PROFILE', '');
  vi.stubEnv('AWS_ENDPOINT_URL', '');
  vi.stubEnv('AWS_ENDPOINT_URL_COST_EXPLORER', '');
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
  return home;
}

export const testAwsProvider = createAwsProvider({ timeoutMs: 2_000 });

export interface AwsPollOptions {
  now?: Date;
  month?: BillingMonth;
  previous?: Snapshot;
  settings?: Record<string, string>;
}

/** One poll against a fresh fake; the requests it received come back with the snapshot or the error. */
export async function pollAws(handler: FakeHandler, options: AwsPollOptions = {}): Promise<{ snapshot?: Snapshot; error?: unknown; requests: RecordedRequest[] }> {
  const server = await startFakeServer(handler);
  try {
    const now = options.now ?? new Date('2026-11-21T10:00:00Z');
    const context = createProviderContext({
      provider: testAwsProvider,
      http: createHttpClient(),
      now: () => now,
      month: options.month ?? billingMonth(2026, 11),
      credentials: { profile: options.settings?.profile },
      settings: options.settings,
      baseUrl: server.origin,
      previous: options.previous,
    });
    try {
      return { snapshot: await testAwsProvider.fetchSnapshot!(context), requests: server.requests };
    } catch (error) {
      return { error, requests: server.requests };
    }
  } finally {
    await server.close();
  }
}

/** The operation and JSON body of a recorded Cost Explorer request. */
export function ceCall(request: RecordedRequest): { operation: string; body: Record<string, unknown> } {
  const target = String(request.headers['x-amz-target'] ?? '');
  return { operation: target.replace('AWSInsightsIndexService.', ''), body: JSON.parse(request.body) as Record<string, unknown> };
}
