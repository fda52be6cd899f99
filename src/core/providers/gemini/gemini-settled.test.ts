/** Gemini asks Cloud Monitoring for each settled day of each token metric once, and its estimate stays that of a full fetch. */
import { geminiDailyRoutes } from '../../../../tests/fakes/daily-buckets.js';
import type { FakeReply } from '../../../../tests/fakes/fake-http-server.js';
import { FREE_INPUT_METRIC, geminiFake, OUTPUT_METRIC, PAID_INPUT_METRIC, TEST_PROJECT, testGeminiProvider } from '../../../../tests/fakes/gemini-fake.js';
import { writeTestKeyFile } from '../../../../tests/fakes/gcp-fake.js';
import { describeSettledDays } from '../../../../tests/kit/settled-days-kit.js';
import { TOKEN_METRICS } from './gemini-monitoring.js';

const timeSeries = geminiDailyRoutes({ output: OUTPUT_METRIC, freeInput: FREE_INPUT_METRIC, paidInput: PAID_INPUT_METRIC });
const handler = geminiFake({ metrics: Object.fromEntries(TOKEN_METRICS.map((metric) => [metric.type, timeSeries])) });

describeSettledDays({
  provider: testGeminiProvider,
  credentials: (origin) => ({ keyFile: writeTestKeyFile(`${origin}/token`) }),
  settings: { project: TEST_PROJECT },
  routes: () => ({ 'POST /token': (request) => handler(request) as FakeReply, [`GET /v3/projects/${TEST_PROJECT}/timeSeries`]: (request) => handler(request) as FakeReply }),
  baseUrl: (origin) => origin,
  bucketedPaths: [`/v3/projects/${TEST_PROJECT}/timeSeries`],
  streams: TOKEN_METRICS.length,
});
