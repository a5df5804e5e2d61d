import {
  baseOfReferential,
  decompile,
  exportableGraph,
  GRAPH_FORMAT_VERSION,
  loadGraph,
  loadReferential,
  parseJsonText,
  type GraphDocument,
  type LoadIssue,
  type NodeLayout,
  type Referential,
} from '../core/index.ts';
import {
  applyLifecycleCommand,
  checkExport,
  compareVersions,
  dateOfTimestamp,
  editRefusals,
  homologationExpiry,
  initialLifecycle,
  isVersion,
  LATEST_REGULATION,
  nextVersion,
  publishedReferential,
  type LifecycleCommand,
  type LifecycleRefusal,
  type LifecycleState,
} from '../core/lifecycle/index.ts';
import { checkExportWithMessages, checkReportMarkdown } from '../present/check-report.ts';
import { referentialKey, type DraftRecord, type LogigrammeDb, type StoredHistory, type StoredReferential, type StoredStep } from './db.ts';
import { quarantineIssue, recordFor, type Clock } from './referentials.ts';
import { publicationsKey } from './hashes.ts';
import { factsFor, homologationOf as loggedHomologation, logPublications, readPublicationLog, versionFacts } from './publications.ts';
import { verifyPublicationLog, type PublicationEntry } from '../core/lifecycle/index.ts';
import { keepSnapshot } from './snapshots.ts';

/*
 * The editor's drafts: one working draft per referential id (the logigramme and its lifecycle), saved
 * whole on every change. Its published versions are immutable snapshots in `referentials`, stored on
 * submission and on homologation; what happens to a published version afterwards (homologated, then
 * superseded or expired) is kept in `meta` as its publication log.
 */

const isoNow: Clock = () => new Date().toISOString();

/** Reference working year of a new referential (the defaults of the portable format). */
export const DEFAULT_WORKING_YEAR = { annualHours: 1607, workingDays: 228 } as const;

export interface NewDraft {
  id: string;
  title: string;
  branch: string;
  idcc?: string;
  authors?: string[];
  /** `1.0.0` unless given. */
  version?: string;
  /** The latest version (`2023-09-01`) unless given. */
  regulation?: string;
}

/** An empty logigramme with the referential's identity, the latest regulation version and the default working year. */
export function emptyGraph(input: NewDraft, today: string): GraphDocument {
  return {
    formatVersion: GRAPH_FORMAT_VERSION,
    kind: 'logigramme',
    referential: {
      id: input.id,
      identity: {
        branch: input.branch,
        title: input.title,
        ...(input.idcc ? { idcc: input.idcc } : {}),
        version: input.version ?? '1.0.0',
        status: 'draft',
        authors: input.authors ?? [],
        created: today,
      },
      regulation: input.regulation ?? LATEST_REGULATION,
      workingYear: { ...DEFAULT_WORKING_YEAR },
      factors: { retained: [], excluded: [] },
      questions: [],
      measures: [],
      scenarios: [],
    },
    nodes: [],
    edges: [],
    layout: { direction: 'RIGHT', nodes: {} },
  };
}

export type CreateDraftOutcome =
  | { kind: 'created'; record: DraftRecord }
  | { kind: 'invalid'; issues: LoadIssue[] }
  /** The id is taken: by a draft, or by stored versions (start from one of them instead). */
  | { kind: 'exists'; by: 'draft' | 'referential' };

/** Creates the working draft of a new referential. Nothing is stored when the identity is invalid or the id taken. */
export async function createDraft(db: LogigrammeDb, input: NewDraft, now: Clock = isoNow): Promise<CreateDraftOutcome> {
  const at = now();
  const loaded = loadGraph(emptyGraph(input, at.slice(0, 10)));
  if (!loaded.ok) return { kind: 'invalid', issues: loaded.issues };
  const record = nextRecord(undefined, { id: input.id, graph: loaded.value, lifecycle: initialLifecycle(), updatedAt: at });
  return db.transaction('rw', db.drafts, db.referentials, async (): Promise<CreateDraftOutcome> => {
    if (await db.drafts.get(input.id)) return { kind: 'exists', by: 'draft' };
    if ((await db.referentials.where('id').equals(input.id).count()) > 0) return { kind: 'exists', by: 'referential' };
    await db.drafts.add(record);
    return { kind: 'created', record };
  });
}

export function openDraft(db: LogigrammeDb, id: string): Promise<DraftRecord | undefined> {
  return db.drafts.get(id);
}

export type SaveOutcome =
  | { kind: 'saved'; record: DraftRecord }
  | { kind: 'missing' }
  /** Only a draft changes: under review or once homologated the graph is locked. */
  | { kind: 'refused'; reasons: LifecycleRefusal[] }
  /**
   * The stored draft moved on since the revision the graph was based on (another tab, a lifecycle
   * step or an import wrote meanwhile): nothing written. `record` is the stored draft, to replay the
   * edit on top of.
   */
  | { kind: 'conflict'; record: DraftRecord };

/** What a save of the editor's graph states besides the graph. */
export interface SaveDraftWrite {
  /** The revision of the stored draft the graph was edited from (`revisionOf(record)`). */
  baseRevision: number;
  /** The editor's undo and redo steps that lead to this graph (bounded before storing). */
  history?: StoredHistory;
  now?: Clock;
}

/** A draft's revision; records written before revisions existed count as 0. */
export function revisionOf(record: Pick<DraftRecord, 'revision'>): number {
  return record.revision ?? 0;
}

/** The record as written after `previous`: every write of a draft goes through here, so every write counts. */
function nextRecord(previous: DraftRecord | undefined, record: Omit<DraftRecord, 'revision'>): DraftRecord {
  return { ...record, revision: previous ? revisionOf(previous) + 1 : 1 };
}

/**
 * Autosave: the whole record is written again with the new graph — only if the stored draft is still
 * at `baseRevision` (optimistic concurrency, checked and written in one transaction): otherwise nothing
 * is written and the stored record comes back as a `conflict`. Refused (nothing written) when the
 * lifecycle does not allow editing, or when the graph tries to change the id, status or homologation.
 * The graph is not validated again here: the editor only produces schema-valid documents, and the
 * checker reports the rest.
 */
export async function saveDraftGraph(db: LogigrammeDb, id: string, graph: GraphDocument, write: SaveDraftWrite): Promise<SaveOutcome> {
  const now = write.now ?? isoNow;
  return db.transaction('rw', db.drafts, async (): Promise<SaveOutcome> => {
    const draft = await db.drafts.get(id);
    if (!draft) return { kind: 'missing' };
    const reasons = editRefusals(draft.lifecycle, draft.graph, graph);
    if (reasons.length > 0) return { kind: 'refused', reasons };
    if (revisionOf(draft) !== write.baseRevision) return { kind: 'conflict', record: draft };
    const record = nextRecord(draft, { ...draft, graph, updatedAt: now(), ...(write.history ? { history: boundHistory(write.history) } : {}) });
    await db.drafts.put(record);
    return { kind: 'saved', record };
  });
}

/** Most steps kept each way, and most patches in all: a long session never bloats the draft. */
export const HISTORY_LIMITS = { steps: 100, patches: 50_000 } as const;

/** The newest steps that fit the limits (undo keeps the most recent past, redo the nearest future). */
export function boundHistory(history: StoredHistory): StoredHistory {
  const keep = (steps: StoredStep[], newestLast: boolean) => {
    const ordered = newestLast ? [...steps].reverse() : [...steps];
    const out: StoredStep[] = [];
    let patches = 0;
    for (const step of ordered.slice(0, HISTORY_LIMITS.steps)) {
      patches += step.patches.length + step.inversePatches.length;
      if (patches > HISTORY_LIMITS.patches / 2) break;
      out.push(step);
    }
    return newestLast ? out.reverse() : out;
  };
  return { past: keep(history.past, true), future: keep(history.future, true) };
}

// ─── Publication ───────────────────────────────────────────────────────────────────────────────

/** Key of the former per-version event lists (before database version 7), read by migrations only. */
export { publicationsKey };

export type PublishOutcome =
  | { kind: 'stored'; record: StoredReferential }
  /** Already stored with the same content. */
  | { kind: 'unchanged'; record: StoredReferential }
  /** The submitted snapshot became the homologated one: same content hash, the arrêté added. */
  | { kind: 'homologated'; record: StoredReferential; submittedHash: string }
  /** The same id@version is stored with other content: a published version never changes. */
  | { kind: 'conflict'; existing: StoredReferential; contentHash: string }
  /** The stored snapshot is in quarantine (the publication log does not vouch for it): nothing is published over it. */
  | { kind: 'quarantined'; existing: StoredReferential }
  /** The compiled referential does not load (should not happen after a clean check). */
  | { kind: 'invalid'; issues: LoadIssue[] };

/**
 * Stores the compiled draft as an immutable published snapshot, with its content hash and status. An
 * id@version stored with another hash is refused. The content hash leaves out the lifecycle fields, so
 * the one step the law makes — the submitted snapshot replaced by the homologated one, whose only
 * difference is the arrêté — keeps the hash that was filed. Each stored snapshot is one entry of the
 * publication log (hash chain), with its author. Run inside a transaction over `referentials` and
 * `meta`, or opens one.
 */
export async function publishVersion(db: LogigrammeDb, graph: GraphDocument, at: string, author = ''): Promise<PublishOutcome> {
  const { referential } = publishedReferential(graph);
  const loaded = loadReferential(referential);
  if (!loaded.ok) return { kind: 'invalid', issues: loaded.issues };
  const record = recordFor(loaded.value, referential, 'published', at);
  return db.transaction('rw', db.referentials, db.meta, async (): Promise<PublishOutcome> => {
    const existing = await db.referentials.get(record.key);
    if (existing?.quarantine) return { kind: 'quarantined', existing };
    if (existing && existing.contentHash !== record.contentHash) return { kind: 'conflict', existing, contentHash: record.contentHash };
    if (existing && !(existing.status === 'submitted' && record.status === 'homologated')) return { kind: 'unchanged', record: existing };
    const stored: StoredReferential = existing?.legacyHashes ? { ...record, legacyHashes: existing.legacyHashes } : record;
    await db.referentials.put(stored);
    await logPublications(db, [
      factsFor(record, {
        action: 'publish',
        from: existing ? (existing.status as LifecycleState) : null,
        to: record.status as LifecycleState,
        contentHash: record.contentHash,
        at,
        author,
        homologation: loggedHomologation(loaded.value),
      }),
    ]);
    return existing ? { kind: 'homologated', record: stored, submittedHash: existing.contentHash } : { kind: 'stored', record: stored };
  });
}

/**
 * Marks a stored version's new status (superseded, expired): its document, and so its hash, stay as they
 * are; the log records the change with the content it applies to.
 */
async function markStored(db: LogigrammeDb, key: string, status: LifecycleState, at: string, author: string, by?: string): Promise<void> {
  const record = await db.referentials.get(key);
  if (!record || record.status === status) return;
  await db.referentials.put({ ...record, status });
  const facts = versionFacts(record);
  await logPublications(db, [
    factsFor(record, { action: 'status', from: record.status as LifecycleState, to: status, contentHash: facts.computedHash ?? record.contentHash, at, author, homologation: facts.homologation, ...(by ? { by } : {}) }),
  ]);
}

// ─── Lifecycle ─────────────────────────────────────────────────────────────────────────────────

export type TransitionOutcome =
  | { kind: 'applied'; record: DraftRecord; published?: PublishOutcome; superseded: string[] }
  | { kind: 'missing' }
  | { kind: 'refused'; reasons: LifecycleRefusal[] }
  /** Publishing the snapshot was refused: nothing changed. */
  | { kind: 'not_published'; outcome: Extract<PublishOutcome, { kind: 'conflict' | 'invalid' | 'quarantined' }> };

/**
 * Applies a lifecycle command to the stored draft with the same core rules as the machine's guards, and
 * persists it in one transaction: the draft's lifecycle (every transition with date, author and note)
 * and graph, the published snapshot on submission and homologation, the older homologated versions
 * marked superseded, the stored version's status on expiry. Refused or unpublishable: nothing changes.
 */
export async function applyTransition(db: LogigrammeDb, id: string, command: LifecycleCommand): Promise<TransitionOutcome> {
  return db.transaction('rw', db.drafts, db.referentials, db.meta, async (): Promise<TransitionOutcome> => {
    const draft = await db.drafts.get(id);
    if (!draft) return { kind: 'missing' };
    const stored = await db.referentials.where('id').equals(id).toArray();
    const effective: LifecycleCommand = command.type === 'version.start' ? { ...command, after: [...(command.after ?? []), ...stored.map((r) => r.version)] } : command;
    const step = applyLifecycleCommand(draft.lifecycle, draft.graph, effective);
    if (!step.ok) return { kind: 'refused', reasons: step.issues };
    const { lifecycle, graph } = step.value;
    const version = graph.referential.identity.version;
    let published: PublishOutcome | undefined;
    const superseded: string[] = [];
    if (lifecycle.state === 'submitted' || lifecycle.state === 'homologated') {
      if (command.type === 'submit' || command.type === 'homologate') {
        published = await publishVersion(db, graph, command.at, command.author);
        if (published.kind === 'conflict' || published.kind === 'invalid' || published.kind === 'quarantined') return { kind: 'not_published', outcome: published };
      }
    }
    if (command.type === 'homologate') {
      for (const other of stored) {
        if (other.status === 'homologated' && isVersion(other.version) && compareVersions(other.version, version) < 0) {
          await markStored(db, other.key, 'superseded', command.at, command.author, version);
          superseded.push(other.key);
        }
      }
    }
    if (command.type === 'expire' || command.type === 'supersede') {
      await markStored(db, referentialKey(id, version), lifecycle.state, command.at, command.author, command.type === 'supersede' ? command.byVersion : undefined);
    }
    const record = nextRecord(draft, { ...draft, graph, lifecycle, updatedAt: command.at });
    await db.drafts.put(record);
    return { kind: 'applied', record, ...(published ? { published } : {}), superseded };
  });
}

/** A new draft from the homologated (or expired, or superseded) one: the next version number, above every stored one. */
export function startNewVersion(
  db: LogigrammeDb,
  id: string,
  signed: { at: string; author: string; note: string; bump?: 'major' | 'minor' },
): Promise<TransitionOutcome> {
  return applyTransition(db, id, { type: 'version.start', at: signed.at, author: signed.author, note: signed.note, bump: signed.bump ?? 'minor' });
}

/**
 * Stored versions of this referential whose homologation has run out on `today` and are still marked
 * homologated get marked expired (their documents stay as they are). Returns their keys.
 */
export async function expireStoredVersions(db: LogigrammeDb, id: string, at: string, author = ''): Promise<string[]> {
  const today = dateOfTimestamp(at);
  if (!today) return [];
  return db.transaction('rw', db.referentials, db.meta, async () => {
    const out: string[] = [];
    for (const record of await db.referentials.where('id').equals(id).toArray()) {
      const homologation = homologationOf(record);
      if (record.status === 'homologated' && homologation && today >= homologation.expires) {
        await markStored(db, record.key, 'expired', at, author);
        out.push(record.key);
      }
    }
    return out;
  });
}

// ─── History ───────────────────────────────────────────────────────────────────────────────────

export interface VersionEntry {
  key: string;
  version: string;
  title: string;
  status: string;
  regulation: string;
  contentHash: string;
  storedAt: string;
  source: StoredReferential['source'];
  homologation?: { arreteDate: string; arreteReference: string; expires: string };
  /** Its entries in the publication log (submission, homologation, supersession, expiry…), in order. */
  publications: PublicationEntry[];
  /** Set when the log does not vouch for it (see `StoredReferential.quarantine`). */
  quarantine?: StoredReferential['quarantine'];
}

function homologationOf(record: StoredReferential): VersionEntry['homologation'] {
  const identity = (record.document as { identity?: Referential['identity'] } | null)?.identity;
  const h = identity?.homologation;
  return h ? { arreteDate: h.arreteDate, arreteReference: h.arreteReference, expires: h.expires ?? homologationExpiry(h.arreteDate) } : undefined;
}

/** Every stored version of a referential, newest first, with its hash and publication log. */
export async function versionHistory(db: LogigrammeDb, id: string): Promise<VersionEntry[]> {
  const records = await db.referentials.where('id').equals(id).toArray();
  const chain = verifyPublicationLog(await readPublicationLog(db));
  const entries = records.map((r): VersionEntry => {
    const homologation = homologationOf(r);
    return {
      key: r.key,
      version: r.version,
      title: r.title,
      status: r.status,
      regulation: r.regulation,
      contentHash: r.contentHash,
      storedAt: r.storedAt,
      source: r.source,
      ...(homologation ? { homologation } : {}),
      publications: chain.entries.filter((e): e is PublicationEntry => e !== null && e.key === r.key),
      ...(r.quarantine ? { quarantine: r.quarantine } : {}),
    };
  });
  const order = (a: string, b: string) => (isVersion(a) && isVersion(b) ? compareVersions(a, b) : a.localeCompare(b));
  return entries.sort((a, b) => order(b.version, a.version));
}

// ─── Import into a draft ───────────────────────────────────────────────────────────────────────

export type DraftImportOutcome =
  | {
      kind: 'imported';
      record: DraftRecord;
      /** The file's version was already stored: the draft takes the next one. */
      renumbered?: { from: string; to: string };
      /** The file's status (e.g. homologated) was not kept: an imported file becomes a draft. */
      statusReset?: string;
      replaced: boolean;
    }
  | { kind: 'invalid'; issues: LoadIssue[] }
  /** The file describes another referential than the one expected. */
  | { kind: 'mismatch'; expected: string; found: string }
  /** A draft of this referential exists (and replacing it was not asked). */
  | { kind: 'exists'; record: DraftRecord }
  /** The existing draft is under review or homologated: it cannot be replaced. */
  | { kind: 'locked'; state: LifecycleState };

export interface DraftImportOptions {
  /** The referential id the file must describe (the panel's). */
  expectedId?: string;
  /**
   * Replace the graph of an existing draft (only while it is a draft). Its undo history goes: its steps
   * describe the replaced graph. An editor open on the draft (this tab or another) replays its unsaved
   * edits on top of the imported graph.
   */
  replace?: boolean;
  now?: Clock;
  /**
   * How a referential file is laid out as a logigramme: the app's Web Worker, or `layoutGraph` of
   * src/core/layout.ts in Node. Passed in, so that the layout engine never enters the app's main bundle.
   */
  layout: LayoutFunction;
}

/**
 * Imports a logigramme (`kind: "logigramme"`) or a portable referential file into a draft. The file is
 * validated in full first (JSON syntax, schema, references, stated hash, each issue with its JSON path);
 * a referential is turned into a laid-out logigramme. Nothing is stored on any error.
 */
export async function importDraftText(db: LogigrammeDb, text: string, options: DraftImportOptions): Promise<DraftImportOutcome> {
  const json = parseJsonText(text);
  if (!json.ok) return { kind: 'invalid', issues: json.issues };
  const isGraph = typeof json.value === 'object' && json.value !== null && (json.value as { kind?: unknown }).kind === 'logigramme';
  let graph: GraphDocument;
  if (isGraph) {
    const loaded = loadGraph(json.value);
    if (!loaded.ok) return { kind: 'invalid', issues: loaded.issues };
    graph = loaded.value;
  } else {
    const loaded = loadReferential(json.value);
    if (!loaded.ok) return { kind: 'invalid', issues: loaded.issues };
    const bare = decompile(loaded.value);
    // The draft starts from this referential: a merge finds it among the stored versions or as a file given.
    graph = { ...bare, layout: { ...bare.layout, nodes: await options.layout(bare) }, base: baseOfReferential(loaded.value) };
  }
  const id = graph.referential.id;
  if (options.expectedId !== undefined && options.expectedId !== id) return { kind: 'mismatch', expected: options.expectedId, found: id };
  const at = (options.now ?? isoNow)();
  return db.transaction('rw', db.drafts, db.referentials, db.meta, async (): Promise<DraftImportOutcome> => {
    const existing = await db.drafts.get(id);
    if (existing && !options.replace) return { kind: 'exists', record: existing };
    if (existing && existing.lifecycle.state !== 'draft') return { kind: 'locked', state: existing.lifecycle.state };
    const versions = (await db.referentials.where('id').equals(id).toArray()).map((r) => r.version);
    const { graph: normalised, renumbered, statusReset } = asDraftGraph(graph, versions);
    let record: DraftRecord;
    if (existing) {
      // The saved undo steps describe the replaced graph, not this one: they go with it.
      const { history: _replacedHistory, ...kept } = existing;
      record = nextRecord(existing, { ...kept, graph: normalised, updatedAt: at });
    } else record = nextRecord(undefined, { id, graph: normalised, lifecycle: initialLifecycle(), updatedAt: at });
    await db.drafts.put(record);
    // A colleague's logigramme is where this draft now starts: kept, so that a merge can find it.
    if (isGraph) await keepSnapshot(db, id, { at, reason: 'received', graph }, { replaceLineage: true });
    return { kind: 'imported', record, replaced: Boolean(existing), ...(renumbered ? { renumbered } : {}), ...(statusReset ? { statusReset } : {}) };
  });
}

/** A graph as a draft: status `draft`, no homologation, and a version number no stored version has. */
function asDraftGraph(graph: GraphDocument, storedVersions: readonly string[]) {
  const identity = graph.referential.identity;
  const { homologation: _homologation, ...kept } = identity;
  const taken = storedVersions.includes(identity.version);
  const version = taken ? nextVersion(storedVersions, 'minor') : identity.version;
  return {
    graph: { ...graph, referential: { ...graph.referential, identity: { ...kept, status: 'draft' as const, version } } },
    ...(taken ? { renumbered: { from: identity.version, to: version } } : {}),
    ...(identity.status !== 'draft' ? { statusReset: identity.status } : {}),
  };
}

export type DraftFromStoredOutcome =
  | { kind: 'created'; record: DraftRecord; version: string }
  | { kind: 'missing' }
  | { kind: 'invalid'; issues: LoadIssue[] }
  | { kind: 'exists'; record: DraftRecord };

/** Automatic positions of a graph's nodes: `layoutGraph`, or the same function run elsewhere (a Web Worker). */
export type LayoutFunction = (graph: GraphDocument) => Promise<Record<string, NodeLayout>>;

export interface DraftFromStoredOptions {
  /**
   * Lays the decompiled graph out: the editor passes its Web Worker one, so the page never waits on it; Node and tests pass `layoutGraph` (src/core/layout.ts). Never a default
   * here, so that the layout engine stays out of the app's main bundle.
   */
  layout: LayoutFunction;
}

/**
 * Starts the working draft of a referential from one of its stored versions (a sample, an imported
 * file): the stored version never changes, so the draft takes the next minor version number.
 */
export async function draftFromStored(db: LogigrammeDb, key: string, now: Clock | undefined, options: DraftFromStoredOptions): Promise<DraftFromStoredOutcome> {
  const stored = await db.referentials.get(key);
  if (!stored) return { kind: 'missing' };
  // A version in quarantine is not a base for anything until it is resolved.
  const quarantined = quarantineIssue(stored);
  if (quarantined) return { kind: 'invalid', issues: [quarantined] };
  const loaded = loadReferential(stored.document);
  if (!loaded.ok) return { kind: 'invalid', issues: loaded.issues };
  const decompiled = decompile(loaded.value);
  const laidOut: GraphDocument = { ...decompiled, layout: { ...decompiled.layout, nodes: await options.layout(decompiled) } };
  const at = (now ?? isoNow)();
  return db.transaction('rw', db.drafts, db.referentials, async (): Promise<DraftFromStoredOutcome> => {
    const existing = await db.drafts.get(stored.id);
    if (existing) return { kind: 'exists', record: existing };
    const versions = (await db.referentials.where('id').equals(stored.id).toArray()).map((r) => r.version);
    const identity = laidOut.referential.identity;
    const { homologation: _homologation, ...kept } = identity;
    const version = nextVersion(versions, 'minor');
    // The stored version is where the draft starts: every export records it, so a colleague's copy merges against it.
    const graph: GraphDocument = { ...laidOut, referential: { ...laidOut.referential, identity: { ...kept, status: 'draft', version } }, base: baseOfReferential(loaded.value) };
    const record = nextRecord(undefined, { id: stored.id, graph, lifecycle: initialLifecycle(), updatedAt: at });
    await db.drafts.add(record);
    return { kind: 'created', record, version };
  });
}

// ─── Exports ───────────────────────────────────────────────────────────────────────────────────

export interface ExportFile {
  name: string;
  type: 'application/json' | 'text/markdown';
  text: string;
}

const baseName = (graph: GraphDocument) => `${graph.referential.id}-${graph.referential.identity.version}`;

/**
 * The logigramme as it is stored (it imports back as is), at the current format version and recording
 * the version or snapshot it started from (`base`), for a three-way merge of the copies made from it.
 */
export function exportGraph(graph: GraphDocument): ExportFile {
  return { name: `${baseName(graph)}.graph.json`, type: 'application/json', text: `${JSON.stringify(exportableGraph(graph), null, 2)}\n` };
}

/** The compiled portable referential, with its `contentHash` field set. */
export function exportReferential(graph: GraphDocument): ExportFile {
  const { referential } = publishedReferential(graph);
  return { name: `${baseName(graph)}.json`, type: 'application/json', text: `${JSON.stringify(referential, null, 2)}\n` };
}

/** The check report (findings, scenarios, what-if against the latest regulation version), as JSON and as French Markdown. */
export function exportCheckReport(graph: GraphDocument, generatedAt: string): { json: ExportFile; markdown: ExportFile } {
  const report = checkExport(graph, generatedAt);
  return {
    json: { name: `${baseName(graph)}.verification.json`, type: 'application/json', text: `${JSON.stringify(checkExportWithMessages(report), null, 2)}\n` },
    markdown: { name: `${baseName(graph)}.verification.md`, type: 'text/markdown', text: checkReportMarkdown(report) },
  };
}
