// The body's caps in the editor: a local edit that would make a text block or the body longer
// than its cap, or nest deeper than the schema allows, is not made (and the editor says why),
// so the app never sends what the server refuses. Only what the edit touched is looked at: a
// keystroke costs the depth of the caret, not the length of the story. Remote changes (and
// y-prosemirror's undo, which arrives as one) are never stopped: the server checked them.
import type { Transaction } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';
import { BODY_CAPS, MAX_BODY_DEPTH } from '../../../model/article-limits.ts';

const count = (n: number) => n.toLocaleString('en-US');

/** Why `tr` may not be applied (a message for the user), or null. */
export function bodyLimitProblem(tr: Transaction): string | null {
  if (!tr.docChanged || (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin) return null;
  // Deleting never makes anything too long or too deep.
  const grows = tr.mapping.maps.some((map) => {
    let inserted = false;
    map.forEach((_oldStart, _oldEnd, start, end) => (inserted ||= end > start));
    return inserted;
  });
  if (!grows) return null;
  // What each step replaced, in the new document: for a wrap (sinking a list item, say) that is
  // all it wrapped, which is now one level deeper.
  let problem: string | null = null;
  tr.steps.forEach((step, i) => {
    const { from, to } = step as unknown as { from?: number; to?: number };
    if (problem || from === undefined || to === undefined) return;
    const after = tr.mapping.slice(i);
    tr.doc.nodesBetween(after.map(from, -1), after.map(to, 1), (node, pos) => {
      if (problem || node.isText) return false;
      if (tr.doc.resolve(pos).depth + 1 > MAX_BODY_DEPTH) problem = `Lists and quotes nest at most ${MAX_BODY_DEPTH} levels deep.`;
      else if (node.isTextblock && node.textContent.length > BODY_CAPS.block) problem = `A paragraph holds at most ${count(BODY_CAPS.block)} characters.`;
      return !node.isTextblock;
    });
  });
  if (problem) return problem;
  // The whole body's text is counted only when its size says it may be near the cap.
  if (tr.doc.content.size > BODY_CAPS.body) {
    const length = tr.doc.textContent.length;
    if (length > BODY_CAPS.body && length > tr.before.textContent.length) return `A story's body holds at most ${count(BODY_CAPS.body)} characters.`;
  }
  return null;
}
