import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCommand, compile, contentHash, loadGraph, loadReferential, type GraphCommand, type GraphDocument, type Referential } from '../src/core/index.ts';
import type { CliIo } from '../src/cli/io.ts';
import { run } from '../src/cli/run.ts';
import { mergeBase } from './support/merge-edits.ts';
import { issueMessage } from '../src/present/issues.ts';

/*
 * `logigramme merge`, in process (virtual files), through the real launcher (bin/logigramme.mjs, which
 * runs the built dist/cli.mjs), and as a git merge driver in a throw-away repository.
 */

const root = join(import.meta.dirname, '..');
const BASE = mergeBase();
const edit = (commands: GraphCommand[], from: GraphDocument = BASE): GraphDocument => {
  const g = structuredClone(from);
  for (const c of commands) applyCommand(g, c);
  return g;
};
const situation = (g: GraphDocument, id: string) => {
  const n = g.nodes.find((x) => x.id === id);
  if (n?.kind !== 'situation') throw new Error(`${id}: not a situation`);
  return n;
};
const duration = (value: number): GraphCommand => ({
  type: 'node/update',
  id: 's-moteurs-bruit',
  changes: { exposures: situation(BASE, 's-moteurs-bruit').exposures.map((e, i) => (i === 0 ? { ...e, duration: { value, unit: 'h/day' as const } } : e)) },
});
const RENAME: GraphCommand = { type: 'node/update', id: 'moteurs-thermiques', changes: { label: 'Moteurs thermiques et hybrides' } };
const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;

/** base / ours / theirs as graph files, plus the same as referentials. */
const FILES = (() => {
  const ours = edit([RENAME, duration(5)]);
  const theirs = edit([duration(6.5), { type: 'node/update', id: 's-nuit-fixe', changes: { label: 'Nuit fixe' } }]);
  const clean = edit([{ type: 'node/update', id: 's-nuit-fixe', changes: { label: 'Nuit fixe' } }]);
  const ref = (g: GraphDocument): Referential => compile(g).referential;
  return {
    'base.json': json(BASE),
    'nous.json': json(ours),
    'eux.json': json(theirs),
    'eux-sans-conflit.json': json(clean),
    'base.ref.json': json({ ...ref(BASE), contentHash: contentHash(ref(BASE)) }),
    'nous.ref.json': json(ref(ours)),
    'eux.ref.json': json(ref(theirs)),
    'eux-sans-conflit.ref.json': json(ref(clean)),
  } as Record<string, string>;
})();

function fakeIo(files: Record<string, string> = FILES) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: (path) => {
      if (path in written) return written[path]!;
      if (path in files) return files[path]!;
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    },
    writeFile: (path, text) => void (written[path] = text),
    now: () => new Date('2026-03-01T12:00:00Z'),
  };
  return { io, written, out: () => out.join('\n'), err: () => err.join('\n') };
}
const merged = (text: string | undefined): GraphDocument => {
  const loaded = loadGraph(JSON.parse(text ?? 'null'));
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => issueMessage(i)).join('\n'));
  return loaded.value;
};

describe('logigramme merge (in process)', () => {
  it('no conflict: exit 0, the merged logigramme written, the report says what each side changed', () => {
    const t = fakeIo();
    expect(run(['merge', 'base.json', 'nous.json', 'eux-sans-conflit.json', '-o', 'fusion.json'], t.io)).toBe(0);
    const g = merged(t.written['fusion.json']);
    expect(g.nodes.find((n) => n.id === 'moteurs-thermiques')).toMatchObject({ label: 'Moteurs thermiques et hybrides' });
    expect(g.nodes.find((n) => n.id === 's-nuit-fixe')).toMatchObject({ label: 'Nuit fixe' });
    expect(situation(g, 's-moteurs-bruit').exposures[0]!.duration).toEqual({ value: 5, unit: 'h/day' });
    expect(t.err().split('\n')).toEqual([
      'Fusion de « Atelier de maintenance — référentiel d’exemple » (exemple-atelier) — base base.json, notre version nous.json, leur version eux-sans-conflit.json',
      'Changements du contenu depuis la base : 2 de notre côté, 1 du leur (disposition et commentaires non comptés).',
      'Fusion sans conflit restant, écrite dans fusion.json.',
    ]);
    expect(t.out()).toBe('');
  });

  it('a conflict: exit 1, our side written, the report names the element by label, both values and the way to take theirs', () => {
    const t = fakeIo();
    expect(run(['merge', 'base.json', 'nous.json', 'eux.json', '-o', 'nous.json'], t.io)).toBe(1);
    expect(situation(merged(t.written['nous.json']), 's-moteurs-bruit').exposures[0]!.duration!.value).toBe(5);
    expect(t.err()).toContain(
      [
        '1 conflit à décider : la fusion écrite dans nous.json garde notre version pour celui-ci.',
        '',
        '1. Situation d’exposition « Moteurs thermiques en atelier, sans réduction du bruit » : durée de l’exposition Bruit — Niveau d’exposition Lex,8h',
        '   base  : 7 h/jour',
        '   nous  : 5 h/jour',
        '   eux   : 6,5 h/jour',
        "   gardé : notre version — pour garder la leur : --choose 'node:s-moteurs-bruit:exposures[noise/daily_level]:duration=theirs'",
      ].join('\n'),
    );
    const chosen = fakeIo();
    expect(run(['merge', 'base.json', 'nous.json', 'eux.json', '-o', 'fusion.json', '--choose', 'node:s-moteurs-bruit:exposures[noise/daily_level]:duration=theirs'], chosen.io)).toBe(0);
    expect(situation(merged(chosen.written['fusion.json']), 's-moteurs-bruit').exposures[0]!.duration!.value).toBe(6.5);
    expect(chosen.err()).toContain('Fusion sans conflit restant (1 conflit décidé par --choose), écrite dans fusion.json.');
  });

  it('without -o the merged document goes to stdout; --format json gives the report to other tools', () => {
    const t = fakeIo();
    expect(run(['merge', 'base.json', 'nous.json', 'eux.json'], t.io)).toBe(1);
    expect(merged(t.out()).referential.id).toBe('exemple-atelier');
    const j = fakeIo();
    expect(run(['merge', 'base.json', 'nous.json', 'eux.json', '-o', 'f.json', '--format', 'json'], j.io)).toBe(1);
    const report = JSON.parse(j.out()) as { kind: string; clean: boolean; conflicts: Array<{ id: string; kind: string; chosen: string; pending: boolean; text: { ours: string; theirs: string } }> };
    expect(report).toMatchObject({ kind: 'logigramme-merge-report', clean: false });
    expect(report.conflicts.map((c) => [c.id, c.kind, c.chosen, c.pending, c.text.ours, c.text.theirs])).toEqual([['node:s-moteurs-bruit:exposures[noise/daily_level]:duration', 'field', 'ours', true, '5 h/jour', '6,5 h/jour']]);
  });

  it('referentials merge too, compiled back, with a published version as base of two logigrammes', () => {
    const t = fakeIo();
    expect(run(['merge', 'base.ref.json', 'nous.ref.json', 'eux-sans-conflit.ref.json', '-o', 'fusion.ref.json'], t.io)).toBe(0);
    const loaded = loadReferential(JSON.parse(t.written['fusion.ref.json']!));
    expect(loaded.ok && loaded.value.jobs[0]!.tasks[0]!.label).toBe('Moteurs thermiques et hybrides');
    expect(JSON.parse(t.written['fusion.ref.json']!)).not.toHaveProperty('contentHash');
    const mixed = fakeIo();
    expect(run(['merge', 'base.ref.json', 'nous.json', 'eux-sans-conflit.json', '-o', 'g.json'], mixed.io)).toBe(0);
    expect(merged(mixed.written['g.json']).nodes.find((n) => n.id === 's-nuit-fixe')).toMatchObject({ label: 'Nuit fixe' });
  });

  it('a stale stated content hash is only a warning', () => {
    const stale = { ...FILES, 'nous.ref.json': json({ ...JSON.parse(FILES['nous.ref.json']!), contentHash: `sha256:${'0'.repeat(64)}` }) };
    const t = fakeIo(stale);
    expect(run(['merge', 'base.ref.json', 'nous.ref.json', 'eux-sans-conflit.ref.json', '-o', 'f.json'], t.io)).toBe(0);
    expect(t.err()).toContain('Attention : nous.ref.json : empreinte déclarée (contentHash) différente du contenu ; elle est ignorée pour la fusion');
  });

  it('bad input or misuse: exit 2, nothing written', () => {
    const cases: Array<[string[], string, Record<string, string>?]> = [
      [['base.json', 'nous.json'], 'logigramme merge : trois fichiers attendus (base, notre version, leur version), reçu 2 : base.json nous.json'],
      [['base.json', 'nous.json', 'absent.json'], 'Impossible de lire leur version « absent.json » : fichier introuvable'],
      [['base.json', 'nous.json', 'eux.ref.json'], 'nous.json est un logigramme et eux.ref.json un référentiel : les deux versions à fusionner doivent être de même nature'],
      [['base.json', 'nous.json', 'cassé.json'], 'cassé.json $.nodes[0].kind :', { ...FILES, 'cassé.json': json({ ...BASE, nodes: [{ id: 'x', kind: 'poste' }] }) }],
      [['base.json', 'nous.json', 'eux.json', '--format', 'json'], '--format json écrit le rapport sur la sortie standard : donnez le fichier fusionné avec -o'],
      [['base.json', 'nous.json', 'eux.json', '--choose', 'node:x=mine'], '--choose « node:x=mine » : attendu <conflit>=ours ou <conflit>=theirs'],
      [['base.json', 'nous.json', 'eux.json', '-o', 'f.json', '--choose', 'node:x:label=theirs'], '--choose : « node:x:label » n’est pas un conflit de cette fusion (conflits : node:s-moteurs-bruit:exposures[noise/daily_level]:duration)'],
    ];
    for (const [args, message, files] of cases) {
      const t = fakeIo(files);
      expect(run(['merge', ...args], t.io), args.join(' ')).toBe(2);
      expect(t.err(), args.join(' ')).toContain(message);
      expect(t.written).toEqual({});
    }
  });

  it('--help', () => {
    const t = fakeIo();
    expect(run(['merge', '--help'], t.io)).toBe(0);
    expect(t.out()).toContain('Usage : logigramme merge <base.json> <nous.json> <eux.json> [options]');
    expect(t.out()).toContain("git config merge.logigramme.driver 'npx logigramme merge %O %A %B -o %A'");
    const all = fakeIo();
    run(['--help'], all.io);
    expect(all.out()).toContain('merge <base> <nous> <eux>');
  });
});

describe('the real launcher and git', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logigramme-merge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const launcher = join(root, 'bin', 'logigramme.mjs');

  it('node bin/logigramme.mjs merge: exit 1 on a conflict, 0 once decided', () => {
    for (const name of ['base.json', 'nous.json', 'eux.json']) writeFileSync(join(dir, name), FILES[name]!);
    const args = ['merge', 'base.json', 'nous.json', 'eux.json', '-o', 'fusion.json'];
    const conflicted = spawnSync(process.execPath, [launcher, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(conflicted.status).toBe(1);
    expect(conflicted.stderr).toContain('1 conflit à décider');
    const decided = spawnSync(process.execPath, [launcher, ...args, '--choose', 'node:s-moteurs-bruit:exposures[noise/daily_level]:duration=theirs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(decided.status).toBe(0);
    expect(situation(merged(readFileSync(join(dir, 'fusion.json'), 'utf8')), 's-moteurs-bruit').exposures[0]!.duration!.value).toBe(6.5);
  });

  it('as a git merge driver: branches edited apart merge, a real conflict leaves the path conflicted with our side and the three stages', () => {
    const repo = join(dir, 'depot');
    const git = (...a: string[]) => spawnSync('git', a, { cwd: repo, encoding: 'utf8', timeout: 60_000 });
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    git('config', 'user.email', 'test@example.org');
    git('config', 'user.name', 'Test');
    git('config', 'merge.logigramme.driver', `"${process.execPath}" "${launcher}" merge %O %A %B -o %A`);
    writeFileSync(join(repo, '.gitattributes'), '*.graph.json merge=logigramme\n');
    const file = join(repo, 'atelier.graph.json');
    const commit = (doc: string, message: string) => {
      writeFileSync(file, doc);
      git('add', '-A');
      expect(git('commit', '-q', '-m', message).status).toBe(0);
    };
    commit(FILES['base.json']!, 'base');
    git('checkout', '-q', '-b', 'collegue');
    commit(FILES['eux-sans-conflit.json']!, 'collègue');
    git('checkout', '-q', 'main');
    commit(FILES['nous.json']!, 'nous');
    const clean = git('merge', '-q', '--no-edit', 'collegue');
    expect(clean.status, clean.stderr).toBe(0);
    const g = merged(readFileSync(file, 'utf8'));
    expect(g.nodes.find((n) => n.id === 'moteurs-thermiques')).toMatchObject({ label: 'Moteurs thermiques et hybrides' });
    expect(g.nodes.find((n) => n.id === 's-nuit-fixe')).toMatchObject({ label: 'Nuit fixe' });

    // A real conflict: the colleague sets the same duration to 6.5 h/day.
    git('checkout', '-q', '-b', 'conflit', 'collegue');
    commit(json(edit([duration(6.5)], JSON.parse(FILES['eux-sans-conflit.json']!) as GraphDocument)), 'autre durée');
    git('checkout', '-q', 'main');
    const conflicted = git('merge', '--no-edit', 'conflit');
    expect(conflicted.status).toBe(1);
    expect(git('diff', '--name-only', '--diff-filter=U').stdout.trim()).toBe('atelier.graph.json');
    expect(situation(merged(readFileSync(file, 'utf8')), 's-moteurs-bruit').exposures[0]!.duration!.value).toBe(5);
    // The three stages stay in the index, for a second run that takes their side (README).
    for (const [stage, name] of [['1', 'b.json'], ['2', 'o.json'], ['3', 't.json']] as const) writeFileSync(join(dir, name), git('show', `:${stage}:atelier.graph.json`).stdout);
    const resolved = spawnSync(process.execPath, [launcher, 'merge', join(dir, 'b.json'), join(dir, 'o.json'), join(dir, 't.json'), '-o', file, '--choose', 'node:s-moteurs-bruit:exposures[noise/daily_level]:duration=theirs'], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
    expect(resolved.status, resolved.stderr).toBe(0);
    expect(situation(merged(readFileSync(file, 'utf8')), 's-moteurs-bruit').exposures[0]!.duration!.value).toBe(6.5);
  });
});
