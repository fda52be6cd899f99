/**
 * Fake OpenRouter replaying the published shapes of `GET /credits` and `GET /key`
 * (OpenRouterTeam/typescript-sdk openapi). State can be changed while it runs.
 */
import credits from '../../src/core/providers/openrouter/__fixtures__/credits.json' with { type: 'json' };
import key from '../../src/core/providers/openrouter/__fixtures__/key.json' with { type: 'json' };
import { routes, startFakeServer, type RecordedRequest, type RouteTable } from './fake-http-server.js';

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

const CREDITS = 'GET /api/v1/credits';
const KEY = 'GET /api/v1/key';

/** The healthy routes: the published `/credits` and `/key` answers; `overrides` replace either. */
export function openrouterRoutes(overrides: RouteTable = {}): RouteTable {
  return { [CREDITS]: { json: credits }, [KEY]: { json: key }, ...overrides };
}

export async function startOpenRouterFake(initial: Partial<OpenRouterFakeState> = {}): Promise<OpenRouterFake> {
  const state: OpenRouterFakeState = {
    totalCredits: credits.data.total_credits,
    totalUsage: credits.data.total_usage,
    usageMonthly: key.data.usage_monthly,
    managementKey: true,
    down: false,
    ...initial,
  };
  const table = routes(
    openrouterRoutes({
      [CREDITS]: () =>
        state.managementKey
          ? { json: { data: { total_credits: state.totalCredits, total_usage: state.totalUsage } } }
          : { status: 403, json: { error: { code: 403, message: 'Only management keys can perform this operation' } } },
      [KEY]: () => ({
        json: {
          data: {
            ...key.data,
            usage: state.totalUsage,
            usage_monthly: state.usageMonthly,
            is_management_key: state.managementKey,
            is_provisioning_key: state.managementKey,
          },
        },
      }),
    }),
  );
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
