// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import fs from 'node:fs';

/** Import-boundary zones: the three rooms (shared, client, server) stay apart. */
const sharedMayNotImport = [
  { group: ['react', 'react-*', 'react/*', 'dexie', 'dexie-*', 'workbox-*', 'i18next'], message: 'src/shared is pure domain code: no UI or browser storage.' },
  { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'fastify', '@fastify/*', 'kysely', 'better-sqlite3', 'pg'], message: 'src/shared is pure domain code: no Node or server modules.' },
  { group: ['**/client/**', '**/server/**'], message: 'src/shared must not import client or server code.' },
];

/**
 * Feature borders: a file in `<dir>/X/` reaches another feature Y only through Y's public
 * `index.ts` (`import … from '../Y'`); what several features share lives outside the features
 * (client: src/client/net, ui, data; server: src/server beside db/ and http/). One zone per
 * feature, read from the folders.
 */
function featureZones(dir, shared) {
  const features = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  return features.map((name) => ({
    target: `./${dir}/${name}`,
    from: `./${dir}`,
    except: [`./${name}`, ...features.filter((other) => other !== name).map((other) => `./${other}/index.ts`)],
    message: `Feature "${name}" may use another feature only through its index.ts (import from '../<feature>'); what several features share belongs in ${shared}.`,
  }));
}

const clientShared = ['./src/client/data', './src/client/net', './src/client/ui', './src/client/catalogue'];

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
    // Imports resolved as TypeScript resolves them, so the rules below see real files.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' }), createNodeResolver({ extensions: ['.css'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: [
        ...featureZones('src/client/features', 'src/client/net, ui or data'),
        ...featureZones('src/server/features', 'src/server (beside db/ and http/)'),
        { target: clientShared, from: './src/client/features', message: 'Shared client code (data, net, ui, catalogue) must not depend on a feature.' },
      ] }],
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
        { group: ['react-router', 'react-router-dom', 'react-router/*'], message: 'The app has its own small router (first-load budget): import from src/client/app/router.' },
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
