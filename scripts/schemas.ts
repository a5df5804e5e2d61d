import * as z from 'zod';
import { CommentsFileSchema, CompanyInputSchema, DiffResultSchema, EmployeeSchema, GraphDocumentSchema, ReferentialSchema } from '../src/core/index.ts';

/** Every JSON Schema of `schemas/`, rendered from its Zod source: file name → text. */
export function renderSchemas(): Record<string, string> {
  const documents: Record<string, { schema: z.ZodType; title: string }> = {
    'referential.schema.json': { schema: ReferentialSchema, title: 'Référentiel professionnel de branche (format portable Logigramme)' },
    'company.schema.json': { schema: CompanyInputSchema, title: 'Réponses de l’entreprise et mesures de prévention en place' },
    'employee.schema.json': { schema: EmployeeSchema, title: 'Profil de mission d’un salarié' },
    'diff.schema.json': { schema: DiffResultSchema, title: 'Liste des changements entre deux versions d’un référentiel' },
    'graph.schema.json': { schema: GraphDocumentSchema, title: 'Logigramme (graphe de décision d’un référentiel de branche)' },
    'comments.schema.json': { schema: CommentsFileSchema, title: 'Commentaires d’un relecteur sur une version d’un référentiel' },
  };
  const out: Record<string, string> = {};
  for (const [file, { schema, title }] of Object.entries(documents)) {
    const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
    out[file] = `${JSON.stringify({ $id: `https://logigramme.local/schemas/${file}`, title, ...json }, null, 2)}\n`;
  }
  return out;
}
