/** Anthropic asks for each settled day's cost and usage reports once, and its figures stay those of a full fetch. */
import { anthropicDailyRoutes } from '../../../../tests/fakes/daily-buckets.js';
import { describeSettledDays } from '../../../../tests/kit/settled-days-kit.js';
import { anthropicProvider } from './anthropic-provider.js';

describeSettledDays({
  provider: anthropicProvider,
  credentials: () => ({ apiKey: 'sk-ant-admin01-test-0000' }),
  routes: anthropicDailyRoutes,
  baseUrl: (origin) => origin,
  bucketedPaths: ['/v1/organizations/cost_report', '/v1/organizations/usage_report/messages'],
});
