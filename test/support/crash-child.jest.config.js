// Runs test/support/crash-mid-send.child.ts alone, in its own process, for
// test/reliability/crash-mid-send.e2e-spec.ts (the parent spawns it and watches it die).
import { fileURLToPath } from 'node:url';
import base from '../../jest.config.js';

export default {
  ...base,
  rootDir: fileURLToPath(new URL('../..', import.meta.url)),
  roots: ['<rootDir>/test/support'],
  testMatch: ['**/crash-mid-send.child.ts'],
  globalSetup: undefined,
};
