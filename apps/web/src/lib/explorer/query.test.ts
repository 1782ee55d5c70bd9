import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUERY,
  PARAMS_MAX,
  PARAMS_MIN,
  SERVED_MAX,
  SERVED_MIN,
  SLIDER_STEPS,
  formatScientific,
  parseQuery,
  positionToValue,
  toSearch,
  valueToPosition,
} from './query.ts';

const parse = (search: string) => parseQuery(new URLSearchParams(search));

describe('explorer URL state', () => {
  it('defaults to the lesson view', () => {
    expect(parse('')).toEqual(DEFAULT_QUERY);
    expect(DEFAULT_QUERY).toMatchObject({ params: 3e9, servedTokens: 10e9, preset: 'lesson', tokensPerParam: 20 });
  });

  it.each([
    [
      'params=7e10&served=1e12&preset=h100-sxm&tpp=1875',
      { params: 7e10, servedTokens: 1e12, preset: 'h100-sxm', tokensPerParam: 1875 },
    ],
    ['params=1e15', { params: PARAMS_MAX }],
    ['params=1', { params: PARAMS_MIN }],
    ['served=1e30', { servedTokens: SERVED_MAX }],
    ['served=-5', { servedTokens: SERVED_MIN }],
    ['params=abc&served=&preset=tpu-v9&tpp=NaN', DEFAULT_QUERY],
  ])('reads %s', (search, expected) => {
    expect(parse(search)).toMatchObject(expected);
  });

  it('round-trips through the canonical search string', () => {
    const views = [
      DEFAULT_QUERY,
      { params: 1.25e10, servedTokens: 4.2e13, preset: 'phone', tokensPerParam: 1875 },
    ] as const;
    for (const view of views) expect(parse(toSearch(view))).toEqual(view);
  });

  it('writes short, URL-safe numbers', () => {
    expect(formatScientific(3e9)).toBe('3e9');
    expect(formatScientific(12_500_000_000)).toBe('1.25e10');
    expect(toSearch(DEFAULT_QUERY)).toBe('params=3e9&served=1e10&preset=lesson&tpp=20');
  });

  it('maps slider positions logarithmically across the whole range', () => {
    expect(positionToValue(0, PARAMS_MIN, PARAMS_MAX)).toBe(PARAMS_MIN);
    expect(positionToValue(SLIDER_STEPS, PARAMS_MIN, PARAMS_MAX)).toBe(PARAMS_MAX);
    // 0.5 B × 1000^(1/3) ≈ 5 B: a third of the way is a factor of ten.
    expect(positionToValue(SLIDER_STEPS / 3, PARAMS_MIN, PARAMS_MAX)).toBeCloseTo(5e9, -8);
    for (const value of [PARAMS_MIN, 3e9, 7e10, PARAMS_MAX]) {
      const back = positionToValue(valueToPosition(value, PARAMS_MIN, PARAMS_MAX), PARAMS_MIN, PARAMS_MAX);
      expect(Math.abs(back / value - 1)).toBeLessThan(0.01);
    }
  });

  it('reads the ratio choice a form without JavaScript submits', () => {
    expect(parse('tppMode=1875&tpp=20').tokensPerParam).toBe(1875);
    expect(parse('tppMode=custom&tpp=300').tokensPerParam).toBe(300);
  });

  it('reads the positions a form without JavaScript submits', () => {
    const position = valueToPosition(3e9, PARAMS_MIN, PARAMS_MAX);
    expect(parse(`pp=${position}&sp=${SLIDER_STEPS}`)).toMatchObject({ servedTokens: SERVED_MAX });
    expect(Math.abs(parse(`pp=${position}`).params / 3e9 - 1)).toBeLessThan(0.01);
  });
});
