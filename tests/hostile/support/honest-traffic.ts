// Honest editors beside an attack: one writer types into the story's body at a steady pace, one
// reader watches; every keystroke's delivery time (writer's insert → reader sees it) is
// recorded, and the writer asks the server to confirm each change stored. After the attack the
// suite checks that everything confirmed is still there.
import * as Y from 'yjs';
import { bodyFragment } from '../../../model/article-schema.ts';
import { BODY_NODES } from '../../../model/body-schema.ts';
import { connectClient, waitFor, type TestClient } from '../../support/clients.ts';

/** Delivery times of the honest keystrokes, in milliseconds. */
export interface DeliveryStats {
  keystrokes: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
}

/** The value at quantile `q` (0..1) of `values`. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

// Appends the writer's own paragraph to the body; only the writer ever types into it.
function addTypingParagraph(doc: Y.Doc): Y.XmlElement {
  const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
  paragraph.insert(0, [new Y.XmlText()]);
  const body = bodyFragment(doc);
  body.insert(body.length, [paragraph]);
  return paragraph;
}

// The writer's paragraph in any replica of the story, found by its Yjs item id (other clients,
// an attacker included, may add paragraphs anywhere; they cannot write into this one without its id).
function findParagraph(doc: Y.Doc, id: Y.ID): Y.XmlElement | null {
  for (const node of bodyFragment(doc).toArray()) {
    if (node instanceof Y.XmlElement && node._item && Y.compareIDs(node._item.id, id)) return node;
  }
  return null;
}

const MARK = 'k';

/** A writer typing every `intervalMs` and a reader timing each keystroke's arrival. */
export class HonestTraffic {
  private readonly sentAt: number[] = [];
  private readonly latencies: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  private seen = 0;

  private constructor(
    readonly writer: TestClient,
    readonly reader: TestClient,
    private readonly target: Y.XmlText,
    private readonly targetId: Y.ID,
  ) {
    reader.doc.on('update', this.onReaderUpdate);
  }

  /** Connects the writer (a reporter's token) and the reader to `articleId` and waits for both to sync. */
  static async start(wsUrl: string, articleId: string, writerToken: string, readerToken: string, intervalMs = 20): Promise<HonestTraffic> {
    const writer = connectClient(wsUrl, articleId, writerToken, { track: true });
    const reader = connectClient(wsUrl, articleId, readerToken);
    await Promise.all([writer.synced, reader.synced]);
    // The writer's paragraph exists on both sides before timing starts.
    const paragraph = addTypingParagraph(writer.doc);
    const targetId = paragraph._item!.id;
    await waitFor(() => findParagraph(reader.doc, targetId) !== null, 'the reader to see the writer’s paragraph');
    const traffic = new HonestTraffic(writer, reader, paragraph.get(0) as Y.XmlText, targetId);
    traffic.timer = setInterval(() => traffic.type(), intervalMs);
    return traffic;
  }

  private type(): void {
    this.sentAt.push(performance.now());
    this.target.insert(this.target.length, MARK);
  }

  private readonly onReaderUpdate = (): void => {
    const count = this.countIn(this.reader.doc);
    const now = performance.now();
    for (; this.seen < count && this.seen < this.sentAt.length; this.seen++) this.latencies.push(now - this.sentAt[this.seen]);
  };

  private countIn(doc: Y.Doc): number {
    const text = findParagraph(doc, this.targetId)?.get(0);
    return text instanceof Y.XmlText ? text.toString().split(MARK).length - 1 : 0;
  }

  /** Keystrokes typed so far. */
  get typed(): number {
    return this.sentAt.length;
  }

  /** Stops typing, waits until the reader has every keystroke and the server confirmed all as stored; returns the delivery stats. */
  async stop(timeoutMs = 30_000): Promise<DeliveryStats> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await waitFor(() => this.seen >= this.sentAt.length, `the reader to receive all ${this.sentAt.length} honest keystrokes (has ${this.seen})`, timeoutMs);
    await waitFor(() => this.writer.tracker!.state.unsaved === 0, 'the server to confirm every honest keystroke stored', timeoutMs);
    return this.stats();
  }

  /** The stats so far. */
  stats(): DeliveryStats {
    return {
      keystrokes: this.sentAt.length,
      delivered: this.latencies.length,
      p50: quantile(this.latencies, 0.5),
      p99: quantile(this.latencies, 0.99),
      max: this.latencies.length ? Math.max(...this.latencies) : NaN,
    };
  }

  /** How many honest keystrokes a document holds (to check a stored copy). */
  keystrokesIn(doc: Y.Doc): number {
    return this.countIn(doc);
  }

  /** Connects a fresh client to the story and counts the honest keystrokes the server gives it. */
  async storedKeystrokes(wsUrl: string, articleId: string, token: string): Promise<number> {
    const fresh = connectClient(wsUrl, articleId, token);
    try {
      await fresh.synced;
      return this.countIn(fresh.doc);
    } finally {
      fresh.destroy();
    }
  }

  /** Disconnects both clients. */
  destroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.reader.doc.off('update', this.onReaderUpdate);
    this.writer.destroy();
    this.reader.destroy();
  }
}
