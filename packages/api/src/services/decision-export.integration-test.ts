// The demo seed's decisions, and their MADR export: one accepted and one pending decision for the
// receipts task; a seeded decision exports as Markdown with the expected front matter; the team's
// archive holds one file per decision plus an index.
import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { strFromU8, unzipSync } from 'fflate';
import { marked, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { callerFor } from '../../test/factories.ts';
import { DEMO_DECISIONS } from '../seed-decisions.ts';
import { DEMO_CANDIDATES, DEMO_CASCADE, DEMO_PROJECT, DEMO_TEAM, DEMO_USERS, seedDemo } from '../seed.ts';
import { exportTeamArchive } from './decision-export.ts';
import { verifySnapshot } from './snapshot.ts';

let t: TestDatabase;
let teamId: string;
const user = (role: string) => DEMO_USERS.find((u) => u.role === role)!;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo({ db: t.db });
  teamId = (await t.db.team.findUniqueOrThrow({ where: { slug: DEMO_TEAM.slug }, select: { id: true } })).id;
});
afterAll(() => t.drop());

const callerAs = async (role: string) =>
  callerFor(t.db, {
    user: await t.db.user.findUniqueOrThrow({
      where: { email: user(role).email },
      select: { id: true, email: true, displayName: true },
    }),
  });

/** Front matter and body of a Markdown file that starts with `---`. */
const splitFrontMatter = (markdown: string) => {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown);
  if (!match) throw new Error('no front matter');
  return { front: parseYaml(match[1]!) as Record<string, unknown>, body: match[2]! };
};

describe('the demo decisions', () => {
  it('has one accepted and one pending decision for the receipts task, signed by the demo users', async () => {
    const viewer = await callerAs('VIEWER');
    const decisions = await viewer.api.decision.find({ teamId });
    expect(decisions.map((d) => [d.ref, d.status, d.task.name])).toEqual([
      ['ADR-0002', 'PROPOSED', DEMO_PROJECT.tasks.receipts],
      ['ADR-0001', 'ACCEPTED', DEMO_PROJECT.tasks.receipts],
    ]);
    const accepted = await viewer.api.decision.get({ teamId, decisionId: decisions[1]!.id });
    expect(accepted).toMatchObject({
      title: DEMO_DECISIONS.accepted.title,
      chosenCandidate: { name: DEMO_CANDIDATES.phone.name },
      proposedBy: { displayName: user('EDITOR').displayName },
      staleness: { changes: [] },
    });
    expect(accepted.signOffs.map((s) => [s.user.displayName, s.capacity, s.verdict])).toEqual([
      [user('OWNER').displayName, 'ENGINEERING', 'APPROVE'],
      [user('VIEWER').displayName, 'FINANCE', 'APPROVE'],
    ]);
    const chosenCost = accepted.snapshot!.candidates.find((c) => c.id === accepted.chosenCandidate!.id)!.evaluation!
      .cost.monthlyUsd.value;
    expect(decisions[1]).toMatchObject({
      chosenMonthlyUsd: chosenCost,
      signers: [
        { displayName: user('OWNER').displayName, capacity: 'ENGINEERING', verdict: 'APPROVE' },
        { displayName: user('VIEWER').displayName, capacity: 'FINANCE', verdict: 'APPROVE' },
      ],
    });
    expect(decisions[0]!.chosenMonthlyUsd).toBeGreaterThan(0);
    const pending = await viewer.api.decision.get({ teamId, decisionId: decisions[0]!.id });
    expect(pending).toMatchObject({
      chosenCandidate: { name: DEMO_CASCADE.name },
      pendingCapacities: ['FINANCE'],
      viewer: { canSignAs: ['FINANCE'], canApprove: true },
    });
    const row = await t.db.decision.findUniqueOrThrow({
      where: { id: pending.id },
      select: { snapshot: true, snapshotSha256: true },
    });
    expect(verifySnapshot(row.snapshot, row.snapshotSha256!)).toBe(true);
  });
});

describe('MADR export', () => {
  it('exports a seeded decision as Markdown with the expected front matter and sections', async () => {
    const viewer = await callerAs('VIEWER');
    const [, accepted] = await viewer.api.decision.find({ teamId });
    const { fileName, markdown } = await viewer.api.decision.exportMarkdown({ teamId, decisionId: accepted!.id });
    expect(fileName).toBe('ADR-0001-read-receipts-on-the-phone-with-a-3b-model.md');
    const detail = await viewer.api.decision.get({ teamId, decisionId: accepted!.id });

    const { front, body } = splitFrontMatter(markdown);
    expect(front).toMatchObject({
      status: 'accepted',
      date: detail.acceptedAt!.toISOString().slice(0, 10),
      'decision-makers': [
        `${user('EDITOR').displayName} (proposer)`,
        `${user('OWNER').displayName} (ENGINEERING)`,
        `${user('VIEWER').displayName} (FINANCE)`,
      ],
      id: 'ADR-0001',
      task: DEMO_PROJECT.tasks.receipts,
      'snapshot-sha256': detail.snapshotSha256,
      'estimator-version': detail.estimatorVersion,
    });
    expect(front).not.toHaveProperty('supersedes');

    const tokens = marked.lexer(body);
    const headings = tokens.filter((token): token is Tokens.Heading => token.type === 'heading');
    expect(headings.filter((h) => h.depth <= 2).map((h) => h.text)).toEqual([
      `ADR-0001: ${DEMO_DECISIONS.accepted.title}`,
      'Context and Problem Statement',
      'Considered Options',
      'Decision Outcome',
      'Pros and Cons of the Options',
      'More Information',
    ]);
    const tables = tokens.filter((token): token is Tokens.Table => token.type === 'table');
    const options = tables.find((table) => table.header[0]?.text === 'Option')!;
    expect(options.header.map((h) => h.text)).toEqual([
      'Option',
      'Cost / month',
      'Cost / request',
      'p95 latency',
      'p99 latency',
      'Memory',
      'Control',
      'Quality',
    ]);
    expect(options.rows).toHaveLength(detail.snapshot!.candidates.length);
    const phone = options.rows.find((row) => row[0]!.text.includes(DEMO_CANDIDATES.phone.name))!;
    expect(phone[0]!.text).toContain('(chosen)');
    expect(phone[3]!.text).toMatch(/\(measured\)$/);
    expect(phone[1]!.text).toMatch(/\((estimated|measured)\)$/);
    const signOffs = tables.find((table) => table.header[0]?.text === 'Name')!;
    expect(signOffs.rows.map((row) => [row[0]!.text, row[1]!.text, row[2]!.text])).toEqual([
      [user('OWNER').displayName, 'ENGINEERING', 'APPROVE'],
      [user('VIEWER').displayName, 'FINANCE', 'APPROVE'],
    ]);
    expect(signOffs.rows.every((row) => row[4]!.text === `\`${detail.snapshotSha256}\``)).toBe(true);
    expect(body).toContain(`Chosen option: "${DEMO_CANDIDATES.phone.name}"`);

    // The snapshot in the file is the one that was signed: its SHA-256 is the front matter's.
    const json = tokens.find((token): token is Tokens.Code => token.type === 'code' && token.lang === 'json')!;
    expect(verifySnapshot(JSON.parse(json.text), Buffer.from(detail.snapshotSha256!, 'hex'))).toBe(true);
    // Exporting again gives the same bytes (no export time in the file).
    expect((await viewer.api.decision.exportMarkdown({ teamId, decisionId: accepted!.id })).markdown).toBe(markdown);
  });

  it('marks supersession both ways once the pending decision is accepted', async () => {
    const viewer = await callerAs('VIEWER');
    const [pending, accepted] = await viewer.api.decision.find({ teamId });
    await viewer.api.decision.signOff({
      teamId,
      decisionId: pending!.id,
      capacity: 'FINANCE',
      verdict: 'APPROVE',
      comment: 'The API share fits the budget.',
      snapshotSha256: (await viewer.api.decision.get({ teamId, decisionId: pending!.id })).snapshotSha256!,
      password: 'rightsize-demo-2026',
    });
    const old = splitFrontMatter(
      (await viewer.api.decision.exportMarkdown({ teamId, decisionId: accepted!.id })).markdown,
    );
    expect(old.front).toMatchObject({ status: 'superseded by ADR-0002', 'superseded-by': 'ADR-0002' });
    const current = splitFrontMatter(
      (await viewer.api.decision.exportMarkdown({ teamId, decisionId: pending!.id })).markdown,
    );
    expect(current.front).toMatchObject({ status: 'accepted', supersedes: 'ADR-0001' });
  });

  it('archives every decision of the team as one Markdown file each, with an index', async () => {
    const editor = await callerAs('EDITOR');
    const draft = await editor.api.decision.create({
      teamId,
      taskId: (await editor.api.decision.find({ teamId }))[0]!.task.id,
      title: 'A draft | with a pipe',
    });
    const decisions = await editor.api.decision.find({ teamId });
    const files = unzipSync(await exportTeamArchive({ db: t.db, teamId }));
    const names = Object.keys(files).sort();
    expect(names).toHaveLength(decisions.length + 1);
    expect(names).toContain('README.md');
    expect(names.filter((name) => /^ADR-\d{4}-[a-z0-9-]+\.md$/.test(name))).toHaveLength(decisions.length);
    const index = strFromU8(files['README.md']!);
    for (const decision of decisions) expect(index).toContain(`[${decision.ref}](`);
    const draftFile = names.find((name) => name.startsWith(`${draft.ref}-`))!;
    expect(splitFrontMatter(strFromU8(files[draftFile]!)).front).toMatchObject({
      status: 'draft',
      'decision-makers': [],
    });
    // The same records give the same archive, byte for byte.
    const again = await exportTeamArchive({ db: t.db, teamId });
    expect(Buffer.from(again).equals(Buffer.from(await exportTeamArchive({ db: t.db, teamId })))).toBe(true);
  });
});
