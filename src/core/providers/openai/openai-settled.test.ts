/** OpenAI asks for each settled day's costs and usage once, and its figures stay those of a full fetch. */
import { openaiDailyRoutes } from '../../../../tests/fakes/daily-buckets.js';
import { describeSettledDays } from '../../../../tests/kit/settled-days-kit.js';
import { openaiProvider } from './openai-provider.js';

describeSettledDays({
  provider: openaiProvider,
  credentials: () => ({ apiKey: 'sk-admin-test-0000' }),
  routes: openaiDailyRoutes,
  baseUrl: (origin) => `${origin}/v1`,
  bucketedPaths: ['/v1/organization/costs', '/v1/organization/usage/completions'],
});
