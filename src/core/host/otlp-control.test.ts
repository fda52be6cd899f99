/** The app's setting turns the receiver on and off and moves it to another port, through the API. */
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHost } from './host.js';
import { freePort } from '../../../tests/helpers/otlp.js';

const reachable = (port: number) =>
  fetch(`http://127.0.0.1:${port}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(
    (response) => response.status,
    () => 'refused',
  );

describe('the OpenTelemetry receiver setting', () => {
  it('is off by default, then follows the setting: on, another port, off', async () => {
    const host = await openHost({ dataDir: mkdtempSync(join(tmpdir(), 'spendbar-otlp-host-')), env: {}, otlpFromSettings: true });
    try {
      host.start();
      expect((await host.api.getPreferences({})).otlpReceiver).toEqual({ enabled: false, port: 4318 });
      expect(await host.api.getOtlpReceiverStatus({})).toMatchObject({ enabled: false, listening: false });

      const first = await freePort();
      await host.api.setPreferences({ otlpReceiver: { enabled: true, port: first } });
      expect(await host.api.getOtlpReceiverStatus({})).toMatchObject({ enabled: true, startedBy: 'settings', listening: true, port: first, otlpEndpoint: `http://127.0.0.1:${first}` });
      expect(await reachable(first)).toBe(200);

      const second = await freePort();
      await host.api.setPreferences({ otlpReceiver: { port: second } });
      expect(await reachable(first)).toBe('refused');
      expect(await reachable(second)).toBe(200);

      await host.api.setPreferences({ otlpReceiver: { enabled: false } });
      expect(await reachable(second)).toBe('refused');
      expect(await host.api.getOtlpReceiverStatus({})).toMatchObject({ enabled: false, listening: false, port: second });
    } finally {
      await host.close();
    }
  });

  it('shows a port it cannot open as an error in its status', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const host = await openHost({ dataDir: mkdtempSync(join(tmpdir(), 'spendbar-otlp-host-')), env: {}, otlpFromSettings: true });
    try {
      await host.api.setPreferences({ otlpReceiver: { enabled: true, port } });
      expect(await host.api.getOtlpReceiverStatus({})).toMatchObject({ enabled: true, listening: false, error: expect.stringContaining(`Port ${port} is already in use`) });
    } finally {
      await host.close();
      blocker.close();
    }
  });
});
