import { hashPassword } from '@rightsize/auth';
import type { Capacity, Db, Role } from '@rightsize/db';
import {
  ZCandidateCreate,
  ZEvalImport,
  ZEvidenceAdd,
  ZSetLetter,
  ZTaskCreate,
  type TCandidateCreate,
  type TSmallLetter,
  type TTaskCreateInput,
  type TVerdict,
} from '@rightsize/validators';
import { makePromptfooResults } from '../test/eval-files.ts';
import { addEvidence, setLetter } from './services/assessment.ts';
import { appendAudit, creationFields, type AuditActor } from './services/audit.ts';
import { createCandidate } from './services/candidate.ts';
import { importEvalRun, previewEvalImport } from './services/eval-import.ts';
import { createProject } from './services/project.ts';
import { createTask } from './services/task.ts';
import { seedDemoDecisions } from './seed-decisions.ts';

/** Demo mode only: the seeded workspace's shared password (printed by `pnpm start`, listed in the README). */
export const DEMO_PASSWORD = 'rightsize-demo-2026';

export const DEMO_TEAM = { name: 'Demo team', slug: 'demo' } as const;

export const DEMO_USERS: readonly { email: string; displayName: string; role: Role; capacities: Capacity[] }[] = [
  { email: 'owner@demo.example', displayName: 'Olivia Owner', role: 'OWNER', capacities: ['ENGINEERING', 'PRODUCT'] },
  { email: 'admin@demo.example', displayName: 'Adam Admin', role: 'ADMIN', capacities: ['SECURITY'] },
  { email: 'editor@demo.example', displayName: 'Edith Editor', role: 'EDITOR', capacities: ['ENGINEERING'] },
  { email: 'viewer@demo.example', displayName: 'Victor Viewer', role: 'VIEWER', capacities: ['FINANCE'] },
];

/**
 * A second team, so the team switcher has something to switch to and roles differ per team: the
 * demo editor owns it and the demo owner is only an editor there.
 */
export const DEMO_SECOND_TEAM = {
  name: 'Search relevance',
  slug: 'demo-search',
  members: [
    { email: 'editor@demo.example', role: 'OWNER', capacities: ['ENGINEERING'] },
    { email: 'owner@demo.example', role: 'EDITOR', capacities: ['PRODUCT'] },
  ],
} as const satisfies {
  name: string;
  slug: string;
  members: readonly { email: string; role: Role; capacities: Capacity[] }[];
};

type DemoEvidence =
  | { kind: 'LINK'; title: string; url: string }
  | { kind: 'NOTE'; title: string; body: string }
  | {
      kind: 'METRIC';
      title: string;
      metricName: string;
      metricValue: number;
      metricUnit: string;
      sampleSize: number;
      measuredOn: string;
      source: string;
    };

interface DemoTask {
  budgets: Omit<TTaskCreateInput, 'teamId' | 'projectId'>;
  letters: Partial<Record<TSmallLetter, { verdict: TVerdict; rationale: string; evidence?: DemoEvidence[] }>>;
}

/**
 * The worked example of the SMALL filter: a finance app reads vendor, date, total and tax from
 * photographed receipts, millions a month, and should show the result before the user puts the
 * phone away. Every letter passes. Figures marked "demo" are illustrations, not measurements.
 */
const RECEIPTS_TASK: DemoTask = {
  budgets: {
    name: 'Read receipts: vendor, date, total, tax',
    description: [
      'Users photograph a paper receipt; the app fills in **vendor, date, total and tax** for the expense.',
      '',
      '- Millions of receipts a month, growing with the user base.',
      '- The parsed result should be on screen before the user puts the phone away.',
      '- Receipts are financial data: keep them on the device where possible.',
    ].join('\n'),
    monthlyRequests: 3_000_000,
    monthlyGrowth: 0.04,
    inputTokens: 450,
    inputTokensP95: 1_100,
    outputTokens: 40,
    outputTokensP95: 70,
    latencyP95Ms: 800,
    latencyP99Ms: 1_500,
    streaming: false,
    targetDevice: 'mid-tier-android',
    // Half of a 6 GB phone: room for a 3 B model at 4 bits next to the app and the OS.
    memoryBudgetBytes: 3e9,
    locality: 'ON_DEVICE',
    jurisdictions: ['EU', 'UK'],
    monthlyBudgetUsd: 2_000,
    qualityMetric: 'field-level exact match on labelled receipts',
    qualityBar: 0.97,
    qualityHigherBetter: true,
  },
  letters: {
    SPECIFIC: {
      verdict: 'PASS',
      rationale: 'Four named fields from one photographed receipt: a bounded extraction task, not an open-ended one.',
      evidence: [
        {
          kind: 'NOTE',
          title: 'Output schema',
          body: [
            'Every receipt yields exactly one record:',
            '',
            '| field | type | example |',
            '| --- | --- | --- |',
            '| vendor | text | Corner Café |',
            '| date | ISO date | 2026-03-14 |',
            '| total | amount + currency | 12.40 EUR |',
            '| tax | amount + currency | 2.07 EUR |',
            '',
            'Anything else on the receipt is ignored.',
          ].join('\n'),
        },
      ],
    },
    MEASURED: {
      verdict: 'PASS',
      rationale:
        'We hold ground-truth receipts, so field-level exact match on a labelled holdout measures any candidate before it ships.',
      evidence: [
        {
          kind: 'METRIC',
          title: 'Field-level exact match, on-device OCR + small extraction model',
          metricName: 'field-level exact match',
          metricValue: 0.974,
          metricUnit: 'fraction',
          sampleSize: 2_000,
          measuredOn: '2026-10-15',
          source: 'Demo figure: labelled holdout of 2,000 receipts',
        },
      ],
    },
    AFFORDABLE: {
      verdict: 'PASS',
      rationale:
        'At 3 million receipts a month a frontier multimodal call per receipt is a serious line item; on-device OCR plus a small extraction model costs next to nothing at the margin.',
      evidence: [
        {
          kind: 'LINK',
          title: 'Frontier API prices per million tokens, for the comparison',
          url: 'https://docs.anthropic.com/en/docs/about-claude/pricing',
        },
      ],
    },
    LATENCY: {
      verdict: 'PASS',
      rationale:
        'On-device extraction answers before a network round trip would complete; the budget is 800 ms at p95 and 1.5 s at p99.',
      evidence: [
        {
          kind: 'METRIC',
          title: 'End-to-end p95 on a mid-tier Android phone',
          metricName: 'p95 end-to-end latency',
          metricValue: 620,
          metricUnit: 'ms',
          sampleSize: 500,
          measuredOn: '2026-10-15',
          source: 'Demo figure: 500 receipts on a mid-tier Android test device',
        },
      ],
    },
    LOCAL: {
      verdict: 'PASS',
      rationale:
        'Receipts carry financial data users may not want to leave their phone; running on the device sidesteps a whole class of privacy work.',
      evidence: [
        {
          kind: 'NOTE',
          title: 'Why on the device',
          body: 'Receipts name where people shop and what they spend. Keeping extraction **on the device** means no receipt image or text leaves the phone, so there is no processor agreement or data-residency review for this feature.',
        },
      ],
    },
  },
};

/**
 * The receipts task's candidates: the lesson's menu of small things against a frontier API, and a
 * cascade of the two. Prices and device figures come from the catalogue; the figures the team
 * supplies (vCPU price and time, the provider's speed) say so in the notes.
 */
export const DEMO_CANDIDATES = {
  encoder: {
    kind: 'CLASSIFIER',
    name: 'ModernBERT field tagger on CPU',
    notes:
      'ModernBERT-base fine-tuned to tag vendor, date, total and tax in the OCR text, served on CPUs in our EU cloud account. **Team assumptions:** USD 0.04 per vCPU-hour and 50 vCPU-ms per receipt (to be measured).',
    spec: {
      deployment: 'SELF_HOSTED',
      runsIn: 'OWN_CLOUD',
      model: { catalogId: 'modernbert-base' },
      format: 'f32',
      hardware: { cpu: { usdPerVcpuHour: 0.04, vcpuSecondsPerRequest: 0.05 } },
      jurisdiction: 'EU',
    },
  },
  phone: {
    kind: 'SLM',
    name: 'Llama 3.2 3B Q4 on the phone',
    notes:
      'Llama 3.2 3B Instruct, GGUF Q4_K_M, in the app through llama.cpp, after on-device OCR. The catalogue has no peak compute for mid-tier Android, so its latency is the measured one.',
    spec: {
      deployment: 'ON_DEVICE',
      model: { catalogId: 'llama-3.2-3b' },
      format: 'q4_k_m',
      deviceId: 'mid-tier-android',
    },
  },
  l4: {
    kind: 'SLM',
    name: 'Llama 3.1 8B on one L4',
    notes: 'Llama 3.1 8B Instruct, AWQ int4, on vLLM on one NVIDIA L4 (GCP g2-standard-4) in our EU cloud account.',
    spec: {
      deployment: 'SELF_HOSTED',
      runsIn: 'OWN_CLOUD',
      model: { catalogId: 'llama-3.1-8b' },
      format: 'int4_awq',
      hardware: { gpu: { deviceId: 'l4', gpuPriceId: 'gcp-g2-l4' } },
      jurisdiction: 'EU',
    },
  },
  frontier: {
    kind: 'FRONTIER_API',
    name: 'GPT-4o',
    notes:
      "OpenAI's list price from the catalogue. **Team assumptions:** 450 ms to the first token and 90 tokens/s, as seen in our own trials; data processed in the US.",
    spec: {
      deployment: 'API',
      priceId: 'openai-gpt-4o',
      ttftSeconds: 0.45,
      outputTokensPerSecond: 90,
      jurisdiction: 'US',
    },
  },
} as const;

export const DEMO_CASCADE = {
  name: 'Phone first, GPT-4o for the hard 12 %',
  notes:
    'Every receipt goes to the 3 B model on the phone; when its confidence is low (about 12 % of receipts in our trial) the image goes to GPT-4o.',
  escalationRate: 0.12,
} as const;

/** Demo data: a promptfoo run over 250 labelled receipts, one column per model. */
export const DEMO_EVAL = {
  fileName: 'receipts-holdout-demo.json',
  evalId: 'eval-demo-receipts-2026-11-18T09:30:00',
  providers: [
    // [provider id, cases passed of 250, median latency in ms, spread (log-normal sigma)]
    ['llama.cpp:llama-3.2-3b-instruct-q4_k_m', 244, 430, 0.2],
    ['openai:chat:meta-llama/Llama-3.1-8B-Instruct', 245, 350, 0.25],
    ['openai:gpt-4o', 247, 1_050, 0.3],
  ],
  cases: 250,
} as const;

/** The demo run as promptfoo writes it, from a fixed seed so every seeded database holds the same file. */
export const demoEvalFile = (): string => {
  let state = 0x7ec1;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const cases = DEMO_EVAL.providers.flatMap(([provider, passed, median, sigma]) => {
    // The misses are spread over the run, not bunched at its end.
    const misses = new Set(Array.from({ length: DEMO_EVAL.cases - passed }, (_, i) => 17 + i * 37));
    return Array.from({ length: DEMO_EVAL.cases }, (_, i) => ({
      provider,
      pass: !misses.has(i),
      latencyMs: Math.round(median * Math.exp(sigma * normal())),
    }));
  });
  return JSON.stringify(
    makePromptfooResults({
      evalId: DEMO_EVAL.evalId,
      timestamp: '2026-11-18T09:30:00.000Z',
      description: 'Receipt fields on the labelled holdout (demo data)',
      providers: DEMO_EVAL.providers.map(([id]) => ({ id })),
      cases,
    }),
  );
};

const seedReceiptsCandidates = async (db: Db, actor: AuditActor, teamId: string, taskId: string) => {
  const ids: Record<string, string> = {};
  for (const [key, candidate] of Object.entries(DEMO_CANDIDATES)) {
    const created = await createCandidate({
      db,
      actor,
      input: ZCandidateCreate.parse({ ...candidate, teamId, taskId }) as TCandidateCreate,
    });
    ids[key] = created.id;
  }
  await createCandidate({
    db,
    actor,
    input: ZCandidateCreate.parse({
      ...DEMO_CASCADE,
      kind: 'CASCADE',
      teamId,
      taskId,
      smallCandidateId: ids.phone,
      largeCandidateId: ids.frontier,
    }) as TCandidateCreate,
  });
  // The import goes through its two steps, as in the app: the preview's suggested mapping, then the import.
  const input = ZEvalImport.parse({ teamId, taskId, fileName: DEMO_EVAL.fileName, content: demoEvalFile() });
  const preview = await previewEvalImport({ db, tool: 'promptfoo', input });
  const expected = {
    [DEMO_EVAL.providers[0][0]]: ids.phone,
    [DEMO_EVAL.providers[1][0]]: ids.l4,
    [DEMO_EVAL.providers[2][0]]: ids.frontier,
  };
  for (const [key, id] of Object.entries(expected)) {
    if (preview.suggestedMapping[key] !== id)
      throw new Error(`demo seed: the import did not suggest a candidate for ${key}`);
  }
  await importEvalRun({ db, actor, tool: 'promptfoo', input: { ...input, mapping: preview.suggestedMapping } });
};

/** The counter-example: an open-ended assistant fails S, so no small model, whatever else holds. */
const ASSISTANT_TASK: DemoTask = {
  budgets: {
    name: 'Answer any customer question',
    description: 'A general assistant in the app that helps the user with whatever they ask about their money.',
    monthlyRequests: 200_000,
    monthlyGrowth: 0.02,
    inputTokens: 1_500,
    inputTokensP95: 6_000,
    outputTokens: 300,
    outputTokensP95: 1_200,
    latencyP95Ms: 6_000,
    latencyP99Ms: 10_000,
    streaming: true,
    ttftMs: 800,
    locality: 'ANY',
    monthlyBudgetUsd: 5_000,
    qualityMetric: 'questions resolved without a human, judged by support leads',
    qualityBar: 0.8,
  },
  letters: {
    SPECIFIC: {
      verdict: 'FAIL',
      rationale:
        '"Help the user with whatever they ask" is open-ended: there is no bounded set of inputs or outputs to fit a small model to.',
    },
  },
};

/** What the demo owner records in the demo team, through the services (so the audit trail has it). */
export const DEMO_PROJECT = {
  name: 'Finance app',
  description: 'The consumer finance app: expenses, receipts and budgets.',
  tasks: { receipts: RECEIPTS_TASK.budgets.name, assistant: ASSISTANT_TASK.budgets.name },
} as const;

const seedDemoTask = async (db: Db, actor: AuditActor, teamId: string, projectId: string, demo: DemoTask) => {
  const task = await createTask({ db, actor, input: ZTaskCreate.parse({ ...demo.budgets, teamId, projectId }) });
  if (demo === RECEIPTS_TASK) await seedReceiptsCandidates(db, actor, teamId, task.id);
  for (const [letter, { verdict, rationale, evidence = [] }] of Object.entries(demo.letters)) {
    await setLetter({
      db,
      actor,
      input: ZSetLetter.parse({ teamId, taskId: task.id, letter, verdict, rationale, version: 1 }),
    });
    for (const item of evidence) {
      await addEvidence({ db, actor, input: ZEvidenceAdd.parse({ ...item, teamId, taskId: task.id, letter }) });
    }
  }
};

const seedDemoWork = async (db: Db, teamId: string, ownerId: string) => {
  const actor: AuditActor = { actorId: ownerId, requestId: 'demo-seed', now: new Date() };
  const project = await createProject({
    db,
    actor,
    input: { teamId, name: DEMO_PROJECT.name, description: DEMO_PROJECT.description },
  });
  for (const demo of [RECEIPTS_TASK, ASSISTANT_TASK]) await seedDemoTask(db, actor, teamId, project.id, demo);
};

/** The receipts task's decisions (seed-decisions.ts), on the rows seeded above. */
const seedReceiptsDecisions = async (db: Db, teamId: string) => {
  const task = await db.task.findFirstOrThrow({
    where: { teamId, name: DEMO_PROJECT.tasks.receipts },
    select: { id: true },
  });
  const candidateId = async (name: string) =>
    (await db.candidate.findFirstOrThrow({ where: { teamId, taskId: task.id, name }, select: { id: true } })).id;
  const userId = async (role: Role) =>
    (
      await db.user.findUniqueOrThrow({
        where: { email: DEMO_USERS.find((user) => user.role === role)!.email },
        select: { id: true },
      })
    ).id;
  await seedDemoDecisions(db, {
    teamId,
    taskId: task.id,
    phoneCandidateId: await candidateId(DEMO_CANDIDATES.phone.name),
    cascadeCandidateId: await candidateId(DEMO_CASCADE.name),
    people: {
      editorId: await userId('EDITOR'),
      ownerId: await userId('OWNER'),
      viewerId: await userId('VIEWER'),
      password: DEMO_PASSWORD,
    },
  });
};

/**
 * Creates the demo teams and one user per role, if the database has no team yet.
 * Returns whether it seeded, so a caller can say so.
 */
export const seedDemo = async ({ db }: { db: Db }): Promise<{ seeded: boolean }> => {
  if ((await db.team.count()) > 0) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { teamId, ownerId } = await db.$transaction(async (tx) => {
    const team = await tx.team.create({ data: DEMO_TEAM, select: { id: true } });
    const ids = new Map<string, string>();
    for (const user of DEMO_USERS) {
      const created = await tx.user.create({
        data: {
          email: user.email,
          displayName: user.displayName,
          passwordHash,
          memberships: { create: { teamId: team.id, role: user.role, capacities: user.capacities } },
        },
        select: { id: true },
      });
      ids.set(user.email, created.id);
    }
    const second = await tx.team.create({
      data: { name: DEMO_SECOND_TEAM.name, slug: DEMO_SECOND_TEAM.slug },
      select: { id: true },
    });
    for (const member of DEMO_SECOND_TEAM.members) {
      const userId = ids.get(member.email);
      if (!userId) throw new Error(`demo seed: ${member.email} is not a demo user`);
      await tx.membership.create({
        data: { teamId: second.id, userId, role: member.role, capacities: [...member.capacities] },
        select: { teamId: true },
      });
    }
    const ownerId = ids.get(DEMO_USERS.find((user) => user.role === 'OWNER')!.email)!;
    // The demo teams' trails start like any team's: created by their owner, then each membership.
    const actor: AuditActor = { actorId: ownerId, requestId: 'demo-seed', now: new Date() };
    const secondOwnerId = ids.get(DEMO_SECOND_TEAM.members.find((member) => member.role === 'OWNER')!.email)!;
    for (const [teamId, name, slug, creatorId, members] of [
      [team.id, DEMO_TEAM.name, DEMO_TEAM.slug, ownerId, DEMO_USERS],
      [second.id, DEMO_SECOND_TEAM.name, DEMO_SECOND_TEAM.slug, secondOwnerId, DEMO_SECOND_TEAM.members],
    ] as const) {
      await appendAudit(
        tx,
        { ...actor, actorId: creatorId },
        {
          teamId,
          action: 'team.created',
          entityType: 'team',
          entityId: teamId,
          changes: creationFields({ name, slug, owner: creatorId }),
        },
      );
      for (const member of members) {
        const userId = ids.get(member.email)!;
        if (userId === creatorId) continue;
        await appendAudit(
          tx,
          { ...actor, actorId: creatorId },
          {
            teamId,
            action: 'membership.created',
            entityType: 'membership',
            entityId: userId,
            changes: creationFields({ userId, role: member.role, capacities: [...member.capacities] }),
          },
        );
      }
    }
    return { teamId: team.id, ownerId };
  });
  // The worked example goes through the services, as the demo owner: its audit trail is real.
  await seedDemoWork(db, teamId, ownerId);
  await seedReceiptsDecisions(db, teamId);
  return { seeded: true };
};
