/**
 * Fake providers for the benchmark: the tests' route tables (tests/fakes) behind one server per provider
 * on 127.0.0.1, each answering after a delay the benchmark sets, and counting the requests it gets:
 * when (on the benchmark's clock) and, for day-bucketed reports, which days each asked for.
 */
import { findProvider } from '../../src/core/providers/registry.js';
import { anthropicRoutes } from '../../tests/fakes/anthropic-fake.js';
import { requestWindow, type RequestWindow } from '../../tests/fakes/daily-buckets.js';
import { deepseekRoutes } from '../../tests/fakes/deepseek-fake.js';
import { elevenlabsRoutes } from '../../tests/fakes/elevenlabs-fake.js';
import { routes, startFakeServer, type FakeServer, type RouteTable } from '../../tests/fakes/fake-http-server.js';
import { githubRoutes } from '../../tests/fakes/github-fake.js';
import { groqRoutes } from '../../tests/fakes/groq-fake.js';
import { lemonsqueezyRoutes } from '../../tests/fakes/lemonsqueezy-fake.js';
import { mistralRoutes } from '../../tests/fakes/mistral-fake.js';
import { moonshotRoutes } from '../../tests/fakes/moonshot-fake.js';
import { openaiRoutes } from '../../tests/fakes/openai-fake.js';
import { openrouterRoutes } from '../../tests/fakes/openrouter-fake.js';
import { railwayRoutes } from '../../tests/fakes/railway-fake.js';
import { siliconflowRoutes } from '../../tests/fakes/siliconflow-fake.js';
import { stripeRoutes } from '../../tests/fakes/stripe-fake.js';
import { supabaseRoutes } from '../../tests/fakes/supabase-fake.js';
import { xaiRoutes } from '../../tests/fakes/xai-fake.js';

export const XAI_TEAM = 'team-bench';

const tables: Record<string, () => RouteTable> = {
  openai: () => openaiRoutes(),
  anthropic: () => anthropicRoutes(),
  openrouter: () => openrouterRoutes(),
  xai: () => xaiRoutes(XAI_TEAM),
  deepseek: () => deepseekRoutes(),
  mistral: () => mistralRoutes(),
  moonshot: () => moonshotRoutes(),
  siliconflow: () => siliconflowRoutes(),
  elevenlabs: () => elevenlabsRoutes(),
  groq: () => groqRoutes(),
  github: () => githubRoutes(),
  stripe: () => stripeRoutes(),
  supabase: () => supabaseRoutes(),
  railway: () => railwayRoutes(),
  lemonsqueezy: () => lemonsqueezyRoutes(),
};

export const benchProviders = Object.keys(tables);

export interface BenchFake {
  readonly provider: string;
  /** The base URL an account points at (the provider's default path on this server). */
  readonly baseUrl: string;
  readonly server: FakeServer;
  /** Milliseconds before each answer; `Infinity` never answers. */
  delayMs: number;
  /** The clock `asked` is stamped with (the requests benchmark sets its fake clock). */
  clock: () => number;
  /** Every request: when, where, and the time window it asked for, if any. */
  readonly asked: { at: number; path: string; window?: RequestWindow }[];
}

export async function startBenchFake(provider: string, delayMs = 0): Promise<BenchFake> {
  const table = routes(tables[provider]!());
  const fake: { delayMs: number; clock: () => number; asked: BenchFake['asked'] } = { delayMs, clock: Date.now, asked: [] };
  const server = await startFakeServer(async (request) => {
    fake.asked.push({ at: fake.clock(), path: request.path, window: requestWindow(request) });
    if (fake.delayMs === Infinity) return { hang: true };
    if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
    return table(request);
  });
  const path = new URL(findProvider(provider)!.defaultBaseUrl!).pathname.replace(/\/$/, '');
  return Object.assign(fake, { provider, baseUrl: `${server.origin}${path}`, server });
}

/** Settings and secrets for an explicit account of `provider` pointed at `fake` (keys are placeholders). */
export function accountSetup(fake: BenchFake): { settings: Record<string, string>; secret: string } {
  const definition = findProvider(fake.provider)!;
  const settings: Record<string, string> = { baseUrl: fake.baseUrl };
  for (const spec of definition.credentials) if (!spec.secret && !spec.optional) settings[spec.name] = fake.provider === 'xai' ? XAI_TEAM : 'bench';
  // The organization the GitHub fake knows; Stripe tells its key kinds apart by prefix.
  if (fake.provider === 'github') settings.org = 'octo-org';
  const secret = fake.provider === 'stripe' ? 'rk_test_bench0123456789' : `bench-key-${fake.provider}-0123456789`;
  return { settings, secret };
}
