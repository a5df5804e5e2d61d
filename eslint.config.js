// ESLint flat config, run by `npm test` (`npm run lint`, zero warnings allowed). The compiler checks
// types; this catches what it cannot see: the rules of hooks (refs and state during render included),
// accessibility of the JSX, and the pitfalls of typescript-eslint's recommended set.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'schemas/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // French typography puts narrow no-break spaces in strings, templates and patterns on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'test/**/*.tsx'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'test/**/*.tsx'],
    rules: {
      // Only says the React Compiler would skip a component; the app is not built with the compiler.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    files: ['src/ui/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    // Tests feed the loaders hostile and malformed documents on purpose: `any` builds them.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
