import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSchemas } from './schemas.ts';

const dir = join(import.meta.dirname, '..', 'schemas');
mkdirSync(dir, { recursive: true });
for (const [file, text] of Object.entries(renderSchemas())) {
  writeFileSync(join(dir, file), text);
  console.log(`schemas/${file}`);
}
