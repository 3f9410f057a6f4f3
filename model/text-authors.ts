// Who wrote which characters: the Yjs client id of each visible character of a text, read from
// the document's own items. The server maps client ids to users; here they are just numbers.
import * as Y from 'yjs';

/** A run of visible characters written by one client. */
export interface AuthorRun {
  client: number;
  length: number;
}

/** The runs of a Y.Text or Y.XmlText, in order; their lengths add up to the text's length. */
export function authorRuns(text: Y.Text): AuthorRun[] {
  const runs: AuthorRun[] = [];
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable || !(item.content instanceof Y.ContentString)) continue;
    const last = runs[runs.length - 1];
    if (last && last.client === item.id.client) last.length += item.length;
    else runs.push({ client: item.id.client, length: item.length });
  }
  return runs;
}

/** The client that last set `key` of a map (its value's author), or null when unset. */
export function mapValueAuthor(map: Y.Map<unknown>, key: string): number | null {
  const item = map._map.get(key);
  return item && !item.deleted ? item.id.client : null;
}

/** The runs of `runs` that cover characters [from, to), trimmed to that range. */
export function runsIn(runs: AuthorRun[], from: number, to: number): AuthorRun[] {
  const out: AuthorRun[] = [];
  let start = 0;
  for (const run of runs) {
    const end = start + run.length;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (b > a) out.push({ client: run.client, length: b - a });
    start = end;
    if (start >= to) break;
  }
  return out;
}
