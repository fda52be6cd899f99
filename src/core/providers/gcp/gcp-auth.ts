/**
 * An OAuth access token for the service account in a key file, through google-auth-library. The library
 * reads the key file and signs the JWT; Spendbar only shapes its transport: the token endpoint is the key
 * file's `token_uri` (google-auth-library 10 always posts to oauth2.googleapis.com), 5xx answers are
 * retried twice and 429 never, and every failure becomes a ProviderError that names the file and never
 * quotes the library's own error (it carries the signed assertion).
 */
import type { GoogleAuth, gaxios } from 'google-auth-library';
import { parseRetryAfter, pathOf } from '../../http/http-errors.js';
import { ProviderError, redact, type ErrorKind } from '../../model/provider-error.js';
import { scrubAndClip } from '../../http/secret-scrub.js';

type GaxiosError = gaxios.GaxiosError;

const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const KEYS_URL = 'https://console.cloud.google.com/iam-admin/serviceaccounts';
const NAME = 'Google Cloud';

export interface AccessToken {
  readonly token: string;
  /** The service account's email, for messages about roles. */
  readonly account?: string;
  /** Values from the key file that must never appear in a message (the private key and its id). */
  readonly secrets: readonly string[];
}

interface KeyFileContent {
  client_email?: string;
  private_key?: string;
  private_key_id?: string;
  client_secret?: string;
  refresh_token?: string;
  token_uri?: string;
}

/** `providerId` names the provider in the `spendbar accounts add …` hint of key file errors (gcp, gemini). */
export async function accessToken(keyFile: string, scopes: readonly string[], timeoutMs: number, providerId = 'gcp'): Promise<AccessToken> {
  // Loaded on first use: most runs of the CLI never talk to Google.
  const google = await import('google-auth-library');
  const transporter = new google.gaxios.Gaxios({ timeout: timeoutMs });
  const auth = new google.GoogleAuth({ keyFilename: keyFile, scopes: [...scopes], clientOptions: { transporter } });

  let client: Awaited<ReturnType<GoogleAuth['getClient']>>;
  try {
    client = await auth.getClient();
  } catch (error) {
    throw keyFileError(keyFile, error, providerId);
  }
  // Without parsed JSON the library has fallen back to reading the file as a PEM or P12 key, which would
  // only fail later, at the token endpoint: Spendbar takes JSON keys only.
  if (!auth.jsonContent) throw keyFileError(keyFile, undefined, providerId);
  const content = auth.jsonContent as KeyFileContent;
  const tokenUri = content.token_uri;
  transporter.interceptors.request.add({
    resolved: async (config) => {
      if (tokenUri && String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUri);
      // Like Spendbar's own HTTP client: retry a 5xx or a dropped connection twice, never a 429.
      config.retryConfig = { retry: 2, noResponseRetries: 2, httpMethodsToRetry: ['POST'], statusCodesToRetry: [[500, 599]] };
      return config;
    },
  });
  const privateKey = content.private_key ?? '';
  // The whole key and each of its lines, so that no fragment of it could survive in a message.
  const keyLines = privateKey.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'));
  const secrets = [privateKey, ...keyLines, content.private_key_id, content.client_secret, content.refresh_token].filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  const url = tokenUri ?? GOOGLE_TOKEN_URL;
  let token: string | null | undefined;
  try {
    token = (await client.getAccessToken()).token;
  } catch (error) {
    throw tokenError(error instanceof google.gaxios.GaxiosError ? error : undefined, url, keyFile, secrets);
  }
  // A token goes into an Authorization header: one with spaces or control characters (a damaged answer)
  // would fail there as if the network were down.
  if (!token || !/^[\x21-\x7e]+$/.test(token)) throw tokenError(undefined, url, keyFile, secrets);
  return { token, account: content.client_email, secrets: [...secrets, token] };
}

function keyFileError(keyFile: string, error: unknown, providerId: string): ProviderError {
  const code = (error as { code?: string })?.code;
  const how = `Set the key file with \`spendbar accounts add ${providerId} --set keyFile=/path/to/key.json\` or GOOGLE_APPLICATION_CREDENTIALS.`;
  if (code === 'ENOENT') return new ProviderError('config', `The Google Cloud key file ${keyFile} does not exist. ${how}`);
  if (code === 'EACCES' || code === 'EPERM') return new ProviderError('config', `The Google Cloud key file ${keyFile} cannot be read (permission denied).`);
  if (code === 'EISDIR') return new ProviderError('config', `${keyFile} is a folder, not a key file. ${how}`);
  return new ProviderError(
    'config',
    `${keyFile} is not a usable Google Cloud key file: Spendbar needs a service account key in JSON (create one at ${KEYS_URL}). ${how}`,
  );
}

/** `error` is a GaxiosError (an HTTP or network failure), or undefined when no token came back. */
function tokenError(error: GaxiosError | undefined, url: string, keyFile: string, secrets: readonly string[]): ProviderError {
  const make = (kind: ErrorKind, message: string, details: { status?: number; retryAfterMs?: number } = {}) =>
    new ProviderError(kind, redact(message, secrets), { url: pathOf(url), ...details });
  if (!error) {
    return make('parse', `${NAME}'s token endpoint answered without an access token (an HTML page or another shape). Check token_uri in ${keyFile}.`);
  }
  const status = error.response?.status;
  const data = error.response?.data as { error?: unknown; error_description?: unknown } | undefined;
  const oauthError = typeof data?.error === 'string' ? data.error : undefined;
  const said = oauthError ? ` (${oauthError}${typeof data?.error_description === 'string' ? `: ${scrubAndClip(data.error_description, secrets, 200)}` : ''})` : '';
  if (status === undefined) {
    const timedOut = error.name === 'TimeoutError' || /abort|timeout/i.test(`${String(error.code ?? '')} ${error.message}`);
    const what = timedOut ? 'did not answer in time' : error.code === 'ECONNREFUSED' ? 'refused the connection' : 'could not be reached';
    return make('network', `${NAME}'s token endpoint ${what}. Check the network (or proxy) and try again.`);
  }
  if (oauthError === 'invalid_grant' || status === 401) {
    return make('auth', `${NAME} rejected the service account key in ${keyFile}${said}. It may have been deleted or disabled, or this computer's clock is wrong: create a new key at ${KEYS_URL}.`, { status });
  }
  if (status === 429) {
    const headers = Object.fromEntries(error.response?.headers?.entries?.() ?? []);
    return make('rate-limited', `${NAME}'s token endpoint is rate-limiting Spendbar. It will wait before asking again.`, { status, retryAfterMs: parseRetryAfter(headers, Date.now()) });
  }
  if (status >= 500) return make('provider-unavailable', `${NAME}'s token endpoint is having trouble (HTTP ${status}). Spendbar will try again later.`, { status });
  if (status === 403) return make('permission', `${NAME} refused a token for the service account in ${keyFile}${said}.`, { status });
  if (status === 402) return make('billing', `${NAME}'s token endpoint answered HTTP 402 (payment required)${said}.`, { status });
  if (status === 404) return make('config', `${NAME}'s token endpoint was not found (HTTP 404). Check token_uri in ${keyFile}.`, { status });
  return make('config', `${NAME} refused a token for the key in ${keyFile} (HTTP ${status})${said}.`, { status });
}
