import { z } from 'zod';

/** A count the spec types as `number`; a numeric string is accepted as unambiguous. */
const count = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).transform(Number);

/** `GET /v1/organizations` (supabase/cli packages/api/src/generated/openapi.json, OrganizationResponseV1). */
export const organizationsSchema = z.array(
  z.object({
    /** Deprecated in favour of `slug`, which older responses lack. */
    id: z.string().nullish(),
    slug: z.string().nullish(),
    name: z.string().nullish(),
  }),
);

/** `GET /v1/organizations/{slug}` (V1OrganizationSlugResponse): the plan. */
export const organizationSchema = z.object({
  id: z.string().nullish(),
  name: z.string().nullish(),
  plan: z.string().nullish(),
});

/** `GET /v1/organizations/{slug}/projects` (OrganizationProjectsResponse), first page. */
export const organizationProjectsSchema = z.object({
  projects: z.array(
    z.object({
      ref: z.string(),
      name: z.string().nullish(),
      status: z.string().nullish(),
      is_branch: z.boolean().nullish(),
    }),
  ),
  pagination: z.object({ count: count.nullish() }).nullish(),
});

/**
 * `GET /v1/projects/{ref}/analytics/endpoints/usage.api-counts?interval=…` (V1GetUsageApiCountResponse):
 * request counts per time bucket over the interval; `error` can arrive inside a 200. The four counts are
 * required by the spec: a bucket without one makes the project's total unknown, not smaller.
 */
export const usageApiCountsSchema = z.object({
  result: z
    .array(
      z.object({
        timestamp: z.string().nullish(),
        total_auth_requests: count,
        total_realtime_requests: count,
        total_rest_requests: count,
        total_storage_requests: count,
      }),
    )
    .nullish(),
  error: z
    .union([z.string(), z.object({ code: count.nullish(), message: z.string().nullish(), status: z.string().nullish() })])
    .nullish(),
});

export type Organization = z.infer<typeof organizationSchema>;
export type UsageApiCounts = z.infer<typeof usageApiCountsSchema>;
