/**
 * Fake xAI Management API replaying the proto3-JSON shapes of the prepaid balance, the postpaid invoice
 * preview and the spending limits (xai-org/xai-proto billing.proto) for one team.
 */
import invoicePreview from '../../src/core/providers/xai/__fixtures__/invoice-preview.json' with { type: 'json' };
import prepaidBalance from '../../src/core/providers/xai/__fixtures__/prepaid-balance.json' with { type: 'json' };
import spendingLimits from '../../src/core/providers/xai/__fixtures__/spending-limits.json' with { type: 'json' };
import { routes, startFakeServer, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface XaiFakeState {
  /** Prepaid total in cents as xAI sends it; the sign varies between sources. */
  totalCents: string;
  /** Only this key is accepted; any other gets 401. */
  acceptKey: string;
}

export interface XaiFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: RecordedRequest[];
  set(state: Partial<XaiFakeState>): void;
  close(): Promise<void>;
}

const prepaidBalanceRoute = (teamId: string) => `GET /v1/billing/teams/${teamId}/prepaid/balance`;

/** The healthy billing routes of one team (prepaid balance, invoice preview, spending limits); `overrides` replace any. */
export function xaiRoutes(teamId: string, overrides: RouteTable = {}): RouteTable {
  const team = `/v1/billing/teams/${teamId}`;
  return {
    [prepaidBalanceRoute(teamId)]: { json: prepaidBalance },
    [`GET ${team}/postpaid/invoice/preview`]: { json: invoicePreview },
    [`GET ${team}/postpaid/spending-limits`]: { json: spendingLimits },
    ...overrides,
  };
}

export async function startXaiFake(teamId: string, initial: Partial<XaiFakeState> = {}): Promise<XaiFake> {
  const state: XaiFakeState = { totalCents: prepaidBalance.total.val, acceptKey: 'xai-mgmt-test-0000', ...initial };
  const table = routes(xaiRoutes(teamId, { [prepaidBalanceRoute(teamId)]: () => ({ json: { ...prepaidBalance, total: { val: state.totalCents } } }) }));
  const server = await startFakeServer((request) => {
    if (request.headers.authorization !== `Bearer ${state.acceptKey}`) return { status: 401, json: { code: 16, message: 'Invalid management key' } };
    return table(request);
  });
  return {
    url: server.origin,
    requests: server.requests,
    set(next) {
      Object.assign(state, next);
    },
    close: () => server.close(),
  };
}
