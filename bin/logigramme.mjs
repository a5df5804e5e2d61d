#!/usr/bin/env node
// Launcher of the command line: registers tsx so that Node runs the TypeScript sources directly.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
