/** `spendbar serve`: the API is reachable only with the per-start token, from its own Host and Origin. */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeProcess, tempDataDir, type ServeProcess } from '../helpers/cli.js';

let serve: ServeProcess;
let base: URL;
let token: string;

beforeAll(async () => {
  serve = await startServeProcess(['--demo'], { SPENDBAR_DATA_DIR: tempDataDir() });
  ({ base, token } = serve);
});

afterAll(() => {
  serve?.child.kill('SIGTERM');
});

function call(path: string, options: { headers?: Record<string, string>; body?: string; method?: string } = {}): Promise<{ status: number; body: string }> {
  return serve.request(path, options);
}

describe('spendbar serve', () => {
  it('prints one line with a 127.0.0.1 address and a long random token', () => {
    expect(base.hostname).toBe('127.0.0.1');
    expect(token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers 401 to an API request without the right token, before anything else', async () => {
    expect((await call('/api/getOverview')).status).toBe(401);
    expect((await call('/api/getOverview', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await call('/api/nope', { headers: { host: 'evil.example' } })).status).toBe(401);
  });

  it('answers 403 to a foreign Host (DNS rebinding) or Origin (cross-site)', async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect((await call('/api/getOverview', { headers: { ...auth, host: `evil.example:${base.port}` } })).status).toBe(403);
    expect((await call('/api/getOverview', { headers: { ...auth, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await call('/api/getOverview', { headers: { ...auth, host: `localhost:${base.port}`, origin: `http://localhost:${base.port}` } })).status).toBe(200);
  });

  it('serves the demo overview with the token in a header or the query', async () => {
    const viaHeader = await call('/api/getOverview', { headers: { authorization: `Bearer ${token}` } });
    expect(viaHeader.status).toBe(200);
    const overview = JSON.parse(viaHeader.body);
    expect(overview.demo).toBe(true);
    expect(overview.accounts.length).toBeGreaterThan(2);
    expect((await call(`/api/getOverview?token=${token}`)).status).toBe(200);
  });

  it('rejects bad requests with a clear message and the field at fault', async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect((await call('/api/nope', { headers: auth })).status).toBe(404);
    expect((await call('/api/getOverview', { headers: auth, body: '{not json' })).status).toBe(400);
    const bad = await call('/api/addEntry', { headers: auth, body: JSON.stringify({ provider: 'groq', kind: 'spend', amount: 'abc' }) });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ field: 'amount', message: expect.stringMatching(/not an amount/) });
    expect((await call('/api/getOverview', { headers: auth, method: 'GET', body: '' })).status).toBe(405);
  });

  it('serves the popover page with a strict Content Security Policy', async () => {
    const page = await new Promise<{ status: number; csp: string | undefined }>((resolve, reject) => {
      request({ host: '127.0.0.1', port: base.port, path: '/', method: 'GET' }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, csp: res.headers['content-security-policy'] as string | undefined });
      })
        .on('error', reject)
        .end();
    });
    expect(page.status).toBe(200);
    expect(page.csp).toMatch(/default-src 'self'; script-src 'self'/);
    expect((await call('/../../etc/passwd', { method: 'GET', body: '' })).status).toBe(404);
  });
});

describe('spendbar serve answers hostile input with the right 4xx', () => {
  const auth = () => ({ authorization: `Bearer ${token}` });

  it('answers 400, not 500, to a path that is not valid percent-encoding', async () => {
    expect((await call('/%', { method: 'GET', body: '' })).status).toBe(400);
    expect((await call('/%E0%A4%A', { method: 'GET', body: '' })).status).toBe(400);
  });

  it('answers 413 to a body over the 1 MiB cap', async () => {
    const huge = JSON.stringify({ month: 'x'.repeat(1024 * 1024 + 10) });
    const answer = await call('/api/getOverview', { headers: auth(), body: huge });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.message).toMatch(/larger than 1 MiB/);
  });

  it('refuses a restored entry with an empty id or a garbage createdAt, and a second restore with 409', async () => {
    const entry = { id: 'restored-entry-1', provider: 'groq', account: 'default', kind: 'spend', amount: '2.50', currency: 'USD', date: '2026-01-02', note: '', createdAt: '2026-01-02T10:00:00.000Z' };
    const emptyId = await call('/api/restoreEntry', { headers: auth(), body: JSON.stringify({ ...entry, id: '' }) });
    expect(emptyId.status).toBe(400);
    expect(JSON.parse(emptyId.body).error.field).toBe('id');
    const garbage = await call('/api/restoreEntry', { headers: auth(), body: JSON.stringify({ ...entry, createdAt: 'yesterday-ish' }) });
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body).error.field).toBe('createdAt');
    expect((await call('/api/restoreEntry', { headers: auth(), body: JSON.stringify(entry) })).status).toBe(200);
    const again = await call('/api/restoreEntry', { headers: auth(), body: JSON.stringify(entry) });
    expect(again.status).toBe(409);
    expect(JSON.parse(again.body).error.message).toMatch(/already exists/);
    const listed = JSON.parse((await call('/api/listEntries', { headers: auth() })).body).entries;
    expect(listed.filter((stored: { id: string }) => stored.id === entry.id || stored.id === '')).toHaveLength(1);
  });

  it('answers 404 to a refresh of an account that does not exist', async () => {
    const answer = await call('/api/refresh', { headers: auth(), body: JSON.stringify({ accountId: 'openrouter:nobody' }) });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body).error).toMatchObject({ field: 'accountId', message: 'No account openrouter:nobody.' });
  });

  it('refuses saveAccount with a setting the provider does not have, naming it', async () => {
    const answer = await call('/api/saveAccount', { headers: auth(), body: JSON.stringify({ provider: 'openrouter', account: 'extra', settings: { colour: 'red' } }) });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error).toMatchObject({ field: 'settings', message: expect.stringContaining('"colour"') });
    const accounts = JSON.parse((await call('/api/listAccounts', { headers: auth() })).body).accounts;
    expect(accounts.some((account: { id: string }) => account.id === 'openrouter:extra')).toBe(false);
  });
});
