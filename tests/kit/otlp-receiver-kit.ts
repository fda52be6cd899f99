/** A receiver on a free port over a fresh data folder, with the real service behind it, for receiver tests. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpClient } from '../../src/core/http/http-client.js';
import { SpendbarService } from '../../src/core/host/service.js';
import { MemorySecretStore } from '../../src/core/secrets/secret-store.js';
import { OtlpReceiver } from '../../src/core/tracked/otlp/otlp-receiver.js';
import { TrackedStore, type TrackedRecord } from '../../src/core/tracked/tracked-store.js';

export interface ReceiverUnderTest {
  readonly receiver: OtlpReceiver;
  readonly service: SpendbarService;
  readonly dataDir: string;
  readonly url: string;
  /** The tracked records stored for a month (default: the current UTC month). */
  records(month?: string): TrackedRecord[];
  post(path: string, body: string | Buffer, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export async function startReceiver(options: { maxBodyBytes?: number } = {}): Promise<ReceiverUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'spendbar-otlp-'));
  const service = new SpendbarService({ dataDir, env: {}, secrets: new MemorySecretStore(), http: createHttpClient({ maxRetries: 0 }) });
  const receiver = new OtlpReceiver({ port: 0, track: (inputs) => service.track(inputs), maxBodyBytes: options.maxBodyBytes });
  const port = await receiver.listen();
  return {
    receiver,
    service,
    dataDir,
    url: `http://127.0.0.1:${port}`,
    records: (month = new Date().toISOString().slice(0, 7)) => new TrackedStore(dataDir, () => {}).list(month),
    post: (path, body, headers = {}) =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        // The server may answer (413) and close before the whole body is written.
        req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
        req.end(body);
      }),
    close: () => receiver.close(),
  };
}

/** Every file under a folder with its contents, to show a request changed nothing. */
export function folderSnapshot(dir: string): Record<string, string> {
  const snapshot: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else snapshot[path.slice(dir.length)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return snapshot;
}
