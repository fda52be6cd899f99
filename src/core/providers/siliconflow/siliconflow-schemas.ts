/**
 * SiliconFlow `GET /v1/user/info` (docs.siliconflow.cn, "获取用户账户信息"): an envelope with `code`
 * (20000 = ok), `message`, `status` and `data`. Balances are decimal strings in major units. Identity
 * fields (id, name, email…) are deliberately not read: the docs say one of them stops being returned.
 */
import { z } from 'zod';
import { decimalAmount } from '../adapter-kit.js';

export const userInfoSchema = z.object({
  code: z.union([z.number(), z.string()]),
  message: z.string().nullish(),
  status: z.boolean().nullish(),
  data: z
    .object({
      /** Granted (gift) balance. */
      balance: decimalAmount.nullish(),
      /** Recharged (paid) balance. */
      chargeBalance: decimalAmount.nullish(),
      /** balance + chargeBalance in the documented example. */
      totalBalance: decimalAmount,
      /** Account status, "normal" in the example. */
      status: z.string().nullish(),
    })
    .nullish(),
});

export type UserInfo = z.infer<typeof userInfoSchema>;
