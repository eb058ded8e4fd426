// ESM jest: NestJS 12 is ESM-only (see docs/engineering-notes.md).
// The `#libs/...` names of package.json "imports" point at dist for Node; jest must map them to
// the sources, or it silently tests whatever stale dist was last built.
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^#libs/mail/fixtures$': '<rootDir>/libs/mail/src/email-fixtures.ts',
    '^#libs/testing/template-name$': '<rootDir>/libs/testing/src/template-name.mjs',
    '^#libs/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^#generated/prisma$': '<rootDir>/generated/prisma/client.ts',
    '^#generated/kysely$': '<rootDir>/generated/kysely/types.ts',
    '^#apps/([^/]+)$': '<rootDir>/apps/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.medium-spec.ts', '**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  testTimeout: 60000,
  // A worker that has grown past this after a test file is replaced: every file loads Nest, Prisma,
  // BullMQ and (some) vega, playwright or oidc-provider anew under ESM, and a worker that ran ~100
  // files ran out of heap ("Jest worker ran out of memory and crashed") and spent its last minutes in GC.
  workerIdleMemoryLimit: '1GB',
  reporters: ['default', '<rootDir>/test/summary-reporter.mjs'],
};
