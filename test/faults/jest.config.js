// `npm run test:faults`: the fault suite (test/faults/*.fault-spec.ts). It runs the built services
// as processes of their own on a Postgres and a Redis it starts itself, so it is kept out of
// `npm test` (whose testMatch does not match *.fault-spec.ts) and runs alone, in band.
import { fileURLToPath } from 'node:url';
import base from '../../jest.config.js';

export default {
  ...base,
  rootDir: fileURLToPath(new URL('../..', import.meta.url)),
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/*.fault-spec.ts'],
  globalSetup: undefined,
  testTimeout: 240_000,
};
