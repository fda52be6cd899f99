/**
 * Fake Stripe API replaying the documented examples of `GET /v1/balance` and
 * `GET /v1/balance_transactions` (docs.stripe.com API reference; stripe/openapi fixtures share the shape).
 */
import transactions from '../../src/core/providers/stripe/__fixtures__/balance-transactions.json' with { type: 'json' };
import balance from '../../src/core/providers/stripe/__fixtures__/balance.json' with { type: 'json' };
import { routes, startFakeServer, type FakeReply, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface StripeFakeState {
  /** Answer 403 on balance transactions, as for a restricted key without that permission. */
  transactionsForbidden: boolean;
}

export interface StripeFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: RecordedRequest[];
  set(state: Partial<StripeFakeState>): void;
  close(): Promise<void>;
}

const TRANSACTIONS = 'GET /v1/balance_transactions';

/** The healthy routes: the documented balance and balance-transaction list; `overrides` replace either. */
export function stripeRoutes(overrides: RouteTable = {}): RouteTable {
  return { 'GET /v1/balance': { json: balance }, [TRANSACTIONS]: { json: transactions }, ...overrides };
}

const transactionsForbidden: FakeReply = {
  status: 403,
  json: {
    error: {
      type: 'invalid_request_error',
      message: 'The provided key does not have the required permissions for this endpoint. Having the rak_balance_transaction_source_read permission would allow this request to continue.',
    },
  },
};

export async function startStripeFake(initial: Partial<StripeFakeState> = {}): Promise<StripeFake> {
  const state: StripeFakeState = { transactionsForbidden: false, ...initial };
  const server = await startFakeServer((request) =>
    routes(stripeRoutes(state.transactionsForbidden ? { [TRANSACTIONS]: transactionsForbidden } : {}))(request),
  );
  return {
    url: server.origin,
    requests: server.requests,
    set(next) {
      Object.assign(state, next);
    },
    close: () => server.close(),
  };
}
