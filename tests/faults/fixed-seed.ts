/**
 * Every property of the fault suite runs from one seed, so a run in CI is the same run everywhere and a
 * failure can be replayed. A soak explores further with another: SPENDBAR_FAULT_SEED=<n> npm run test:faults
 * (fast-check prints the seed and the shrunk counterexample of any failure).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.SPENDBAR_FAULT_SEED ?? 20261204) });
