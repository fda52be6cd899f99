/**
 * Fake GitHub REST API replaying the published examples of the enhanced billing platform's usage and
 * premium-request reports (@octokit/openapi `components.examples`), for an organization and a user.
 */
import premiumOrg from '../../src/core/providers/github/__fixtures__/premium-request-report-org.json' with { type: 'json' };
import premiumUser from '../../src/core/providers/github/__fixtures__/premium-request-report-user.json' with { type: 'json' };
import usageOrg from '../../src/core/providers/github/__fixtures__/usage-report-org.json' with { type: 'json' };
import usageUser from '../../src/core/providers/github/__fixtures__/usage-report-user.json' with { type: 'json' };
import { startFakeServer, type FakeReply, type RecordedRequest } from './fake-http-server.js';

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

export async function startGitHubFake(initial: Partial<GitHubFakeState> = {}): Promise<GitHubFake> {
  const state: GitHubFakeState = { forbidden: false, ...initial };
  const server = await startFakeServer((request) => {
    if (state.forbidden) return forbidden;
    const match = /^\/(organizations|users)\/[^/]+\/settings\/billing\/(usage|premium_request\/usage)$/.exec(request.path);
    if (request.method !== 'GET' || !match) return { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
    const org = match[1] === 'organizations';
    if (match[2] === 'usage') return { json: org ? usageOrg : usageUser };
    return { json: org ? premiumOrg : premiumUser };
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
