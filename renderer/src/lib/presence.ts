// Presence: who is in a story, from awareness states. Pure, so it is tested without a socket.
// Every field comes from another client (the server shapes them, but an older or a foreign
// server may not): a peer is shown only with a bounded name, a checked colour and a known field.
import { presenceName } from '../../../model/presence.ts';
import { checkedColor, userColor } from '../../../model/user-colors.ts';

/** The fields a person can be typing in. */
export type EditorField = 'headline' | 'standfirst' | 'byline' | 'desk' | 'body';

const EDITOR_FIELDS: ReadonlySet<unknown> = new Set<EditorField>(['headline', 'standfirst', 'byline', 'desk', 'body']);

/** What each client publishes about itself in awareness (as received: unchecked). */
export interface PresenceState {
  user?: { id?: unknown; name?: unknown; color?: unknown; role?: unknown };
  field?: unknown;
  /** When this client's user last typed, by its own clock (see typing-clock.ts). */
  typingAt?: unknown;
}

/** One person (one open window) in the story. */
export interface Peer {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  field: EditorField | null;
  isSelf: boolean;
}

/** Longest user id kept from a state; a longer one is not an id this server gives out. */
const USER_ID_MAX = 200;

/** Everyone in the story, yourself first, then by name; states without a usable user id and name are skipped. */
export function peersFrom(states: Map<number, PresenceState>, selfClientId: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    const user = state?.user;
    const name = presenceName(user?.name);
    const userId = user?.id;
    if (!name || typeof userId !== 'string' || userId === '' || userId.length > USER_ID_MAX) continue;
    peers.push({
      clientId,
      userId,
      name,
      color: checkedColor(user!.color) ?? userColor(userId),
      field: EDITOR_FIELDS.has(state.field) ? (state.field as EditorField) : null,
      isSelf: clientId === selfClientId,
    });
  }
  return peers.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/** Whether two lists of peers say the same (a colleague's caret moving changes their presence, not who is where). */
export const samePeers = (a: readonly Peer[], b: readonly Peer[]): boolean =>
  a.length === b.length &&
  a.every((p, i) => {
    const q = b[i];
    return p.clientId === q.clientId && p.userId === q.userId && p.name === q.name && p.color === q.color && p.field === q.field && p.isSelf === q.isSelf;
  });

/** Other people in `field` now; given who is typing (client ids), only those of them typing. */
export const typingIn = (peers: Peer[], field: EditorField, typing?: ReadonlySet<number>) =>
  peers.filter((p) => !p.isSelf && p.field === field && (!typing || typing.has(p.clientId)));
