// What the sync badge says: derived only from facts, so it never claims more than is true.
//
// It counts nothing. The tracker counts Yjs updates (about one per keystroke), and no number
// derived from them matches what a person thinks of as "a change"; what a person needs at a
// glance is whether their work is safe and where: on the server, on this computer, or neither.

/** The connection facts the badge reads. */
export interface SyncFacts {
  /** The websocket's state. */
  connection: 'connecting' | 'connected' | 'disconnected';
  /** The first handshake on this connection finished. */
  synced: boolean;
  /** Local changes the server has not confirmed as stored (only whether there are any is shown). */
  unsaved: number;
  /** Nothing this user sends is stored: a viewer, or the server answered READ_ONLY. */
  readOnly: boolean;
  /** Every change is also kept on this device (the local copy has loaded). */
  savedLocally?: boolean;
  /** The device has a network: a lost connection is then the server's, not the device's. */
  online: boolean;
}

/** The badge: a tone for its colour, the words it shows, a sentence that explains them, and whether to offer "Retry now". */
export interface SyncBadgeView {
  tone: 'saved' | 'pending' | 'offline' | 'neutral';
  /** Short enough for the story's bar (shortened further with an ellipsis on a narrow window). */
  text: string;
  /** The start of `text` that a narrow bar keeps longest (the state, before what it means for the changes). */
  lead: string;
  /** The whole situation in a sentence or two (the badge's tooltip and description). */
  detail: string;
  /** Disconnected: a person may ask to reconnect now. */
  retry: boolean;
}

/** Why the connection is down, in the badge's words. */
const where = (facts: SyncFacts) => (facts.online ? 'Server unreachable' : 'Offline');

/** Why the connection is down, in a sentence. */
const why = (facts: SyncFacts) =>
  facts.online ? 'The network is up but the server does not answer; trying again.' : 'This computer has no network; the story reconnects when it returns.';

/** Where unconfirmed changes are: on this computer (safe across a reload) or only in this window. */
const pending = (facts: SyncFacts) =>
  facts.savedLocally
    ? { words: 'saved on this computer', detail: 'Your changes are saved on this computer, not yet on the server; they are sent when the connection returns.' }
    : { words: 'changes not yet saved', detail: 'Your changes are not yet saved; keep this window open until they are sent.' };

/** A view whose words are `lead`, then `more` after a dash when given. */
const view = (tone: SyncBadgeView['tone'], lead: string, more: string | null, detail: string, retry: boolean): SyncBadgeView => ({
  tone,
  text: more ? `${lead} — ${more}` : lead,
  lead,
  detail,
  retry,
});

/** The badge for these facts. "All changes saved" only when connected, synced and nothing unconfirmed. */
export function syncBadge(facts: SyncFacts): SyncBadgeView {
  const retry = facts.connection === 'disconnected';
  if (facts.readOnly) {
    const detail = 'You can read this story; nothing you change here is saved.';
    return retry ? view('neutral', 'View only', where(facts), `${detail} ${why(facts)}`, retry) : view('neutral', 'View only', null, detail, retry);
  }
  if (retry) {
    if (facts.unsaved === 0) return view('offline', where(facts), null, `${why(facts)} Nothing is waiting to be sent.`, retry);
    // Not on the server yet, but not lost either (when kept here): say both.
    const { words, detail } = pending(facts);
    return view('offline', where(facts), words, `${why(facts)} ${detail}`, retry);
  }
  if (facts.connection === 'connecting' || !facts.synced) {
    if (facts.unsaved === 0) return view('neutral', 'Connecting…', null, 'Connecting to the server.', retry);
    const { words, detail } = pending(facts);
    return view('neutral', 'Connecting', words, `Connecting to the server. ${detail}`, retry);
  }
  if (facts.unsaved > 0) return view('pending', 'Changes not yet saved', null, 'Your latest changes are on their way to the server.', retry);
  return view('saved', 'All changes saved', null, 'Everything you wrote is stored on the server.', retry);
}
