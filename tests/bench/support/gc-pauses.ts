import { PerformanceObserver } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

export interface GcPauses {
  count: number;
  totalMs: number;
  longestMs: number;
}

/**
 * Counts garbage-collection pauses between `watchGcPauses()` and `stop()`: a p99 is often one of
 * them. Node records a GC entry on a later turn of the event loop, and a loop of awaited
 * synchronous calls never yields one, so both ends let the loop turn before counting.
 */
export async function watchGcPauses(): Promise<{ stop(): Promise<GcPauses> }> {
  await settle(); // entries from before the start are recorded now, before anyone observes
  const pauses: GcPauses = { count: 0, totalMs: 0, longestMs: 0 };
  const add = (entries: readonly { duration: number }[]) => {
    for (const entry of entries) {
      pauses.count += 1;
      pauses.totalMs += entry.duration;
      pauses.longestMs = Math.max(pauses.longestMs, entry.duration);
    }
  };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      await settle();
      add(observer.takeRecords());
      observer.disconnect();
      return pauses;
    },
  };
}

async function settle(): Promise<void> {
  await nextTurn();
  await nextTurn();
}
