// Lint: typescript-eslint, React hooks and jsx-a11y, plus the layer rules that keep the architecture honest.
// The layers are `no-restricted-imports` patterns composed per folder below; README "Architecture" explains them.
import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** @typedef {{ group?: string[]; regex?: string; message: string; allowTypeImports?: boolean }} Pattern */

/** Inside app/, another app module is reached by `~/`; only db/ and competences/ (outside app/) are relative. */
const APP_IMPORT_STYLE = {
  regex: '^\\.\\.?/(?!(\\.\\./)*(db|competences)/)',
  message: "Import app modules by '~/…' (one import style); only db/ and competences/ are reached by a relative path.",
}

/** Outside app/, modules are reached by relative paths (tsx, drizzle-kit and the e2e runner do not read `~/`). */
const OUTSIDE_IMPORT_STYLE = {
  group: ['~/*'],
  message: "Outside app/, import by relative path ('../../app/…'), as the rest of db/, competences/ and tests/ do.",
}

/** Only the query layer (app/models) talks to drizzle and SQLite. */
const NO_DRIZZLE = {
  group: ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3'],
  message: 'Only the query layer (app/models/*.server.ts) imports drizzle or better-sqlite3: call a model function.',
}

/**
 * The query layer is called by the feature services (app/<feature>/*.server.ts), never the other way round:
 * a model reaches other models and ~/utils, and plain modules of any feature, but no feature's `.server` module.
 */
const NO_FEATURE_SERVICES = {
  regex: '^~/(?!models/|utils/)[^/]+/.*\\.server(\\.[jt]sx?)?$',
  message:
    'The query layer (app/models) never imports a feature service: the service calls the model. Move the code that needs it into the service.',
}

/** db/ holds the schema, connection and CLIs: none of it may reach the browser. Types are erased, so they may. */
const NO_DB_IN_BROWSER = {
  regex: '(^|/)db(/|$)',
  allowTypeImports: true,
  message: 'Browser code never imports db/ (it would ship the schema): shared constants live in ~/vocabulary.',
}

/** `.server` modules stay on the server; only route loaders/actions (stripped from the client build) may call them. */
const NO_SERVER_MODULES = {
  regex: '\\.server(\\.[jt]sx?)?$',
  allowTypeImports: true,
  message: 'Browser code never imports a *.server module: call it from a route loader or action instead.',
}

/**
 * Server code and the query layer take plain data and types from the feature modules, never from the UI: a type
 * a form and its server code share lives beside the form's schema (e.g. ~/evidence/form). Only a `.server.tsx`
 * module, which renders a document on the server, may use components.
 */
const NO_UI = {
  group: ['~/components/*', '~/routes/*'],
  message: 'Server code and models never import components or routes: share the type from the feature module instead.',
}

/** Pure cores: plain data in, plain data out. */
const PURE = [
  {
    group: ['@remix-run/*', 'react', 'react-dom', 'react-dom/*', 'express', 'nodemailer'],
    message: 'Pure cores (coverage, privacy, diff, rules) import no Remix, React or server framework.',
  },
  {
    regex: '^(node:)?(fs|fs/promises|child_process|net|http|https|http2|dgram|worker_threads|cluster)$',
    message: 'Pure cores (coverage, privacy, diff, rules) do no I/O: take the data as an argument.',
  },
]

/** @param {Pattern[]} patterns */
const restrict = (...patterns) => ['error', { patterns }]

const PURE_CORES = [
  'app/coverage/**',
  'app/privacy/**',
  'app/feedback/**',
  'app/record/experience.ts',
  'app/record/form.ts',
  'app/review/diff.ts',
  'app/review/status.ts',
]
const PURE_RULES = [
  'competences/coverage-rules.ts',
  'competences/evidence-types.ts',
  'competences/declaration.ts',
  'competences/feedback.ts',
]
const SERVER_ONLY = ['app/**/*.server.ts', 'app/**/*.server.tsx', 'app/server/**', 'app/load-context.ts']

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', '.cache/**', 'data/**', 'test-results/**', 'db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  { files: ['**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  {
    files: ['**/*.tsx'],
    rules: {
      // A wide table sits in a focusable, labelled scroll region so keyboard users can scroll it (axe's
      // scrollable-region-focusable); that region is the one non-interactive role allowed a tabIndex.
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: [], roles: ['tabpanel', 'region'] }],
    },
  },

  // Layers. A file gets the patterns of the most specific block that matches it (later blocks win).
  {
    files: ['db/**', 'competences/**', 'tests/**', '*.config.ts'],
    rules: { 'no-restricted-imports': restrict(OUTSIDE_IMPORT_STYLE) },
  },
  { files: ['app/**'], rules: { 'no-restricted-imports': restrict(APP_IMPORT_STYLE, NO_DRIZZLE) } },
  {
    files: ['app/**/*.server.ts', 'app/server/**', 'app/load-context.ts'],
    rules: { 'no-restricted-imports': restrict(APP_IMPORT_STYLE, NO_DRIZZLE, NO_UI) },
  },
  {
    files: ['app/models/**'],
    rules: { 'no-restricted-imports': restrict(APP_IMPORT_STYLE, NO_UI, NO_FEATURE_SERVICES) },
  },
  {
    files: ['app/routes/**', 'app/root.tsx'],
    ignores: SERVER_ONLY,
    rules: { 'no-restricted-imports': restrict(APP_IMPORT_STYLE, NO_DRIZZLE, NO_DB_IN_BROWSER) },
  },
  {
    files: ['app/**'],
    ignores: [...SERVER_ONLY, 'app/routes/**', 'app/root.tsx', 'app/models/**'],
    rules: { 'no-restricted-imports': restrict(APP_IMPORT_STYLE, NO_DRIZZLE, NO_DB_IN_BROWSER, NO_SERVER_MODULES) },
  },
  {
    files: PURE_CORES,
    rules: {
      'no-restricted-imports': restrict(APP_IMPORT_STYLE, NO_DRIZZLE, NO_DB_IN_BROWSER, NO_SERVER_MODULES, ...PURE),
    },
  },
  {
    files: PURE_RULES,
    rules: {
      'no-restricted-imports': restrict(OUTSIDE_IMPORT_STYLE, NO_DRIZZLE, NO_DB_IN_BROWSER, NO_SERVER_MODULES, ...PURE),
    },
  },
)
