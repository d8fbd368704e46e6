import type { DeviceJournalRepository, JournalAppend, JournalAppendResult } from '../../db/repositories/device-journal-repository';

/**
 * What the capture side does with a message inside the journal's own transaction: record its
 * readings (so a message is journaled and processed with one commit), then, once committed,
 * announce them. Without one, or if `record` throws, the entry stays pending for the processor.
 */
export interface JournalRecorder {
  record(seq: number): void;
  afterCommit(): void;
}

interface Waiting {
  entry: JournalAppend;
  recorder: JournalRecorder | null;
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
  private readonly committedListeners = new Set<(unprocessedSeqs: number[]) => void>();

  constructor(
    private readonly repository: DeviceJournalRepository,
    private readonly maxBatch = 500,
  ) {}

  /** Resolves once the message is durably in the journal (or was there already). */
  append(entry: JournalAppend, recorder: JournalRecorder | null = null): Promise<JournalAppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, recorder, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  /** Called after each commit with the newly stored entries that are still waiting to be processed. */
  onCommitted(listener: (unprocessedSeqs: number[]) => void): () => void {
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
          const recorded = new Set<number>();
          results = await this.repository.appendBatch(
            batch.map((w) => w.entry),
            (seq, i) => {
              const recorder = batch[i]!.recorder;
              if (!recorder) return;
              recorder.record(seq);
              recorded.add(i);
            },
          );
          for (const i of recorded) batch[i]!.recorder!.afterCommit();
          const unprocessed = results.flatMap((r, i) => (!r.duplicate && !recorded.has(i) ? [r.seq] : []));
          if (unprocessed.length > 0) for (const l of this.committedListeners) l(unprocessed);
        } catch (error) {
          for (const w of batch) w.reject(error);
          continue;
        }
        batch.forEach((w, i) => w.resolve(results[i]!));
      }
    } finally {
      this.flushing = null;
    }
  }
}
