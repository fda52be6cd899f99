import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gcpFake, googleError, pollGcp, TEST_ACCESS_TOKEN, TEST_BILLING_TABLE, testPrivateKey } from '../../../../tests/fakes/gcp-fake.js';
import { ProviderError } from '../../model/provider-error.js';
import accessDenied from './__fixtures__/bigquery-error-access-denied.json' with { type: 'json' };
import notFound from './__fixtures__/bigquery-error-not-found.json' with { type: 'json' };

/** The body of the PEM, which is what would leak if a message ever quoted the key. */
const keyBody = () => testPrivateKey().split('\n').slice(1, 3).join('\n');

async function failure(...args: Parameters<typeof pollGcp>): Promise<{ error: ProviderError; requests: number }> {
  const { error, requests } = await pollGcp(...args);
  expect(error).toBeInstanceOf(ProviderError);
  const text = `${(error as ProviderError).message} ${JSON.stringify(error)} ${String(error)}`;
  expect(text).not.toContain(keyBody());
  expect(text).not.toContain(TEST_ACCESS_TOKEN);
  return { error: error as ProviderError, requests: requests.length };
}

describe('gcp errors from BigQuery', () => {
  it('names a billing table that does not exist and the setting to fix', async () => {
    const { error } = await failure(gcpFake({ query: { status: 404, json: notFound } }));
    expect(error.kind).toBe('config');
    expect(error.message).toContain(`BigQuery found no table ${TEST_BILLING_TABLE}`);
    expect(error.message).toContain('--set billingTable=');
  });

  it('says which roles the service account lacks', async () => {
    const { error } = await failure(gcpFake({ query: { status: 403, json: accessDenied } }));
    expect(error.kind).toBe('permission');
    expect(error.message).toContain('spendbar-reader@my-billing-project.iam.gserviceaccount.com');
    expect(error.message).toContain('BigQuery Data Viewer on dataset my-billing-project.billing_export and BigQuery Job User on project my-billing-project');
  });

  it('explains a query the table cannot answer (not a billing export)', async () => {
    const { error } = await failure(gcpFake({ query: googleError(400, 'invalidQuery', 'Unrecognized name: invoice at [7:7]') }));
    expect(error.kind).toBe('config');
    expect(error.message).toContain('standard usage cost export table');
  });

  it('never repeats the access token or the private key, even when the API echoes them', async () => {
    const { error } = await failure(gcpFake({ query: googleError(403, 'accessDenied', `token ${TEST_ACCESS_TOKEN} key ${keyBody()}`) }));
    expect(error.message).toContain('[redacted]');
  });
});

describe('gcp configuration problems', () => {
  it('asks for the billing table when it is not set, before any request', async () => {
    const { error, requests } = await failure(gcpFake({}), { settings: { billingTable: '' } });
    expect(error.kind).toBe('config');
    expect(error.message).toContain('`spendbar accounts add gcp --set billingTable=PROJECT.DATASET.TABLE`');
    expect(requests).toBe(0);
  });

  it('refuses a table name that is not PROJECT.DATASET.TABLE', async () => {
    const { error } = await failure(gcpFake({}), { settings: { billingTable: 'billing_export.gcp_billing_export_v1_X' } });
    expect(error.kind).toBe('config');
    expect(error.message).toContain('"billing_export.gcp_billing_export_v1_X" is not the BigQuery billing export table');
  });

  it('names a key file that does not exist', async () => {
    const { error, requests } = await failure(gcpFake({}), { keyFile: '/nonexistent/spendbar-key.json' });
    expect(error.kind).toBe('config');
    expect(error.message).toContain('The Google Cloud key file /nonexistent/spendbar-key.json does not exist');
    expect(requests).toBe(0);
  });

  it('says a file that is not a service account key is not usable', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'spendbar-gcp-bad-')), 'key.json');
    writeFileSync(path, '{"type": "service_account", "project_id": "p"}');
    const { error } = await failure(gcpFake({}), { keyFile: path });
    expect(error.kind).toBe('config');
    expect(error.message).toContain('is not a usable Google Cloud key file');
  });

  it('says to create a new key when Google rejects the old one (invalid_grant)', async () => {
    const { error } = await failure(gcpFake({ token: { status: 400, json: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } } }));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('(invalid_grant: Invalid JWT Signature.)');
    expect(error.message).toContain('create a new key at https://console.cloud.google.com/iam-admin/serviceaccounts');
  });
});
