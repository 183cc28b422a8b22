// Import rules of the source tree, checked in CI (`npm run lint:deps`, run by .ci/run before the
// tests). Imports flow one way, down this list of layers; a module may import its own layer and any
// layer below it, never one above. models/<layer>/ (SQL models' .meta.ts sidecars) belong to their
// layer. No import circles anywhere; src/ and models/ never import test/ or bench/.
//
//   0 foundations   src/contracts, src/config.ts, src/errors.ts, src/install-paths.ts, src/warehouse, src/html, src/types
//   1 engine        src/engine
//   2 core          src/quality, src/pipeline, src/generate
//   3 bronze        src/bronze, models/bronze
//   4 silver        src/silver, models/silver
//   5 gold          src/gold, models/gold
//   6 ml            src/ml, models/ml
//   7 dashboard     src/dashboard
//   8 cli           src/cli (the composition root: the step registry lives here)

const LAYERS = [
  {
    name: 'foundations',
    paths: [
      '^src/contracts/',
      '^src/config\\.ts$',
      '^src/errors\\.ts$',
      '^src/install-paths\\.ts$',
      '^src/worker-thread\\.ts$',
      '^src/warehouse/',
      '^src/html/',
      '^src/types/',
    ],
  },
  { name: 'engine', paths: ['^src/engine/'] },
  { name: 'core', paths: ['^src/quality/', '^src/pipeline/', '^src/generate/'] },
  { name: 'bronze', paths: ['^src/bronze/', '^models/bronze/'] },
  { name: 'silver', paths: ['^src/silver/', '^models/silver/'] },
  { name: 'gold', paths: ['^src/gold/', '^models/gold/'] },
  { name: 'ml', paths: ['^src/ml/', '^models/ml/'] },
  { name: 'dashboard', paths: ['^src/dashboard/'] },
  { name: 'cli', paths: ['^src/cli/'] },
];

const above = (name) => LAYERS.slice(LAYERS.findIndex((l) => l.name === name) + 1).flatMap((l) => l.paths);

// One rule per layer: nothing in it imports a layer above.
const layerRules = LAYERS.slice(0, -1).map((layer) => ({
  name: `layer-${layer.name}`,
  comment: `${layer.name} must not import a layer above it`,
  severity: 'error',
  from: { path: layer.paths },
  to: { path: above(layer.name) },
}));
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'no import circles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-or-bench-from-source',
      comment: 'src/ and models/ never import test/ or bench/',
      severity: 'error',
      from: { path: ['^src/', '^models/'] },
      to: { path: ['^test/', '^bench/'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^dist/', '^\\.spark/', '^bench/out/', '^data/', '^warehouse/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.cjs', '.mjs', '.json', '.d.ts'],
    },
  },
};
