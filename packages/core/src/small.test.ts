import { describe, expect, it } from 'vitest';
import { smallLetters, smallReading, type SmallLetterId, type SmallVerdict } from './small.ts';

const P = 'PASS';
const F = 'FAIL';
const U = 'UNKNOWN';

/** Verdicts in acronym order: S, M, A, L, L. */
const v = (s: SmallVerdict, m: SmallVerdict, a: SmallVerdict, l1: SmallVerdict, l2: SmallVerdict) => ({
  SPECIFIC: s,
  MEASURED: m,
  AFFORDABLE: a,
  LATENCY: l1,
  LOCAL: l2,
});

describe('the SMALL reading', () => {
  it.each([
    // S and M gate: a failing gate decides, whatever the rest say.
    [v(F, P, P, P, P), 'NOT_SMALL', ['SPECIFIC']],
    [v(P, F, P, P, P), 'NOT_SMALL', ['MEASURED']],
    [v(F, F, F, F, F), 'NOT_SMALL', ['SPECIFIC', 'MEASURED']],
    [v(F, U, P, P, P), 'NOT_SMALL', ['SPECIFIC']],
    [v(U, F, U, U, U), 'NOT_SMALL', ['MEASURED']],
    // A gate still unknown (and none failing): not assessed.
    [v(U, U, U, U, U), 'UNASSESSED', ['SPECIFIC', 'MEASURED']],
    [v(P, U, P, P, P), 'UNASSESSED', ['MEASURED']],
    [v(U, P, F, F, F), 'UNASSESSED', ['SPECIFIC']],
    // Both gates pass.
    [v(P, P, P, P, P), 'SMALL', ['SPECIFIC', 'MEASURED', 'AFFORDABLE', 'LATENCY', 'LOCAL']],
    [v(P, P, U, P, P), 'GATHER_EVIDENCE', ['AFFORDABLE']],
    [v(P, P, U, U, U), 'GATHER_EVIDENCE', ['AFFORDABLE', 'LATENCY', 'LOCAL']],
    [v(P, P, P, F, P), 'SMALL_WITH_GAPS', ['LATENCY']],
    [v(P, P, F, P, F), 'SMALL_WITH_GAPS', ['AFFORDABLE', 'LOCAL']],
    [v(P, P, F, U, P), 'SMALL_WITH_GAPS', ['AFFORDABLE']],
  ] as const)('%o → %s', (verdicts, reading, deciding) => {
    const result = smallReading(verdicts);
    expect(result.reading).toBe(reading);
    expect(result.deciding).toEqual(deciding);
  });

  it('explains each reading in one sentence naming the deciding letters', () => {
    expect(smallReading(v(F, P, P, P, P)).explanation).toBe(
      'Specific task fails, so this is not a small-model task, whatever the other letters say.',
    );
    expect(smallReading(v(U, U, P, P, P)).explanation).toBe(
      'Not assessed yet: Specific task and Measured quality are still unknown, and the gates decide whether a small model fits at all.',
    );
    expect(smallReading(v(P, P, F, U, F)).explanation).toBe(
      'A candidate for a small system, but Affordable inference and Local / control-friendly fail and Low latency is still unknown.',
    );
    expect(smallReading(v(P, P, P, U, P)).explanation).toBe(
      'A candidate for a small system: gather evidence for Low latency.',
    );
    expect(smallReading(v(P, P, U, U, U)).explanation).toBe(
      'A candidate for a small system: gather evidence for Affordable inference, Low latency and Local / control-friendly.',
    );
    expect(smallReading(v(P, P, P, P, P)).explanation).toMatch(/^A small-model task/);
  });

  it('reads every one of the 243 combinations, and a failing gate always means NOT_SMALL', () => {
    const verdicts: SmallVerdict[] = [P, F, U];
    let count = 0;
    const walk = (i: number, acc: Partial<Record<SmallLetterId, SmallVerdict>>) => {
      const letter = smallLetters[i];
      if (letter === undefined) {
        const full = acc as Record<SmallLetterId, SmallVerdict>;
        const result = smallReading(full);
        count += 1;
        expect(result.explanation).toMatch(/\.$/);
        expect(result.deciding.length).toBeGreaterThan(0);
        if (full.SPECIFIC === F || full.MEASURED === F) expect(result.reading).toBe('NOT_SMALL');
        return;
      }
      for (const verdict of verdicts) walk(i + 1, { ...acc, [letter]: verdict });
    };
    walk(0, {});
    expect(count).toBe(243);
  });

  it('refuses a missing letter or an unknown verdict', () => {
    const missing = { SPECIFIC: P, MEASURED: P, AFFORDABLE: P, LATENCY: P } as unknown as ReturnType<typeof v>;
    expect(() => smallReading(missing)).toThrow(RangeError);
    expect(() => smallReading({ ...v(P, P, P, P, P), LOCAL: 'MAYBE' as SmallVerdict })).toThrow(
      /verdicts.LOCAL must be one of/,
    );
  });
});
