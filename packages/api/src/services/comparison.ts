// The comparison of a task's candidates, computed on the server with @rightsize/core: every figure
// the page shows, the radar scores, which candidates are dominated on quality and cost, and what the
// candidates say about three SMALL letters. A fixed number of queries whatever the number of
// candidates: the membership check, the task (as task.get loads it), and the live candidates.
import {
  dominated,
  ESTIMATOR_VERSION,
  evaluateCandidate,
  evaluateCascade,
  radarScores,
  type CandidateEvaluation,
  type RadarScores,
  type SmallVerdict,
  type TaskBudgets,
} from '@rightsize/core';
import type { Db } from '@rightsize/db';
import type { TComparisonGet } from '@rightsize/validators';
import { candidateSelect, presentCandidate, specOf, type CandidateRow } from './candidate.ts';
import { measuredOf, taskBudgetsOf } from './task-budgets.ts';
import { getTask } from './task.ts';

/** One candidate's figures; `problem` says why they are missing when the estimator refused them. */
interface Evaluated {
  evaluation: CandidateEvaluation | null;
  problem: string | null;
}

const refused = (error: unknown): Evaluated => {
  if (error instanceof RangeError) return { evaluation: null, problem: error.message };
  throw error;
};

/**
 * Evaluates every candidate: single models with `evaluateCandidate`, then cascades with
 * `evaluateCascade` from their parts' evaluations (each part evaluated once, whatever uses it).
 */
export const evaluateCandidates = (rows: readonly CandidateRow[], budgets: TaskBudgets): Map<string, Evaluated> => {
  const results = new Map<string, Evaluated>();
  for (const row of rows) {
    if (row.kind === 'CASCADE') continue;
    try {
      const evaluation = evaluateCandidate({
        task: budgets,
        kind: row.kind,
        spec: specOf(row)!,
        measured: measuredOf(row),
      });
      results.set(row.id, { evaluation, problem: null });
    } catch (error) {
      results.set(row.id, refused(error));
    }
  }
  for (const row of rows) {
    if (row.kind !== 'CASCADE') continue;
    const small = results.get(row.smallCandidateId!);
    const large = results.get(row.largeCandidateId!);
    // Archiving a part of a live cascade is refused, so both parts are among the live rows.
    if (!small || !large) throw new Error(`cascade ${row.id} has a part that is not a live candidate of its task`);
    if (!small.evaluation || !large.evaluation) {
      const which = small.evaluation ? 'large' : 'small';
      results.set(row.id, {
        evaluation: null,
        problem: `The ${which} candidate cannot be evaluated: ${(small.evaluation ? large : small).problem}`,
      });
      continue;
    }
    try {
      const evaluation = evaluateCascade({
        task: budgets,
        small: small.evaluation,
        large: large.evaluation,
        escalationRate: row.escalationRate!,
        measured: measuredOf(row),
      });
      results.set(row.id, { evaluation, problem: null });
    } catch (error) {
      results.set(row.id, refused(error));
    }
  }
  return results;
};

/** The letters of the SMALL filter the comparison has something to say about. */
export const SUGGESTED_LETTERS = ['AFFORDABLE', 'LATENCY', 'LOCAL'] as const;
export type SuggestedLetter = (typeof SUGGESTED_LETTERS)[number];

export interface Suggestion {
  verdict: SmallVerdict;
  reason: string;
  /** PASS: the candidates that pass, best first; UNKNOWN: those whose figure is missing; FAIL: none. */
  candidateIds: string[];
}

const AXIS_OF = { AFFORDABLE: 'cost', LATENCY: 'latency', LOCAL: 'control' } as const;
const AXIS_WORDS = {
  AFFORDABLE: 'the monthly budget',
  LATENCY: 'the latency budgets',
  LOCAL: 'the locality and jurisdiction requirements',
} as const;

interface Scored {
  id: string;
  name: string;
  evaluation: CandidateEvaluation;
  radar: RadarScores;
}

const listNames = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;

/**
 * What the candidates say about one letter. PASS when at least one candidate passes the axis and
 * its quality is not failing (a model that cannot do the task proves nothing about cost); FAIL when
 * every candidate fails the axis or its quality; UNKNOWN otherwise (no candidates, or figures
 * missing). Candidates are ranked by their radar score on the axis (lower is better).
 */
export const suggestLetter = (letter: SuggestedLetter, scored: readonly Scored[], unevaluated: number): Suggestion => {
  const axis = AXIS_OF[letter];
  const goal = AXIS_WORDS[letter];
  const rank = (a: Scored, b: Scored) => (a.radar[axis] ?? Infinity) - (b.radar[axis] ?? Infinity);
  const qualityFails = (s: Scored) => s.evaluation.quality.verdict === 'FAIL';
  const passing = scored.filter((s) => s.evaluation[axis].verdict === 'PASS' && !qualityFails(s)).sort(rank);
  if (passing.length > 0) {
    const best = passing[0]!;
    const unmeasured = passing.filter((s) => s.evaluation.quality.verdict === 'UNKNOWN').length;
    const caveat =
      unmeasured === 0
        ? ' with measured quality at the bar'
        : unmeasured === passing.length
          ? ' (quality not yet measured)'
          : ` (${unmeasured} without measured quality)`;
    return {
      verdict: 'PASS',
      reason: `${passing.length} of ${scored.length + unevaluated} candidates ${passing.length === 1 ? 'meets' : 'meet'} ${goal}${caveat}: ${listNames(passing.map((s) => s.name))}. ${best.name}: ${best.evaluation[axis].reason}`,
      candidateIds: passing.map((s) => s.id),
    };
  }
  if (scored.length === 0) {
    return {
      verdict: 'UNKNOWN',
      reason:
        unevaluated === 0
          ? 'No candidates yet: add the models you are considering to compare them.'
          : 'No candidate can be evaluated yet: fix their deployments.',
      candidateIds: [],
    };
  }
  const open = scored.filter((s) => s.evaluation[axis].verdict === 'UNKNOWN' && !qualityFails(s));
  if (open.length === 0 && unevaluated === 0) {
    const closest = [...scored].sort(rank)[0]!;
    const qualityOnly = scored.filter((s) => s.evaluation[axis].verdict === 'PASS');
    const missQuality =
      qualityOnly.length > 0
        ? ` ${listNames(qualityOnly.map((s) => s.name))} ${qualityOnly.length === 1 ? 'meets' : 'meet'} it but ${qualityOnly.length === 1 ? 'misses' : 'miss'} the quality bar.`
        : '';
    return {
      verdict: 'FAIL',
      reason: `No candidate meets ${goal} at acceptable quality.${missQuality} Closest: ${closest.name}: ${closest.evaluation[axis].reason}`,
      candidateIds: [],
    };
  }
  return {
    verdict: 'UNKNOWN',
    reason:
      open.length > 0
        ? `No candidate is known to meet ${goal} yet; unknown for ${listNames(open.map((s) => s.name))}. ${open[0]!.name}: ${open[0]!.evaluation[axis].reason}`
        : `No evaluated candidate meets ${goal}; ${unevaluated} cannot be evaluated yet.`,
    candidateIds: open.map((s) => s.id),
  };
};

/**
 * Everything the comparison page needs for one task, in one call: the task (as task.get returns
 * it), its budgets in the estimator's units, the estimator version, each live candidate with its
 * evaluation, radar scores and whether it is dominated on quality and cost, and suggestions for the
 * AFFORDABLE, LATENCY and LOCAL letters.
 */
export const getComparison = async ({ db, input }: { db: Db; input: TComparisonGet }) => {
  const task = await getTask({ db, input: { teamId: input.teamId, taskId: input.taskId } });
  const rows = await db.candidate.findMany({
    where: { teamId: input.teamId, taskId: input.taskId, archivedAt: null },
    select: candidateSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const budgets = taskBudgetsOf(task);
  const results = evaluateCandidates(rows, budgets);
  const scored: Scored[] = [];
  for (const row of rows) {
    const { evaluation } = results.get(row.id)!;
    if (evaluation) scored.push({ id: row.id, name: row.name, evaluation, radar: radarScores(evaluation, budgets) });
  }
  const dominatedIds = new Set(
    dominated({
      points: scored.map((s) => ({
        id: s.id,
        quality: s.evaluation.quality.value.value,
        monthlyUsd: s.evaluation.cost.monthlyUsd.value,
      })),
      qualityHigherBetter: budgets.qualityHigherBetter,
    }),
  );
  const radarById = new Map(scored.map((s) => [s.id, s.radar]));
  const candidates = rows.map((row) => {
    const { archivedAt: _archivedAt, taskId: _taskId, ...candidate } = presentCandidate(row);
    const { evaluation, problem } = results.get(row.id)!;
    return {
      ...candidate,
      evaluation,
      problem,
      radar: radarById.get(row.id) ?? null,
      dominated: dominatedIds.has(row.id),
    };
  });
  const unevaluated = rows.length - scored.length;
  return {
    task,
    budgets,
    estimatorVersion: ESTIMATOR_VERSION,
    candidates,
    suggestions: {
      AFFORDABLE: suggestLetter('AFFORDABLE', scored, unevaluated),
      LATENCY: suggestLetter('LATENCY', scored, unevaluated),
      LOCAL: suggestLetter('LOCAL', scored, unevaluated),
    },
  };
};
