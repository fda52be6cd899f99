/**
 * The @pydantic/genai-prices database, loaded the first time a price is looked up. It is large
 * (hundreds of KB of JSON, ~0.1 s to parse), and most commands (`status` among them) never price
 * anything, so no module imports it at start-up. Its CommonJS build lets loading stay synchronous.
 */
import { createRequire } from 'node:module';
import type { calcPrice as CalcPrice } from '@pydantic/genai-prices';

let calcPriceLoaded: typeof CalcPrice | undefined;

/** `calcPrice` of the price database, loading the database on first use. */
export function calcPrice(...args: Parameters<typeof CalcPrice>): ReturnType<typeof CalcPrice> {
  calcPriceLoaded ??= (createRequire(import.meta.url)('@pydantic/genai-prices') as { calcPrice: typeof CalcPrice }).calcPrice;
  return calcPriceLoaded(...args);
}
