/** What the OpenTelemetry receiver's tests share: a free local port, and one GenAI span as OTLP/HTTP JSON. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A port nothing listens on right now (the receiver's own port must be known before it starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One `chat` span with the GenAI conventions, ended now, as an exporter posts it to /v1/traces. */
export function genAiSpanBody(span: { traceId: string; spanId: string; name: string; model: string; inputTokens: number; outputTokens: number }): string {
  const attribute = (key: string, value: Record<string, string>) => ({ key, value });
  return JSON.stringify({
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              {
                traceId: span.traceId,
                spanId: span.spanId,
                name: span.name,
                endTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
                attributes: [
                  attribute('gen_ai.provider.name', { stringValue: 'openai' }),
                  attribute('gen_ai.request.model', { stringValue: span.model }),
                  attribute('gen_ai.usage.input_tokens', { intValue: String(span.inputTokens) }),
                  attribute('gen_ai.usage.output_tokens', { intValue: String(span.outputTokens) }),
                ],
              },
            ],
          },
        ],
      },
    ],
  });
}
