/**
 * Every API adapter of the registry with its healthy fake and how the engine is pointed at it: the
 * environment of an implicit `env` account, or an account added with settings (AWS, Google Cloud).
 */
import { startAnthropicFake } from '../fakes/anthropic-fake.js';
import { awsFake, isolateAwsEnvironment } from '../fakes/aws-fake.js';
import { startDeepSeekFake } from '../fakes/deepseek-fake.js';
import { startElevenLabsFake } from '../fakes/elevenlabs-fake.js';
import { startFakeServer } from '../fakes/fake-http-server.js';
import { gcpFake, queryAnswer, TEST_BILLING_ACCOUNT, TEST_BILLING_TABLE, writeTestKeyFile } from '../fakes/gcp-fake.js';
import { geminiHealthy, TEST_PROJECT } from '../fakes/gemini-fake.js';
import { startGitHubFake } from '../fakes/github-fake.js';
import { startGroqFake } from '../fakes/groq-fake.js';
import { startLemonSqueezyFake } from '../fakes/lemonsqueezy-fake.js';
import { startMistralFake } from '../fakes/mistral-fake.js';
import { startMoonshotFake } from '../fakes/moonshot-fake.js';
import { startOpenAiFake } from '../fakes/openai-fake.js';
import { startOpenRouterFake } from '../fakes/openrouter-fake.js';
import { startRailwayFake } from '../fakes/railway-fake.js';
import { startSiliconFlowFake } from '../fakes/siliconflow-fake.js';
import { startStripeFake } from '../fakes/stripe-fake.js';
import { startSupabaseFake } from '../fakes/supabase-fake.js';
import { startXaiFake } from '../fakes/xai-fake.js';

export interface AdapterCase {
  readonly id: string;
  /** The secret the provider must never see echoed back to the user. */
  readonly key: string;
  /** Starts the healthy fake; `url` is its base URL in the provider's default form. */
  start(): Promise<{ url: string; close(): Promise<void> }>;
  /** Environment of the engine given the base URL to use (the proxy's). */
  env(baseUrl: string): Record<string, string>;
  /** Settings of an explicitly added account (providers never configured from the environment). */
  account?(baseUrl: string): Record<string, string>;
}

const envCase = (id: string, variable: string, key: string, start: () => Promise<{ url: string; close(): Promise<void> }>, extra: Record<string, string> = {}): AdapterCase => ({
  id,
  key,
  start,
  env: (baseUrl) => ({ [variable]: key, [`SPENDBAR_${id.toUpperCase()}_BASE_URL`]: baseUrl, ...extra }),
});

const handlerFake = async (handler: Parameters<typeof startFakeServer>[0]) => {
  const server = await startFakeServer(handler);
  return { url: server.origin, close: () => server.close() };
};

export const ADAPTERS: readonly AdapterCase[] = [
  envCase('openai', 'OPENAI_ADMIN_KEY', 'sk-admin-test-0000', () => startOpenAiFake({ paginate: true })),
  envCase('anthropic', 'ANTHROPIC_ADMIN_KEY', 'sk-ant-admin01-test-0000', () => startAnthropicFake()),
  envCase('openrouter', 'OPENROUTER_API_KEY', 'sk-or-v1-f4c9a1e07b3d5c2e8f6a', () => startOpenRouterFake()),
  envCase('xai', 'XAI_MANAGEMENT_KEY', 'xai-mgmt-test-0000', () => startXaiFake('team-0000-example', { acceptKey: 'xai-mgmt-test-0000' }), { XAI_TEAM_ID: 'team-0000-example' }),
  envCase('deepseek', 'DEEPSEEK_API_KEY', 'sk-7d1e3f5a9b0c2d4e', () => startDeepSeekFake('sk-7d1e3f5a9b0c2d4e')),
  envCase('mistral', 'MISTRAL_API_KEY', 'mst-3b8e1c0f7a2d9e4b', () => startMistralFake('mst-3b8e1c0f7a2d9e4b')),
  envCase('groq', 'GROQ_API_KEY', 'gsk_5e2a9c7f1b3d0e8a', () => startGroqFake('gsk_5e2a9c7f1b3d0e8a')),
  envCase('moonshot', 'MOONSHOT_API_KEY', 'sk-9a4c2e7b0d1f3a5c', () => startMoonshotFake('sk-9a4c2e7b0d1f3a5c')),
  envCase('siliconflow', 'SILICONFLOW_API_KEY', 'sk-2f6b8d0a4c1e9f3b', () => startSiliconFlowFake('sk-2f6b8d0a4c1e9f3b')),
  envCase('elevenlabs', 'ELEVENLABS_API_KEY', 'sk_8c3e5a1f9d0b7e2c', () => startElevenLabsFake('sk_8c3e5a1f9d0b7e2c')),
  {
    id: 'aws',
    key: 'aws-secret-test-0000-do-not-use',
    start: async () => {
      isolateAwsEnvironment();
      return handlerFake(awsFake({ costs: { '2026-11-18': { 'Amazon Simple Storage Service': '40.3543773134' } } }));
    },
    env: (baseUrl) => ({ SPENDBAR_AWS_BASE_URL: baseUrl }),
    account: () => ({}),
  },
  {
    id: 'gcp',
    key: 'ya29.test-access-token-0000',
    start: () =>
      handlerFake(
        gcpFake({
          query: queryAnswer([['2026-11-14', 'Compute Engine', 'USD', '1080004833', '-95000000']]),
          budgets: { json: { budgets: [{ name: `billingAccounts/${TEST_BILLING_ACCOUNT}/budgets/b1`, displayName: 'Cloud', amount: { specifiedAmount: { currencyCode: 'USD', units: '1200' } } }] } },
        }),
      ),
    env: (baseUrl) => ({ SPENDBAR_GCP_BASE_URL: baseUrl }),
    account: (baseUrl) => ({ billingTable: TEST_BILLING_TABLE, billingAccount: TEST_BILLING_ACCOUNT, keyFile: writeTestKeyFile(`${baseUrl}/token`) }),
  },
  {
    id: 'gemini',
    key: 'ya29.test-access-token-0000',
    start: () => handlerFake(geminiHealthy()),
    env: (baseUrl) => ({ SPENDBAR_GEMINI_BASE_URL: baseUrl }),
    account: (baseUrl) => ({ project: TEST_PROJECT, keyFile: writeTestKeyFile(`${baseUrl}/token`) }),
  },
  envCase('github', 'GITHUB_TOKEN', 'github_pat_11AB3CD5E0f9g8h7i6j5k4', () => startGitHubFake(), { GITHUB_ORG: 'octo-org' }),
  envCase('railway', 'RAILWAY_API_TOKEN', 'rw-6e1a3c9f0b2d8e4a7c5f', () => startRailwayFake()),
  envCase('supabase', 'SUPABASE_ACCESS_TOKEN', 'sbp_0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b', () => startSupabaseFake()),
  envCase('stripe', 'STRIPE_API_KEY', 'rk_test_4f2e8a1c9b0d3e7f', () => startStripeFake()),
  envCase('lemonsqueezy', 'LEMONSQUEEZY_API_KEY', 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.c3ViXzk4NzY1NDMyMTA', () => startLemonSqueezyFake('eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.c3ViXzk4NzY1NDMyMTA')),
];
