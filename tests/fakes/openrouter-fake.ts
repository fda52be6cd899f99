/**
 * Fake OpenRouter replaying the published shapes of `GET /credits` and `GET /key`
 * (OpenRouterTeam/typescript-sdk openapi). State can be changed while it runs.
 */
import { routes, startFakeServer, type RecordedRequest } from './fake-http-server.js';

export interface OpenRouterFakeState {
  totalCredits: number;
  totalUsage: number;
  usageMonthly: number;
  /** When false, `/credits` answers 403 as it does for non-management keys. */
  managementKey: boolean;
  /** Serve 503 on every route (a provider outage). */
  down: boolean;
}

export interface OpenRouterFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT/api/v1 */
  readonly url: string;
  readonly requests: RecordedRequest[];
  set(state: Partial<OpenRouterFakeState>): void;
  close(): Promise<void>;
}

export async function startOpenRouterFake(initial: Partial<OpenRouterFakeState> = {}): Promise<OpenRouterFake> {
  const state: OpenRouterFakeState = { totalCredits: 100.5, totalUsage: 25.75, usageMonthly: 12.5, managementKey: true, down: false, ...initial };
  const table = routes({
    'GET /api/v1/credits': () =>
      state.managementKey
        ? { json: { data: { total_credits: state.totalCredits, total_usage: state.totalUsage } } }
        : { status: 403, json: { error: { code: 403, message: 'Only management keys can perform this operation' } } },
    'GET /api/v1/key': () => ({
      json: {
        data: {
          label: 'sk-or-v1-abc...xyz',
          limit: 50,
          limit_remaining: 37.5,
          limit_reset: 'monthly',
          include_byok_in_limit: false,
          usage: state.totalUsage,
          usage_daily: 1.25,
          usage_weekly: 4.5,
          usage_monthly: state.usageMonthly,
          byok_usage: 0,
          byok_usage_daily: 0,
          byok_usage_weekly: 0,
          byok_usage_monthly: 0,
          is_free_tier: false,
          is_management_key: state.managementKey,
          is_provisioning_key: state.managementKey,
          rate_limit: { requests: -1, interval: '10s', note: 'deprecated' },
          expires_at: null,
          creator_user_id: 'user_2abc',
        },
      },
    }),
  });
  const server = await startFakeServer((request) =>
    state.down ? { status: 503, json: { error: { code: 503, message: 'Service Unavailable' } } } : table(request),
  );
  return {
    url: `${server.origin}/api/v1`,
    requests: server.requests,
    set(next) {
      Object.assign(state, next);
    },
    close: () => server.close(),
  };
}
