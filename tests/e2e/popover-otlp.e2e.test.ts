/**
 * Settings › OpenTelemetry and LiteLLM against the real `spendbar serve`: the receiver is off until
 * the user turns it on, then takes a span on the chosen port and the section shows what it received.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchChromium, openPopover, type PopoverPage } from './helpers/browser.js';
import { expectVisible, openToolbarView, seriousAccessibilityIssues } from './helpers/popover.js';
import { startServe, stopAllServes, type ServeProcess } from './helpers/serve.js';
import { freshDataDir, removeDataDirs } from './helpers/temp-dirs.js';
import { freePort, genAiSpanBody } from '../helpers/otlp.js';

const span = genAiSpanBody({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', name: 'chat', model: 'gpt-4o-mini', inputTokens: 1000, outputTokens: 100 });

describe('the OpenTelemetry receiver in settings', () => {
  let browser: Browser;
  let serve: ServeProcess;
  let popover: PopoverPage | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    serve = await startServe({ dataDir: await freshDataDir('otlp') });
  });
  afterAll(async () => {
    await popover?.close();
    await stopAllServes();
    await browser?.close();
    await removeDataDirs();
  });

  it('is off until turned on, then listens on the chosen port and shows what it received', async () => {
    popover = await openPopover(browser, serve.url);
    const { page, problems } = popover;
    await openToolbarView(page, 'Settings');
    const section = page.getByTestId('otlp-settings');
    await expectVisible(section);
    const enabled = section.getByRole('checkbox', { name: 'Receive usage from programs on this computer' });
    expect(await enabled.isChecked()).toBe(false);

    const port = await freePort();
    await section.getByRole('textbox', { name: 'Port' }).fill(String(port));
    await section.getByRole('button', { name: 'Save port' }).click();
    await enabled.click(); // checked once the setting is saved, so not check()
    await expectText(section.getByRole('status'), `Listening at http://127.0.0.1:${port} (this computer only).`);

    const response = await fetch(`http://127.0.0.1:${port}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: span });
    expect(response.status).toBe(200);
    await expectText(section.getByTestId('otlp-received').locator('p').first(), '1 call received: 1 added, 0 already stored.');
    await section.getByText('How to send usage here').click();
    expect(await section.getByTestId('otlp-env').textContent()).toBe(`OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${port}\nOTEL_EXPORTER_OTLP_PROTOCOL=http/json`);
    expect(await seriousAccessibilityIssues(page)).toEqual([]);

    await enabled.click();
    await expectText(section.getByRole('status'), /^Off\./);
    await expect(fetch(`http://127.0.0.1:${port}/v1/traces`, { method: 'POST', body: span })).rejects.toThrow();
    expect(problems).toEqual([]);
  });
});
