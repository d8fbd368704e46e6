import type { DeviceJournalRepository, JournalAppend, JournalAppendResult } from '../../db/repositories/device-journal-repository';

interface Waiting {
  entry: JournalAppend;
  resolve: (result: JournalAppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes device messages to the journal before they are acknowledged. Appends made while a commit
 * is under way are grouped into the next one, so many devices (or a fast one) share one fsync
 * instead of queueing behind each other; a lone message is committed at once.
 */
export class DeviceJournal {
  private queue: Waiting[] = [];
  private flushing: Promise<void> | null = null;
  private readonly committedListeners = new Set<(seqs: number[]) => void>();

  constructor(
    private readonly repository: DeviceJournalRepository,
    private readonly maxBatch = 500,
  ) {}

  /** Resolves once the message is durably in the journal (or was there already). */
  append(entry: JournalAppend): Promise<JournalAppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  /** Called with the sequence numbers of newly stored (not duplicate) entries after each commit. */
  onCommitted(listener: (seqs: number[]) => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  /** Waits for everything appended so far to be committed. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    // Let the appends of this turn of the event loop (several frames in one read) join the batch.
    await new Promise<void>((r) => setImmediate(r));
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        let results: JournalAppendResult[];
        try {
          results = await this.repository.appendBatch(batch.map((w) => w.entry));
        } catch (error) {
          for (const w of batch) w.reject(error);
          continue;
        }
        batch.forEach((w, i) => w.resolve(results[i]!));
        const fresh = results.filter((r) => !r.duplicate).map((r) => r.seq);
        if (fresh.length > 0) for (const l of this.committedListeners) l(fresh);
      }
    } finally {
      this.flushing = null;
    }
  }
}
