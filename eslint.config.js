// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Import-boundary zones: the three rooms (shared, client, server) stay apart. */
const sharedMayNotImport = [
  { group: ['react', 'react-*', 'react/*', 'dexie', 'dexie-*', 'workbox-*', 'i18next'], message: 'src/shared is pure domain code: no UI or browser storage.' },
  { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'fastify', '@fastify/*', 'kysely', 'better-sqlite3', 'pg'], message: 'src/shared is pure domain code: no Node or server modules.' },
  { group: ['**/client/**', '**/server/**'], message: 'src/shared must not import client or server code.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'dev-dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': ['error', { patterns: sharedMayNotImport }] },
  },
  {
    files: ['src/client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/server/**'], message: 'The client talks to the server over HTTP only.' },
        { group: ['node:*', 'fastify', 'kysely', 'better-sqlite3', 'pg'], message: 'No server modules in the client.' },
      ] }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/client/**'], message: 'The server must not import client code.' },
        { group: ['react', 'react-*', 'dexie', 'dexie-*'], message: 'No UI or browser storage on the server.' },
      ] }],
    },
  },
);
