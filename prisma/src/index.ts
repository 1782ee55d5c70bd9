export { APP_ROLE, createDb, type Db, type ClientOptions } from './client.ts';
export { Prisma } from './generated/client.ts';
export type {
  User,
  Session,
  Team,
  Membership,
  Invitation,
  EmailOutbox,
  LoginThrottle,
  Project,
  Task,
  AssessmentLetter,
  Evidence,
  AuditEvent,
  AuditChainHead,
  Candidate,
  EvalRun,
  Decision,
  SignOff,
  SignOffPolicy,
  DecisionCounter,
} from './generated/client.ts';
export {
  Role,
  Capacity,
  Locality,
  SmallLetter,
  Verdict,
  EvidenceKind,
  CandidateKind,
  Deployment,
  DecisionStatus,
  SignOffVerdict,
} from './generated/enums.ts';
export { migrationCount, serverVersion } from './introspect.ts';
