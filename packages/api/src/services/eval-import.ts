// Eval results imports: a promptfoo or lm-evaluation-harness results file becomes measured quality
// (and, from promptfoo, measured latency) on the candidates its subjects are mapped to. Two steps on
// the same input: without a mapping the file is parsed and previewed, with a suggested mapping, and
// nothing is written; with one, the run, the measurements, the evidence and one audit event are
// written in one transaction.
import { apiPrices, decoderModels, encoderModels } from '@rightsize/core';
import type { Db, Prisma } from '@rightsize/db';
import type { TEvalImport } from '@rightsize/validators';
import { AppError } from '../errors.ts';
import {
  detectAndParse,
  parseLmEval,
  parsePromptfoo,
  type EvalSubject,
  type EvalTool,
  type ParsedEvalRun,
} from '../imports/index.ts';
import { appendAudit, type AuditActor } from './audit.ts';
import { candidateNotFound, specOf } from './candidate.ts';
import { measuredSelect, presentMeasured, type MeasuredFields } from './task-budgets.ts';
import { taskArchived, taskNotFound } from './task.ts';

type Tx = Prisma.TransactionClient;

const TOOL_NAMES: Record<EvalTool, string> = { promptfoo: 'promptfoo', 'lm-eval': 'lm-evaluation-harness' };
const PARSERS: Record<EvalTool, (raw: string) => ParsedEvalRun> = { promptfoo: parsePromptfoo, 'lm-eval': parseLmEval };

const isInvalid = (error: unknown): error is AppError => error instanceof AppError && error.code === 'INVALID';

/** The parsers name the upload `file`; here it is the input's `content`. */
const asContentError = (error: AppError) =>
  new AppError('INVALID', error.message, { fieldErrors: { content: error.fieldErrors?.file ?? [error.message] } });

const invalidMapping = (problems: string[]) =>
  new AppError('INVALID', problems.join(' '), { fieldErrors: { mapping: problems } });

/**
 * Parses the file as `tool`'s results, or refuses it naming what is wrong; another tool's file is
 * refused saying which tool wrote it.
 */
export const parseEvalFile = (tool: EvalTool, content: string): ParsedEvalRun => {
  let detected: ParsedEvalRun | null = null;
  try {
    detected = detectAndParse(content);
  } catch (error) {
    if (!isInvalid(error)) throw error;
  }
  if (detected) {
    if (detected.tool === tool) return detected;
    const message = `This is ${detected.tool === 'lm-eval' ? 'an' : 'a'} ${TOOL_NAMES[detected.tool]} results file, not ${tool === 'lm-eval' ? 'an' : 'a'} ${TOOL_NAMES[tool]} one: import it as ${TOOL_NAMES[detected.tool]} results.`;
    throw new AppError('INVALID', message, { fieldErrors: { content: [message] } });
  }
  // Not recognised, or malformed: the expected tool's parser says what is wrong with it.
  try {
    return PARSERS[tool](content);
  } catch (error) {
    throw isInvalid(error) ? asContentError(error) : error;
  }
};

// ───────────────────────────── suggested mapping ─────────────────────────────

const tokens = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Words that make a model a different one: "gpt-4o-mini" is not "gpt-4o", "llama-3.1-70b" not "-8b". */
const VARIANT = /^(mini|nano|micro|lite|small|medium|large|xl|turbo|pro|max|plus|ultra|\d+(\.\d+)?[bmk])$/;

/**
 * How well `needle` names `haystack`: its length in tokens when its tokens appear in a row in the
 * haystack's and nothing left over names another variant; 0 otherwise.
 */
const matchScore = (haystack: string[], needle: string[]): number => {
  if (needle.length === 0 || needle.length > haystack.length) return 0;
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (!needle.every((token, i) => haystack[start + i] === token)) continue;
    const rest = [...haystack.slice(0, start), ...haystack.slice(start + needle.length)];
    if (!rest.some((token) => VARIANT.test(token))) return needle.length;
  }
  return 0;
};

interface MappableCandidate {
  id: string;
  name: string;
  kind: string;
  spec: Prisma.JsonValue;
}

/** What names a candidate's model: its catalogue ids and names, its API price's model. */
const modelNames = (candidate: MappableCandidate): string[] => {
  const spec = specOf(candidate as Parameters<typeof specOf>[0]);
  if (!spec) return [];
  const names: string[] = [];
  if ('model' in spec) {
    if ('catalogId' in spec.model) {
      const id = spec.model.catalogId;
      names.push(id);
      const model = [...decoderModels, ...encoderModels].find((m) => m.id === id);
      if (model) names.push(model.name);
    } else {
      names.push(spec.model.custom.name);
    }
  }
  if ('priceId' in spec && spec.priceId) {
    const price = apiPrices.find((p) => p.id === spec.priceId);
    names.push(spec.priceId);
    if (price) names.push(price.model, ...(price.openModel ? [price.openModel] : []));
  }
  return names;
};

/**
 * A candidate for each subject when the file's provider id, label or model name clearly names one:
 * the subject's label equal to a candidate's name, or a catalogue model or API price of exactly one
 * candidate in it. Null when no candidate or more than one matches equally, and when a candidate is
 * the best match of several subjects (unless one of them matches it better).
 */
export const suggestMapping = (
  subjects: readonly Pick<EvalSubject, 'key' | 'label'>[],
  candidates: readonly MappableCandidate[],
): Record<string, string | null> => {
  const needles = candidates.map((candidate) => ({
    id: candidate.id,
    name: tokens(candidate.name),
    models: modelNames(candidate).map(tokens),
  }));
  const best = subjects.map((subject) => {
    const hay = [tokens(subject.key), tokens(subject.label)];
    const scores = needles.map((needle) => {
      const exact = hay.some((h) => h.length > 0 && h.join(' ') === needle.name.join(' '));
      if (exact) return 1_000;
      return Math.max(
        0,
        ...hay.flatMap((h) => [matchScore(h, needle.name), ...needle.models.map((m) => matchScore(h, m))]),
      );
    });
    const top = Math.max(0, ...scores);
    const winners = needles.filter((_, i) => scores[i] === top);
    return { key: subject.key, id: top > 0 && winners.length === 1 ? winners[0]!.id : null, score: top };
  });
  const mapping: Record<string, string | null> = {};
  for (const entry of best) {
    const rivals = best.filter((other) => other.id !== null && other.id === entry.id);
    const unique = rivals.filter((other) => other.score === entry.score).length === 1;
    mapping[entry.key] =
      entry.id !== null && unique && rivals.every((other) => other.score <= entry.score) ? entry.id : null;
  }
  return mapping;
};

// ───────────────────────────── preview ─────────────────────────────

const hexToBytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

const runSummary = (parsed: ParsedEvalRun, fileName: string) => ({
  tool: parsed.tool,
  toolVersion: parsed.toolVersion,
  formatVersion: parsed.formatVersion,
  runId: parsed.runId,
  createdAt: parsed.createdAt,
  description: parsed.description,
  fileName,
  sha256: parsed.sha256,
  sizeBytes: parsed.sizeBytes,
});

/** The task of the team, refused when archived: an import would change its candidates. */
const openTask = async (db: Db | Tx, teamId: string, taskId: string) => {
  const task = await db.task.findFirst({
    where: { id: taskId, teamId },
    select: { archivedAt: true, qualityMetric: true, qualityHigherBetter: true },
  });
  if (!task) throw taskNotFound();
  if (task.archivedAt) throw taskArchived();
  return task;
};

/** An earlier import of the same bytes for this task, with who imported it. */
const previousImport = async (db: Db | Tx, teamId: string, taskId: string, sha256: string) => {
  const run = await db.evalRun.findUnique({
    where: { teamId_taskId_fileSha256: { teamId, taskId, fileSha256: hexToBytes(sha256) } },
    select: { id: true, fileName: true, createdAt: true, importedById: true },
  });
  if (!run) return null;
  const user = await db.user.findUnique({ where: { id: run.importedById }, select: { id: true, displayName: true } });
  return {
    evalRunId: run.id,
    fileName: run.fileName,
    at: run.createdAt.toISOString(),
    by: user ?? { id: run.importedById, displayName: 'A former member' },
  };
};

/** Where the metric's direction and the task's disagree, so the mapping deserves a second look. */
const directionWarnings = (parsed: ParsedEvalRun, task: { qualityMetric: string; qualityHigherBetter: boolean }) =>
  parsed.subjects.flatMap((subject) => {
    if (!subject.quality) return [];
    const metric = subject.metrics.find(
      (m) => m.metric === subject.quality!.metric && m.task === subject.quality!.task,
    );
    const higher = metric?.higherIsBetter ?? (parsed.tool === 'promptfoo' ? true : null);
    if (higher === null || higher === task.qualityHigherBetter) return [];
    return [
      `${subject.label}: ${subject.quality.metric} is ${higher ? 'higher' : 'lower'}-is-better, but the task's metric (${task.qualityMetric}) is ${task.qualityHigherBetter ? 'higher' : 'lower'}-is-better.`,
    ];
  });

/**
 * Parses the file and proposes which candidate each subject measures; writes nothing. Says when
 * the same file was already imported for the task (confirming it would be refused).
 */
export const previewEvalImport = async ({ db, tool, input }: { db: Db; tool: EvalTool; input: TEvalImport }) => {
  const task = await openTask(db, input.teamId, input.taskId);
  const parsed = parseEvalFile(tool, input.content);
  const candidates = await db.candidate.findMany({
    where: { teamId: input.teamId, taskId: input.taskId, archivedAt: null },
    select: { id: true, name: true, kind: true, spec: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return {
    run: runSummary(parsed, input.fileName),
    subjects: parsed.subjects,
    suggestedMapping: suggestMapping(parsed.subjects, candidates),
    candidates: candidates.map(({ id, name, kind }) => ({ id, name, kind })),
    alreadyImported: await previousImport(db, input.teamId, input.taskId, parsed.sha256),
    warnings: directionWarnings(parsed, task),
  };
};

// ───────────────────────────── confirm ─────────────────────────────

const EVIDENCE_TITLE_MAX = 200;
const SOURCE_MAX = 500;
const METRIC_MAX = 200;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** `promptfoo run eval-7Xd…, results.json, sha256 3f2a9c01b7e4`: short enough for a tooltip. */
const sourceOf = (parsed: ParsedEvalRun, fileName: string) =>
  clip(
    `${parsed.tool} run${parsed.runId ? ` ${parsed.runId}` : ''}, ${fileName}, sha256 ${parsed.sha256.slice(0, 12)}`,
    SOURCE_MAX,
  );

/** A cell of a Markdown table: pipes and line breaks in names would break the row. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

const percentFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const msFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

interface Mapped {
  subject: EvalSubject;
  candidate: { id: string; name: string } & MeasuredFields;
}

/** The mapping checked against the file: known subjects, one subject per candidate, something to import. */
const checkMappingAgainstFile = (parsed: ParsedEvalRun, mapping: Record<string, string | null>) => {
  const keys = new Set(parsed.subjects.map((s) => s.key));
  const problems: string[] = [];
  for (const key of Object.keys(mapping)) {
    if (!keys.has(key)) {
      problems.push(
        `"${clip(key, 120)}" is not a subject of this file; its subjects are ${parsed.subjects.map((s) => `"${clip(s.key, 120)}"`).join(', ')}.`,
      );
    }
  }
  const chosen = parsed.subjects.flatMap((subject) => {
    const id = mapping[subject.key];
    return id ? [{ subject, id }] : [];
  });
  if (problems.length === 0 && chosen.length === 0) {
    problems.push('Map at least one subject of the file to a candidate of this task.');
  }
  const seen = new Map<string, string>();
  for (const { subject, id } of chosen) {
    const other = seen.get(id);
    if (other !== undefined) {
      problems.push(`"${other}" and "${subject.label}" are mapped to the same candidate: map each to its own.`);
    }
    seen.set(id, subject.label);
    if (!subject.quality && !subject.latency) {
      problems.push(`"${subject.label}" has no quality or latency figure to import: map it to null.`);
    }
  }
  if (problems.length > 0) throw invalidMapping(problems);
  return chosen;
};

const summaryBody = (parsed: ParsedEvalRun, fileName: string, mapped: Mapped[], what: 'quality' | 'latency') => {
  const about = [
    parsed.toolVersion ? `${TOOL_NAMES[parsed.tool]} ${parsed.toolVersion}` : TOOL_NAMES[parsed.tool],
    parsed.runId ? `run ${parsed.runId}` : null,
    parsed.createdAt ? `run on ${parsed.createdAt.slice(0, 10)}` : null,
  ].filter(Boolean);
  const intro = `Imported from **${cell(fileName)}** (${about.join(', ')}; SHA-256 \`${parsed.sha256}\`).`;
  const rows =
    what === 'quality'
      ? [
          '| subject | candidate | metric | value | samples |',
          '| --- | --- | --- | --- | --- |',
          ...mapped.flatMap(({ subject, candidate }) =>
            subject.quality
              ? [
                  `| ${cell(subject.label)} | ${cell(candidate.name)} | ${cell(subject.quality.metric)} | ${percentFormat.format(subject.quality.value)} | ${subject.quality.sampleSize ?? '—'} |`,
                ]
              : [],
          ),
        ]
      : [
          '| subject | candidate | p50 | p95 | p99 | samples |',
          '| --- | --- | --- | --- | --- | --- |',
          ...mapped.flatMap(({ subject, candidate }) =>
            subject.latency
              ? [
                  `| ${cell(subject.label)} | ${cell(candidate.name)} | ${msFormat.format(subject.latency.p50Seconds * 1000)} ms | ${msFormat.format(subject.latency.p95Seconds * 1000)} ms | ${msFormat.format(subject.latency.p99Seconds * 1000)} ms | ${subject.latency.samples} |`,
                ]
              : [],
          ),
        ];
  return [intro, '', ...rows].join('\n');
};

/** The measured columns an import writes for one subject; a figure the file lacks is left as it was. */
const measuredData = (subject: EvalSubject, source: string): Prisma.CandidateUpdateInput => ({
  ...(subject.quality
    ? {
        measuredQuality: subject.quality.value,
        measuredQualityMetric: clip(`${subject.quality.metric} (${subject.quality.task})`, METRIC_MAX),
        measuredQualitySamples:
          subject.quality.sampleSize && subject.quality.sampleSize >= 1 ? subject.quality.sampleSize : null,
        measuredQualitySource: source,
      }
    : {}),
  ...(subject.latency
    ? {
        measuredP50Ms: subject.latency.p50Seconds * 1000,
        measuredP95Ms: subject.latency.p95Seconds * 1000,
        measuredP99Ms: subject.latency.p99Seconds * 1000,
        measuredLatencySamples: subject.latency.samples,
        measuredLatencySource: source,
      }
    : {}),
});

const auditMeasured = (row: MeasuredFields) => {
  const { quality, latency } = presentMeasured(row);
  return { quality, latency };
};

/**
 * Records an eval run for the task and sets each mapped candidate's measured figures, in one
 * transaction with one `evidence.imported` audit event that lists each candidate's figures before
 * and after. Evidence of kind EVAL_RUN goes on the MEASURED letter, and on LATENCY when the file
 * had latencies. The same file (by SHA-256) is imported once per task.
 *
 * Measured figures are not user-edited fields, so an import does not bump a candidate's version:
 * an editor's pending change to its name or deployment stays valid.
 */
export const importEvalRun = async ({
  db,
  actor,
  tool,
  input,
}: {
  db: Db;
  actor: AuditActor;
  tool: EvalTool;
  input: TEvalImport & { mapping: Record<string, string | null> };
}) => {
  if (!actor.actorId) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  const actorId = actor.actorId;
  await openTask(db, input.teamId, input.taskId);
  // Parsing is CPU work on up to 50 MB: done before the transaction, which then only writes.
  const parsed = parseEvalFile(tool, input.content);
  const chosen = checkMappingAgainstFile(parsed, input.mapping);
  const source = sourceOf(parsed, input.fileName);

  return db.$transaction(async (tx) => {
    // Imports of one task are serialised: the duplicate check below and the old → new figures in
    // the audit event then hold.
    const [task] = await tx.$queryRaw<{ archivedAt: Date | null }[]>`
      SELECT "archivedAt" FROM "Task" WHERE id = ${input.taskId}::uuid AND "teamId" = ${input.teamId}::uuid FOR UPDATE`;
    if (!task) throw taskNotFound();
    if (task.archivedAt) throw taskArchived();
    const previous = await previousImport(tx, input.teamId, input.taskId, parsed.sha256);
    if (previous) {
      throw new AppError(
        'CONFLICT',
        `This file was already imported on ${previous.at.slice(0, 10)} by ${previous.by.displayName} (as ${previous.fileName}): its figures are on the candidates already.`,
        { fieldErrors: { content: ['This file was already imported for this task.'] } },
      );
    }

    const ids = chosen.map((c) => c.id);
    const rows = await tx.candidate.findMany({
      where: { teamId: input.teamId, id: { in: ids } },
      select: { id: true, taskId: true, name: true, archivedAt: true, ...measuredSelect },
    });
    const problems: string[] = [];
    const mapped: Mapped[] = [];
    for (const { subject, id } of chosen) {
      const row = rows.find((r) => r.id === id);
      if (!row) throw candidateNotFound('mapping');
      if (row.taskId !== input.taskId) {
        problems.push(
          `"${row.name}" is a candidate of another task: map "${subject.label}" to a candidate of this task.`,
        );
      } else if (row.archivedAt) {
        problems.push(`"${row.name}" is archived: map "${subject.label}" to a live candidate.`);
      } else {
        const { taskId: _taskId, archivedAt: _archivedAt, ...candidate } = row;
        mapped.push({ subject, candidate });
      }
    }
    if (problems.length > 0) throw invalidMapping(problems);

    const run = await tx.evalRun.create({
      data: {
        teamId: input.teamId,
        taskId: input.taskId,
        tool: parsed.tool,
        toolVersion: parsed.toolVersion === null ? null : clip(parsed.toolVersion, 40),
        externalId: parsed.runId === null ? null : clip(parsed.runId, 200),
        fileName: input.fileName,
        fileSha256: hexToBytes(parsed.sha256),
        fileBytes: parsed.sizeBytes,
        runCreatedAt: parsed.createdAt === null ? null : new Date(parsed.createdAt),
        subjects: parsed.subjects as unknown as Prisma.InputJsonValue,
        mapping: input.mapping,
        importedById: actorId,
      },
      select: { id: true, createdAt: true, runCreatedAt: true },
    });

    const updated = [];
    for (const { subject, candidate } of mapped) {
      const after = await tx.candidate.update({
        where: { teamId_id: { teamId: input.teamId, id: candidate.id } },
        data: measuredData(subject, source),
        select: { id: true, ...measuredSelect },
      });
      updated.push({
        candidateId: candidate.id,
        name: candidate.name,
        subjectKey: subject.key,
        before: candidate,
        after,
      });
    }

    const evidence = async (letter: 'MEASURED' | 'LATENCY', what: 'quality' | 'latency') =>
      tx.evidence.create({
        data: {
          teamId: input.teamId,
          taskId: input.taskId,
          letter,
          kind: 'EVAL_RUN',
          title: clip(
            `${TOOL_NAMES[parsed.tool]} ${what === 'quality' ? 'results' : 'latency'}: ${input.fileName}`,
            EVIDENCE_TITLE_MAX,
          ),
          body: summaryBody(parsed, input.fileName, mapped, what),
          source: clip(
            `${parsed.tool}${parsed.runId ? ` run ${parsed.runId}` : ''}, sha256 ${parsed.sha256}`,
            SOURCE_MAX,
          ),
          measuredOn: run.runCreatedAt
            ? new Date(`${run.runCreatedAt.toISOString().slice(0, 10)}T00:00:00.000Z`)
            : null,
          evalRunId: run.id,
          createdById: actorId,
        },
        select: { id: true, letter: true },
      });
    const evidenceRows = [await evidence('MEASURED', 'quality')];
    if (mapped.some((m) => m.subject.latency)) evidenceRows.push(await evidence('LATENCY', 'latency'));

    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'evidence.imported',
      entityType: 'evalRun',
      entityId: run.id,
      changes: {
        taskId: { new: input.taskId },
        tool: { new: parsed.tool },
        toolVersion: { new: parsed.toolVersion },
        runId: { new: parsed.runId },
        fileName: { new: input.fileName },
        sha256: { new: parsed.sha256 },
        fileBytes: { new: parsed.sizeBytes },
        mapping: { new: input.mapping },
        evidenceIds: { new: evidenceRows.map((e) => e.id) },
        ...Object.fromEntries(
          updated.map((u) => [
            `measured.${u.candidateId}`,
            {
              old: { candidate: u.name, ...auditMeasured(u.before) },
              new: { candidate: u.name, ...auditMeasured(u.after) },
            },
          ]),
        ),
      },
    });

    return {
      evalRun: { id: run.id, ...runSummary(parsed, input.fileName), importedAt: run.createdAt },
      candidates: updated.map((u) => ({
        candidateId: u.candidateId,
        subjectKey: u.subjectKey,
        measured: presentMeasured(u.after),
      })),
      evidence: evidenceRows,
    };
  });
};

/** One procedure per tool: a preview without `mapping` (`imported: false`), the import with it. */
export const evalImport = async ({
  db,
  actor,
  tool,
  input,
}: {
  db: Db;
  actor: AuditActor;
  tool: EvalTool;
  input: TEvalImport;
}) => {
  if (input.mapping === undefined) {
    return { imported: false as const, ...(await previewEvalImport({ db, tool, input })) };
  }
  return {
    imported: true as const,
    ...(await importEvalRun({ db, actor, tool, input: { ...input, mapping: input.mapping } })),
  };
};
