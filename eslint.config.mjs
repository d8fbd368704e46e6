// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layering from './eslint-rules/layering.mjs';

/**
 * Which folder may import what (docs/architecture.md, "Layers and dependency rules").
 * Folders not listed here (tests/, scripts/, eslint-rules/, root config files) are unrestricted.
 * A layer may always import its own folder.
 */
const layers = {
  common: {
    description: 'runs anywhere (main, preload, renderer, server): pure TypeScript + zod',
    mayImport: [],
    nodeBuiltins: false,
    electron: false,
    nativeModules: 'never',
    packages: ['zod'],
  },
  db: {
    description: 'Kysely schema, migrations, repositories; gets the SQLite driver handed in',
    mayImport: ['common'],
    nodeBuiltins: true,
    electron: false,
    nativeModules: 'type-only',
  },
  native: {
    description: 'the only place that loads native modules, each behind a facade with a fake',
    mayImport: [],
    nodeBuiltins: true,
    electron: false,
    nativeModules: 'allow',
  },
  main: {
    description: 'services, devices, sync, adapters, transports and the entry points',
    mayImport: ['common', 'db', 'native'],
    nodeBuiltins: true,
    // Services and ports never see electron, so they run in plain Node and headless mode.
    electron: ['main/app/', 'main/adapters/', 'main/transports/electron-ipc.ts'],
    nativeModules: 'never',
  },
  preload: {
    description: 'exposes the typed client over ipcRenderer; sandboxed, so no Node',
    mayImport: ['common'],
    nodeBuiltins: false,
    electron: true,
    nativeModules: 'never',
    packages: ['electron'],
  },
  renderer: {
    description: 'React UI; talks to main only through the contract in common/',
    mayImport: ['common'],
    nodeBuiltins: false,
    electron: false,
    nativeModules: 'never',
  },
  server: {
    description: 'the central sync API; shares only the contract and domain in common/',
    mayImport: ['common'],
    nodeBuiltins: true,
    electron: false,
    nativeModules: 'never',
  },
};

const nativeModules = [
  'better-sqlite3-multiple-ciphers',
  'better-sqlite3',
  'serialport',
  '@serialport/bindings-cpp',
  'usb',
  '@node-rs/argon2',
  'keytar',
  '@napi-rs/keyring',
];

const sourceFiles = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
const typeScriptFiles = ['**/*.{ts,tsx,mts,cts}'];
const javaScriptFiles = ['**/*.{js,jsx,mjs,cjs}'];

// Leading underscore marks a deliberately unused binding (callback arity, destructuring).
const unusedVarsOptions = {
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
  ignoreRestSiblings: true,
};

export default defineConfig(
  // tests/fixtures/ hold deliberately broken code; tests/unit/dependency-rules.test.ts lints it.
  globalIgnores(['dist/', 'release/', 'node_modules/', 'test-results/', 'coverage/', '.data/', 'tests/fixtures/**']),

  {
    files: sourceFiles,
    extends: [js.configs.recommended],
  },
  {
    files: typeScriptFiles,
    // Not type-aware on purpose: lint stays fast; `npm run typecheck` does the type checking.
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', unusedVarsOptions],
    },
  },
  {
    files: javaScriptFiles,
    rules: {
      'no-unused-vars': ['error', unusedVarsOptions],
    },
  },
  {
    files: sourceFiles,
    ignores: ['common/**', 'renderer/**', 'preload/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**', 'preload/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // common/ runs in the browser too: neither Node nor DOM globals are assumed.
    files: ['common/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
  },

  {
    files: sourceFiles,
    plugins: { local: { rules: { layering } } },
    rules: {
      'local/layering': ['error', { root: import.meta.dirname, layers, nativeModules }],
    },
  },
);
