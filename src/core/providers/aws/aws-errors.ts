/**
 * Maps what the AWS SDK throws (credential-chain errors, Cost Explorer's awsJson1.1 `__type` errors, and
 * bare HTTP statuses from proxies or endpoint overrides) to Spendbar's error kinds, with a message that
 * says what to run. The SDK's own error objects are never passed on: they carry the raw response.
 */
import { parseRetryAfter } from '../../http/http-errors.js';
import { ProviderError, redact, type ErrorKind } from '../../model/provider-error.js';
import { scrubAndClip } from '../../http/secret-scrub.js';

export const AWS_NAME = 'AWS Cost Explorer';
const NEEDED = 'ce:GetCostAndUsage and ce:GetCostForecast';

export interface AwsErrorContext {
  /** The profile the account names, if any (the SDK also reads AWS_PROFILE itself). */
  readonly profile?: string;
  /** Endpoint without query, for the error's url. */
  readonly url: string;
  /** Values to scrub from AWS's own text (the resolved secret key and session token). */
  readonly secrets: readonly string[];
}

interface SdkErrorShape {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | string[] | undefined> };
}

const AUTH_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'InvalidClientTokenId',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'SignatureDoesNotMatch',
]);
const EXPIRED_ERRORS = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const THROTTLING_ERRORS = new Set(['ThrottlingException', 'Throttling', 'LimitExceededException', 'TooManyRequestsException', 'RequestLimitExceeded']);

/** Whether Cost Explorer said it has no forecast yet (too little history): the forecast is left out. */
export function isDataUnavailable(error: unknown): boolean {
  return (error as SdkErrorShape)?.name === 'DataUnavailableException';
}

export function awsError(error: unknown, context: AwsErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const shape = (error ?? {}) as SdkErrorShape;
  const name = shape.name ?? '';
  const said = shape.message && shape.message !== 'UnknownError' ? ` (AWS said: "${scrubAndClip(shape.message, context.secrets, 240)}")` : '';
  const make = (kind: ErrorKind, message: string, retryAfterMs?: number) =>
    new ProviderError(kind, redact(message, context.secrets), { url: context.url, status: shape.$metadata?.httpStatusCode, retryAfterMs });

  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') return credentialError(shape.message ?? '', context, make);

  const status = shape.$metadata?.httpStatusCode;
  const profileFlag = context.profile ? ` --profile ${context.profile}` : '';
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    if (/not enabled for cost explorer/i.test(shape.message ?? '')) {
      return make('config', `Cost Explorer is not enabled for this AWS account${said}. Open Cost Explorer once in the Billing and Cost Management console; data appears within about a day.`);
    }
    return make('permission', `AWS refused Cost Explorer access${said}. The IAM identity needs ${NEEDED}.`);
  }
  if (AUTH_ERRORS.has(name)) {
    return make('auth', `AWS rejected the credentials${said}. Check the access key, or run \`aws configure${profileFlag}\`.`);
  }
  if (EXPIRED_ERRORS.has(name)) {
    return make('auth', `The AWS credentials have expired${said}. Run \`aws sso login${profileFlag}\` (or refresh the profile's keys) and poll again.`);
  }
  if (THROTTLING_ERRORS.has(name) || status === 429) {
    return make('rate-limited', `${AWS_NAME} is throttling Spendbar${said}. It will wait before asking again.`, retryAfter(shape));
  }
  if (name === 'DataUnavailableException') {
    return make('provider-unavailable', `${AWS_NAME} has no data for this period yet${said}. After Cost Explorer is enabled, data takes up to a day to appear.`);
  }
  if (name === 'BillExpirationException') return make('config', `${AWS_NAME} no longer has that month${said}: it keeps about 13 months (38 with multi-year data).`);
  // The SDK reports a request cut off by the poll's deadline as its own AbortError.
  if (name === 'AbortError' || name === 'TimeoutError') {
    return make('network', `${AWS_NAME} did not answer in time. Check the network (or proxy) and try again.`);
  }
  if (name === 'SyntaxError' || (status !== undefined && status < 300)) {
    return make('parse', `${AWS_NAME} answered with a body that is not its JSON (an HTML page or a cut-off answer). If an endpoint override is set, check that it points at Cost Explorer.`);
  }
  if (status === 401) return make('auth', `${AWS_NAME} rejected the credentials (HTTP 401)${said}. Check the profile or run \`aws configure${profileFlag}\`.`);
  if (status === 402) return make('billing', `${AWS_NAME} answered HTTP 402 (payment required)${said}. Check the AWS account's billing status.`);
  if (status === 403) return make('permission', `${AWS_NAME} refused access (HTTP 403)${said}. The IAM identity needs ${NEEDED}.`);
  if (status === 404) return make('config', `${AWS_NAME} answered HTTP 404 at ${context.url}${said}. Check the endpoint override (baseUrl, SPENDBAR_AWS_BASE_URL or AWS_ENDPOINT_URL_COST_EXPLORER).`);
  if (status !== undefined && status >= 500) return make('provider-unavailable', `${AWS_NAME} is having trouble (HTTP ${status})${said}. Spendbar will try again later.`);
  if (status !== undefined) return make('config', `${AWS_NAME} refused the request (HTTP ${status}${name && name !== 'Unknown' ? `, ${name}` : ''})${said}.`);
  return make('parse', `Unexpected failure while reading ${AWS_NAME}${name ? ` (${name})` : ''}.`);
}

function credentialError(message: string, context: AwsErrorContext, make: (kind: ErrorKind, message: string) => ProviderError): ProviderError {
  const profile = context.profile;
  if (/sso/i.test(message) && /expired|refresh|login|invalid/i.test(message)) {
    const who = profile ? ` for profile "${profile}"` : '';
    return make('auth', `The AWS SSO session${who} has expired: run \`aws sso login${profile ? ` --profile ${profile}` : ''}\`, then poll again.`);
  }
  if (/could not load credentials from any providers|could not resolve credentials using profile|could not be found|not found in/i.test(message)) {
    if (profile) {
      return make(
        'config',
        `AWS profile "${profile}" was not found in ~/.aws/config or ~/.aws/credentials (or has no credentials). Check the name with \`aws configure list-profiles\`, or create it with \`aws configure --profile ${profile}\` (\`aws configure sso --profile ${profile}\` for SSO).`,
      );
    }
    return make(
      'missing-credential',
      'No AWS credentials were found. Run `aws configure` (or `aws configure sso`), or name a profile: `spendbar accounts add aws --set profile=NAME`.',
    );
  }
  const who = profile ? `profile "${profile}"` : 'the default AWS credentials';
  return make('config', `AWS could not load ${who}: ${scrubAndClip(message, context.secrets, 240)}. Check ~/.aws/config, or run \`aws configure${profile ? ` --profile ${profile}` : ''}\`.`);
}

function retryAfter(shape: SdkErrorShape): number | undefined {
  const headers = shape.$response?.headers;
  return headers ? parseRetryAfter(headers, Date.now()) : undefined;
}
