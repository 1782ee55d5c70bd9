// How fields and values of projects, tasks and evidence are written for people: in conflict
// notices, the audit trail and the task page.

export const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  description: 'description',
  projectId: 'project',
  monthlyRequests: 'monthly requests',
  monthlyGrowth: 'monthly growth',
  inputTokens: 'typical input tokens',
  outputTokens: 'typical output tokens',
  inputTokensP95: 'p95 input tokens',
  outputTokensP95: 'p95 output tokens',
  latencyP95Ms: 'p95 latency budget',
  latencyP99Ms: 'p99 latency budget',
  streaming: 'streaming',
  ttftMs: 'time-to-first-token budget',
  targetDevice: 'target device',
  memoryBudgetBytes: 'memory budget',
  locality: 'locality',
  jurisdictions: 'jurisdictions',
  monthlyBudgetUsd: 'monthly budget',
  qualityMetric: 'quality metric',
  qualityBar: 'quality bar',
  qualityHigherBetter: 'higher is better',
  verdict: 'verdict',
  rationale: 'rationale',
  archived: 'archived',
  archivedAt: 'archived',
};

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 4 });

/** A stored value as a short phrase; long text is cut. */
export const formatValue = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return number.format(value);
  if (Array.isArray(value)) return value.length ? value.map(formatValue).join(', ') : 'none';
  if (typeof value === 'string') return value.length > 80 ? `“${value.slice(0, 77)}…”` : value;
  return JSON.stringify(value);
};
