import process from 'node:process';

// Native ESM Jest (run through `node --experimental-vm-modules`), TypeScript compiled by SWC.
// Type checking is `npm run typecheck`; SWC only strips types and lowers decorators.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  // Workspace libs resolve to their sources through their own `exports` maps, as `customConditions` does for the
  // type checker: each entry point, subpaths included, is declared once, in its lib's package.json.
  testEnvironmentOptions: { customExportConditions: ['@customs-pulse/source', 'node', 'node-addons'] },
  moduleNameMapper: {
    // NodeNext imports carry `.js`; the sources are `.ts`.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.cache/'],
};

const projects = [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test,bench}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/integration-timeout.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/integration-timeout.ts'],
    },
    {
      // Crashes, restarts and poison input against real processes, PostgreSQL and Kafka (issue 15's fault suite):
      // its own kind, run once per CI run, since it is the slowest.
      ...shared,
      displayName: 'faults',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.fault-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/fault-timeout.ts'],
    },
];

// `npm run test:<kind>` names its project in JEST_PROJECT rather than with `--selectProjects`, which takes every
// word after it as a project name: `npm run test:unit -- libs/kpi` would otherwise run the whole unit suite.
const only = process.env.JEST_PROJECT;
if (only !== undefined && !projects.some((project) => project.displayName === only)) {
  throw new Error(`JEST_PROJECT=${only} is not a project (${projects.map((project) => project.displayName).join(', ')})`);
}

/** @type {import('jest').Config} */
export default { projects: only === undefined ? projects : projects.filter((project) => project.displayName === only) };
