// Loaded with `node --import` before the built main process: sets the platform the test asked for and
// makes `electron` resolve to the stand-in (and, when asked, makes the keychain's native module missing).
import { register } from 'node:module';

if (process.env.STANDIN_PLATFORM) Object.defineProperty(process, 'platform', { value: process.env.STANDIN_PLATFORM });
register('./hooks.mjs', import.meta.url);
