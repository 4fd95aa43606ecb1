// The dependency rules of docs/ARCHITECTURE.md, checked by `npm run depcheck` (part of `npm test`).
// A violation prints the rule, the importing file and the imported one.

/** The engine's stage folders in pipeline order (server/src/engine/pipeline.ts): a folder may import
 * the ones before it and the engine's shared root modules, never a later folder. */
const STAGES = ['text', 'model', 'repairs', 'filters', 'recognizers', 'combine', 'policy'];
/** Engine root modules every stage may use: shapes, errors, and the model's vocabulary (labels,
 * tokens, lexicon) that models/training also imports by these paths. */
const SHARED = ['types', 'errors', 'arrays', 'labels', 'tokenize', 'features'];
const ENGINE = '^server/src/engine/';
const alt = (names) => `(${names.join('|')})`;
/** An npm package, resolved (node_modules/…, @types/… for a types-only one) or not (a bare name). */
const pkg = (name) => `(^|node_modules/)(@types/)?${name}(/|$)`;
const EDITOR_PACKAGES = ['vscode', 'vscode-languageserver[^/]*', 'vscode-jsonrpc', 'vscode-languageclient'].map(pkg);

const stageOrder = STAGES.slice(0, -1).map((stage, i) => ({
  name: `engine-${stage}-before-${STAGES.slice(i + 1).join('-')}`,
  comment: `${stage}/ is stage ${i + 1} of the pipeline: it may not import a later stage (${STAGES.slice(i + 1).join(', ')}).`,
  severity: 'error',
  from: { path: `${ENGINE}${stage}/` },
  to: { path: `${ENGINE}${alt(STAGES.slice(i + 1))}/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A module may not reach itself through its imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-knows-no-editor',
      comment: 'The engine knows nothing of LSP, VS Code, the server or the client: the CLI and the hooks use it too.',
      severity: 'error',
      from: { path: ENGINE },
      to: { path: ['^server/src/(?!engine/)', '^client/', '^common/', ...EDITOR_PACKAGES] },
    },
    {
      name: 'engine-shared-imports-no-stage',
      comment: `The engine's shared root modules (${SHARED.join(', ')}) sit under every stage: they import no stage folder.`,
      severity: 'error',
      from: { path: `${ENGINE}${alt(SHARED)}\\.ts$` },
      to: { path: `${ENGINE}[^/]+/` },
    },
    {
      name: 'engine-stages-do-not-call-back',
      comment: 'A stage folder never imports the front door (engine.ts, modelEngine.ts, pipeline.ts, scan.ts) that runs it.',
      severity: 'error',
      from: { path: `${ENGINE}[^/]+/` },
      to: { path: `${ENGINE}(engine|modelEngine|pipeline|scan)\\.ts$` },
    },
    ...stageOrder,
    {
      name: 'client-imports-no-server',
      comment: 'The client talks to the server over LSP only; the protocol types live in common/.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-imports-no-client',
      comment: 'The server (and CLI) run without VS Code: no client module, no `vscode` API.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: ['^client/', pkg('vscode')] },
    },
    {
      name: 'common-is-types-and-constants',
      comment: 'common/ is imported by both sides: it may use the LSP protocol package and the engine\'s public types only.',
      severity: 'error',
      from: { path: '^common/' },
      to: { path: ['^client/', '^server/(?!src/engine/types\\.ts$)', pkg('vscode'), pkg('vscode-languageserver'), pkg('vscode-languageclient')] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type import in the wrong direction is a design dependency all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    exclude: { path: '^(dist|models|test/fixtures)/' },
  },
};
