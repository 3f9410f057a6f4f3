// Presence: who is in a story, from awareness states. Pure, so it is tested without a socket.

/** The fields a person can be typing in. */
export type EditorField = 'headline' | 'standfirst' | 'byline' | 'desk' | 'body';

/** What each client publishes about itself in awareness. */
export interface PresenceState {
  user?: { id?: string; name?: string; color?: string };
  field?: EditorField | null;
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

/** Everyone in the story, yourself first, then by name; states without a user are skipped. */
export function peersFrom(states: Map<number, PresenceState>, selfClientId: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    const user = state.user;
    if (!user?.name || !user.id) continue;
    peers.push({
      clientId,
      userId: user.id,
      name: user.name,
      color: typeof user.color === 'string' ? user.color : '#555555',
      field: state.field ?? null,
      isSelf: clientId === selfClientId,
    });
  }
  return peers.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/** Other people typing in `field` now. */
export const typingIn = (peers: Peer[], field: EditorField) => peers.filter((p) => !p.isSelf && p.field === field);
