/**
 * Fake GitHub REST API replaying the published examples of the enhanced billing platform's usage and
 * premium-request reports (@octokit/openapi `components.examples`), for an organization and a user.
 */
import premiumOrg from '../../src/core/providers/github/__fixtures__/premium-request-report-org.json' with { type: 'json' };
import premiumUser from '../../src/core/providers/github/__fixtures__/premium-request-report-user.json' with { type: 'json' };
import usageOrg from '../../src/core/providers/github/__fixtures__/usage-report-org.json' with { type: 'json' };
import usageUser from '../../src/core/providers/github/__fixtures__/usage-report-user.json' with { type: 'json' };
import { routes, startFakeServer, type FakeReply, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface GitHubFakeState {
  /** Answer 403 as GitHub does for a token without billing access. */
  forbidden: boolean;
}

export interface GitHubFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: RecordedRequest[];
  set(state: Partial<GitHubFakeState>): void;
  close(): Promise<void>;
}

const forbidden: FakeReply = {
  status: 403,
  json: { message: 'Resource not accessible by personal access token', documentation_url: 'https://docs.github.com/rest/billing/usage', status: '403' },
};

/**
 * The healthy report routes for the published examples' organization (octo-org) and user (monalisa),
 * with `overrides` replacing any of them.
 */
export function githubRoutes(overrides: RouteTable = {}): RouteTable {
  return {
    'GET /organizations/octo-org/settings/billing/usage': { json: usageOrg },
    'GET /organizations/octo-org/settings/billing/premium_request/usage': { json: premiumOrg },
    'GET /users/monalisa/settings/billing/usage': { json: usageUser },
    'GET /users/monalisa/settings/billing/premium_request/usage': { json: premiumUser },
    ...overrides,
  };
}

export async function startGitHubFake(initial: Partial<GitHubFakeState> = {}): Promise<GitHubFake> {
  const state: GitHubFakeState = { forbidden: false, ...initial };
  const table = routes(githubRoutes(), { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } });
  const server = await startFakeServer((request) => (state.forbidden ? forbidden : table(request)));
  return {
    url: server.origin,
    requests: server.requests,
    set(next) {
      Object.assign(state, next);
    },
    close: () => server.close(),
  };
}
