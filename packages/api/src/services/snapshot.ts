// A decision's frozen snapshot: everything the people signing it saw — the task and its budgets,
// the SMALL assessment with its evidence, every live candidate with its deployment, measured
// figures and the estimator's evaluation, the comparison's suggestions — plus the decision's own
// text, as one JSON document. Its SHA-256 is taken over the RFC 8785 canonical form, so key order
// and number spelling cannot change it, and a signer signs exactly that hash.
//
// The figures come from the same services the comparison and assessment pages use (so the
// snapshot shows what the pages showed); a change to their output is a change of this format, and
// SNAPSHOT_FORMAT names it.
import { formatBytes, formatDuration, formatPercent, formatUsd } from '@rightsize/core';
import type { Capacity, Db, Prisma } from '@rightsize/db';
import { decisionRef, LOCALITY_NAMES, SMALL_LETTER_NAMES, type TLocality } from '@rightsize/validators';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { getAssessment } from './assessment.ts';
import { getComparison } from './comparison.ts';

type Tx = Prisma.TransactionClient;

/** Names the snapshot's shape; change it when the shape changes. */
export const SNAPSHOT_FORMAT = 'rightsize.decision-snapshot/1';

/** A value as JSON keeps it: dates as ISO strings, no undefined, no functions. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { -readonly [K in keyof T as T[K] extends undefined ? never : K]: Jsonified<T[K]> }
      : T;

/** What JSON keeps of a value: dates become ISO strings, undefined fields vanish, non-finite numbers null. */
const toJson = <T>(value: T): Jsonified<T> => JSON.parse(JSON.stringify(value)) as Jsonified<T>;

type Comparison = Awaited<ReturnType<typeof getComparison>>;
type Assessment = Awaited<ReturnType<typeof getAssessment>>;

export type SnapshotCandidate = Jsonified<Comparison['candidates'][number]>;

export interface DecisionSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** When it was proposed, ISO. */
  frozenAt: string;
  /** The estimator that computed every figure (`ESTIMATOR_VERSION` of @rightsize/core). */
  estimatorVersion: string;
  decision: {
    id: string;
    number: number;
    ref: string;
    title: string;
    context: string;
    consequences: string;
    chosenCandidateId: string;
    proposedBy: { id: string; displayName: string };
    requiredCapacities: Capacity[];
  };
  /** The task as task.get returns it: budgets in the database's units, its project and SMALL reading. */
  task: Jsonified<Comparison['task']>;
  /** The budgets in the estimator's SI units, as the figures were computed from them. */
  budgets: Jsonified<Comparison['budgets']>;
  assessment: Jsonified<Pick<Assessment, 'letters' | 'reading'>>;
  /** Every live candidate, in the comparison's order, each with its evaluation. */
  candidates: SnapshotCandidate[];
  suggestions: Jsonified<Comparison['suggestions']>;
}

/** The bytes that are hashed: RFC 8785 canonical JSON. */
export const canonicalSnapshot = (snapshot: unknown): string => {
  const text = canonicalize(snapshot);
  if (text === undefined) throw new Error('snapshot cannot be canonicalised');
  return text;
};

export const snapshotSha256 = (snapshot: unknown): Uint8Array<ArrayBuffer> =>
  new Uint8Array(createHash('sha256').update(canonicalSnapshot(snapshot), 'utf8').digest());

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** True when `sha256` is the hash of `snapshot` as stored (recomputed from its canonical form). */
export const verifySnapshot = (snapshot: unknown, sha256: Uint8Array): boolean => {
  const recomputed = snapshotSha256(snapshot);
  return recomputed.length === sha256.length && recomputed.every((byte, i) => byte === sha256[i]);
};

export interface SnapshotDecisionPart {
  id: string;
  number: number;
  title: string;
  context: string;
  consequences: string;
  chosenCandidateId: string;
  proposedBy: { id: string; displayName: string };
  requiredCapacities: Capacity[];
}

/**
 * Builds the snapshot of a task's current state for a decision. Pass the transaction that proposes
 * the decision: the reads then see the same state the proposal commits with.
 */
export const buildSnapshot = async (
  client: Tx | Db,
  { teamId, taskId, decision, now }: { teamId: string; taskId: string; decision: SnapshotDecisionPart; now: Date },
): Promise<DecisionSnapshot> => {
  // The read services take a client; a transaction's client answers the same queries.
  const db = client as Db;
  const comparison = await getComparison({ db, input: { teamId, taskId } });
  const assessment = await getAssessment({ db, input: { teamId, taskId } });
  return {
    format: SNAPSHOT_FORMAT,
    frozenAt: now.toISOString(),
    estimatorVersion: comparison.estimatorVersion,
    decision: { ...decision, ref: decisionRef(decision.number) },
    task: toJson(comparison.task),
    budgets: toJson(comparison.budgets),
    assessment: toJson({ letters: assessment.letters, reading: assessment.reading }),
    candidates: toJson(comparison.candidates),
    suggestions: toJson(comparison.suggestions),
  };
};

// ---------------------------------------------------------------------------------------------
// Staleness: what has changed in the live figures since a snapshot was frozen, in words, for the
// banner on the decision page.

export interface SnapshotChange {
  /** What changed: the task's budgets, the assessment, a candidate, or the estimator. */
  area: 'task' | 'assessment' | 'candidate' | 'estimator';
  /** One line, e.g. "monthly requests 3,000,000 → 4,000,000" or "\"GPT-4o\": price changed". */
  message: string;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

type Value = unknown;
type Formatter = (value: Value) => string;

const orNone =
  (format: (value: never) => string, none = 'none'): Formatter =>
  (value) =>
    value === null || value === undefined ? none : format(value as never);

const formats = {
  text: orNone((value: string) => `"${value}"`),
  count: orNone((value: number) => integer.format(value)),
  number: orNone((value: number) => decimal.format(value)),
  percent: orNone((value: number) => formatPercent(value)),
  ms: orNone((value: number) => `${integer.format(value)} ms`),
  bytes: orNone((value: number) => formatBytes(value)),
  usd: orNone((value: number) => formatUsd(value)),
  yesNo: (value: Value) => (value ? 'yes' : 'no'),
  locality: (value: Value) => LOCALITY_NAMES[value as TLocality] ?? String(value),
  list: (value: Value) => (Array.isArray(value) && value.length > 0 ? value.join(', ') : 'any'),
  direction: (value: Value) => (value ? 'higher is better' : 'lower is better'),
} satisfies Record<string, Formatter>;

/** The task fields a decision rests on, as the banner names them. */
const TASK_FIELDS: readonly [field: string, label: string, format: Formatter][] = [
  ['name', 'task name', formats.text],
  ['monthlyRequests', 'monthly requests', formats.count],
  ['monthlyGrowth', 'monthly growth', formats.percent],
  ['inputTokens', 'input tokens per request', formats.count],
  ['inputTokensP95', 'input tokens per request (p95)', formats.count],
  ['outputTokens', 'output tokens per request', formats.count],
  ['outputTokensP95', 'output tokens per request (p95)', formats.count],
  ['latencyP95Ms', 'p95 latency budget', formats.ms],
  ['latencyP99Ms', 'p99 latency budget', formats.ms],
  ['streaming', 'streamed output', formats.yesNo],
  ['ttftMs', 'time-to-first-token budget', formats.ms],
  ['targetDevice', 'target device', formats.text],
  ['memoryBudgetBytes', 'memory budget', formats.bytes],
  ['locality', 'where it may run', formats.locality],
  ['jurisdictions', 'jurisdictions', formats.list],
  ['monthlyBudgetUsd', 'monthly budget', formats.usd],
  ['qualityMetric', 'quality metric', formats.text],
  ['qualityBar', 'quality bar', formats.number],
  ['qualityHigherBetter', 'quality direction', formats.direction],
];

/** Equal as JSON values; numbers within a relative 1e-9 (figures recomputed from equal inputs). */
const same = (a: Value, b: Value): boolean => {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  return canonicalize(a) === canonicalize(b);
};

/** Every leaf of a JSON value by its dotted path. */
const leaves = (value: Value, prefix = '', out = new Map<string, Value>()): Map<string, Value> => {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) leaves(inner, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
};

/** Spec fields that set a price (catalogue price ids, negotiated rates, fixed costs). */
const PRICE_PATH = /price|usd/i;

const specChanges = (name: string, before: Value, after: Value): SnapshotChange[] => {
  const a = leaves(before);
  const b = leaves(after);
  const changed = [...new Set([...a.keys(), ...b.keys()])].filter((path) => !same(a.get(path), b.get(path))).sort();
  if (changed.length === 0) return [];
  const prices = changed.filter((path) => PRICE_PATH.test(path));
  const others = changed.filter((path) => !PRICE_PATH.test(path));
  const changes: SnapshotChange[] = [];
  if (prices.length > 0) changes.push({ area: 'candidate', message: `"${name}": price changed` });
  if (others.length > 0) {
    changes.push({ area: 'candidate', message: `"${name}": deployment changed (${others.join(', ')})` });
  }
  return changes;
};

interface Figure {
  label: string;
  read: (candidate: SnapshotCandidate) => Value;
  format: Formatter;
}

const seconds = orNone((value: number) => formatDuration(value));

/** The computed figures the banner compares, each read from a candidate's evaluation. */
const FIGURES: readonly Figure[] = [
  { label: 'cost per month', read: (c) => c.evaluation?.cost.monthlyUsd.value, format: formats.usd },
  { label: 'cost per request', read: (c) => c.evaluation?.cost.perRequestUsd.value, format: formats.usd },
  { label: 'p95 latency', read: (c) => c.evaluation?.latency.p95Seconds.value, format: seconds },
  { label: 'p99 latency', read: (c) => c.evaluation?.latency.p99Seconds.value, format: seconds },
  { label: 'memory', read: (c) => c.evaluation?.memory.totalBytes.value, format: formats.bytes },
  { label: 'quality', read: (c) => c.evaluation?.quality.value.value, format: formats.number },
];

const AXES = ['cost', 'latency', 'memory', 'control', 'quality'] as const;

const candidateChanges = (before: SnapshotCandidate, after: SnapshotCandidate): SnapshotChange[] => {
  const name = after.name;
  const changes: SnapshotChange[] = [];
  const say = (message: string) => changes.push({ area: 'candidate', message });
  if (before.name !== after.name) say(`candidate "${before.name}" renamed "${after.name}"`);
  changes.push(...specChanges(name, before.spec, after.spec));
  if (!same(before.escalationRate, after.escalationRate)) {
    say(
      `"${name}": escalation share ${formats.percent(before.escalationRate)} → ${formats.percent(after.escalationRate)}`,
    );
  }
  if (before.smallCandidateId !== after.smallCandidateId || before.largeCandidateId !== after.largeCandidateId) {
    say(`"${name}": the cascade's parts changed`);
  }
  const q = (c: SnapshotCandidate) => c.measured.quality?.value ?? null;
  if (!same(q(before), q(after))) {
    say(`"${name}": measured quality ${formats.number(q(before))} → ${formats.number(q(after))}`);
  }
  const p95 = (c: SnapshotCandidate) => c.measured.latency?.p95Ms ?? null;
  const p99 = (c: SnapshotCandidate) => c.measured.latency?.p99Ms ?? null;
  if (!same(p95(before), p95(after)) || !same(p99(before), p99(after))) {
    say(
      `"${name}": measured latency p95/p99 ${formats.ms(p95(before))} / ${formats.ms(p99(before))} → ${formats.ms(p95(after))} / ${formats.ms(p99(after))}`,
    );
  }
  if (!before.evaluation !== !after.evaluation) {
    say(
      after.evaluation
        ? `"${name}": can now be evaluated`
        : `"${name}": can no longer be evaluated (${after.problem ?? 'no reason given'})`,
    );
    return changes;
  }
  for (const figure of FIGURES) {
    const a = figure.read(before) ?? null;
    const b = figure.read(after) ?? null;
    if (!same(a, b)) say(`"${name}": ${figure.label} ${figure.format(a)} → ${figure.format(b)}`);
  }
  for (const axis of AXES) {
    const a = before.evaluation?.[axis].verdict;
    const b = after.evaluation?.[axis].verdict;
    if (a !== b) say(`"${name}": ${axis} verdict ${a ?? 'none'} → ${b ?? 'none'}`);
  }
  return changes;
};

const assessmentChanges = (
  before: DecisionSnapshot['assessment'],
  after: DecisionSnapshot['assessment'],
): SnapshotChange[] => {
  const changes: SnapshotChange[] = [];
  for (const letter of after.letters) {
    const old = before.letters.find((l) => l.letter === letter.letter);
    const label = `SMALL ${SMALL_LETTER_NAMES[letter.letter]}`;
    const say = (message: string) => changes.push({ area: 'assessment', message: `${label}: ${message}` });
    if (!old) continue;
    if (old.verdict !== letter.verdict) say(`${old.verdict} → ${letter.verdict}`);
    if (old.rationale !== letter.rationale) say('rationale changed');
    const oldIds = new Set(old.evidence.map((e) => e.id));
    const newIds = new Set(letter.evidence.map((e) => e.id));
    const added = [...newIds].filter((id) => !oldIds.has(id)).length;
    const removed = [...oldIds].filter((id) => !newIds.has(id)).length;
    if (added > 0) say(`${added} evidence item${added === 1 ? '' : 's'} added`);
    if (removed > 0) say(`${removed} evidence item${removed === 1 ? '' : 's'} removed`);
  }
  return changes;
};

/**
 * What differs between a frozen snapshot and a fresh one of the same task, in words: the task's
 * budgets, the assessment, each candidate (added, archived, renamed, price or deployment changed,
 * measured figures, computed figures and verdicts) and the estimator's version. The decision's own
 * text is not compared (it cannot change once proposed). Empty when nothing relevant changed.
 */
export const snapshotChanges = (stored: DecisionSnapshot, fresh: DecisionSnapshot): SnapshotChange[] => {
  const changes: SnapshotChange[] = [];
  if (stored.estimatorVersion !== fresh.estimatorVersion) {
    changes.push({ area: 'estimator', message: `estimator ${stored.estimatorVersion} → ${fresh.estimatorVersion}` });
  }
  const oldTask = stored.task as Record<string, Value>;
  const newTask = fresh.task as Record<string, Value>;
  if (!oldTask.archivedAt && newTask.archivedAt) changes.push({ area: 'task', message: 'the task was archived' });
  for (const [field, label, format] of TASK_FIELDS) {
    if (!same(oldTask[field] ?? null, newTask[field] ?? null)) {
      changes.push({
        area: 'task',
        message: `${label} ${format(oldTask[field] ?? null)} → ${format(newTask[field] ?? null)}`,
      });
    }
  }
  if (oldTask.description !== newTask.description) changes.push({ area: 'task', message: 'task description changed' });
  changes.push(...assessmentChanges(stored.assessment, fresh.assessment));
  const before = new Map(stored.candidates.map((c) => [c.id, c]));
  const after = new Map(fresh.candidates.map((c) => [c.id, c]));
  for (const candidate of fresh.candidates) {
    const old = before.get(candidate.id);
    if (!old) changes.push({ area: 'candidate', message: `candidate "${candidate.name}" added` });
    else changes.push(...candidateChanges(old, candidate));
  }
  for (const candidate of stored.candidates) {
    if (!after.has(candidate.id)) {
      changes.push({ area: 'candidate', message: `candidate "${candidate.name}" archived` });
    }
  }
  return changes;
};

/** The snapshot as stored, typed: a decision's JSON column holds what {@link buildSnapshot} made. */
export const storedSnapshot = (value: Prisma.JsonValue | null): DecisionSnapshot | null =>
  value === null ? null : (value as unknown as DecisionSnapshot);
