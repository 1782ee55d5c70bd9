// The explorer's view state, as it lives in the URL (so a view can be pasted into a meeting chat).
//
//   /explore?params=3e9&served=1e10&preset=lesson&tpp=20
//
// Without JavaScript the sliders submit their positions (`pp`, `sp`) in a GET form; those are read
// too, and the page links back to the canonical form above.
import {
  CHINCHILLA_TOKENS_PER_PARAM,
  explorerPresetIds,
  llama3Overtraining,
  type ExplorerPresetId,
} from '@rightsize/core';

export const PARAMS_MIN = 0.5e9;
export const PARAMS_MAX = 500e9;
export const SERVED_MIN = 1e8;
export const SERVED_MAX = 1e15;
export const TPP_MIN = 1;
export const TPP_MAX = 10_000;
/** Slider resolution: positions 0…SLIDER_STEPS on a logarithmic scale. */
export const SLIDER_STEPS = 1000;

const chinchilla = CHINCHILLA_TOKENS_PER_PARAM.value;
const llama3 = llama3Overtraining.tokensPerParam.value;

/** Chinchilla's compute-optimal ratio, and Llama 3 8B's (15 T tokens / 8 B parameters), from the catalogue. */
export const TPP_CHOICES = [
  { value: chinchilla, label: `Chinchilla (${chinchilla})` },
  { value: llama3, label: `Llama 3 8B (~${llama3.toLocaleString('en-US')})` },
] as const;

export interface ExplorerQuery {
  params: number;
  servedTokens: number;
  preset: ExplorerPresetId;
  tokensPerParam: number;
}

export const DEFAULT_QUERY: Readonly<ExplorerQuery> = Object.freeze({
  params: 3e9,
  servedTokens: 10e9,
  preset: 'lesson',
  tokensPerParam: chinchilla,
});

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Three significant digits: what a slider position can honestly claim. */
export const roundSignificant = (value: number, digits = 3) => Number(value.toPrecision(digits));

export const positionToValue = (position: number, min: number, max: number) =>
  roundSignificant(min * (max / min) ** (clamp(position, 0, SLIDER_STEPS) / SLIDER_STEPS));

export const valueToPosition = (value: number, min: number, max: number) =>
  Math.round((Math.log(clamp(value, min, max) / min) / Math.log(max / min)) * SLIDER_STEPS);

/** `3e9`, `1.25e10`: short, exact enough and URL-safe (no `+`). */
export const formatScientific = (value: number) => {
  const [mantissa, exponent] = roundSignificant(value, 4).toExponential().split('e');
  return `${Number(mantissa)}e${Number(exponent)}`;
};

const numberParam = (search: URLSearchParams, name: string): number | undefined => {
  const raw = search.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
};

const isPreset = (value: string | null): value is ExplorerPresetId =>
  value !== null && (explorerPresetIds as readonly string[]).includes(value);

/** Reads a view from the URL; anything missing, malformed or out of range falls back or is clamped. */
export const parseQuery = (search: URLSearchParams): ExplorerQuery => {
  const paramsPosition = numberParam(search, 'pp');
  const servedPosition = numberParam(search, 'sp');
  const params =
    paramsPosition !== undefined
      ? positionToValue(paramsPosition, PARAMS_MIN, PARAMS_MAX)
      : numberParam(search, 'params');
  const served =
    servedPosition !== undefined
      ? positionToValue(servedPosition, SERVED_MIN, SERVED_MAX)
      : numberParam(search, 'served');
  const preset = search.get('preset');
  // The form without JavaScript sends a choice (`tppMode`) next to the custom value.
  const mode = search.get('tppMode');
  const chosen = TPP_CHOICES.find((choice) => String(choice.value) === mode);
  const tpp = chosen ? chosen.value : numberParam(search, 'tpp');
  return {
    params: params === undefined ? DEFAULT_QUERY.params : roundSignificant(clamp(params, PARAMS_MIN, PARAMS_MAX)),
    servedTokens:
      served === undefined ? DEFAULT_QUERY.servedTokens : roundSignificant(clamp(served, SERVED_MIN, SERVED_MAX)),
    preset: isPreset(preset) ? preset : DEFAULT_QUERY.preset,
    tokensPerParam:
      tpp === undefined ? DEFAULT_QUERY.tokensPerParam : roundSignificant(clamp(tpp, TPP_MIN, TPP_MAX), 4),
  };
};

/** The canonical URL search string of a view. */
export const toSearch = (query: ExplorerQuery): string =>
  new URLSearchParams({
    params: formatScientific(query.params),
    served: formatScientific(query.servedTokens),
    preset: query.preset,
    tpp: String(query.tokensPerParam),
  }).toString();
