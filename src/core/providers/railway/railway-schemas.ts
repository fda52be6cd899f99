import { z } from 'zod';
import { decimalAmount } from '../adapter-kit.js';

/** A Float the schema declares; an unambiguous numeric string is accepted too. */
const float = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]);
const integer = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]);

/**
 * `Customer` of a workspace (railwayapp/cli src/gql/schema.json). Only the fields Spendbar asks for;
 * every one is nullable here, so a missing figure stays unknown rather than zero.
 */
const customerSchema = z.object({
  /** Dollars: the official CLI prints it as "$…" (`railway usage`). "Cached and may not be up to date". */
  currentUsage: decimalAmount.nullish(),
  /** "The total amount of unused credits"; the unit is not documented. */
  creditBalance: float.nullish(),
  billingPeriod: z.object({ start: z.string().nullish(), end: z.string().nullish() }).nullish(),
  /** Whole dollars: the CLI prints them as "$N" and sets them through `softLimitDollars`/`hardLimitDollars`. */
  usageLimit: z
    .object({ softLimit: decimalAmount.nullish(), hardLimit: decimalAmount.nullish(), isOverLimit: z.boolean().nullish() })
    .nullish(),
  subscriptions: z
    .array(z.object({ nextInvoiceCurrentTotal: integer.nullish(), nextInvoiceDate: z.string().nullish(), status: z.string().nullish() }))
    .nullish(),
});

export const workspaceSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  customer: customerSchema.nullish(),
});

/** `data` of `query { me { workspaces { … } } }` (account tokens). */
export const meWorkspacesDataSchema = z.object({
  me: z.object({ workspaces: z.array(workspaceSchema) }),
});

/** `data` of `query ($workspaceId: String!) { workspace(workspaceId: $workspaceId) { … } }`. */
export const workspaceDataSchema = z.object({
  workspace: workspaceSchema,
});

/**
 * The GraphQL envelope, read before `data` is checked: errors arrive inside a 200 and usually come with
 * `data: null`, which must be reported as the error rather than as a missing field.
 */
export const graphqlEnvelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.object({
        message: z.string().nullish(),
        extensions: z.object({ code: z.string().nullish() }).nullish(),
      }),
    )
    .nullish(),
});

export type Workspace = z.infer<typeof workspaceSchema>;
export type GraphqlError = NonNullable<z.infer<typeof graphqlEnvelopeSchema>['errors']>[number];
