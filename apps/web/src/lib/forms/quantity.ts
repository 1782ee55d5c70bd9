// People type volumes and sizes the way they say them: "2M", "2,000,000", "1.5e6", "8 GB",
// "16 GiB". Forms turn those into the plain numbers the API takes. Anything that does not parse is
// passed on unchanged, so the API's own schema answers with its message for that field.

const COUNT_SUFFIXES: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, bn: 1e9, t: 1e12 };

const BYTE_SUFFIXES: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

const NUMBER = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)$/i;

const parseWith = (raw: string, suffixes: Record<string, number>): number | string => {
  const compact = raw
    .trim()
    .replace(/[,_\s](?=\d)/g, '')
    .replace(/^\$/, '');
  const match = NUMBER.exec(compact);
  if (!match) return raw;
  const [, digits, suffix = ''] = match;
  if (suffix === '') return Number(digits);
  const factor = suffixes[suffix.toLowerCase()];
  return factor === undefined ? raw : Number(digits) * factor;
};

/** A count: "2000000", "2,000,000", "2M", "1.5e6", "250k". */
export const parseCount = (raw: string): number | string => parseWith(raw, COUNT_SUFFIXES);

/** A size in bytes: "8000000000", "8 GB", "16 GiB", "512MB". */
export const parseBytes = (raw: string): number | string => parseWith(raw, BYTE_SUFFIXES);

/** A plain number ("0.95", "1,200", "$5,000"). */
export const parseNumber = (raw: string): number | string => parseWith(raw, {});
