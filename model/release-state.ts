// Whether a story may be released: its embargo (an instant before which it must not be
// published), its legal hold (held until lifted, with why) and whether it was killed (withdrawn
// for good). Server-side state, set by the desk and editors (docs/API.md, "Release"); the rules
// here are pure, so the server, the exports and the renderer decide alike.
import { MAX_INSTANT } from './article-limits.ts';

/** Most characters of a hold's or a kill's note. */
export const RELEASE_NOTE_MAX = 1000;

/** Who put a hold on a story or killed it, why and when. */
export interface ReleaseMark {
  note: string;
  /** Display name of who did it ('' if that user is gone). */
  byName: string;
  at: number;
}

/** A story's release state as a list entry carries it. */
export interface ReleaseState {
  /** Not to be published before this instant (ms since 1970), or null. */
  embargoUntil: number | null;
  /** The legal hold, while there is one. */
  hold: ReleaseMark | null;
  /** The kill, once killed (for good). */
  killed: ReleaseMark | null;
}

/** What an export says of a story's release, worked out at one moment: the export functions take this, and no clock. */
export interface ReleaseMarks {
  /** The embargo still in force, or null (none, or already lifted). */
  embargoedUntil: number | null;
  /** The hold's note, while held. */
  holdNote: string | null;
  /** The kill's note, once killed. */
  killNote: string | null;
}

/** Marks of a story free to release: what an export without release state says. */
export const NO_MARKS: ReleaseMarks = { embargoedUntil: null, holdNote: null, killNote: null };

/** Whether the embargo holds at `now`: it lifts exactly at its instant. */
export const isEmbargoed = (state: Pick<ReleaseState, 'embargoUntil'>, now: number): boolean => state.embargoUntil !== null && now < state.embargoUntil;

/** The marks of `state` at `now`. */
export function releaseMarks(state: ReleaseState, now: number): ReleaseMarks {
  return {
    embargoedUntil: isEmbargoed(state, now) ? state.embargoUntil : null,
    holdNote: state.hold?.note ?? null,
    killNote: state.killed?.note ?? null,
  };
}

/** Why a story's approved copy may not go out for release now: its embargo (until when) or its hold; null when it may (a killed story goes out, saying so). */
export type ReleaseBlock = { kind: 'embargo'; until: number } | { kind: 'hold'; note: string } | null;

/** What stands in the way of releasing a story with `marks`: a hold first (nothing lifts it but its lifting), then an embargo. */
export function releaseBlock(marks: ReleaseMarks): ReleaseBlock {
  if (marks.killNote !== null) return null;
  if (marks.holdNote !== null) return { kind: 'hold', note: marks.holdNote };
  if (marks.embargoedUntil !== null) return { kind: 'embargo', until: marks.embargoedUntil };
  return null;
}

/** ninjs `pubstatus`: `canceled` once killed, `withheld` while embargoed or held, else `usable`. */
export function pubstatus(marks: ReleaseMarks): 'usable' | 'withheld' | 'canceled' {
  if (marks.killNote !== null) return 'canceled';
  return marks.holdNote !== null || marks.embargoedUntil !== null ? 'withheld' : 'usable';
}

/** An instant as every export writes it: `8 Dec 2026, 06:00 UTC` (UTC, whatever the server's zone). */
export function utcText(instant: number): string {
  const d = new Date(instant);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

// A note on one line, as the export lines carry it.
const oneLine = (note: string) => note.replace(/\s+/g, ' ').trim();

/** The kill's and the hold's lines, each saying why (what ninjs carries in `ednote`). */
export function releaseNotes(marks: ReleaseMarks): string[] {
  const lines: string[] = [];
  if (marks.killNote !== null) lines.push(`KILLED: ${oneLine(marks.killNote)} — do not use`);
  if (marks.holdNote !== null) lines.push(`LEGAL HOLD: ${oneLine(marks.holdNote)} — do not publish`);
  return lines;
}

/** The lines at the top of a text or HTML export: the kill, the hold, the embargo (none for a story free to release). */
export function releaseLines(marks: ReleaseMarks): string[] {
  return [...releaseNotes(marks), ...(marks.embargoedUntil === null ? [] : [`EMBARGOED until ${utcText(marks.embargoedUntil)}`])];
}

/** A release change as `PUT /api/articles/:id/release` takes it. */
export interface ReleaseRequest {
  embargoUntil: number | null;
  hold: { note: string } | null;
}

/** A request read: what it asks, or the sentence saying what is wrong with it. */
export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

const refuse = (error: string): { ok: false; error: string } => ({ ok: false, error });

// A hold's or kill's note, trimmed: every hold and kill says why, in at most RELEASE_NOTE_MAX characters.
function readNote(value: unknown, what: string): Read<string> {
  if (typeof value !== 'string' || value.trim() === '') return refuse(`${what} needs a note saying why`);
  const note = value.trim();
  if ([...note].length > RELEASE_NOTE_MAX) return refuse(`the note of ${what} is over ${RELEASE_NOTE_MAX} characters`);
  return { ok: true, value: note };
}

/** The release change in a request body (`{embargoUntil, hold}`, both required). */
export function readReleaseRequest(body: Record<string, unknown>): Read<ReleaseRequest> {
  const extra = Object.keys(body).find((key) => key !== 'embargoUntil' && key !== 'hold');
  if (extra !== undefined) return refuse(`unknown field ${JSON.stringify(extra.slice(0, 40))}: send only embargoUntil and hold`);
  if (!('embargoUntil' in body) || !('hold' in body)) return refuse('send both embargoUntil (ms since 1970, or null) and hold ({note}, or null)');
  const { embargoUntil, hold } = body;
  if (embargoUntil !== null && !(Number.isSafeInteger(embargoUntil) && (embargoUntil as number) > 0 && (embargoUntil as number) <= MAX_INSTANT)) {
    return refuse('embargoUntil must be an instant (whole ms since 1970) or null');
  }
  const until = embargoUntil as number | null;
  if (hold === null) return { ok: true, value: { embargoUntil: until, hold: null } };
  if (typeof hold !== 'object' || Array.isArray(hold) || Object.keys(hold).some((key) => key !== 'note')) return refuse('hold must be {note} or null');
  const note = readNote((hold as Record<string, unknown>).note, 'a legal hold');
  return note.ok ? { ok: true, value: { embargoUntil: until, hold: { note: note.value } } } : note;
}

/** The kill's note in a request body (`{note}`). */
export function readKillRequest(body: Record<string, unknown>): Read<{ note: string }> {
  if (Object.keys(body).some((key) => key !== 'note')) return refuse('send only {note}: why the story is killed');
  const note = readNote(body.note, 'a kill');
  return note.ok ? { ok: true, value: { note: note.value } } : note;
}
