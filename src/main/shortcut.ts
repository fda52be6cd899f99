/**
 * The global shortcut that opens and closes the popover (none by default; set in Settings). Electron's
 * globalShortcut.register returns false when the keys are taken by another app (electron.d.ts 45: "this
 * call will silently fail"), and throws on an accelerator it cannot parse; both come back as a message
 * the Settings form shows, and the shortcut in force stays as it was.
 */
import type { GlobalShortcut } from 'electron';

export type ShortcutResult = { ok: true } | { ok: false; message: string };

export interface PopoverShortcut {
  /** Registers `accelerator` in place of the current one; null releases it. */
  apply(accelerator: string | null): ShortcutResult;
  readonly current: string | null;
  release(): void;
}

export function createShortcut(globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>, onPress: () => void): PopoverShortcut {
  let current: string | null = null;
  return {
    apply(accelerator) {
      if (accelerator === current) return { ok: true };
      if (accelerator !== null) {
        let registered: boolean;
        try {
          registered = globalShortcut.register(accelerator, onPress);
        } catch (error) {
          return { ok: false, message: `${accelerator} is not a shortcut Spendbar can use (${(error as Error).message}).` };
        }
        if (!registered) return { ok: false, message: `${accelerator} is in use by another app or the system; choose another shortcut.` };
      }
      if (current !== null) globalShortcut.unregister(current);
      current = accelerator;
      return { ok: true };
    },
    get current() {
      return current;
    },
    release() {
      if (current !== null) globalShortcut.unregister(current);
      current = null;
    },
  };
}
