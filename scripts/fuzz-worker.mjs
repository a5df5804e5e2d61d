// The fuzz worker thread: registers tsx (as bin/logigramme.mjs does) so that the TypeScript harness runs.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./fuzz.ts', import.meta.url).href);
