// Who writes with which Yjs client id in a story: the owners stored when the room opened, and
// those the room learns, each new one written to storage once, in the background; what storage
// refused is kept and written on the next try. The first user recorded for an id keeps it.
import { SerialTask } from '../../model/serial-task.ts';
import type { ClientAuthor } from '../storage/store.ts';

/** The owners of a story's client ids, and those learned and not yet stored. */
export class ClientAuthorLog {
  private readonly owners: Map<number, string>;
  private unsaved: ClientAuthor[] = [];
  private readonly writer = new SerialTask(() => this.writeBatch());

  constructor(
    private readonly write: (authors: ClientAuthor[]) => Promise<void>,
    /** The owners storage holds for the story. */
    known: readonly ClientAuthor[] = [],
  ) {
    this.owners = new Map(known.map(({ clientId, userId }) => [clientId, userId]));
  }

  /** The user who owns `clientId`, if one is recorded. */
  ownerOf(clientId: number): string | undefined {
    return this.owners.get(clientId);
  }

  /**
   * Notes that `clients` write for `userId` (an id that has an owner already keeps it); resolves
   * once stored, rejects if storage fails (they are kept for the next try).
   */
  add(clients: readonly number[], userId: string): Promise<void> {
    for (const clientId of clients) {
      if (this.owners.has(clientId)) continue;
      this.owners.set(clientId, userId);
      this.unsaved.push({ clientId, userId });
    }
    return this.flush();
  }

  /** Stores everything noted so far (one write at a time; what arrives meanwhile joins the next). */
  flush(): Promise<void> {
    return this.writer.run();
  }

  /** Nothing waits to be stored. */
  get isClean(): boolean {
    return this.unsaved.length === 0 && !this.writer.busy;
  }

  private async writeBatch(): Promise<void> {
    if (this.unsaved.length === 0) return;
    const batch = this.unsaved;
    this.unsaved = [];
    try {
      await this.write(batch);
    } catch (error) {
      this.unsaved = [...batch, ...this.unsaved];
      throw error;
    }
  }
}
