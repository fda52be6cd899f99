/** `serve --otlp=PORT` and `watch --otlp=PORT`: the receiver listens on 127.0.0.1 only, and says so. */
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrackedStore } from '../../src/core/tracked/tracked-store.js';
import { runCli, startServeProcess, tempDataDir, type ServeProcess } from '../helpers/cli.js';
import { freePort, genAiSpanBody } from '../helpers/otlp.js';

function post(host: string, port: number, path: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Whether anything accepts a TCP connection at address:port. */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const span = genAiSpanBody({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', name: 'chat gpt-4o-mini', model: 'gpt-4o-mini', inputTokens: 1000000, outputTokens: 0 });

describe('spendbar serve --otlp', () => {
  let serve: ServeProcess;
  let port: number;
  let stderr = '';
  const dataDir = tempDataDir();

  beforeAll(async () => {
    port = await freePort();
    serve = await startServeProcess([`--otlp=${port}`], { SPENDBAR_DATA_DIR: dataDir });
    serve.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  });
  afterAll(() => {
    serve?.child.kill('SIGTERM');
  });

  it('says where the receiver listens and stores what it receives', async () => {
    await expect.poll(() => stderr, { timeout: 5000 }).toContain(`OpenTelemetry receiver listening at http://127.0.0.1:${port}`);
    expect((await post('127.0.0.1', port, '/v1/traces', span)).status).toBe(200);
    const status = JSON.parse((await serve.request('/api/getOtlpReceiverStatus', { headers: { authorization: `Bearer ${serve.token}` } })).body);
    expect(status).toMatchObject({ enabled: true, startedBy: 'command-line', listening: true, port, received: 1, added: 1 });
    // gpt-4o-mini: a million input tokens at $0.15 per million.
    const stored = new TrackedStore(dataDir, () => {}).list(new Date().toISOString().slice(0, 7));
    expect(stored.map((record) => [record.provider, record.model, record.cost, record.source])).toEqual([['openai', 'gpt-4o-mini', '0.15', 'otlp']]);
  });

  it('accepts connections on the loopback address only', async () => {
    expect(await accepts('127.0.0.1', port)).toBe(true);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal)
      .map((address) => address!.address);
    for (const address of external) expect(await accepts(address, port), address).toBe(false);
  });
});

describe('spendbar watch --otlp', () => {
  let blocker: Server;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => blocker.close());

  it('exits 1 with a clear message when the port is in use', async () => {
    const { port } = blocker.address() as AddressInfo;
    const result = await runCli(['watch', `--otlp=${port}`], { dataDir: tempDataDir() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Port ${port} is already in use`);
  });

  it('refuses a port that is not a number as bad usage (exit 2)', async () => {
    const result = await runCli(['watch', '--otlp=abc'], { dataDir: tempDataDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--otlp takes a port');
  });
});
