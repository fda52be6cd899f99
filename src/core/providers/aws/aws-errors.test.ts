import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { awsErrorReply, awsFake, isolateAwsEnvironment, pollAws, TEST_SECRET_KEY } from '../../../../tests/fakes/aws-fake.js';
import { ProviderError } from '../../model/provider-error.js';

let home: string;
beforeEach(() => {
  home = isolateAwsEnvironment();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function failureFor(costAndUsage: Parameters<typeof awsFake>[0]['costAndUsage'], settings?: Record<string, string>): Promise<ProviderError> {
  const { error } = await pollAws(awsFake({ costs: {}, costAndUsage, forecast: '1' }), { settings });
  expect(error).toBeInstanceOf(ProviderError);
  const providerError = error as ProviderError;
  expect(`${providerError.message} ${JSON.stringify(providerError)}`).not.toContain(TEST_SECRET_KEY);
  return providerError;
}

function writeAwsConfig(config: string, credentials = ''): void {
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), config);
  writeFileSync(join(home, '.aws', 'credentials'), credentials);
  // Profiles are read instead of the environment keys, as with a real `--set profile=…` account.
  vi.stubEnv('AWS_ACCESS_KEY_ID', '');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
}

describe('aws errors from Cost Explorer', () => {
  it('says which permissions an identity without Cost Explorer access needs', async () => {
    const message = 'User: arn:aws:iam::123456789012:user/spendbar is not authorized to perform: ce:GetCostAndUsage on resource: arn:aws:ce:us-east-1:123456789012:/GetCostAndUsage';
    const error = await failureFor(awsErrorReply('AccessDeniedException', message));
    expect(error.kind).toBe('permission');
    expect(error.message).toContain('ce:GetCostAndUsage and ce:GetCostForecast');
    expect(error.message).toContain('user/spendbar');
  });

  it('says to enable Cost Explorer when the account has not turned it on', async () => {
    const error = await failureFor(awsErrorReply('AccessDeniedException', 'User not enabled for cost explorer access'));
    expect(error.kind).toBe('config');
    expect(error.message).toContain('Open Cost Explorer once');
  });

  it.each(['ThrottlingException', 'LimitExceededException'])('reports %s as rate-limited', async (type) => {
    const error = await failureFor(awsErrorReply(type, 'Rate exceeded'));
    expect(error.kind).toBe('rate-limited');
  });

  it.each([
    ['UnrecognizedClientException', 'The security token included in the request is invalid.', 'aws configure'],
    ['ExpiredTokenException', 'The security token included in the request is expired', 'aws sso login'],
  ])('reports %s as an auth problem with what to run', async (type, text, advice) => {
    const error = await failureFor(awsErrorReply(type, text));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain(advice);
  });

  it('treats missing data for the month as a passing outage', async () => {
    const error = await failureFor(awsErrorReply('DataUnavailableException', 'Data is not available. Please try to adjust the time period.'));
    expect(error.kind).toBe('provider-unavailable');
  });

  it('never repeats the secret access key, even when AWS echoes it', async () => {
    const error = await failureFor(awsErrorReply('ValidationException', `Bad request signed with ${TEST_SECRET_KEY}`));
    expect(error.kind).toBe('config');
    expect(error.message).toContain('[redacted]');
  });
});

describe('aws credentials', () => {
  it('uses a named profile from ~/.aws/credentials', async () => {
    writeAwsConfig('[profile work]\nregion = eu-west-1\n', '[work]\naws_access_key_id = AKIAWORKPROFILE00000\naws_secret_access_key = work-secret-test-0000\n');
    const { snapshot, requests } = await pollAws(awsFake({ costs: { '2026-11-20': { Tax: '1.00' } }, forecast: '2' }), { settings: { profile: 'work' } });
    expect(snapshot?.monthToDate?.money.amount.toString()).toBe('1');
    expect(String(requests[0]!.headers.authorization)).toContain('Credential=AKIAWORKPROFILE00000/');
  });

  it('names a profile that does not exist and says how to create it', async () => {
    writeAwsConfig('[profile work]\nregion = eu-west-1\n');
    const { error, requests } = await pollAws(awsFake({ costs: {} }), { settings: { profile: 'nosuch' } });
    expect(requests).toHaveLength(0);
    expect((error as ProviderError).kind).toBe('config');
    expect((error as ProviderError).message).toContain('AWS profile "nosuch" was not found');
    expect((error as ProviderError).message).toContain('aws configure --profile nosuch');
  });

  it('says to log in again when the SSO session has expired', async () => {
    const startUrl = 'https://example-corp.awsapps.com/start';
    writeAwsConfig(`[profile dev]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = BillingReadOnly\n`);
    const cacheFile = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(startUrl).digest('hex')}.json`);
    writeFileSync(cacheFile, JSON.stringify({ startUrl, region: 'us-east-1', accessToken: 'expired-token-test', expiresAt: '2026-01-01T00:00:00Z' }));
    const { error, requests } = await pollAws(awsFake({ costs: {} }), { settings: { profile: 'dev' } });
    expect(requests).toHaveLength(0);
    expect((error as ProviderError).kind).toBe('auth');
    expect((error as ProviderError).message).toContain('run `aws sso login --profile dev`');
  });

  it('says how to set up credentials when there are none at all', async () => {
    writeAwsConfig('');
    const { error } = await pollAws(awsFake({ costs: {} }));
    expect((error as ProviderError).kind).toBe('missing-credential');
    expect((error as ProviderError).message).toContain('spendbar accounts add aws --set profile=NAME');
  });
});
