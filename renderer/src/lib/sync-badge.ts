// What the sync badge says: derived only from facts, so it never claims more than is true.

/** The connection facts the badge reads. */
export interface SyncFacts {
  /** The websocket's state. */
  connection: 'connecting' | 'connected' | 'disconnected';
  /** The first handshake on this connection finished. */
  synced: boolean;
  /** Local changes the server has not confirmed as stored. */
  unsaved: number;
  /** The server stores nothing this user sends. */
  readOnly: boolean;
  /** Every change is also kept on this device (the local copy has loaded). */
  savedLocally?: boolean;
}

/** The badge: a tone for its colour and the words it shows. */
export interface SyncBadgeView {
  tone: 'saved' | 'pending' | 'offline' | 'neutral';
  text: string;
}

const changes = (n: number) => `${n} ${n === 1 ? 'change' : 'changes'}`;

/** The badge for these facts. "All changes saved" only when connected, synced and nothing unconfirmed. */
export function syncBadge(facts: SyncFacts): SyncBadgeView {
  if (facts.readOnly) return { tone: 'neutral', text: 'Read-only: your changes are not saved' };
  if (facts.connection === 'disconnected') {
    if (facts.unsaved === 0) return { tone: 'offline', text: 'Offline' };
    // Not on the server yet, but not lost either: say both.
    return facts.savedLocally
      ? { tone: 'offline', text: `Offline — saved on this computer (${changes(facts.unsaved)} not yet on the server)` }
      : { tone: 'offline', text: `Offline — ${changes(facts.unsaved)} not yet saved` };
  }
  if (facts.connection === 'connecting' || !facts.synced) {
    return { tone: 'neutral', text: facts.unsaved > 0 ? `Connecting — ${changes(facts.unsaved)} not yet saved` : 'Connecting…' };
  }
  if (facts.unsaved > 0) return { tone: 'pending', text: `${changes(facts.unsaved)} not yet saved` };
  return { tone: 'saved', text: 'All changes saved' };
}
