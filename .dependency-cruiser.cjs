/**
 * The layering, checked in `npm test` (`npm run lint:layers`): no import cycles; the engine never
 * reaches a front end; adapters never touch the stores, the keychain or the disk; the renderer and the
 * shared contract import only the shared contract. docs/architecture.md explains the layers.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle means two modules cannot be understood (or tested) apart.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'engine-not-front-ends',
      severity: 'error',
      comment: 'src/core runs under plain Node for the CLI, serve and tests: never Electron or a front end.',
      from: { path: '^src/core/' },
      to: { path: ['^src/(main|renderer|cli|preload)/', '^electron$'] },
    },
    {
      name: 'adapters-not-storage',
      severity: 'error',
      comment: 'A provider adapter turns HTTP answers into snapshots; keeping and keys are the engine’s business.',
      from: { path: '^src/core/providers/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^src/core/(store|secrets|ledger)/', '^(node:)?fs(/promises)?$', '^@napi-rs/keyring$', '^proper-lockfile$'] },
    },
    {
      name: 'renderer-only-shared',
      severity: 'error',
      comment: 'The popover talks only to window.spendbar; it runs in Electron and in a browser alike.',
      from: { path: '^src/renderer/' },
      to: { path: ['^src/(core|main|cli|preload)/', '^electron$'], dependencyTypes: ['local', 'core', 'npm', 'npm-dev'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-is-a-leaf',
      severity: 'error',
      comment: 'src/shared is the contract every process reads; it depends on no process.',
      from: { path: '^src/shared/' },
      to: { path: '^src/(core|main|renderer|cli|preload)/' },
    },
    {
      name: 'cli-not-electron',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: ['^src/(main|renderer|preload)/', '^electron$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
    exclude: { path: ['__fixtures__', '\\.d\\.ts$'] },
  },
};
