// Who writes with which Yjs client id in a story, as a room learns it: each new id is written
// to storage once, in the background; what storage refused is kept and written on the next try.
import type { ClientAuthor } from '../storage/store.ts';

/** The client ids a room has learned and not yet stored. */
export class ClientAuthorLog {
  private unsaved: ClientAuthor[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly write: (authors: ClientAuthor[]) => Promise<void>) {}

  /** Notes that `clients` write for `userId`; resolves once stored, rejects if storage fails (they are kept for the next try). */
  add(clients: readonly number[], userId: string): Promise<void> {
    for (const clientId of clients) this.unsaved.push({ clientId, userId });
    return this.flush();
  }

  /** Stores everything noted so far (one write at a time; what arrives meanwhile joins the next). */
  flush(): Promise<void> {
    // `.finally` runs after the assignment even when there is nothing to write.
    this.writing ??= this.writeAll().finally(() => (this.writing = null));
    return this.writing;
  }

  /** Nothing waits to be stored. */
  get isClean(): boolean {
    return this.unsaved.length === 0 && this.writing === null;
  }

  private async writeAll(): Promise<void> {
    while (this.unsaved.length > 0) {
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
}
