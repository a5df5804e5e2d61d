export { compile, MISSING, type CompileIssue, type CompileOutput } from './compile.ts';
export { decompile } from './decompile.ts';
