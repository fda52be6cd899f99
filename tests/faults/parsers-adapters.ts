/**
 * Every API adapter with the healthy published answers its contract test uses, so the parser property
 * tests can replay them through a real 127.0.0.1 server and mutate one route's body at a time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import anthropicCost1 from '../../src/core/providers/anthropic/__fixtures__/cost-report-page-1.json' with { type: 'json' };
import anthropicCost2 from '../../src/core/providers/anthropic/__fixtures__/cost-report-page-2.json' with { type: 'json' };
import anthropicUsage from '../../src/core/providers/anthropic/__fixtures__/usage-report.json' with { type: 'json' };
import awsDaily from '../../src/core/providers/aws/__fixtures__/get-cost-and-usage-daily.json' with { type: 'json' };
import awsForecast from '../../src/core/providers/aws/__fixtures__/get-cost-forecast.json' with { type: 'json' };
import { createAwsProvider } from '../../src/core/providers/aws/aws-provider.js';
import deepseekBalance from '../../src/core/providers/deepseek/__fixtures__/user-balance.json' with { type: 'json' };
import elevenlabs2026 from '../../src/core/providers/elevenlabs/__fixtures__/subscription-2026.json' with { type: 'json' };
import gcpBudgets from '../../src/core/providers/gcp/__fixtures__/budgets-list.json' with { type: 'json' };
import gcpQuery from '../../src/core/providers/gcp/__fixtures__/bigquery-query-response.json' with { type: 'json' };
import gcpToken from '../../src/core/providers/gcp/__fixtures__/token-response.json' with { type: 'json' };
import { createGcpProvider } from '../../src/core/providers/gcp/gcp-provider.js';
import { createGeminiProvider } from '../../src/core/providers/gemini/gemini-provider.js';
import githubPremium from '../../src/core/providers/github/__fixtures__/premium-request-report-org.json' with { type: 'json' };
import githubUsage from '../../src/core/providers/github/__fixtures__/usage-report-org.json' with { type: 'json' };
import groqModels from '../../src/core/providers/groq/__fixtures__/models.json' with { type: 'json' };
import groqIn from '../../src/core/providers/groq/__fixtures__/prometheus-tokens-in.json' with { type: 'json' };
import groqOut from '../../src/core/providers/groq/__fixtures__/prometheus-tokens-out.json' with { type: 'json' };
import lemonUsage from '../../src/core/providers/lemonsqueezy/__fixtures__/current-usage.json' with { type: 'json' };
import lemonItems from '../../src/core/providers/lemonsqueezy/__fixtures__/subscription-items.json' with { type: 'json' };
import mistralLimit from '../../src/core/providers/mistral/__fixtures__/spend-limit.json' with { type: 'json' };
import moonshotBalance from '../../src/core/providers/moonshot/__fixtures__/balance.json' with { type: 'json' };
import openaiCosts from '../../src/core/providers/openai/__fixtures__/costs.json' with { type: 'json' };
import openaiGrants from '../../src/core/providers/openai/__fixtures__/credit-grants.json' with { type: 'json' };
import openaiLimit from '../../src/core/providers/openai/__fixtures__/spend-limit.json' with { type: 'json' };
import openaiUsage from '../../src/core/providers/openai/__fixtures__/usage-completions.json' with { type: 'json' };
import openrouterCredits from '../../src/core/providers/openrouter/__fixtures__/credits.json' with { type: 'json' };
import openrouterKey from '../../src/core/providers/openrouter/__fixtures__/key.json' with { type: 'json' };
import type { ProviderDefinition } from '../../src/core/providers/provider.js';
import railwayWorkspaces from '../../src/core/providers/railway/__fixtures__/me-workspaces.json' with { type: 'json' };
import { findProvider } from '../../src/core/providers/registry.js';
import siliconflowInfo from '../../src/core/providers/siliconflow/__fixtures__/user-info.json' with { type: 'json' };
import stripeBalance from '../../src/core/providers/stripe/__fixtures__/balance.json' with { type: 'json' };
import stripeTransactions from '../../src/core/providers/stripe/__fixtures__/balance-transactions.json' with { type: 'json' };
import supabaseProjects from '../../src/core/providers/supabase/__fixtures__/organization-projects.json' with { type: 'json' };
import supabaseOrg from '../../src/core/providers/supabase/__fixtures__/organization.json' with { type: 'json' };
import supabaseOrgs from '../../src/core/providers/supabase/__fixtures__/organizations.json' with { type: 'json' };
import supabaseCounts from '../../src/core/providers/supabase/__fixtures__/usage-api-counts.json' with { type: 'json' };
import xaiInvoice from '../../src/core/providers/xai/__fixtures__/invoice-preview.json' with { type: 'json' };
import xaiBalance from '../../src/core/providers/xai/__fixtures__/prepaid-balance.json' with { type: 'json' };
import xaiLimits from '../../src/core/providers/xai/__fixtures__/spending-limits.json' with { type: 'json' };
import { awsFake } from '../fakes/aws-fake.js';
import { routes, type FakeHandler, type FakeReply, type RecordedRequest } from '../fakes/fake-http-server.js';
import { gcpFake, TEST_BILLING_ACCOUNT, TEST_BILLING_TABLE, writeTestKeyFile } from '../fakes/gcp-fake.js';
import { geminiHealthy, TEST_PROJECT } from '../fakes/gemini-fake.js';

export interface AdapterSetup {
  id: string;
  /** A fresh definition per poll, so no token or client cache hides a mutated answer. */
  provider: () => ProviderDefinition;
  credentials: (origin: string) => Record<string, string>;
  settings?: Record<string, string>;
  baseUrl: (origin: string) => string;
  healthy: FakeHandler;
  now?: Date;
  /** YYYY-MM of the month asked for (the fixture's month where its dates are fixed). */
  month?: [number, number];
}

const registered = (id: string) => () => findProvider(id)!;
const origin = (base: string) => base;
const amzJson = (json: unknown): FakeReply => ({ headers: { 'content-type': 'application/x-amz-json-1.1' }, json });
const gcpKeyFile = join(mkdtempSync(join(tmpdir(), 'spendbar-parsers-gcp-')), 'key.json');
let gcpKeyOrigin = '';
const geminiKeyFile = join(mkdtempSync(join(tmpdir(), 'spendbar-parsers-gemini-')), 'key.json');
let geminiKeyOrigin = '';

export const adapterSetups: AdapterSetup[] = [
  {
    id: 'openai',
    provider: registered('openai'),
    credentials: () => ({ apiKey: 'sk-admin-parsers-0000' }),
    baseUrl: (o) => `${o}/v1`,
    healthy: routes({
      'GET /v1/organization/costs': { json: openaiCosts },
      'GET /v1/organization/usage/completions': { json: openaiUsage },
      'GET /v1/organization/spend_limit': { json: openaiLimit },
      'GET /dashboard/billing/credit_grants': { json: openaiGrants },
    }),
  },
  {
    id: 'anthropic',
    provider: registered('anthropic'),
    credentials: () => ({ apiKey: 'sk-ant-admin01-parsers-0000' }),
    baseUrl: origin,
    healthy: routes({
      'GET /v1/organizations/cost_report': (request: RecordedRequest) => ({
        json: request.query.get('page') === anthropicCost1.next_page ? anthropicCost2 : anthropicCost1,
      }),
      'GET /v1/organizations/usage_report/messages': { json: anthropicUsage },
    }),
  },
  {
    id: 'openrouter',
    provider: registered('openrouter'),
    credentials: () => ({ apiKey: 'sk-or-v1-parsers-0000' }),
    baseUrl: (o) => `${o}/api/v1`,
    healthy: routes({ 'GET /api/v1/credits': { json: openrouterCredits }, 'GET /api/v1/key': { json: openrouterKey } }),
  },
  {
    id: 'xai',
    provider: registered('xai'),
    credentials: () => ({ managementKey: 'xai-mgmt-parsers-0000', teamId: 'team-0000' }),
    baseUrl: origin,
    healthy: routes({
      'GET /v1/billing/teams/team-0000/prepaid/balance': { json: xaiBalance },
      'GET /v1/billing/teams/team-0000/postpaid/invoice/preview': { json: xaiInvoice },
      'GET /v1/billing/teams/team-0000/postpaid/spending-limits': { json: xaiLimits },
    }),
  },
  {
    id: 'deepseek',
    provider: registered('deepseek'),
    credentials: () => ({ apiKey: 'sk-deepseek-parsers-0000' }),
    baseUrl: origin,
    healthy: routes({ 'GET /user/balance': { json: deepseekBalance } }),
  },
  {
    id: 'mistral',
    provider: registered('mistral'),
    credentials: () => ({ apiKey: 'mistral-admin-parsers-0000' }),
    baseUrl: origin,
    healthy: routes({ 'GET /v1/admin/spend-limit': { json: mistralLimit } }),
  },
  {
    id: 'groq',
    provider: registered('groq'),
    credentials: () => ({ apiKey: 'gsk-parsers-0000' }),
    baseUrl: origin,
    healthy: routes({
      'GET /v1/metrics/prometheus/api/v1/query': (request: RecordedRequest) => ({
        json: request.query.get('query')?.includes('tokens_out') ? groqOut : groqIn,
      }),
      'GET /openai/v1/models': { json: groqModels },
    }),
  },
  {
    id: 'moonshot',
    provider: registered('moonshot'),
    credentials: () => ({ apiKey: 'sk-moonshot-parsers-0000' }),
    settings: { region: 'cn' },
    baseUrl: (o) => `${o}/v1`,
    healthy: routes({ 'GET /v1/users/me/balance': { json: moonshotBalance } }),
  },
  {
    id: 'siliconflow',
    provider: registered('siliconflow'),
    credentials: () => ({ apiKey: 'sk-siliconflow-parsers-0000' }),
    baseUrl: (o) => `${o}/v1`,
    healthy: routes({ 'GET /v1/user/info': { json: siliconflowInfo } }),
  },
  {
    id: 'elevenlabs',
    provider: registered('elevenlabs'),
    credentials: () => ({ apiKey: 'sk_elevenlabs_parsers_0000' }),
    baseUrl: origin,
    healthy: routes({ 'GET /v1/user/subscription': { json: elevenlabs2026 } }),
  },
  {
    id: 'aws',
    provider: () => createAwsProvider({ timeoutMs: 3_000 }),
    credentials: () => ({}),
    baseUrl: origin,
    healthy: awsFake({ costs: {}, costAndUsage: amzJson(awsDaily), forecast: amzJson(awsForecast) }),
  },
  {
    id: 'gcp',
    provider: () => createGcpProvider({ tokenTimeoutMs: 3_000 }),
    credentials: (o) => {
      // The key file names the token endpoint; RSA signing makes writing it once per server worthwhile.
      if (gcpKeyOrigin !== o) writeTestKeyFile(`${o}/token`, gcpKeyFile);
      gcpKeyOrigin = o;
      return { keyFile: gcpKeyFile };
    },
    settings: { billingTable: TEST_BILLING_TABLE, billingAccount: TEST_BILLING_ACCOUNT },
    baseUrl: origin,
    healthy: gcpFake({ token: { json: gcpToken }, query: { json: gcpQuery }, budgets: { json: gcpBudgets } }),
  },
  {
    id: 'gemini',
    provider: () => createGeminiProvider({ tokenTimeoutMs: 3_000 }),
    credentials: (o) => {
      if (geminiKeyOrigin !== o) writeTestKeyFile(`${o}/token`, geminiKeyFile);
      geminiKeyOrigin = o;
      return { keyFile: geminiKeyFile };
    },
    settings: { project: TEST_PROJECT },
    baseUrl: origin,
    healthy: geminiHealthy(),
  },
  {
    id: 'github',
    provider: registered('github'),
    credentials: () => ({ token: 'github_pat_parsers_0000', org: 'octo-org' }),
    baseUrl: origin,
    now: new Date('2023-08-21T10:00:00Z'),
    month: [2023, 8],
    healthy: routes({
      'GET /organizations/octo-org/settings/billing/usage': { json: githubUsage },
      'GET /organizations/octo-org/settings/billing/premium_request/usage': { json: githubPremium },
    }),
  },
  {
    id: 'railway',
    provider: registered('railway'),
    credentials: () => ({ token: 'railway-parsers-0000' }),
    baseUrl: origin,
    healthy: routes({ 'POST /graphql/v2': { json: railwayWorkspaces } }),
  },
  {
    id: 'supabase',
    provider: registered('supabase'),
    credentials: () => ({ token: 'sbp_parsers_0000000000000000000000000000' }),
    baseUrl: origin,
    healthy: routes({
      'GET /v1/organizations': { json: supabaseOrgs },
      'GET /v1/organizations/tsrqponmlkjihgfedcba': { json: supabaseOrg },
      'GET /v1/organizations/tsrqponmlkjihgfedcba/projects': { json: supabaseProjects },
      'GET /v1/projects/abcdefghijklmnopqrst/analytics/endpoints/usage.api-counts': { json: supabaseCounts },
    }),
  },
  {
    id: 'stripe',
    provider: registered('stripe'),
    credentials: () => ({ apiKey: 'rk_test_parsers_0000' }),
    baseUrl: origin,
    now: new Date('2023-03-21T10:00:00Z'),
    month: [2023, 3],
    healthy: routes({ 'GET /v1/balance': { json: stripeBalance }, 'GET /v1/balance_transactions': { json: stripeTransactions } }),
  },
  {
    id: 'lemonsqueezy',
    provider: registered('lemonsqueezy'),
    credentials: () => ({ apiKey: 'lemonsqueezy-parsers-0000' }),
    baseUrl: (o) => `${o}/v1`,
    healthy: routes({
      'GET /v1/subscription-items': { json: lemonItems },
      'GET /v1/subscription-items/2/current-usage': { json: lemonUsage },
    }),
  },
];
