// Plain values shared by forms and schemas, with no zod import: pages can show limits and choices
// without shipping the validation library to the browser.
import {
  candidateKinds,
  deploymentKinds,
  smallGateLetters,
  smallLetterInitials,
  smallLetterNames,
  smallLetters,
  smallVerdicts,
} from '@rightsize/core';

export const ROLES = ['OWNER', 'ADMIN', 'EDITOR', 'VIEWER'] as const;
export type TRole = (typeof ROLES)[number];

export const CAPACITIES = ['ENGINEERING', 'FINANCE', 'SECURITY', 'PRODUCT'] as const;
export type TCapacity = (typeof CAPACITIES)[number];

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** Roles from the most to the least powerful; a role includes every right of those after it. */
export const roleRank = (role: TRole): number => ROLES.length - ROLES.indexOf(role);

/** True when `role` grants at least what `minimum` grants. */
export const roleAtLeast = (role: TRole, minimum: TRole): boolean => roleRank(role) >= roleRank(minimum);

// Projects, tasks and the SMALL assessment. The letters and verdicts are the estimator's (core),
// so the reading the UI shows and the one the API returns cannot drift apart.

/** Where a task's model may run, from least to most control kept by the team. */
export const LOCALITIES = ['ANY', 'OWN_CLOUD', 'ON_PREM', 'ON_DEVICE'] as const;
export type TLocality = (typeof LOCALITIES)[number];
export const LOCALITY_NAMES: Readonly<Record<TLocality, string>> = {
  ANY: 'Anywhere (a third-party API is fine)',
  OWN_CLOUD: 'Our own cloud account',
  ON_PREM: 'Our own machines (on-premises)',
  ON_DEVICE: "The user's device",
};

/** The SMALL letters in acronym order: Specific, Measured, Affordable, Low latency, Local. */
export const SMALL_LETTERS = smallLetters;
export type TSmallLetter = (typeof SMALL_LETTERS)[number];
/** "Specific task", "Measured quality", "Affordable inference", "Low latency", "Local / control-friendly". */
export const SMALL_LETTER_NAMES = smallLetterNames;
/** S, M, A, L, L. */
export const SMALL_LETTER_INITIALS = smallLetterInitials;
/** S and M: a task failing either is not a small-model task. */
export const SMALL_GATES = smallGateLetters;

export const VERDICTS = smallVerdicts;
export type TVerdict = (typeof VERDICTS)[number];
export const VERDICT_NAMES: Readonly<Record<TVerdict, string>> = { PASS: 'Pass', FAIL: 'Fail', UNKNOWN: 'Unknown' };

export const EVIDENCE_KINDS = ['LINK', 'NOTE', 'METRIC'] as const;
export type TEvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_NAMES: Readonly<Record<TEvidenceKind, string>> = {
  LINK: 'Link',
  NOTE: 'Note',
  METRIC: 'Metric',
};

/** Jurisdictions a task's data and inference may be restricted to; none chosen means any. */
export const JURISDICTIONS = ['EU', 'EEA', 'UK', 'US', 'CA', 'CH', 'JP', 'SG', 'AU', 'IN'] as const;
export type TJurisdiction = (typeof JURISDICTIONS)[number];
export const JURISDICTION_NAMES: Readonly<Record<TJurisdiction, string>> = {
  EU: 'European Union',
  EEA: 'European Economic Area',
  UK: 'United Kingdom',
  US: 'United States',
  CA: 'Canada',
  CH: 'Switzerland',
  JP: 'Japan',
  SG: 'Singapore',
  AU: 'Australia',
  IN: 'India',
};

/** Limits shared by forms and schemas (the database columns enforce the same). */
export const PROJECT_NAME_MAX_LENGTH = 100;
export const PROJECT_DESCRIPTION_MAX_LENGTH = 5_000;
export const TASK_NAME_MAX_LENGTH = 120;
export const TASK_DESCRIPTION_MAX_LENGTH = 20_000;
export const MONTHLY_REQUESTS_MAX = 1e13;
/** Month-on-month growth as a fraction: above -1 (a shrinking volume) and at most 10 (+1,000 %). */
export const MONTHLY_GROWTH_MAX = 10;
export const TOKENS_MAX = 10_000_000;
/** A day, in milliseconds: budgets beyond it are batch jobs, not latency budgets. */
export const LATENCY_MAX_MS = 86_400_000;
/** 1 PB: more than any device in the catalogue. */
export const MEMORY_BUDGET_MAX_BYTES = 1e15;
export const MONTHLY_BUDGET_MAX_USD = 1e12;
export const QUALITY_METRIC_MAX_LENGTH = 200;
export const RATIONALE_MAX_LENGTH = 5_000;
export const EVIDENCE_TITLE_MAX_LENGTH = 200;
export const EVIDENCE_URL_MAX_LENGTH = 2_000;
export const EVIDENCE_BODY_MAX_LENGTH = 20_000;
export const METRIC_UNIT_MAX_LENGTH = 40;
export const EVIDENCE_SOURCE_MAX_LENGTH = 500;

/** Candidate kinds, as the core names them. */
export const CANDIDATE_KINDS = candidateKinds;
export type TCandidateKind = (typeof CANDIDATE_KINDS)[number];

export const CANDIDATE_KIND_NAMES: Readonly<Record<TCandidateKind, string>> = {
  CLASSIFIER: 'Classifier',
  EMBEDDER: 'Embedder',
  RERANKER: 'Reranker',
  VISION: 'Vision model',
  CLASSICAL: 'Classical ML',
  SLM: 'Small language model',
  FRONTIER_API: 'Frontier API',
  CASCADE: 'Cascade (small, then large)',
};

export const DEPLOYMENTS = deploymentKinds;
export type TDeployment = (typeof DEPLOYMENTS)[number];

export const DEPLOYMENT_NAMES: Readonly<Record<TDeployment, string>> = {
  API: "A provider's API",
  SELF_HOSTED: 'Self-hosted (own cloud or premises)',
  ON_DEVICE: "On the user's device",
};

export const CANDIDATE_NAME_MAX_LENGTH = 120;
export const CANDIDATE_NOTES_MAX_LENGTH = 5_000;

/** Largest eval results file accepted, in bytes (50 MB): a promptfoo run with thousands of long responses fits. */
export const EVAL_FILE_MAX_BYTES = 50_000_000;
export const EVAL_FILE_NAME_MAX_LENGTH = 255;
/** Subjects (providers, models) one import may map. */
export const EVAL_MAPPING_MAX_SUBJECTS = 200;

// Decisions (architecture decision records) and their sign-off.

export const DECISION_STATUSES = ['DRAFT', 'PROPOSED', 'ACCEPTED', 'REJECTED', 'SUPERSEDED'] as const;
export type TDecisionStatus = (typeof DECISION_STATUSES)[number];
export const DECISION_STATUS_NAMES: Readonly<Record<TDecisionStatus, string>> = {
  DRAFT: 'Draft',
  PROPOSED: 'Proposed',
  ACCEPTED: 'Accepted',
  REJECTED: 'Rejected',
  SUPERSEDED: 'Superseded',
};

export const SIGN_OFF_VERDICTS = ['APPROVE', 'REJECT'] as const;
export type TSignOffVerdict = (typeof SIGN_OFF_VERDICTS)[number];

/** What a team without a policy of its own requires: an engineer and finance approve. */
export const DEFAULT_REQUIRED_CAPACITIES: readonly TCapacity[] = ['ENGINEERING', 'FINANCE'];

export const DECISION_TITLE_MAX_LENGTH = 200;
/** Context and consequences, each (Markdown). */
export const DECISION_TEXT_MAX_LENGTH = 20_000;
export const SIGN_OFF_COMMENT_MAX_LENGTH = 5_000;

/** A decision's number as people cite it: 1 → "ADR-0001". */
export const decisionRef = (number: number): string => `ADR-${String(number).padStart(4, '0')}`;
