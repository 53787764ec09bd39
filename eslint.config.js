import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const tfjs = { group: ['@tensorflow/*'], message: 'Only src/ml/ talks to TF.js.' };
const idb = { group: ['idb', 'idb/*'], message: 'Only src/storage/ talks to IndexedDB.' };
const react = { group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*'], message: 'Domain logic is plain TypeScript.' };

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [tfjs, idb] }],
    },
  },
  {
    files: ['src/ml/**'],
    ignores: ['src/ml/worker*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [idb, react, { group: ['**/storage', '**/storage/*'], message: 'Only the worker entry (src/ml/worker*.ts) wires storage into ml/.' }] }] },
  },
  { files: ['src/ml/worker*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [idb, react] }] } },
  { files: ['src/storage/**'], rules: { 'no-restricted-imports': ['error', { patterns: [tfjs, react] }] } },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [tfjs, idb, react, { group: ['**/ml', '**/ml/*', '**/storage', '**/storage/*', '**/state/*', '**/ui/*'], message: 'domain/ imports nothing outside itself.' }] },
      ],
    },
  },
  {
    files: ['src/state/commands/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [tfjs, idb, react, { regex: '^\\.\\./[\\w-]+$', message: 'A command gets what it needs as inputs; it reads no store.' }] }],
    },
  },
  { files: ['tests/**'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['src/**/*.tsx'], plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules },
);
