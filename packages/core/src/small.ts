/**
 * The SMALL filter: five questions a task must answer with evidence before a small model is a
 * defensible choice. S (Specific task) and M (Measured quality) are gates: a task that fails
 * either is not a small-model task, whatever the other letters say. A, L and L (Affordable
 * inference, Low latency, Local/control-friendly deployment) say how large the win is.
 *
 * Source: the SMALL framework as set out in the seed text "What Small Actually Means" (chapter 1).
 *
 * @module
 */
import { oneOf, record } from './validate.ts';

/** The five letters, in the order of the acronym. */
export const smallLetters = ['SPECIFIC', 'MEASURED', 'AFFORDABLE', 'LATENCY', 'LOCAL'] as const;
export type SmallLetterId = (typeof smallLetters)[number];

/** The letters that decide whether the task is a small-model task at all. */
export const smallGateLetters = ['SPECIFIC', 'MEASURED'] as const satisfies readonly SmallLetterId[];

/** How each letter is written for people. */
export const smallLetterNames: Readonly<Record<SmallLetterId, string>> = Object.freeze({
  SPECIFIC: 'Specific task',
  MEASURED: 'Measured quality',
  AFFORDABLE: 'Affordable inference',
  LATENCY: 'Low latency',
  LOCAL: 'Local / control-friendly',
});

/** The letter of the acronym each stands for (both L's are "L"). */
export const smallLetterInitials: Readonly<Record<SmallLetterId, string>> = Object.freeze({
  SPECIFIC: 'S',
  MEASURED: 'M',
  AFFORDABLE: 'A',
  LATENCY: 'L',
  LOCAL: 'L',
});

export const smallVerdicts = ['PASS', 'FAIL', 'UNKNOWN'] as const;
export type SmallVerdict = (typeof smallVerdicts)[number];

/**
 * The overall reading of a task's five verdicts.
 *
 * - `NOT_SMALL`: S or M fails; not a small-model task.
 * - `UNASSESSED`: S or M is still unknown (and neither fails).
 * - `SMALL_WITH_GAPS`: S and M pass but at least one of A, L, L fails.
 * - `GATHER_EVIDENCE`: S and M pass, none of A, L, L fails, at least one is unknown.
 * - `SMALL`: all five pass.
 */
export type SmallReadingKind = 'NOT_SMALL' | 'UNASSESSED' | 'SMALL_WITH_GAPS' | 'GATHER_EVIDENCE' | 'SMALL';

export interface SmallReading {
  readonly reading: SmallReadingKind;
  /** The letters that decide the reading, in acronym order (all five for `SMALL`). */
  readonly deciding: readonly SmallLetterId[];
  /** One sentence saying what the reading means and which letters decide it. */
  readonly explanation: string;
}

/** "A", "A and B", "A, B and C". */
const listNames = (letters: readonly SmallLetterId[]): string => {
  const names = letters.map((letter) => smallLetterNames[letter]);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
};

const verb = (letters: readonly SmallLetterId[], one: string, many: string) => (letters.length === 1 ? one : many);

/**
 * Reads a task's SMALL assessment: S and M gate it, then A, L, L say whether the win holds.
 *
 * @throws RangeError when a letter is missing or a verdict is not PASS, FAIL or UNKNOWN.
 * @example
 * smallReading({ SPECIFIC: 'PASS', MEASURED: 'PASS', AFFORDABLE: 'PASS', LATENCY: 'UNKNOWN', LOCAL: 'PASS' });
 * // { reading: 'GATHER_EVIDENCE', deciding: ['LATENCY'],
 * //   explanation: 'A candidate for a small system: gather evidence for Low latency.' }
 */
export function smallReading(verdicts: Readonly<Record<SmallLetterId, SmallVerdict>>): SmallReading {
  record('verdicts', verdicts);
  const verdictOf = Object.fromEntries(
    smallLetters.map((letter) => [letter, oneOf(`verdicts.${letter}`, verdicts[letter], smallVerdicts)]),
  ) as Record<SmallLetterId, SmallVerdict>;
  const where = (letters: readonly SmallLetterId[], verdict: SmallVerdict) =>
    letters.filter((letter) => verdictOf[letter] === verdict);

  const others = smallLetters.filter((letter) => !(smallGateLetters as readonly string[]).includes(letter));
  const failedGates = where(smallGateLetters, 'FAIL');
  if (failedGates.length > 0) {
    return {
      reading: 'NOT_SMALL',
      deciding: failedGates,
      explanation: `${listNames(failedGates)} ${verb(failedGates, 'fails', 'fail')}, so this is not a small-model task, whatever the other letters say.`,
    };
  }
  const unknownGates = where(smallGateLetters, 'UNKNOWN');
  if (unknownGates.length > 0) {
    return {
      reading: 'UNASSESSED',
      deciding: unknownGates,
      explanation: `Not assessed yet: ${listNames(unknownGates)} ${verb(unknownGates, 'is', 'are')} still unknown, and the gates decide whether a small model fits at all.`,
    };
  }
  const failed = where(others, 'FAIL');
  if (failed.length > 0) {
    const unknown = where(others, 'UNKNOWN');
    return {
      reading: 'SMALL_WITH_GAPS',
      deciding: failed,
      explanation:
        `A candidate for a small system, but ${listNames(failed)} ${verb(failed, 'fails', 'fail')}` +
        (unknown.length > 0 ? ` and ${listNames(unknown)} ${verb(unknown, 'is', 'are')} still unknown.` : '.'),
    };
  }
  const unknown = where(others, 'UNKNOWN');
  if (unknown.length > 0) {
    return {
      reading: 'GATHER_EVIDENCE',
      deciding: unknown,
      explanation: `A candidate for a small system: gather evidence for ${listNames(unknown)}.`,
    };
  }
  return {
    reading: 'SMALL',
    deciding: [...smallLetters],
    explanation: 'A small-model task: specific, measurable, and every constraint passes.',
  };
}
