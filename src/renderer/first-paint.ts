/** Resolves once the browser has drawn the next frame (a task queued from a frame callback runs after it). */
export function nextFrame(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Work that must not hold up the popover's first paint waits here: until the next frame has been painted
 * and the page is idle (at most `timeoutMs` later). The store loads entries and the Settings lists then,
 * and the account list renders the rows below the fold then.
 */
export function afterNextPaint(timeoutMs = 500): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  const whenIdle = (resolve: () => void) =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: timeoutMs }) : setTimeout(resolve, 0);
  return new Promise((resolve) => requestAnimationFrame(() => whenIdle(resolve)));
}
