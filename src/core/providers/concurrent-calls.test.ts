import { describe, expect, it } from 'vitest';
import { inOrder } from './concurrent-calls.js';

const after = <T>(ms: number, value: T, fail = false) =>
  new Promise<T>((resolve, reject) => setTimeout(() => (fail ? reject(value) : resolve(value)), ms));

describe('inOrder', () => {
  it('runs the calls at once: the whole takes as long as the slowest, results in the listed order', async () => {
    const started = Date.now();
    const results = await inOrder([() => after(300, 'a'), () => after(100, 'b'), () => after(200, 'c')]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(Date.now() - started).toBeLessThan(450);
  });

  it('throws the first listed failure, as one-after-another calls would, even when a later one failed sooner', async () => {
    const error = await inOrder([() => after(150, new Error('auth'), true), () => after(10, new Error('parse'), true)]).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('auth');
  });

  it('throws as soon as every call before the failing one has succeeded, without waiting for later calls', async () => {
    const started = Date.now();
    const error = await inOrder([() => after(20, 'ok'), () => after(50, new Error('rate-limited'), true), () => after(2_000, 'slow')]).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('rate-limited');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
