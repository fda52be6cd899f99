/**
 * One GraphQL call to Railway's public API, with the errors Railway sends inside a 200 (`errors[]`)
 * turned into the engine's error kinds. Railway documents no error codes; the official CLI matches on the
 * message ("Not Authorized"), so messages are read first and Apollo-style `extensions.code` second.
 */
import type { z } from 'zod';
import type { ErrorKind } from '../../model/provider-error.js';
import { ProviderError, redact } from '../../model/provider-error.js';
import type { ProviderContext } from '../provider.js';
import { graphqlEnvelopeSchema, type GraphqlError } from './railway-schemas.js';
import { scrubAndClip } from '../../http/secret-scrub.js';

export const RAILWAY = 'Railway';
export const TOKENS_URL = 'https://railway.com/account/tokens';

export async function railwayQuery<T>(context: ProviderContext, query: string, variables: Record<string, unknown>, dataSchema: z.ZodType<T>): Promise<T> {
  const url = `${context.baseUrl}/graphql/v2`;
  const response = await context.http.json({
    method: 'POST',
    url,
    body: { query, variables },
    headers: { authorization: `Bearer ${context.credentials.token ?? ''}` },
    schema: graphqlEnvelopeSchema,
    provider: RAILWAY,
    secrets: context.secrets,
    signal: context.signal,
    explain: (status, said) =>
      status === 401 || status === 403 ? `Railway refused the token (HTTP ${status}${said ? `: "${said}"` : ''}). ${createTokenAdvice}` : undefined,
  });
  const { data, errors } = response.data;
  if (errors && errors.length > 0) throw graphqlError(errors[0]!, context, url);
  const parsed = dataSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['data', ...(issue?.path ?? [])].join('.');
    throw new ProviderError('parse', redact(`Railway answered in an unexpected shape: field "${field}" ${issue?.message ?? 'is invalid'}.`, context.secrets), {
      url,
      status: response.status,
    });
  }
  return parsed.data;
}

const createTokenAdvice = `Create an account token (workspace "No workspace") at ${TOKENS_URL} and set it as RAILWAY_API_TOKEN; for a workspace token also set RAILWAY_WORKSPACE_ID. Project tokens cannot read billing.`;

/** Maps the first GraphQL error to a kind and says what to fix. */
export function graphqlError(error: GraphqlError, context: ProviderContext, url: string): ProviderError {
  const said = scrubAndClip(error.message ?? '', context.secrets, 200);
  const code = error.extensions?.code ?? '';
  const quoted = said ? ` (Railway said: "${said}")` : '';
  const workspace = context.credentials.workspaceId;
  const [kind, advice] = classify(said, code, workspace);
  return new ProviderError(kind, redact(`${advice}${quoted}.`, context.secrets), { url });
}

function classify(said: string, code: string, workspace: string | undefined): [ErrorKind, string] {
  const text = said.toLowerCase();
  if (said === 'Two Factor Authentication Required') {
    return ['permission', 'This Railway workspace requires two-factor authentication: enable it at https://railway.com/account/security'];
  }
  if (text.includes('not authorized') || text.includes('unauthorized') || text.includes('not authenticated') || code === 'UNAUTHENTICATED') {
    const which = workspace
      ? `Railway did not let this token read the billing of workspace ${workspace}: check RAILWAY_WORKSPACE_ID, or`
      : 'Railway did not accept this token for billing: if it is a workspace token, set RAILWAY_WORKSPACE_ID to its workspace id; otherwise';
    return ['auth', `${which} create an account token at ${TOKENS_URL}`];
  }
  if (code === 'FORBIDDEN' || text.includes('forbidden') || text.includes('permission')) {
    return ['permission', `This Railway token may not read the workspace's billing: use an account token of a workspace admin (${TOKENS_URL})`];
  }
  if (text.includes('rate limit') || text.includes('ratelimit') || code === 'RATE_LIMITED') {
    return ['rate-limited', 'Railway is rate-limiting this token; Spendbar will wait before asking again'];
  }
  if (text.includes('not found') || text.includes('does not exist') || code === 'NOT_FOUND') {
    return ['config', `Railway has no such workspace: check RAILWAY_WORKSPACE_ID${workspace ? ` (${workspace})` : ''}`];
  }
  if (text.includes('cannot query field') || code === 'GRAPHQL_VALIDATION_FAILED') {
    return ['parse', "Railway's API no longer answers the billing query Spendbar sends; a Spendbar update is needed"];
  }
  if (code === 'BAD_USER_INPUT') return ['config', 'Railway refused the query input: check RAILWAY_WORKSPACE_ID'];
  return ['provider-unavailable', 'Railway could not answer the billing query; Spendbar will try again later'];
}
