// The demo team's decisions for the receipts task, written through the services as the demo users
// (so the audit trail and the sign-offs are real): ADR-0001, on-device extraction, proposed by the
// editor and accepted with the owner's ENGINEERING and the viewer's FINANCE approvals; ADR-0002,
// the cascade that sends hard receipts on to a frontier API, proposed by the editor and approved
// by the owner, waiting for FINANCE — sign it as the viewer to see it accepted and ADR-0001
// superseded.
import type { Db } from '@rightsize/db';
import { ZDecisionCreate, ZDecisionSignOff, ZDecisionTransition, type TCapacity } from '@rightsize/validators';
import type { AuditActor } from './services/audit.ts';
import { createDecision, proposeDecision, signOffDecision } from './services/decision.ts';

export const DEMO_DECISIONS = {
  accepted: {
    title: 'Read receipts on the phone with a 3B model',
    context: [
      'Receipts carry financial data, arrive by the millions each month, and the user waits for the result with the phone in hand.',
      '',
      'We need vendor, date, total and tax from each photographed receipt, at or above the quality bar, without sending receipts off the device.',
    ].join('\n'),
    consequences: [
      '- Good: no receipt leaves the phone, so no processor agreement or residency review for this feature.',
      '- Good: next to no marginal cost per receipt at any volume.',
      '- Bad: the model ships with the app (about 2 GB), and older phones may be too slow; we keep measuring p95 on the slowest supported device.',
      '- Bad: quality on crumpled or faded receipts is lower than a frontier model.',
    ].join('\n'),
  },
  proposed: {
    title: 'Send low-confidence receipts on to GPT-4o',
    context: [
      'Since ADR-0001, support tickets show the misses cluster on crumpled and faded receipts, where the on-device model is unsure.',
      '',
      'Should the receipts the phone model is least confident about (about 12 % in our trial) go on to a frontier API?',
    ].join('\n'),
    consequences: [
      '- Good: the hard receipts get a second, stronger reader; quality on the tail improves.',
      '- Bad: about 12 % of receipt images leave the device for a US provider: users must be told, and the EU/UK data rules reviewed.',
      '- Bad: a monthly API bill that grows with the volume.',
    ].join('\n'),
  },
} as const;

export interface DemoDecisionPeople {
  /** Proposes both decisions. */
  editorId: string;
  /** Signs as ENGINEERING. */
  ownerId: string;
  /** Signs as FINANCE. */
  viewerId: string;
  /** The demo users' shared password, re-entered to sign. */
  password: string;
}

const actorFor = (actorId: string): AuditActor => ({ actorId, requestId: 'demo-seed', now: new Date() });

export const seedDemoDecisions = async (
  db: Db,
  {
    teamId,
    taskId,
    phoneCandidateId,
    cascadeCandidateId,
    people,
  }: {
    teamId: string;
    taskId: string;
    phoneCandidateId: string;
    cascadeCandidateId: string;
    people: DemoDecisionPeople;
  },
) => {
  const propose = async (content: (typeof DEMO_DECISIONS)[keyof typeof DEMO_DECISIONS], chosenCandidateId: string) => {
    const draft = await createDecision({
      db,
      actor: actorFor(people.editorId),
      input: ZDecisionCreate.parse({ teamId, taskId, ...content, chosenCandidateId }),
    });
    return proposeDecision({
      db,
      actor: actorFor(people.editorId),
      input: ZDecisionTransition.parse({ teamId, decisionId: draft.id, version: draft.version }),
    });
  };
  const sign = (
    decision: { id: string; snapshotSha256: string | null },
    signerId: string,
    capacity: TCapacity,
    comment: string,
  ) =>
    signOffDecision({
      db,
      actor: actorFor(signerId),
      clientAddress: 'demo-seed',
      input: ZDecisionSignOff.parse({
        teamId,
        decisionId: decision.id,
        capacity,
        verdict: 'APPROVE',
        comment,
        snapshotSha256: decision.snapshotSha256,
        password: people.password,
      }),
    });

  const accepted = await propose(DEMO_DECISIONS.accepted, phoneCandidateId);
  await sign(
    accepted,
    people.ownerId,
    'ENGINEERING',
    'Fits the memory budget with room for the app; latency measured on the test phone.',
  );
  await sign(accepted, people.viewerId, 'FINANCE', 'No per-receipt cost: well inside the monthly budget.');

  const proposed = await propose(DEMO_DECISIONS.proposed, cascadeCandidateId);
  await sign(
    proposed,
    people.ownerId,
    'ENGINEERING',
    'The escalation path is simple, and the phone model stays the default.',
  );
  return { acceptedId: accepted.id, proposedId: proposed.id };
};
