import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makePromptfooResults } from '../../test/eval-files.ts';
import { AppError } from '../errors.ts';
import { detectAndParse } from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('detectAndParse', () => {
  it.each([
    ['promptfoo-v3.json', 'promptfoo'],
    ['promptfoo-v2.json', 'promptfoo'],
    ['lm-eval-pythia-160m.json', 'lm-eval'],
    ['lm-eval-legacy-pythia-70m.json', 'lm-eval'],
  ])('%s is read as %s', (name, tool) => {
    expect(detectAndParse(fixture(name)).tool).toBe(tool);
  });

  it('sends a promptfoo file with a broken results.version to the promptfoo checks', () => {
    const file = makePromptfooResults({
      providers: [{ id: 'a' }],
      cases: [{ provider: 'a', pass: true, latencyMs: 1 }],
    });
    delete (file.results as { version?: number }).version;
    expect(() => detectAndParse(JSON.stringify(file))).toThrow(/it has no results\.version/);
  });

  it.each([
    ['{"hello": "world"}', /neither a promptfoo results file .* nor an lm-evaluation-harness results file/],
    ['"results"', /not an eval results file: .*not an object/],
    ['{"results": [', /^The file is not JSON/],
  ])('rejects %s', (text, message) => {
    try {
      detectAndParse(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INVALID');
      expect((error as AppError).message).toMatch(message);
      expect((error as AppError).fieldErrors?.file).toEqual([(error as AppError).message]);
    }
  });
});
