/**
 * Fake Railway public API (`POST /graphql/v2`). Railway publishes no example responses, so the replies
 * are built from the public schema (railwayapp/cli src/gql/schema.json) in GraphQL's response shape.
 */
import notAuthorized from '../../src/core/providers/railway/__fixtures__/error-not-authorized.json' with { type: 'json' };
import meWorkspaces from '../../src/core/providers/railway/__fixtures__/me-workspaces.json' with { type: 'json' };
import workspace from '../../src/core/providers/railway/__fixtures__/workspace.json' with { type: 'json' };
import { routes, startFakeServer, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface RailwayFakeState {
  /** Answer every query with GraphQL's `errors: [{message: "Not Authorized"}]` inside a 200. */
  notAuthorized: boolean;
}

export interface RailwayFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: RecordedRequest[];
  set(state: Partial<RailwayFakeState>): void;
  close(): Promise<void>;
}

const GRAPHQL = 'POST /graphql/v2';

/** The healthy GraphQL route: one workspace when a query names it, else the viewer's workspaces. */
export function railwayRoutes(overrides: RouteTable = {}): RouteTable {
  return {
    [GRAPHQL]: (request) => {
      const body = JSON.parse(request.body) as { query?: string };
      return { json: body.query?.includes('workspace(workspaceId') ? workspace : meWorkspaces };
    },
    ...overrides,
  };
}

export async function startRailwayFake(initial: Partial<RailwayFakeState> = {}): Promise<RailwayFake> {
  const state: RailwayFakeState = { notAuthorized: false, ...initial };
  const server = await startFakeServer((request) => routes(railwayRoutes(state.notAuthorized ? { [GRAPHQL]: { json: notAuthorized } } : {}))(request));
  return {
    url: server.origin,
    requests: server.requests,
    set(next) {
      Object.assign(state, next);
    },
    close: () => server.close(),
  };
}
