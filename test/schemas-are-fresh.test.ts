import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSchemas } from '../scripts/schemas.ts';

describe('committed JSON Schemas', () => {
  for (const [file, text] of Object.entries(renderSchemas())) {
    it(`schemas/${file} matches its Zod source (run npm run schemas when this fails)`, () => {
      const committed = readFileSync(join(import.meta.dirname, '..', 'schemas', file), 'utf8');
      expect(committed).toBe(text);
    });
  }
});
