// Each desk's limits: how many characters its headlines and how many words its bodies should
// have. An admin sets them on the desk; where a desk sets none (or a story has no desk) the
// server's configured defaults apply (docs/CLI.md, `--config`). A limit is advice: a field past
// it says so, as text and colour, and nothing refuses the typing.
import { FIELD_CAPS, isWholeIn, MAX_TARGET_WORDS } from './article-limits.ts';

/** A desk's limits, each null where none is set. */
export interface DeskLimits {
  /** The most characters a headline should have. */
  headlineChars: number | null;
  /** The most words a body should have (notes not counted: model/notes.ts). */
  bodyWords: number | null;
}

/** The names of the limits, as the API, the config file and the People view spell them. */
export const LIMIT_KEYS = ['headlineChars', 'bodyWords'] as const;

/** The values each limit may take: a whole number from 1 to the field's cap (a headline cannot be longer anyway). */
export const LIMIT_RANGES: Record<keyof DeskLimits, { max: number; unit: string }> = {
  headlineChars: { max: FIELD_CAPS.headline, unit: 'characters' },
  bodyWords: { max: MAX_TARGET_WORDS, unit: 'words' },
};

/** No limits at all. */
export const NO_LIMITS: DeskLimits = { headlineChars: null, bodyWords: null };

/** Why `value` is not a set of limits (an object with at most the two keys, each a whole number in range or null), or null. Absent keys are null. */
export function limitsProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'limits must be an object like {"headlineChars": 80, "bodyWords": 600}';
  for (const key of Object.keys(value)) {
    if (!(LIMIT_KEYS as readonly string[]).includes(key)) return `limits have no ${JSON.stringify(key.slice(0, 40))}: use headlineChars and bodyWords`;
  }
  for (const key of LIMIT_KEYS) {
    const limit = (value as Record<string, unknown>)[key];
    const { max } = LIMIT_RANGES[key];
    if (limit !== undefined && limit !== null && !isWholeIn(limit, 1, max)) return `${key} must be a whole number from 1 to ${max.toLocaleString('en-US')}, or null for none`;
  }
  return null;
}

/** `value` (checked by limitsProblem) as limits, absent keys null. */
export function readLimits(value: Partial<DeskLimits>): DeskLimits {
  return { headlineChars: value.headlineChars ?? null, bodyWords: value.bodyWords ?? null };
}

/** One limit as it applies to a story, and whose it is: the desk's (by name) or the newsroom's default (null). */
export interface AppliedLimit {
  limit: number;
  deskName: string | null;
}

/** The limits that apply to a story on `desk` (null: none): each the desk's own, else the default, else none. */
export function appliedLimits(desk: { name: string; limits: DeskLimits } | null, defaults: DeskLimits): Record<keyof DeskLimits, AppliedLimit | null> {
  const one = (key: keyof DeskLimits): AppliedLimit | null => {
    const own = desk?.limits[key] ?? null;
    if (own !== null) return { limit: own, deskName: desk!.name };
    const fallback = defaults[key];
    return fallback === null ? null : { limit: fallback, deskName: null };
  };
  return { headlineChars: one('headlineChars'), bodyWords: one('bodyWords') };
}

const count = (n: number, unit: string) => `${n.toLocaleString('en-US')} ${n === 1 ? unit.replace(/s$/, '') : unit}`;

/** Whose limit it is, for a sentence: `the News desk's 80`, or `the newsroom's default of 80`. */
const whose = (applied: AppliedLimit) =>
  applied.deskName === null ? `the newsroom's default of ${applied.limit.toLocaleString('en-US')}` : `the ${applied.deskName} desk's ${applied.limit.toLocaleString('en-US')}`;

/**
 * A field's count, and its limit once past it: `Headline: 92 characters, 12 over the News desk's 80`;
 * within it, `Headline: 40 of 80 characters`; without a limit, `Headline: 40 characters`.
 */
export function limitText(label: string, value: number, unit: 'characters' | 'words', applied: AppliedLimit | null): string {
  if (applied === null) return `${label}: ${count(value, unit)}`;
  if (value <= applied.limit) return `${label}: ${value.toLocaleString('en-US')} of ${count(applied.limit, unit)}`;
  return `${label}: ${count(value, unit)}, ${(value - applied.limit).toLocaleString('en-US')} over ${whose(applied)}`;
}

/** Whether `value` is past `applied` (never without a limit). */
export const isOver = (value: number, applied: AppliedLimit | null): boolean => applied !== null && value > applied.limit;
