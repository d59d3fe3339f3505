// Lint: strict type-checked TypeScript plus the import direction of DESIGN.md §2.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

const zone = (target, from, message) => ({ target, from, message });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/dist/**', 'coverage/**', 'test-artifacts/**', 'data/**', 'logs/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      'import-x/no-cycle': ['error', { maxDepth: 8, ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone('./src/domain', ['./src/ports', './src/core', './src/adapters', './src/exchange', './src/config', './src/runtime', './src/app'], 'domain/ is the vocabulary: it imports nothing else of ours'),
            zone('./src/ports', ['./src/core', './src/adapters', './src/exchange', './src/config', './src/runtime', './src/app'], 'ports/ may import only domain/'),
            zone('./src/core', ['./src/adapters', './src/exchange', './src/config', './src/runtime', './src/app'], 'core/ is pure: it reaches I/O only through ports/'),
            zone('./src/exchange', ['./src/core', './src/ports', './src/adapters', './src/config', './src/runtime', './src/app'], 'exchange/ is an independent venue: it never imports the bot'),
            zone('./src/config', ['./src/core', './src/adapters', './src/exchange', './src/runtime', './src/app'], 'config/ may import only domain/'),
            zone('./src/adapters', ['./src/core', './src/runtime', './src/app'], 'adapters/ implement ports; they never import core/, runtime/ or app/'),
            zone('./src/runtime', ['./src/app'], 'runtime/ composes; app/ sits on top of it'),
          ],
        },
      ],
    },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'core/ is deterministic: take time from the Clock port' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core/ is deterministic: take time from the Clock port' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'core/ is deterministic: no Math.random' },
        { selector: "CallExpression[callee.name=/^set(Timeout|Interval|Immediate)$/]", message: 'core/ has no timers: scheduling belongs to runtime/' },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
