/**
 * `GET /api/events` of `spendbar serve`: the popover is told of changes instead of asking every few
 * seconds. Behind the same token, Host and Origin checks as every API call; a poll's progress and the
 * new overview arrive on the stream once the poll is done.
 */
import { request, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Overview } from '../../src/shared/api.js';
import { startDeepSeekFake, type DeepSeekFake } from '../fakes/deepseek-fake.js';
import { startServeProcess, tempDataDir, type ServeProcess } from '../helpers/cli.js';

const deepseekKey = 'sk-5e1c9a7f3b0d2e4c';
let serve: ServeProcess | undefined;
let fake: DeepSeekFake | undefined;

afterEach(async () => {
  serve?.child.kill('SIGTERM');
  await fake?.close();
  serve = undefined;
  fake = undefined;
});

/** Opens the event stream; resolves with the response (status, and the frames as they arrive). */
function openEvents(server: ServeProcess, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; response: IncomingMessage; frames: string[] }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.base.port, path, method: 'GET', headers }, (response) => {
      const frames: string[] = [];
      let buffer = '';
      response.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const parts = buffer.split('\n\n');
        buffer = parts.pop() ?? '';
        frames.push(...parts);
      });
      resolve({ status: response.statusCode ?? 0, response, frames });
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitFor<T>(find: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('spendbar serve events', () => {
  it('refuses the stream without the token, from a foreign Host or Origin, and for POST', async () => {
    serve = await startServeProcess(['--demo'], { SPENDBAR_DATA_DIR: tempDataDir() });
    const { token, base } = serve;
    const statusOf = async (path: string, headers: Record<string, string> = {}) => {
      const opened = await openEvents(serve!, path, headers);
      opened.response.destroy();
      return opened.status;
    };
    expect(await statusOf('/api/events')).toBe(401);
    expect(await statusOf('/api/events?token=wrong')).toBe(401);
    expect(await statusOf(`/api/events?token=${token}`, { host: `evil.example:${base.port}` })).toBe(403);
    expect(await statusOf(`/api/events?token=${token}`, { origin: 'https://evil.example' })).toBe(403);
    expect((await serve.request('/api/events', { headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
    expect(await statusOf(`/api/events?token=${token}`)).toBe(200);
  });

  it('pushes each account’s progress and then the new overview when a poll is done', async () => {
    fake = await startDeepSeekFake(deepseekKey);
    serve = await startServeProcess([], { SPENDBAR_DATA_DIR: tempDataDir(), DEEPSEEK_API_KEY: deepseekKey, SPENDBAR_DEEPSEEK_BASE_URL: fake.url });
    const stream = await openEvents(serve, '/api/events', { authorization: `Bearer ${serve.token}`, accept: 'text/event-stream' });
    expect(stream.status).toBe(200);
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
    // The start-up poll, then a Refresh: both end with a pushed overview.
    await serve.request('/api/refresh', { headers: { authorization: `Bearer ${serve.token}` } });
    const progress = await waitFor(() => stream.frames.find((frame) => frame.startsWith('event: progress') && frame.includes('"state":"done"')));
    expect(progress).toMatch(/"accountId":"deepseek[^"]*"/);
    const overviewFrame = await waitFor(() => stream.frames.find((frame) => frame.startsWith('event: overview')));
    const overview = JSON.parse(overviewFrame.split('\ndata: ')[1]!) as Overview;
    const deepseek = overview.accounts.find((account) => account.provider === 'deepseek');
    expect(deepseek?.status).toBe('ok');
    expect(deepseek?.balance).not.toBeNull();
    stream.response.destroy();
  });
});
