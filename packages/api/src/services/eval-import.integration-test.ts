import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePromptfooResults } from '../../test/eval-files.ts';
import {
  CANDIDATE_SPECS,
  callerFor,
  createCandidate,
  createProjectWithTask,
  createTeamWorld,
} from '../../test/factories.ts';
import { LM_EVAL_FILE } from '../../test/procedure-inputs.ts';
import { AppError } from '../errors.ts';
import { parseLmEval } from '../imports/index.ts';
import { verifyChain } from './audit.ts';
import { suggestMapping } from './eval-import.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const PHONE = 'llama.cpp:llama-3.2-3b-instruct-q4_k_m';
const GPT = 'openai:gpt-4o';
const MINI = 'openai:gpt-4o-mini';

/** 20 cases per provider: the phone passes 19, GPT-4o 20, GPT-4o-mini 17; one cached GPT-4o case. */
const resultsFile = (evalId = 'eval-Rct-2026-11-20T10:00:00') =>
  JSON.stringify(
    makePromptfooResults({
      evalId,
      description: 'Receipt fields',
      providers: [{ id: PHONE }, { id: GPT }, { id: MINI }],
      cases: [
        ...Array.from({ length: 20 }, (_, i) => ({ provider: PHONE, pass: i !== 7, latencyMs: 380 + 13 * i })),
        ...Array.from({ length: 20 }, (_, i) => ({
          provider: GPT,
          pass: true,
          latencyMs: 850 + 31 * i,
          cached: i === 0,
        })),
        ...Array.from({ length: 20 }, (_, i) => ({ provider: MINI, pass: i % 7 !== 0, latencyMs: 600 + 9 * i })),
      ],
    }),
  );

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  const cause = error.cause instanceof AppError ? error.cause : null;
  return { code: error.code, message: error.message, fieldErrors: cause?.fieldErrors ?? {} };
};

const counts = async () => ({
  runs: await t.db.evalRun.count(),
  evidence: await t.db.evidence.count(),
  events: await t.db.auditEvent.count(),
  measured: await t.db.candidate.count({
    where: { OR: [{ measuredQuality: { not: null } }, { measuredP95Ms: { not: null } }] },
  }),
  versions: (await t.db.candidate.aggregate({ _sum: { version: true } }))._sum.version,
});

const setUp = async () => {
  const world = await createTeamWorld(t.db);
  const teamId = world.team.id;
  const { task } = await createProjectWithTask(t.db, teamId);
  const phone = await createCandidate(t.db, { teamId, taskId: task.id, name: 'Llama 3.2 3B Q4 on the phone' });
  const gpt = await createCandidate(t.db, {
    teamId,
    taskId: task.id,
    name: 'Frontier API',
    kind: 'FRONTIER_API',
    spec: CANDIDATE_SPECS.api,
  });
  const l4 = await createCandidate(t.db, { teamId, taskId: task.id, name: '8B on L4', spec: CANDIDATE_SPECS.gpu });
  const editor = await callerFor(t.db, { user: world.members.EDITOR });
  return { world, teamId, task, phone, gpt, l4, editor };
};

describe('eval imports', () => {
  it('previews a promptfoo file with a suggested mapping and writes nothing', async () => {
    const { teamId, task, phone, gpt, editor } = await setUp();
    const before = await counts();
    const preview = await editor.api.evidence.importPromptfoo({
      teamId,
      taskId: task.id,
      fileName: 'receipts-eval.json',
      content: resultsFile(),
    });
    expect(await counts()).toEqual(before);
    if (preview.imported) throw new Error('expected a preview');
    expect(preview.run).toMatchObject({
      tool: 'promptfoo',
      toolVersion: '0.107.4',
      runId: 'eval-Rct-2026-11-20T10:00:00',
      fileName: 'receipts-eval.json',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(preview.subjects.map((s) => s.key)).toEqual([PHONE, GPT, MINI]);
    expect(preview.subjects[0]).toMatchObject({ quality: { metric: 'pass rate', value: 0.95, sampleSize: 20 } });
    // GPT-4o-mini is not GPT-4o: no suggestion rather than a wrong one.
    expect(preview.suggestedMapping).toEqual({ [PHONE]: phone.id, [GPT]: gpt.id, [MINI]: null });
    expect(preview.alreadyImported).toBeNull();
    expect(preview.warnings).toEqual([]);
    expect(preview.candidates.map((c) => c.name)).toContain('8B on L4');
  });

  it('imports the run: measured figures on the mapped candidates, EVAL_RUN evidence, one audit event', async () => {
    const { world, teamId, task, phone, gpt, l4, editor } = await setUp();
    const content = resultsFile();
    const before = await counts();
    const result = await editor.api.evidence.importPromptfoo({
      teamId,
      taskId: task.id,
      fileName: 'receipts-eval.json',
      content,
      mapping: { [PHONE]: phone.id, [GPT]: gpt.id, [MINI]: null },
    });
    if (!result.imported) throw new Error('expected an import');
    const sha = result.evalRun.sha256;
    const source = `promptfoo run eval-Rct-2026-11-20T10:00:00, receipts-eval.json, sha256 ${sha.slice(0, 12)}`;
    expect(result.candidates.map((c) => c.candidateId)).toEqual([phone.id, gpt.id]);

    const rows = await t.db.candidate.findMany({
      where: { id: { in: [phone.id, gpt.id, l4.id] } },
      select: {
        id: true,
        version: true,
        measuredQuality: true,
        measuredQualityMetric: true,
        measuredQualitySamples: true,
        measuredQualitySource: true,
        measuredP50Ms: true,
        measuredP95Ms: true,
        measuredP99Ms: true,
        measuredLatencySamples: true,
        measuredLatencySource: true,
      },
    });
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[phone.id]).toMatchObject({
      version: 1,
      measuredQuality: 0.95,
      measuredQualityMetric: 'pass rate (Receipt fields)',
      measuredQualitySamples: 20,
      measuredQualitySource: source,
      measuredLatencySamples: 20,
      measuredLatencySource: source,
    });
    const phoneRow = byId[phone.id]!;
    expect(phoneRow.measuredP50Ms!).toBeGreaterThan(380);
    expect(phoneRow.measuredP50Ms!).toBeLessThanOrEqual(phoneRow.measuredP95Ms!);
    expect(phoneRow.measuredP95Ms!).toBeLessThanOrEqual(phoneRow.measuredP99Ms!);
    // The cached case is quality, not latency.
    expect(byId[gpt.id]).toMatchObject({ measuredQuality: 1, measuredQualitySamples: 20, measuredLatencySamples: 19 });
    expect(byId[l4.id]).toMatchObject({ measuredQuality: null, measuredP95Ms: null });

    const run = await t.db.evalRun.findFirstOrThrow({ where: { teamId, taskId: task.id } });
    expect(run).toMatchObject({
      id: result.evalRun.id,
      tool: 'promptfoo',
      toolVersion: '0.107.4',
      externalId: 'eval-Rct-2026-11-20T10:00:00',
      fileName: 'receipts-eval.json',
      fileBytes: Buffer.byteLength(content),
      importedById: world.members.EDITOR.id,
      mapping: { [PHONE]: phone.id, [GPT]: gpt.id, [MINI]: null },
    });
    expect(Buffer.from(run.fileSha256).toString('hex')).toBe(sha);

    const evidence = await t.db.evidence.findMany({
      where: { teamId, taskId: task.id },
      orderBy: { letter: 'asc' },
      select: { letter: true, kind: true, title: true, source: true, evalRunId: true, body: true, createdById: true },
    });
    expect(evidence.map((e) => [e.letter, e.kind, e.evalRunId])).toEqual([
      ['MEASURED', 'EVAL_RUN', run.id],
      ['LATENCY', 'EVAL_RUN', run.id],
    ]);
    expect(evidence[0]!.title).toBe('promptfoo results: receipts-eval.json');
    expect(evidence[0]!.source).toContain(sha);
    expect(evidence[0]!.body).toContain('| Llama 3.2 3B Q4 on the phone |');
    const viewer = await callerFor(t.db, { user: world.members.VIEWER });
    const assessment = await viewer.api.assessment.get({ teamId, taskId: task.id });
    expect(assessment.letters.find((l) => l.letter === 'LATENCY')!.evidence).toMatchObject([{ kind: 'EVAL_RUN' }]);

    const after = await counts();
    expect(after).toEqual({
      ...before,
      runs: before.runs + 1,
      evidence: before.evidence + 2,
      events: before.events + 1,
      measured: before.measured + 2,
    });
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { teamId, action: 'evidence.imported' },
      select: { entityType: true, entityId: true, actorId: true, changes: true },
    });
    expect(event).toMatchObject({
      entityType: 'evalRun',
      entityId: run.id,
      actorId: world.members.EDITOR.id,
      changes: {
        sha256: { new: sha },
        runId: { new: 'eval-Rct-2026-11-20T10:00:00' },
        [`measured.${phone.id}`]: {
          old: { quality: null, latency: null },
          new: { quality: { value: 0.95, source }, latency: { samples: 20 } },
        },
      },
    });
    expect(await verifyChain({ db: t.db, teamId })).toMatchObject({ ok: true });

    // The comparison reads them as measured.
    const comparison = await viewer.api.comparison.get({ teamId, taskId: task.id });
    const phoneEval = comparison.candidates.find((c) => c.id === phone.id)!.evaluation!;
    expect(phoneEval.quality.value).toMatchObject({ value: 0.95, basis: 'measured' });
    expect(phoneEval.latency.p95Seconds.basis).toBe('measured');
  });

  it('refuses the same file twice for a task, saying when and by whom', async () => {
    const { world, teamId, task, phone, editor } = await setUp();
    const input = {
      teamId,
      taskId: task.id,
      fileName: 'receipts-eval.json',
      content: resultsFile(),
      mapping: { [PHONE]: phone.id },
    };
    await editor.api.evidence.importPromptfoo(input);
    const before = await counts();
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    const again = await failure(owner.api.evidence.importPromptfoo({ ...input, fileName: 'copy.json' }));
    expect(again.code).toBe('CONFLICT');
    const today = new Date().toISOString().slice(0, 10);
    expect(again.message).toBe(
      `This file was already imported on ${today} by ${world.members.EDITOR.displayName} (as receipts-eval.json): its figures are on the candidates already.`,
    );
    expect(await counts()).toEqual(before);
    const preview = await owner.api.evidence.importPromptfoo({ ...input, mapping: undefined });
    expect(!preview.imported && preview.alreadyImported).toMatchObject({
      fileName: 'receipts-eval.json',
      by: { id: world.members.EDITOR.id },
    });

    // Another task may import the same file.
    const { task: other } = await createProjectWithTask(t.db, teamId);
    const otherPhone = await createCandidate(t.db, { teamId, taskId: other.id });
    const elsewhere = await editor.api.evidence.importPromptfoo({
      ...input,
      taskId: other.id,
      mapping: { [PHONE]: otherPhone.id },
    });
    expect(elsewhere.imported).toBe(true);
  });

  it.each([
    ['not JSON', '{"evalId": "x", results: [}', /not JSON/],
    [
      'a results file without results',
      JSON.stringify({ evalId: 'x', results: { version: 3 } }),
      /not a valid promptfoo results file: results\.timestamp is missing/,
    ],
    [
      'an unsupported layout version',
      JSON.stringify({ evalId: 'x', results: { version: 1 } }),
      /version 1 is not supported/,
    ],
  ])('refuses %s, naming the problem under content, and writes nothing', async (_label, content, message) => {
    const { teamId, task, phone, editor } = await setUp();
    const before = await counts();
    for (const mapping of [undefined, { [PHONE]: phone.id }]) {
      const refused = await failure(
        editor.api.evidence.importPromptfoo({ teamId, taskId: task.id, fileName: 'bad.json', content, mapping }),
      );
      expect(refused.code).toBe('BAD_REQUEST');
      expect(refused.message).toMatch(message);
      expect(Object.keys(refused.fieldErrors)).toEqual(['content']);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses another tool's file on each procedure, saying which tool wrote it", async () => {
    const { teamId, task, editor } = await setUp();
    const before = await counts();
    const lmEvalAsPromptfoo = await failure(
      editor.api.evidence.importPromptfoo({ teamId, taskId: task.id, fileName: 'results.json', content: LM_EVAL_FILE }),
    );
    expect(lmEvalAsPromptfoo).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^This is an lm-evaluation-harness results file, not a promptfoo one/),
      fieldErrors: { content: [expect.any(String)] },
    });
    const promptfooAsLmEval = await failure(
      editor.api.evidence.importLmEval({ teamId, taskId: task.id, fileName: 'results.json', content: resultsFile() }),
    );
    expect(promptfooAsLmEval.message).toMatch(/^This is a promptfoo results file, not an lm-evaluation-harness one/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a mapping naming an unknown subject or a candidate of another task (INVALID) or team (NOT_FOUND)', async () => {
    const { world, teamId, task, phone, editor } = await setUp();
    const { task: other } = await createProjectWithTask(t.db, teamId);
    const elsewhere = await createCandidate(t.db, { teamId, taskId: other.id, name: 'Elsewhere' });
    const { task: foreignTask } = await createProjectWithTask(t.db, world.otherTeam.id);
    const foreign = await createCandidate(t.db, { teamId: world.otherTeam.id, taskId: foreignTask.id });
    const content = resultsFile();
    const attempt = (mapping: Record<string, string | null>) =>
      failure(editor.api.evidence.importPromptfoo({ teamId, taskId: task.id, fileName: 'r.json', content, mapping }));
    const before = await counts();

    const unknown = await attempt({ 'openai:gpt-5': phone.id });
    expect(unknown.code).toBe('BAD_REQUEST');
    expect(unknown.fieldErrors.mapping?.[0]).toMatch(/"openai:gpt-5" is not a subject of this file/);
    const otherTask = await attempt({ [PHONE]: elsewhere.id });
    expect(otherTask.code).toBe('BAD_REQUEST');
    expect(otherTask.fieldErrors.mapping?.[0]).toMatch(/"Elsewhere" is a candidate of another task/);
    const twice = await attempt({ [PHONE]: phone.id, [GPT]: phone.id });
    expect(twice.fieldErrors.mapping?.[0]).toMatch(/same candidate/);
    const nothing = await attempt({ [PHONE]: null });
    expect(nothing.fieldErrors.mapping?.[0]).toMatch(/at least one subject/);
    const theirs = await attempt({ [PHONE]: foreign.id });
    expect(theirs.code).toBe('NOT_FOUND');
    expect(theirs.message).not.toContain(world.otherTeam.id);
    expect(await counts()).toEqual(before);
  });

  it('imports an lm-eval file: quality only, evidence on MEASURED only', async () => {
    const { teamId, task, l4, editor } = await setUp();
    const key = parseLmEval(LM_EVAL_FILE).subjects[0]!.key;
    const result = await editor.api.evidence.importLmEval({
      teamId,
      taskId: task.id,
      fileName: 'results_2025-03-14.json',
      content: LM_EVAL_FILE,
      mapping: { [key]: l4.id },
    });
    if (!result.imported) throw new Error('expected an import');
    expect(result.evidence.map((e) => e.letter)).toEqual(['MEASURED']);
    expect(result.candidates[0]!.measured).toMatchObject({
      quality: { source: expect.stringMatching(/^lm-eval run, results_2025-03-14\.json, sha256 [0-9a-f]{12}$/) },
      latency: null,
    });
  });
});

describe('suggestMapping', () => {
  const candidate = (id: string, name: string, spec: object | null) => ({
    id,
    name,
    kind: spec ? 'SLM' : 'CASCADE',
    spec: (spec ?? {}) as never,
  });

  it('matches labels to names, and provider ids to catalogue models and prices, one subject per candidate', () => {
    const candidates = [
      candidate('phone', 'On the phone', CANDIDATE_SPECS.device),
      candidate('api', 'Frontier', CANDIDATE_SPECS.api),
      candidate('l4', 'Big box', CANDIDATE_SPECS.gpu),
      candidate('cascade', 'Phone then API', null),
    ];
    expect(
      suggestMapping(
        [
          { key: 'openai:chat:meta-llama/Llama-3.1-8B-Instruct', label: 'meta-llama/Llama-3.1-8B-Instruct' },
          { key: 'openai:gpt-4o', label: 'openai:gpt-4o' },
          { key: 'openai:gpt-4o-mini', label: 'openai:gpt-4o-mini' },
          { key: 'exec:run.sh#Phone then API', label: 'Phone then API' },
          { key: 'ollama:llama3.2:3b', label: 'ollama:llama3.2:3b' },
        ],
        candidates,
      ),
    ).toEqual({
      'openai:chat:meta-llama/Llama-3.1-8B-Instruct': 'l4',
      'openai:gpt-4o': 'api',
      'openai:gpt-4o-mini': null,
      'exec:run.sh#Phone then API': 'cascade',
      // "llama3.2" is not spelled as the catalogue's "llama-3.2-3b": unsure, so no suggestion.
      'ollama:llama3.2:3b': null,
    });
  });

  it('suggests nothing when two candidates match equally, or two subjects name the same candidate', () => {
    const twins = [
      candidate('a', 'Phone A', CANDIDATE_SPECS.device),
      candidate('b', 'Phone B', CANDIDATE_SPECS.device),
    ];
    expect(suggestMapping([{ key: 'llama-3.2-3b', label: 'llama-3.2-3b' }], twins)).toEqual({ 'llama-3.2-3b': null });
    const one = [candidate('a', 'Phone A', CANDIDATE_SPECS.device)];
    expect(
      suggestMapping(
        [
          { key: 'x:llama-3.2-3b', label: 'x:llama-3.2-3b' },
          { key: 'y:llama-3.2-3b', label: 'y:llama-3.2-3b' },
        ],
        one,
      ),
    ).toEqual({ 'x:llama-3.2-3b': null, 'y:llama-3.2-3b': null });
  });
});
