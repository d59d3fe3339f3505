// Lint: strict type-checked TypeScript plus the import direction of DESIGN.md §2.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Import direction of DESIGN §2: a layer may not import the layers listed for it. Checked here on the import
// specifier (relative paths name the folder), and on the resolved graph — with cycles — by
// test/architecture/import-direction.test.ts. (eslint-plugin-import-x is not used: its native resolver's
// platform packages are not all on this machine's registry, which breaks `npm ci`.)
const LAYERS = ['domain', 'ports', 'core', 'adapters', 'exchange', 'config', 'runtime', 'app'];
const FORBIDDEN = {
  domain: ['ports', 'core', 'adapters', 'exchange', 'config', 'runtime', 'app'],
  ports: ['core', 'adapters', 'exchange', 'config', 'runtime', 'app'],
  core: ['adapters', 'exchange', 'config', 'runtime', 'app'],
  exchange: ['core', 'ports', 'adapters', 'config', 'runtime', 'app'],
  config: ['core', 'ports', 'adapters', 'exchange', 'runtime', 'app'],
  adapters: ['core', 'runtime', 'app'],
  runtime: ['app'],
};
const layerRules = Object.entries(FORBIDDEN).map(([layer, forbidden]) => ({
  files: [`src/${layer}/**/*.ts`],
  ignores: ['src/**/*.test.ts', 'src/**/testing/**', 'src/**/*-test-kit.ts', 'src/**/test-kit/**'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: forbidden.map((target) => ({
        regex: `^(\\.\\./)+(src/)?${target}(/|$)`,
        message: `${layer}/ may not import ${target}/ (DESIGN §2: ${layer === 'core' ? 'core is pure, I/O only through ports' : layer === 'exchange' ? 'the exchange is an independent venue' : 'import direction'})`,
      })),
    }],
  },
}));
void LAYERS;

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/dist/**', 'coverage/**', 'test-artifacts/**', 'data/**', 'logs/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
    },
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
  ...layerRules,
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
