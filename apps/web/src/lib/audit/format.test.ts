import { describe, expect, it } from 'vitest';
import { auditFilterFromQuery, auditParams, changeLines, formatValue, humanize, shortId } from './format.ts';

describe('audit filters in the URL', () => {
  it('reads the known keys, dropping the empty fields a GET form sends', () => {
    const params = new URLSearchParams(
      'entityType=task&actorId=&action=+task.updated+&from=2026-01-01&to=&cursor=9&x=1',
    );
    expect(auditFilterFromQuery(params)).toEqual({ entityType: 'task', action: 'task.updated', from: '2026-01-01' });
  });

  it('writes a query back, with extra parameters, or nothing at all', () => {
    expect(auditParams({ entityType: 'task', from: '2026-01-01' }, { cursor: 40 })).toBe(
      'entityType=task&from=2026-01-01&cursor=40',
    );
    expect(auditParams({ action: 'a&b' })).toBe('action=a%26b');
    expect(auditParams({}, { cursor: undefined })).toBe('');
  });
});

describe('how an event reads', () => {
  it.each([
    ['task.updated', 'Task updated'],
    ['assessment.letter_set', 'Assessment letter set'],
    ['membership', 'Membership'],
    ['assessmentLetter', 'Assessment letter'],
  ])('%s → %s', (name, text) => expect(humanize(name)).toBe(text));

  it('shows field changes as "old → new", creations by their value, removals as removed', () => {
    expect(
      changeLines({
        name: { old: 'Triage', new: 'Ticket triage' },
        latencyP95Ms: { new: 800 },
        archived: { old: false, new: true },
        note: { old: null, new: { a: 1 } },
        url: { old: 'https://example.test' },
        rationale: { old: '', new: 'Bounded inputs' },
      }),
    ).toEqual([
      { field: 'name', text: 'Triage → Ticket triage' },
      { field: 'latencyP95Ms', text: '800' },
      { field: 'archived', text: 'false → true' },
      { field: 'note', text: '— → {"a":1}' },
      { field: 'url', text: 'https://example.test → (removed)' },
      { field: 'rationale', text: '(empty) → Bounded inputs' },
    ]);
  });

  it('shortens ids to their distinct tail', () => {
    expect(shortId('01a20359-d7f7-75ea-83ab-30b0e2e0c5a5')).toBe('…e2e0c5a5');
    expect(shortId('ADR-0001')).toBe('ADR-0001');
  });

  it('cuts long values', () => {
    expect(formatValue('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(formatValue('short', 10)).toBe('short');
  });
});
