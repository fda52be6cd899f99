/**
 * Vitest global setup: renders the icons and builds the app (electron-vite: main, preload, renderer) once,
 * before any test file runs, so the first-launch and packaging tests never build the same out/ at once.
 */
import { buildApp } from './launch.js';

export default function setup(): void {
  buildApp();
}
