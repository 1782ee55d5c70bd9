import { verifyPassword } from '@rightsize/auth';
import { createDb, type Db } from '@rightsize/db';
import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANDIDATE_SPECS, TEST_PASSWORD, appendAuditEvents, callerFor, createTeamWorld } from '../../test/factories.ts';
import { actorOf, createDraft, memberWith, proposedDecision, sign, taskWithCandidates } from '../../test/decisions.ts';
import { AppError } from '../errors.ts';
import { verifyChain } from './audit.ts';
import { createDecision, proposeDecision, signOffDecision, withdrawDecision } from './decision.ts';
import { isSerializationFailure } from './serializable.ts';
import { snapshotSha256, verifySnapshot, type DecisionSnapshot } from './snapshot.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** The error a promise rejects with (fails the test if it resolves). */
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (error === null) throw new Error('expected a refusal, but the call succeeded');
  return error as AppError | TRPCError;
};

const storedRow = (id: string) =>
  t.db.decision.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      snapshot: true,
      snapshotSha256: true,
      version: true,
      supersedesId: true,
      supersededById: true,
      acceptedAt: true,
      supersededAt: true,
    },
  });

describe('numbering', () => {
  it('numbers a team’s decisions ADR-0001, ADR-0002, … without gaps, even when created at once', async () => {
    const world = await createTeamWorld(t.db);
    const { task } = await taskWithCandidates(t.db, world.team.id);
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createDraft(t.db, {
          teamId: world.team.id,
          taskId: task.id,
          chosenCandidateId: null,
          authorId: world.members.EDITOR.id,
          title: `Option ${i}`,
        }),
      ),
    );
    expect(created.map((d) => d.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(created.find((d) => d.number === 1)?.ref).toBe('ADR-0001');
    // Another team starts at 1.
    const other = await taskWithCandidates(t.db, world.otherTeam.id);
    const first = await createDraft(t.db, {
      teamId: world.otherTeam.id,
      taskId: other.task.id,
      chosenCandidateId: null,
      authorId: world.outsider.id,
    });
    expect(first.ref).toBe('ADR-0001');
  });

  it('refuses a chosen candidate of another task, and of another team as not found', async () => {
    const world = await createTeamWorld(t.db);
    const a = await taskWithCandidates(t.db, world.team.id);
    const b = await taskWithCandidates(t.db, world.team.id);
    const c = await taskWithCandidates(t.db, world.otherTeam.id);
    const draft = (chosenCandidateId: string) =>
      createDraft(t.db, {
        teamId: world.team.id,
        taskId: a.task.id,
        chosenCandidateId,
        authorId: world.members.EDITOR.id,
      });
    expect(await refusal(draft(b.phone.id))).toMatchObject({
      code: 'INVALID',
      fieldErrors: { chosenCandidateId: expect.any(Array) },
    });
    expect(await refusal(draft(c.phone.id))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the frozen snapshot', () => {
  it('stores a snapshot whose hash equals a recomputation from the stored JSON', async () => {
    const world = await createTeamWorld(t.db);
    const { decision, phone, api } = await proposedDecision(t.db, {
      teamId: world.team.id,
      proposerId: world.members.EDITOR.id,
    });
    const row = await storedRow(decision.id);
    expect(row.status).toBe('PROPOSED');
    expect(Buffer.from(row.snapshotSha256!).toString('hex')).toBe(decision.snapshotSha256);
    expect(verifySnapshot(row.snapshot, row.snapshotSha256!)).toBe(true);
    expect(Buffer.from(snapshotSha256(row.snapshot)).toString('hex')).toBe(decision.snapshotSha256);
    // Read back by PostgreSQL's own text form too: jsonb reorders keys, the canonical form does not care.
    const [text] = await t.db.$queryRaw<
      { snapshot: string }[]
    >`SELECT snapshot::text AS snapshot FROM "Decision" WHERE id = ${decision.id}::uuid`;
    expect(verifySnapshot(JSON.parse(text!.snapshot), row.snapshotSha256!)).toBe(true);

    const snapshot = row.snapshot as unknown as DecisionSnapshot;
    expect(snapshot.format).toBe('rightsize.decision-snapshot/1');
    expect(snapshot.estimatorVersion).toMatch(/^\d{4}\.\d+\.\d+$/);
    expect(snapshot.decision).toMatchObject({
      ref: 'ADR-0001',
      chosenCandidateId: phone.id,
      requiredCapacities: ['ENGINEERING', 'FINANCE'],
    });
    expect(snapshot.candidates.map((c) => c.id)).toEqual([phone.id, api.id]);
    expect(snapshot.candidates.every((c) => c.evaluation !== null)).toBe(true);
    expect(snapshot.assessment.letters).toHaveLength(5);
    // A tampered snapshot no longer matches.
    expect(verifySnapshot({ ...snapshot, estimatorVersion: '1999.1.1' }, row.snapshotSha256!)).toBe(false);
  });

  it('keeps the decision’s figures when a candidate’s price changes afterwards, and names the change for the banner', async () => {
    const world = await createTeamWorld(t.db);
    const editor = await callerFor(t.db, { user: world.members.EDITOR });
    const viewer = await callerFor(t.db, { user: world.members.VIEWER });
    const { decision, api, task } = await proposedDecision(t.db, {
      teamId: world.team.id,
      proposerId: world.members.OWNER.id,
    });
    const before = await viewer.api.decision.get({ teamId: world.team.id, decisionId: decision.id });
    expect(before.staleness).toEqual({ checkedAt: expect.any(Date), changes: [] });
    const frozenApi = before.snapshot!.candidates.find((c) => c.id === api.id)!;

    await editor.api.candidate.update({
      teamId: world.team.id,
      candidateId: api.id,
      version: api.version,
      spec: { ...CANDIDATE_SPECS.api, usdPerMillionInputTokens: 5, usdPerMillionOutputTokens: 20 },
    });
    await editor.api.task.update({
      teamId: world.team.id,
      taskId: task.id,
      version: task.version,
      monthlyRequests: 4_000_000,
    });

    const after = await viewer.api.decision.get({ teamId: world.team.id, decisionId: decision.id });
    expect(after.snapshot).toEqual(before.snapshot);
    expect(after.snapshotSha256).toBe(before.snapshotSha256);
    expect(after.snapshot!.candidates.find((c) => c.id === api.id)!.evaluation!.cost).toEqual(
      frozenApi.evaluation!.cost,
    );
    const messages = after.staleness!.changes.map((c) => c.message);
    expect(messages).toContain('monthly requests 3,000,000 → 4,000,000');
    expect(messages).toContain('"GPT-4o": price changed');
    expect(messages.some((m) => m.startsWith('"GPT-4o": cost per month $'))).toBe(true);
    expect(after.staleness!.changes.find((c) => c.message.includes('price'))?.area).toBe('candidate');

    // "Open a new decision from today's figures": same text and choice, today's snapshot.
    const fresh = await editor.api.decision.create({
      teamId: world.team.id,
      taskId: task.id,
      fromDecisionId: decision.id,
    });
    expect(fresh).toMatchObject({
      status: 'DRAFT',
      title: before.title,
      context: before.context,
      chosenCandidate: { id: before.chosenCandidate!.id },
    });
    const proposed = await editor.api.decision.propose({
      teamId: world.team.id,
      decisionId: fresh.id,
      version: fresh.version,
    });
    const current = await viewer.api.decision.get({ teamId: world.team.id, decisionId: proposed.id });
    expect(current.staleness!.changes).toEqual([]);
    expect(current.snapshot!.task.monthlyRequests).toBe(4_000_000);
  });
});

describe('editing', () => {
  it('cannot change a proposed decision’s content without withdrawing it, not even by SQL', async () => {
    const world = await createTeamWorld(t.db);
    const editor = await callerFor(t.db, { user: world.members.EDITOR });
    const { decision } = await proposedDecision(t.db, { teamId: world.team.id, proposerId: world.members.EDITOR.id });
    const refused = await refusal(
      editor.api.decision.update({
        teamId: world.team.id,
        decisionId: decision.id,
        version: decision.version,
        title: 'Something else',
      }),
    );
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Withdraw it to edit/) });
    // The trigger refuses the same change from any other path, under the app's role.
    await expect(
      t.db.$executeRaw`UPDATE "Decision" SET title = 'Quietly changed' WHERE id = ${decision.id}::uuid`,
    ).rejects.toThrow(/content cannot change/);
    await expect(
      t.db.$executeRaw`UPDATE "Decision" SET snapshot = '{}'::jsonb WHERE id = ${decision.id}::uuid`,
    ).rejects.toThrow(/frozen snapshot/);
    await expect(t.db.$executeRaw`DELETE FROM "Decision" WHERE id = ${decision.id}::uuid`).rejects.toThrow();

    const withdrawn = await editor.api.decision.withdraw({
      teamId: world.team.id,
      decisionId: decision.id,
      version: decision.version,
    });
    expect(withdrawn).toMatchObject({ status: 'DRAFT', snapshotSha256: null });
    const edited = await editor.api.decision.update({
      teamId: world.team.id,
      decisionId: decision.id,
      version: withdrawn.version,
      title: 'Something else',
    });
    expect(edited.title).toBe('Something else');
    const again = await editor.api.decision.propose({
      teamId: world.team.id,
      decisionId: decision.id,
      version: edited.version,
    });
    expect(again.snapshotSha256).not.toBe(decision.snapshotSha256);
    const events = await t.db.auditEvent.findMany({
      where: { teamId: world.team.id, entityType: 'decision', entityId: decision.id },
      select: { action: true },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => e.action)).toEqual([
      'decision.created',
      'decision.proposed',
      'decision.withdrawn',
      'decision.updated',
      'decision.proposed',
    ]);
  });

  it('needs a chosen candidate to propose, and refuses a stale version naming who changed it', async () => {
    const world = await createTeamWorld(t.db);
    const { task, phone } = await taskWithCandidates(t.db, world.team.id);
    const draft = await createDraft(t.db, {
      teamId: world.team.id,
      taskId: task.id,
      chosenCandidateId: null,
      authorId: world.members.EDITOR.id,
    });
    const editor = await callerFor(t.db, { user: world.members.EDITOR });
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    expect(
      await refusal(editor.api.decision.propose({ teamId: world.team.id, decisionId: draft.id, version: 1 })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
    });
    await owner.api.decision.update({
      teamId: world.team.id,
      decisionId: draft.id,
      version: 1,
      chosenCandidateId: phone.id,
    });
    const stale = await refusal(
      editor.api.decision.update({ teamId: world.team.id, decisionId: draft.id, version: 1, title: 'Mine' }),
    );
    expect(stale).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(world.members.OWNER.displayName),
    });
  });
});

describe('sign-off', () => {
  it('refuses self-approval; the proposer may reject, and one reject ends it', async () => {
    const world = await createTeamWorld(t.db);
    const proposer = await memberWith(t.db, world.team.id, { capacities: ['ENGINEERING'] });
    const { decision } = await proposedDecision(t.db, { teamId: world.team.id, proposerId: proposer.id });
    const self = await refusal(
      sign(t.db, { teamId: world.team.id, decision, signerId: proposer.id, capacity: 'ENGINEERING' }),
    );
    expect(self).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/someone else must approve/) });
    const rejected = await sign(t.db, {
      teamId: world.team.id,
      decision,
      signerId: proposer.id,
      capacity: 'ENGINEERING',
      verdict: 'REJECT',
      comment: 'Found a flaw in the latency figures.',
    });
    expect(rejected).toMatchObject({ outcome: 'REJECTED', decision: { status: 'REJECTED' } });
    expect((await storedRow(decision.id)).status).toBe('REJECTED');
    const late = await refusal(
      sign(t.db, { teamId: world.team.id, decision, signerId: world.members.VIEWER.id, capacity: 'FINANCE' }),
    );
    expect(late).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already rejected/) });
  });

  it('refuses a sign-off against a stale snapshot hash', async () => {
    const world = await createTeamWorld(t.db);
    const { decision } = await proposedDecision(t.db, { teamId: world.team.id, proposerId: world.members.EDITOR.id });
    const withdrawn = await withdrawDecision({
      db: t.db,
      actor: actorOf(world.members.EDITOR.id),
      input: { teamId: world.team.id, decisionId: decision.id, version: decision.version },
    });
    const again = await proposeDecision({
      db: t.db,
      actor: actorOf(world.members.EDITOR.id),
      input: { teamId: world.team.id, decisionId: decision.id, version: withdrawn.version },
    });
    const stale = await refusal(
      sign(t.db, {
        teamId: world.team.id,
        decision: again,
        signerId: world.members.VIEWER.id,
        capacity: 'FINANCE',
        snapshotSha256: decision.snapshotSha256!,
      }),
    );
    expect(stale).toMatchObject({ code: 'CONFLICT', fieldErrors: { snapshotSha256: expect.any(Array) } });
    const signed = await sign(t.db, {
      teamId: world.team.id,
      decision: again,
      signerId: world.members.VIEWER.id,
      capacity: 'FINANCE',
    });
    expect(signed).toMatchObject({
      outcome: 'RECORDED',
      decision: { status: 'PROPOSED', pendingCapacities: ['ENGINEERING'] },
    });
  });

  it('needs the capacity held and required, once per signer, and the right password (throttled like sign-in)', async () => {
    const world = await createTeamWorld(t.db);
    const { decision } = await proposedDecision(t.db, { teamId: world.team.id, proposerId: world.members.EDITOR.id });
    const base = { teamId: world.team.id, decision };
    expect(
      await refusal(sign(t.db, { ...base, signerId: world.members.OWNER.id, capacity: 'ENGINEERING' })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const security = await memberWith(t.db, world.team.id, { role: 'VIEWER', capacities: ['SECURITY'] });
    expect(await refusal(sign(t.db, { ...base, signerId: security.id, capacity: 'SECURITY' }))).toMatchObject({
      code: 'INVALID',
      fieldErrors: { capacity: expect.any(Array) },
    });
    const wrong = await refusal(
      sign(t.db, { ...base, signerId: world.members.VIEWER.id, capacity: 'FINANCE', password: 'not-the-password' }),
    );
    expect(wrong).toMatchObject({ code: 'INVALID', fieldErrors: { password: ['That is not your password.'] } });
    await sign(t.db, { ...base, signerId: world.members.VIEWER.id, capacity: 'FINANCE' });
    expect(
      await refusal(sign(t.db, { ...base, signerId: world.members.VIEWER.id, capacity: 'FINANCE' })),
    ).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already signed/),
    });
    // Wrong passwords count against the account as at sign-in: the sixth in the window is refused unchecked.
    const guesser = await memberWith(t.db, world.team.id, { role: 'VIEWER', capacities: ['ENGINEERING'] });
    for (let i = 0; i < 5; i++) {
      expect(
        await refusal(sign(t.db, { ...base, signerId: guesser.id, capacity: 'ENGINEERING', password: `guess-${i}` })),
      ).toMatchObject({ code: 'INVALID' });
    }
    expect(
      await refusal(sign(t.db, { ...base, signerId: guesser.id, capacity: 'ENGINEERING', password: TEST_PASSWORD })),
    ).toMatchObject({
      code: 'THROTTLED',
    });
    // Nothing was signed by the refused calls.
    expect(await t.db.signOff.count({ where: { decisionId: decision.id } })).toBe(1);
  });

  it('accepting a new decision supersedes the task’s accepted one in the same transaction, linked both ways', async () => {
    const world = await createTeamWorld(t.db);
    const engineer = await memberWith(t.db, world.team.id, { role: 'VIEWER', capacities: ['ENGINEERING'] });
    const {
      decision: first,
      task,
      api,
    } = await proposedDecision(t.db, { teamId: world.team.id, proposerId: world.members.EDITOR.id });
    await sign(t.db, { teamId: world.team.id, decision: first, signerId: engineer.id, capacity: 'ENGINEERING' });
    const accepted = await sign(t.db, {
      teamId: world.team.id,
      decision: first,
      signerId: world.members.VIEWER.id,
      capacity: 'FINANCE',
    });
    expect(accepted).toMatchObject({ outcome: 'ACCEPTED', decision: { status: 'ACCEPTED', supersededId: null } });

    const draft = await createDraft(t.db, {
      teamId: world.team.id,
      taskId: task.id,
      chosenCandidateId: api.id,
      authorId: world.members.EDITOR.id,
      title: 'Use the API after all',
    });
    const second = await proposeDecision({
      db: t.db,
      actor: actorOf(world.members.EDITOR.id),
      input: { teamId: world.team.id, decisionId: draft.id, version: draft.version },
    });
    await sign(t.db, { teamId: world.team.id, decision: second, signerId: engineer.id, capacity: 'ENGINEERING' });
    const now = new Date('2030-01-02T03:04:05.000Z');
    const result = await signOffDecision({
      db: t.db,
      actor: actorOf(world.members.VIEWER.id, now),
      clientAddress: '198.51.100.7',
      input: {
        teamId: world.team.id,
        decisionId: second.id,
        capacity: 'FINANCE',
        verdict: 'APPROVE',
        comment: '',
        snapshotSha256: second.snapshotSha256!,
        password: TEST_PASSWORD,
      },
    });
    expect(result).toMatchObject({ outcome: 'ACCEPTED', decision: { supersededId: first.id } });
    const [old, current] = await Promise.all([storedRow(first.id), storedRow(second.id)]);
    expect(old).toMatchObject({ status: 'SUPERSEDED', supersededById: second.id, supersededAt: now });
    expect(current).toMatchObject({ status: 'ACCEPTED', supersedesId: first.id, acceptedAt: now });
    // One event for the acceptance, carrying the supersession.
    const [event] = await t.db.auditEvent.findMany({
      where: { teamId: world.team.id, entityId: second.id, action: 'decision.accepted' },
      select: { changes: true, createdAt: true },
    });
    expect(event!.changes).toMatchObject({
      supersedesId: { new: first.id },
      superseded: { new: { id: first.id, ref: 'ADR-0001' } },
    });
    const viewer = await callerFor(t.db, { user: world.members.VIEWER });
    const page = await viewer.api.decision.get({ teamId: world.team.id, decisionId: first.id });
    expect(page).toMatchObject({ status: 'SUPERSEDED', supersededBy: { id: second.id, ref: 'ADR-0002' } });
    // Only one accepted decision per task can exist, whatever writes it.
    await expect(
      t.owner()
        .$executeRaw`UPDATE "Decision" SET status = 'ACCEPTED', "supersededById" = NULL, "supersededAt" = NULL WHERE id = ${first.id}::uuid`,
    ).rejects.toThrow();
    expect(await verifyChain({ db: t.db, teamId: world.team.id })).toMatchObject({ ok: true });
  });

  it('retries a serialization failure it is forced into, and reports the attempts', async () => {
    const world = await createTeamWorld(t.db);
    const { decision } = await proposedDecision(t.db, { teamId: world.team.id, proposerId: world.members.EDITOR.id });
    const retried: unknown[] = [];
    const result = await signOffDecision({
      db: t.db,
      actor: actorOf(world.members.VIEWER.id),
      clientAddress: '198.51.100.7',
      input: {
        teamId: world.team.id,
        decisionId: decision.id,
        capacity: 'FINANCE',
        verdict: 'APPROVE',
        comment: '',
        snapshotSha256: decision.snapshotSha256!,
        password: TEST_PASSWORD,
      },
      retry: { onRetry: (_attempt, error) => retried.push(error) },
      // On the first attempt another change to the team commits after this transaction's snapshot
      // was taken: its audit append then cannot serialise and PostgreSQL aborts it (40001).
      beforeWrite: async (attempt) => {
        if (attempt === 1) await appendAuditEvents(t.db, { teamId: world.team.id, actorId: world.members.OWNER.id });
      },
    });
    expect(result.attempts).toBe(2);
    expect(retried).toHaveLength(1);
    expect(isSerializationFailure(retried[0])).toBe(true);
    expect(await t.db.signOff.count({ where: { decisionId: decision.id } })).toBe(1);
    expect(await verifyChain({ db: t.db, teamId: world.team.id })).toMatchObject({ ok: true });
  });

  it('gives up with a CONFLICT, not the database error, when every attempt is forced to fail', async () => {
    const world = await createTeamWorld(t.db);
    const { decision } = await proposedDecision(t.db, { teamId: world.team.id, proposerId: world.members.EDITOR.id });
    const error = await refusal(
      signOffDecision({
        db: t.db,
        actor: actorOf(world.members.VIEWER.id),
        clientAddress: '198.51.100.7',
        input: {
          teamId: world.team.id,
          decisionId: decision.id,
          capacity: 'FINANCE',
          verdict: 'APPROVE',
          comment: '',
          snapshotSha256: decision.snapshotSha256!,
          password: TEST_PASSWORD,
        },
        retry: { maxAttempts: 3, baseDelayMs: 1 },
        beforeWrite: () =>
          appendAuditEvents(t.db, { teamId: world.team.id, actorId: world.members.OWNER.id }).then(() => undefined),
      }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/try again/) });
    expect(await t.db.signOff.count({ where: { decisionId: decision.id } })).toBe(0);
  });
});

describe('20 approvals at the same moment', () => {
  let wide: Db;
  beforeAll(() => {
    // A pool as wide as the crowd, so the 20 transactions really run at once.
    wide = createDb(t.url, { maxConnections: 21 });
  });
  afterAll(() => wide.$disconnect());

  it('accepts the decision exactly once, records each sign-off once, and retries serialization failures unseen', async () => {
    const world = await createTeamWorld(wide);
    const proposer = await memberWith(wide, world.team.id, { role: 'EDITOR' });
    const { decision } = await proposedDecision(wide, { teamId: world.team.id, proposerId: proposer.id });
    const signers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        memberWith(wide, world.team.id, {
          role: i % 3 === 0 ? 'VIEWER' : 'EDITOR',
          capacities: [i % 2 === 0 ? 'ENGINEERING' : 'FINANCE'],
          displayName: `Signer ${i + 1}`,
        }).then((user) => ({ user, capacity: i % 2 === 0 ? ('ENGINEERING' as const) : ('FINANCE' as const) })),
      ),
    );
    // Every retry of every call, the refused ones included (a retried call looks like any other).
    const retriesByCaller = signers.map(() => 0);
    const callers = await Promise.all(
      signers.map(async ({ user }, i) => {
        const caller = await callerFor(wide, { user, clientAddress: `203.0.113.${i + 1}` });
        caller.ctx.onSerializableRetry = () => void retriesByCaller[i]!++;
        return caller;
      }),
    );
    const results = await Promise.all(
      signers.map(({ capacity }, i) =>
        callers[i]!.api.decision.signOff({
          teamId: world.team.id,
          decisionId: decision.id,
          capacity,
          verdict: 'APPROVE',
          comment: `Signer ${i + 1} approves.`,
          snapshotSha256: decision.snapshotSha256!,
          password: TEST_PASSWORD,
        }).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error: error as TRPCError }),
        ),
      ),
    );
    const succeeded = results.flatMap((r) => (r.ok ? [r.value] : []));
    const refused = results.flatMap((r) => (r.ok ? [] : [r.error]));
    // Every refusal is the domain's "already accepted", never a database error or an exhausted retry.
    for (const error of refused) {
      expect(error).toBeInstanceOf(TRPCError);
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toMatch(/already accepted/);
    }
    expect(succeeded.filter((r) => r.outcome === 'ACCEPTED')).toHaveLength(1);
    expect(succeeded.length).toBeGreaterThanOrEqual(2);

    const row = await storedRow(decision.id);
    expect(row.status).toBe('ACCEPTED');
    expect(row.version).toBe(decision.version + 1);
    const signOffs = await wide.signOff.findMany({
      where: { decisionId: decision.id },
      select: { id: true, capacity: true },
    });
    expect(signOffs.map((s) => s.id).sort()).toEqual(succeeded.map((r) => r.signOff.id).sort());
    expect(new Set(signOffs.map((s) => s.capacity))).toEqual(new Set(['ENGINEERING', 'FINANCE']));

    const events = await wide.auditEvent.findMany({
      where: { teamId: world.team.id, entityType: 'decision', entityId: decision.id },
      select: { action: true, changes: true },
    });
    expect(events.filter((e) => e.action === 'decision.accepted')).toHaveLength(1);
    const signedIds = events.flatMap((e) => {
      const changes = e.changes as { signOff?: { new?: { id?: string } } };
      return changes.signOff?.new?.id ? [changes.signOff.new.id] : [];
    });
    expect(signedIds.sort()).toEqual(signOffs.map((s) => s.id).sort());
    expect(await verifyChain({ db: wide, teamId: world.team.id })).toMatchObject({ ok: true });

    // Serialization failures happened and were retried: none reached a caller (above).
    const retries = retriesByCaller.reduce((sum, n) => sum + n, 0);
    console.info(
      `20 concurrent approvals: ${succeeded.length} recorded (attempts ${succeeded.map((r) => r.attempts).join(', ')}), ${refused.length} refused as already accepted; ${retries} serialization retries in all (per caller: ${retriesByCaller.join(' ')})`,
    );
    // How many there are depends on how the password checks (argon2 on libuv's four threads) spread
    // the calls; the next test lines the transactions up so that failures are certain.
    expect(succeeded.reduce((sum, r) => sum + r.attempts - 1, 0)).toBeLessThanOrEqual(retries);
  });

  it('retries when the 20 transactions start at the same instant (password checks lined up)', async () => {
    const world = await createTeamWorld(wide);
    const proposer = await memberWith(wide, world.team.id, { role: 'EDITOR' });
    const { decision } = await proposedDecision(wide, { teamId: world.team.id, proposerId: proposer.id });
    const signers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        memberWith(wide, world.team.id, { role: 'VIEWER', capacities: [i % 2 === 0 ? 'ENGINEERING' : 'FINANCE'] }),
      ),
    );
    // Each password check waits for all twenty, so every transaction begins together.
    let release!: () => void;
    const allChecked = new Promise<void>((resolve) => (release = resolve));
    let checked = 0;
    const verify = async (hash: string, password: string) => {
      const ok = await verifyPassword(hash, password);
      if (++checked === signers.length) release();
      await allChecked;
      return ok;
    };
    let retries = 0;
    const results = await Promise.allSettled(
      signers.map((user, i) =>
        signOffDecision({
          db: wide,
          actor: actorOf(user.id),
          clientAddress: `203.0.113.${100 + i}`,
          verify,
          retry: { onRetry: () => void retries++ },
          input: {
            teamId: world.team.id,
            decisionId: decision.id,
            capacity: i % 2 === 0 ? 'ENGINEERING' : 'FINANCE',
            verdict: 'APPROVE',
            comment: '',
            snapshotSha256: decision.snapshotSha256!,
            password: TEST_PASSWORD,
          },
        }),
      ),
    );
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as AppError] : []));
    expect(
      refused.every((e) => e instanceof AppError && e.code === 'CONFLICT' && /already accepted/.test(e.message)),
    ).toBe(true);
    const accepted = results.filter((r) => r.status === 'fulfilled' && r.value.outcome === 'ACCEPTED');
    expect(accepted).toHaveLength(1);
    expect(
      await wide.auditEvent.count({
        where: { teamId: world.team.id, entityId: decision.id, action: 'decision.accepted' },
      }),
    ).toBe(1);
    console.info(
      `20 approvals lined up: ${20 - refused.length} recorded, ${refused.length} refused as already accepted, ${retries} serialization retries`,
    );
    expect(retries).toBeGreaterThanOrEqual(1);
  });
});

describe('the sign-off policy', () => {
  it('is ENGINEERING and FINANCE by default; a change is audited and applies to decisions proposed after it', async () => {
    const world = await createTeamWorld(t.db);
    const admin = await callerFor(t.db, { user: world.members.ADMIN });
    const viewer = await callerFor(t.db, { user: world.members.VIEWER });
    expect(await viewer.api.team.getPolicy({ teamId: world.team.id })).toEqual({
      requiredCapacities: ['ENGINEERING', 'FINANCE'],
      version: 1,
      isDefault: true,
    });
    const { decision } = await proposedDecision(t.db, { teamId: world.team.id, proposerId: world.members.EDITOR.id });
    const set = await admin.api.team.setPolicy({
      teamId: world.team.id,
      requiredCapacities: ['SECURITY', 'FINANCE', 'FINANCE'],
      version: 1,
    });
    expect(set).toEqual({ requiredCapacities: ['FINANCE', 'SECURITY'], version: 2, isDefault: false });
    expect(
      await refusal(admin.api.team.setPolicy({ teamId: world.team.id, requiredCapacities: ['FINANCE'], version: 1 })),
    ).toMatchObject({
      code: 'CONFLICT',
    });
    expect(
      await refusal(admin.api.team.setPolicy({ teamId: world.team.id, requiredCapacities: [], version: 2 })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
    });
    const [event] = await t.db.auditEvent.findMany({
      where: { teamId: world.team.id, action: 'team.policy_set' },
      select: { changes: true, actorId: true },
    });
    expect(event).toMatchObject({
      actorId: world.members.ADMIN.id,
      changes: {
        requiredCapacities: { old: ['ENGINEERING', 'FINANCE'], new: ['FINANCE', 'SECURITY'] },
        version: { old: 1, new: 2 },
      },
    });
    // The decision proposed before keeps the policy it was proposed under.
    const page = await viewer.api.decision.get({ teamId: world.team.id, decisionId: decision.id });
    expect(page.requiredCapacities).toEqual(['ENGINEERING', 'FINANCE']);
    expect(page.viewer).toMatchObject({ canSignAs: ['FINANCE'], canApprove: true, canEdit: false });
    const { decision: later } = await proposedDecision(t.db, {
      teamId: world.team.id,
      proposerId: world.members.EDITOR.id,
    });
    expect(later.requiredCapacities).toEqual(['FINANCE', 'SECURITY']);
  });
});

describe('creating from an older decision', () => {
  it('copies what was not given, from a decision of the same task only', async () => {
    const world = await createTeamWorld(t.db);
    const { decision, task } = await proposedDecision(t.db, {
      teamId: world.team.id,
      proposerId: world.members.EDITOR.id,
    });
    const other = await taskWithCandidates(t.db, world.team.id);
    const actor = actorOf(world.members.EDITOR.id);
    const copy = await createDecision({
      db: t.db,
      actor,
      input: { teamId: world.team.id, taskId: task.id, fromDecisionId: decision.id, title: 'Revisited' },
    });
    expect(copy).toMatchObject({
      title: 'Revisited',
      context: decision.context,
      consequences: decision.consequences,
      chosenCandidate: decision.chosenCandidate,
    });
    expect(
      await refusal(
        createDecision({
          db: t.db,
          actor,
          input: { teamId: world.team.id, taskId: other.task.id, fromDecisionId: decision.id },
        }),
      ),
    ).toMatchObject({
      code: 'INVALID',
      fieldErrors: { fromDecisionId: expect.any(Array) },
    });
    expect(
      await refusal(createDecision({ db: t.db, actor, input: { teamId: world.team.id, taskId: task.id } })),
    ).toMatchObject({
      code: 'INVALID',
      fieldErrors: { title: expect.any(Array) },
    });
  });
});
