// The comparison table's columns, sorting and hidden columns: pure functions of comparison.get's
// rows and the URL, so a sorted, trimmed view is a link that can be pasted into a meeting chat.
import {
  formatBytes,
  formatUsd,
  type AxisFigure,
  type CandidateEvaluation,
  type SmallVerdict,
  type TaskBudgets,
} from '@rightsize/core';

/** The slice of a comparison row the table reads. */
export interface TableRow {
  id: string;
  name: string;
  kind: string;
  deployment: string | null;
  dominated: boolean;
  evaluation: CandidateEvaluation;
}

export interface Cell {
  /** The figure as text with its unit, or "unknown". */
  text: string;
  /** What it is checked against, as text ("budget $5,000.00"), or null. */
  budget: string | null;
  basis: AxisFigure['basis'] | null;
  /** Where the figure comes from (catalogue entry and date, formula, import). */
  source: string | null;
  verdict: SmallVerdict | null;
  reason: string | null;
  /** For sorting; null sorts last. */
  sortValue: number | null;
}

export interface Column {
  key: ColumnKey;
  label: string;
  /** The axis the column belongs to, for the header group. */
  axis: 'cost' | 'latency' | 'memory' | 'control' | 'quality';
  cell: (row: TableRow, task: TaskBudgets) => Cell;
}

export const COLUMN_KEYS = ['monthly', 'perRequest', 'p95', 'p99', 'ttft', 'memory', 'control', 'quality'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

const milliseconds = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const seconds = (value: number) => (value < 10 ? `${milliseconds.format(value * 1000)} ms` : `${value.toFixed(1)} s`);
const plain = new Intl.NumberFormat('en', { maximumFractionDigits: 4 });

const figureCell = (
  figure: AxisFigure,
  format: (value: number) => string,
  extra: Pick<Cell, 'budget' | 'verdict' | 'reason'>,
): Cell => ({
  text: figure.value === null ? 'unknown' : format(figure.value),
  basis: figure.basis,
  source: figure.source,
  sortValue: figure.value,
  ...extra,
});

const axisVerdict = (axis: { verdict: SmallVerdict; reason: string }) => ({
  verdict: axis.verdict,
  reason: axis.reason,
});

export const COLUMNS: readonly Column[] = [
  {
    key: 'monthly',
    label: 'Cost / month',
    axis: 'cost',
    cell: (row, task) =>
      figureCell(row.evaluation.cost.monthlyUsd, (v) => formatUsd(v), {
        budget: task.monthlyBudgetUsd === null ? null : `budget ${formatUsd(task.monthlyBudgetUsd)}`,
        ...axisVerdict(row.evaluation.cost),
      }),
  },
  {
    key: 'perRequest',
    label: 'Cost / request',
    axis: 'cost',
    cell: (row) =>
      figureCell(row.evaluation.cost.perRequestUsd, (v) => formatUsd(v), { budget: null, verdict: null, reason: null }),
  },
  {
    key: 'p95',
    label: 'p95 latency',
    axis: 'latency',
    cell: (row, task) =>
      figureCell(row.evaluation.latency.p95Seconds, seconds, {
        budget: `budget ${seconds(task.latencyP95Seconds)}`,
        ...axisVerdict(row.evaluation.latency),
      }),
  },
  {
    key: 'p99',
    label: 'p99 latency',
    axis: 'latency',
    cell: (row, task) =>
      figureCell(row.evaluation.latency.p99Seconds, seconds, {
        budget: `budget ${seconds(task.latencyP99Seconds)}`,
        verdict: null,
        reason: null,
      }),
  },
  {
    key: 'ttft',
    label: 'Time to first token',
    axis: 'latency',
    cell: (row, task) =>
      figureCell(row.evaluation.latency.ttftSeconds, seconds, {
        budget: task.streaming && task.ttftSeconds !== null ? `budget ${seconds(task.ttftSeconds)}` : null,
        verdict: null,
        reason: null,
      }),
  },
  {
    key: 'memory',
    label: 'Memory',
    axis: 'memory',
    cell: (row) => {
      // An API runs on the provider's hardware: there is no footprint of the team's to show.
      if (row.deployment === 'API') {
        return {
          text: "provider's hardware",
          budget: null,
          basis: null,
          source: null,
          sortValue: null,
          ...axisVerdict(row.evaluation.memory),
        };
      }
      const check = row.evaluation.memory.checks[0];
      return figureCell(row.evaluation.memory.totalBytes, (v) => formatBytes(v), {
        budget: check ? `${check.against}: ${formatBytes(check.usableBytes)} usable` : null,
        ...axisVerdict(row.evaluation.memory),
      });
    },
  },
  {
    key: 'control',
    label: 'Control',
    axis: 'control',
    cell: (row) => {
      const { control } = row.evaluation;
      const where = {
        THIRD_PARTY: 'third-party API',
        OWN_CLOUD: 'own cloud',
        ON_PREM: 'own premises',
        ON_DEVICE: 'on device',
      }[control.runsIn];
      // Sorted by how much control the team keeps: on device first.
      const rank = { ON_DEVICE: 0, ON_PREM: 1, OWN_CLOUD: 2, THIRD_PARTY: 3 }[control.runsIn];
      return {
        text: control.jurisdiction ? `${where} (${control.jurisdiction})` : where,
        budget: null,
        basis: null,
        source: null,
        sortValue: rank,
        ...axisVerdict(control),
      };
    },
  },
  {
    key: 'quality',
    label: 'Quality',
    axis: 'quality',
    cell: (row, task) =>
      figureCell(row.evaluation.quality.value, (v) => plain.format(v), {
        budget: `bar ${task.qualityHigherBetter ? '≥' : '≤'} ${plain.format(task.qualityBar)}`,
        ...axisVerdict(row.evaluation.quality),
      }),
  },
];

export interface TableView {
  sort: ColumnKey | 'name';
  dir: 'asc' | 'desc';
  hidden: ColumnKey[];
}

const isColumnKey = (value: string): value is ColumnKey => (COLUMN_KEYS as readonly string[]).includes(value);

/** The view a URL asks for; anything unknown falls back to the defaults (by name, nothing hidden). */
export const parseView = (params: Pick<URLSearchParams, 'get' | 'getAll'>): TableView => {
  const sort = params.get('sort') ?? 'name';
  return {
    sort: isColumnKey(sort) ? sort : 'name',
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    // `hide=a,b` from a pasted link, or `hide=a&hide=b` from the column checkboxes.
    hidden: [...new Set(params.getAll('hide').flatMap((value) => value.split(',')))].filter(isColumnKey),
  };
};

/** The query string of a view, leaving defaults out. */
export const viewSearch = (view: TableView): string => {
  const params = new URLSearchParams();
  if (view.sort !== 'name') params.set('sort', view.sort);
  if (view.dir !== 'asc') params.set('dir', view.dir);
  if (view.hidden.length) params.set('hide', view.hidden.join(','));
  const search = params.toString();
  return search ? `?${search}` : '';
};

/** Rows in the view's order; unknown figures last whichever the direction. Stable. */
export const sortRows = <T extends TableRow>(rows: readonly T[], view: TableView, task: TaskBudgets): T[] => {
  const column = COLUMNS.find((c) => c.key === view.sort);
  const sign = view.dir === 'asc' ? 1 : -1;
  const keyed = rows.map((row, index) => ({
    row,
    index,
    value: column ? column.cell(row, task).sortValue : null,
  }));
  keyed.sort((a, b) => {
    if (!column) return sign * a.row.name.localeCompare(b.row.name) || a.index - b.index;
    if (a.value === null || b.value === null)
      return (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || a.index - b.index;
    return sign * (a.value - b.value) || a.index - b.index;
  });
  return keyed.map(({ row }) => row);
};
