import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addThread, commentsAnnex, decompile, findCriterion, loadReferential, regulationById, resolveThread, type CommentOutcome, type CommentThread, type Referential } from '../src/core/index.ts';
import { anchorDetailText, anchorKindName, commentRefusalMessage, commentRefusalsMessage, namedAnchor } from '../src/present/comments.ts';

/*
 * The comments in French: the core resolves anchors to kinds and refuses comment commands with codes
 * and ids; the panel, the history and the dossier annex read these sentences.
 */

const SAMPLE = (() => {
  const loaded = loadReferential(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8')));
  if (!loaded.ok) throw new Error('sample does not load');
  return loaded.value as Referential;
})();
const AT = '2026-03-02T09:00:00Z';
const noiseLabel = findCriterion(regulationById(SAMPLE.regulation)!, 'noise', 'daily_level')!;

const threads = (outcome: CommentOutcome): CommentThread[] => {
  if (!outcome.ok) throw new Error(commentRefusalsMessage(outcome.issues));
  return outcome.value;
};

describe('anchors named for people', () => {
  it('names the kind in French and what inside it: the exposure by its regulation labels, a link by its kind', () => {
    const g = decompile(SAMPLE);
    expect(namedAnchor(g, { on: 'node', node: 'moteurs-thermiques' })).toEqual({ exists: true, kind: 'Tâche', label: 'Moteurs thermiques', node: 'moteurs-thermiques' });
    expect(namedAnchor(g, { on: 'exposure', node: 's-moteurs-bruit', factor: 'noise', criterion: 'daily_level' })).toMatchObject({
      exists: true,
      kind: 'Exposition',
      detail: `${noiseLabel.factor.label} — ${noiseLabel.criterion.label}`,
    });
    expect(namedAnchor(g, { on: 'edge', edge: 'moteurs-thermiques.entry' })).toMatchObject({ kind: 'Liaison', detail: 'entrée' });
    expect(namedAnchor(g, { on: 'node', node: 'disparu', label: 'Ancienne tâche' })).toEqual({ exists: false, kind: 'Élément', label: 'Ancienne tâche' });
    expect(namedAnchor(g, { on: 'referential' }).kind).toBe('Référentiel');
    expect(namedAnchor(g, { on: 'question', question: 'q-activite' }).kind).toBe('Critère');
  });

  it('a criterion stated again in a situation is its second mention', () => {
    expect(anchorDetailText({ of: 'exposure', factor: 'noise', criterion: 'daily_level', rank: 1, regulation: SAMPLE.regulation })).toBe(`${noiseLabel.factor.label} — ${noiseLabel.criterion.label} (2ᵉ mention)`);
  });

  it('the dossier annex rows carry kinds the annex names', () => {
    let list = threads(addThread([], { id: 'c-1', anchor: { on: 'referential' }, author: 'DGT', date: AT, text: 'Méthode ?' }));
    list = threads(addThread(list, { id: 'c-2', anchor: { on: 'measure', measure: 'absent' }, author: 'INRS', date: AT, text: 'Supprimée ?' }));
    list = threads(resolveThread(list, 'c-1', { id: 'e-1', author: 'Branche', date: '2026-03-03T09:00:00Z' }));
    expect(commentsAnnex(decompile(SAMPLE), list).map((r) => anchorKindName(r.kind))).toEqual(['Référentiel', 'Mesure de prévention']);
  });
});

describe('comment refusals in French', () => {
  it('one sentence per code, naming the thread or comment', () => {
    expect(commentRefusalMessage({ code: 'comments.duplicate_id', id: 'c-1' })).toBe('L’identifiant de commentaire « c-1 » est déjà utilisé.');
    expect(commentRefusalMessage({ code: 'comments.thread_not_found', id: 't' })).toBe('La discussion « t » n’existe pas (ou plus).');
    expect(commentRefusalMessage({ code: 'comments.already_resolved', id: 't' })).toBe('La discussion « t » est déjà résolue.');
    expect(commentRefusalMessage({ code: 'comments.already_open', id: 't' })).toBe('La discussion « t » est déjà ouverte.');
    expect(commentRefusalMessage({ code: 'comments.out_of_order', id: 't' })).toBe('Cette date précède le dernier changement d’état de la discussion « t ».');
    expect(commentRefusalMessage({ code: 'comments.comment_not_found', id: 'r' })).toBe('Le commentaire « r » n’existe pas (ou plus).');
  });

  it('bad input: its path and the schema’s own message, every refusal in one message', () => {
    const blank = addThread([], { id: 'c 3', anchor: { on: 'referential' }, author: 'X', date: AT, text: '   ' });
    if (blank.ok) throw new Error('expected a refusal');
    expect(blank.issues.map((i) => i.code)).toEqual(['comments.invalid', 'comments.invalid']);
    const message = commentRefusalsMessage(blank.issues);
    expect(message).toMatch(/^\$\.id : Identifiant de commentaire attendu/);
    expect(message).toContain(' $.text : Texte non vide attendu');
  });
});
