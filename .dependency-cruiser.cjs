/* global module */
// Layer boundaries of issue 13, checked by `npm run lint` (depcruise step). A rule broken anywhere
// fails lint; test/layout/boundaries.test.ts proves it on a throw-away tree.
//
// Layers: services/ (domain, engine, store; no Teams), cards/ (Adaptive Cards from domain state),
// bot/ + dialogs/ (Teams), test/ (tests, fixtures, card samples).
// A "process" is a folder under services/workflows/ or cards/ (cards/generic/ is shared, not a process).

/**
 * Import circles that were there when the rule came in, each named exactly (both of its files).
 * issue 13: being split — remove the entry when split.
 */
const KNOWN_CIRCLES = [];

/** Folders under cards/ that every process may use. */
const SHARED_CARD_FOLDERS = ['generic'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'services-not-to-ui',
      comment: 'services/ is the domain: it imports neither the bot layer, the dialogs nor the cards.',
      severity: 'error',
      from: { path: '^services/' },
      to: { path: '^(bot|cards|dialogs)/' },
    },
    {
      name: 'cards-not-to-bot',
      comment: 'cards/ draws cards from domain state; it imports neither bot/ nor dialogs/.',
      severity: 'error',
      from: { path: '^cards/' },
      to: { path: '^(bot|dialogs)/' },
    },
    {
      name: 'botbuilder-only-in-bot',
      comment:
        'botbuilder (and botbuilder-dialogs etc.) is used only in bot/ and dialogs/ (tests may drive it).',
      severity: 'error',
      from: { path: '^(services|cards|manifest|tab|scripts)/' },
      to: { path: '^node_modules/botbuilder' },
    },
    {
      name: 'no-cross-process-workflows',
      comment:
        "A process does not import another process's modules (services/workflows/<a>/ -> services/workflows/<b>/); " +
        "where it needs another process's facts it asks through a read interface passed in the decide context.",
      severity: 'error',
      from: { path: '^services/workflows/([^/]+)/' },
      to: { path: '^services/workflows/[^/]+/', pathNot: '^services/workflows/$1/' },
    },
    {
      name: 'no-cross-process-cards',
      comment: "A process's cards do not import another process's cards (cards/<a>/ -> cards/<b>/).",
      severity: 'error',
      from: { path: '^cards/([^/]+)/' },
      to: {
        path: '^cards/[^/]+/',
        pathNot: ['^cards/$1/', `^cards/(${SHARED_CARD_FOLDERS.join('|')})/`],
      },
    },
    {
      name: 'bot-names-no-process',
      comment:
        'The bot layer (bot/, dialogs/, manifest/) holds no process knowledge: it reaches processes only through the ' +
        'process list (cards/processes.ts, cards/registry.ts) and the shared workflow layer (services/workflow/), ' +
        "never through a process's own modules (services/workflows/<p>/, cards/<p>/).",
      severity: 'error',
      from: { path: '^(bot|dialogs|manifest)/' },
      to: {
        path: ['^services/workflows/', '^cards/[^/]+/'],
        pathNot: `^cards/(${SHARED_CARD_FOLDERS.join('|')})/`,
      },
    },
    {
      name: 'production-not-to-test',
      comment:
        'Production code does not import tests, fixtures or card samples (they live under test/ and stay out of the build).',
      severity: 'error',
      from: { path: '^(services|cards|bot|dialogs|manifest|tab)/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      comment: 'No import circles (type-only imports count too).',
      severity: 'error',
      from: { pathNot: KNOWN_CIRCLES },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|docs|bench/results|test-results)/' },
    // Type-only imports are dependencies too: a circle of types is still a circle to a reader.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    moduleSystems: ['cjs', 'es6'],
  },
};
