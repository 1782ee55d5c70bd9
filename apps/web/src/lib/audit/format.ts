// The audit page's and the CSV link's view of a filter, and how an event's changes read. The URL
// carries the filter (a GET form), so a filtered view can be pasted into a meeting chat.

export const AUDIT_FILTER_KEYS = ['entityType', 'entityId', 'actorId', 'action', 'from', 'to'] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];
export type AuditFilterValues = Partial<Record<AuditFilterKey, string>>;

/**
 * The filter a URL's query names. A GET form sends every field, the unused ones empty: those mean
 * "any". Values are passed on as they are; the procedure's schema is what checks them.
 */
export const auditFilterFromQuery = (params: URLSearchParams): AuditFilterValues => {
  const filter: AuditFilterValues = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  return filter;
};

/** `key=value&…` for a filter plus extra parameters (a cursor); empty when there are none. */
export const auditParams = (filter: AuditFilterValues, extra: Record<string, string | number | undefined> = {}) => {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
};

/** `task.updated` → "Task updated"; `assessment.letter_set` and `assessmentLetter` → "Assessment letter…". */
export const humanize = (name: string) => {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * An id short enough for a table cell: its last 8 characters. Ids are UUIDv7, whose first
 * characters are a timestamp shared by everything made in the same moment.
 */
export const shortId = (id: string) => (id.length > 10 ? `…${id.slice(-8)}` : id);

/** Values longer than this are cut on the page; the CSV export has them whole. */
export const VALUE_MAX_LENGTH = 160;

/** One changed value as text: strings as they are (an empty one says so), null as a dash, anything else as JSON. */
export const formatValue = (value: unknown, max = VALUE_MAX_LENGTH): string => {
  const text =
    value === null || value === undefined
      ? '—'
      : value === ''
        ? '(empty)'
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

export interface ChangeLine {
  field: string;
  /** "old → new"; a created field shows only its value, a removed one "old → (removed)". */
  text: string;
}

export const changeLines = (changes: Record<string, { old?: unknown; new?: unknown }>): ChangeLine[] =>
  Object.entries(changes).map(([field, change]) => {
    const hasOld = 'old' in change;
    const hasNew = 'new' in change;
    const text =
      hasOld && hasNew
        ? `${formatValue(change.old)} → ${formatValue(change.new)}`
        : hasNew
          ? formatValue(change.new)
          : `${formatValue(change.old)} → (removed)`;
    return { field, text };
  });
