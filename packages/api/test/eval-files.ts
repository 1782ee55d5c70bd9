// Real-shaped eval results files for unit, integration and browser tests. promptfoo's layout follows
// its `OutputFile` / `EvaluateSummaryV3` / `EvaluateSummaryV2` / `EvaluateResult` types
// (github.com/promptfoo/promptfoo, src/types/index.ts); see src/imports/promptfoo.ts.

export interface PromptfooProviderSpec {
  id: string;
  label?: string;
}

export interface PromptfooCaseSpec {
  /** The provider's id (or its label when labelled). */
  provider: string;
  pass: boolean;
  latencyMs: number;
  /** Default: 1 when passing, 0 otherwise. */
  score?: number;
  /** Answered from promptfoo's cache. */
  cached?: boolean;
  /** A provider error (promptfoo `failureReason` 2); the case does not pass. */
  error?: string;
  /** Default: the provider's nth case. */
  testIdx?: number;
}

export interface PromptfooFileSpec {
  providers: PromptfooProviderSpec[];
  cases: PromptfooCaseSpec[];
  /** Layout version of `results`; default 3. */
  version?: 2 | 3;
  evalId?: string | null;
  timestamp?: string;
  description?: string;
  /** Written to `metadata.promptfooVersion` (version 3 only); default 0.107.4. */
  promptfooVersion?: string | null;
}

const PROMPT = 'Classify this ticket: {{ticket}}';
const tokenUsage = (total: number, cached = 0) => ({ total, prompt: total - 2, completion: 2, cached });

/**
 * A promptfoo results file as `promptfoo eval --output results.json` writes it, as a plain object:
 * `JSON.stringify` it for an upload. One prompt, one test per case index, one column per provider.
 *
 * @example
 * makePromptfooResults({
 *   providers: [{ id: 'openai:gpt-4o-mini' }],
 *   cases: [{ provider: 'openai:gpt-4o-mini', pass: true, latencyMs: 800 }],
 * });
 */
export function makePromptfooResults(spec: PromptfooFileSpec) {
  const version = spec.version ?? 3;
  const timestamp = spec.timestamp ?? '2025-03-14T09:12:44.120Z';
  const providerIndex = (name: string) => {
    const index = spec.providers.findIndex((p) => p.id === name || p.label === name);
    if (index === -1) throw new Error(`makePromptfooResults: unknown provider ${name}`);
    return index;
  };
  const seen = new Map<number, number>();
  const rows = spec.cases.map((c) => {
    const promptIdx = providerIndex(c.provider);
    const provider = spec.providers[promptIdx] as PromptfooProviderSpec;
    const testIdx = c.testIdx ?? seen.get(promptIdx) ?? 0;
    seen.set(promptIdx, testIdx + 1);
    const ticket = `ticket ${testIdx}`;
    const score = c.score ?? (c.pass ? 1 : 0);
    const reason = c.error ?? (c.pass ? 'Assertion passed' : 'Expected output to contain "billing"');
    return { c, promptIdx, provider, testIdx, ticket, score, reason };
  });

  const results = rows.map(({ c, promptIdx, provider, testIdx, ticket, score, reason }) => {
    const response = c.error
      ? { error: c.error }
      : c.cached
        ? { output: 'billing', tokenUsage: { cached: 12, total: 12 }, cached: true }
        : { output: c.pass ? 'billing' : 'other', tokenUsage: tokenUsage(12), cost: 0.0000021 };
    const common = {
      provider: provider.label ? { id: provider.id, label: provider.label } : { id: provider.id, label: '' },
      prompt: { raw: PROMPT.replace('{{ticket}}', ticket), label: PROMPT },
      vars: { ticket },
      response,
      success: c.pass && !c.error,
      score,
      latencyMs: c.latencyMs,
      gradingResult: c.error ? null : { pass: c.pass, score, reason, namedScores: {}, assertion: null },
      namedScores: {},
      cost: c.cached || c.error ? 0 : 0.0000021,
    };
    if (version === 2) return { ...common, ...(c.pass ? {} : { error: reason }) };
    return {
      ...common,
      id: `00000000-0000-4000-8000-${String(testIdx * 100 + promptIdx).padStart(12, '0')}`,
      promptIdx,
      testIdx,
      testCase: { vars: { ticket }, assert: [{ type: 'icontains', value: 'billing' }], options: {}, metadata: {} },
      promptId: 'a3f1c9e2b4d6f8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2e4a6c8e0f2a4b6c8',
      failureReason: c.error ? 2 : c.pass ? 0 : 1,
      ...(c.error ? { error: c.error } : {}),
      metadata: {},
    };
  });

  const prompts = spec.providers.map((provider, index) => {
    const own = rows.filter((r) => r.promptIdx === index);
    const passes = own.filter((r) => r.c.pass && !r.c.error).length;
    const errors = own.filter((r) => r.c.error).length;
    return {
      raw: PROMPT,
      label: PROMPT,
      id: 'a3f1c9e2b4d6f8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2e4a6c8e0f2a4b6c8',
      provider: provider.label ?? provider.id,
      metrics: {
        score: own.reduce((sum, r) => sum + r.score, 0),
        testPassCount: passes,
        testFailCount: own.length - passes - errors,
        testErrorCount: errors,
        assertPassCount: passes,
        assertFailCount: own.length - passes - errors,
        totalLatencyMs: own.reduce((sum, r) => sum + r.c.latencyMs, 0),
        tokenUsage: tokenUsage(12 * own.length),
        namedScores: {},
        namedScoresCount: {},
        cost: 0.0000021 * own.length,
      },
    };
  });

  const successes = rows.filter((r) => r.c.pass && !r.c.error).length;
  const errors = rows.filter((r) => r.c.error).length;
  const stats = {
    successes,
    failures: rows.length - successes - (version === 3 ? errors : 0),
    ...(version === 3 ? { errors } : {}),
    tokenUsage: tokenUsage(12 * rows.length),
  };

  const summary =
    version === 3
      ? { version: 3, timestamp, prompts, results, stats: { ...stats, durationMs: 1000 } }
      : {
          version: 2,
          timestamp,
          results,
          stats,
          table: {
            head: { prompts, vars: ['ticket'] },
            body: [...new Set(rows.map((r) => r.testIdx))].map((testIdx) => ({
              outputs: rows
                .filter((r) => r.testIdx === testIdx)
                .map((r) => ({
                  pass: r.c.pass && !r.c.error,
                  score: r.score,
                  namedScores: {},
                  text: r.c.pass ? 'billing' : `[FAIL] ${r.reason}`,
                  prompt: PROMPT.replace('{{ticket}}', r.ticket),
                  provider: r.provider.label ?? r.provider.id,
                  latencyMs: r.c.latencyMs,
                  cost: 0.0000021,
                })),
              test: { vars: { ticket: `ticket ${testIdx}` } },
              vars: [`ticket ${testIdx}`],
            })),
          },
        };

  const promptfooVersion = spec.promptfooVersion === undefined ? '0.107.4' : spec.promptfooVersion;
  return {
    evalId: spec.evalId === undefined ? 'eval-Tst-2025-03-14T09:12:44' : spec.evalId,
    results: summary,
    config: {
      description: spec.description ?? 'Ticket triage',
      prompts: [PROMPT],
      providers: spec.providers.map((p) => (p.label ? { id: p.id, label: p.label } : p.id)),
      tests: [],
    },
    shareableUrl: null,
    ...(version === 3 && promptfooVersion !== null
      ? {
          metadata: {
            promptfooVersion,
            nodeVersion: 'v22.14.0',
            platform: 'linux',
            arch: 'x64',
            exportedAt: timestamp,
            evaluationCreatedAt: timestamp,
          },
        }
      : {}),
  };
}
