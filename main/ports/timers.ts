/** Timers come through a port so link-layer timeouts and reconnect backoff are testable. */
export interface TimerHandle {
  cancel(): void;
}

export interface Timers {
  after(ms: number, fn: () => void): TimerHandle;
}

export const systemTimers: Timers = {
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

/** Timers tests advance by hand; fires due callbacks in time order. */
export class ManualTimers implements Timers {
  private now = 0;
  private seq = 0;
  private pending: { at: number; seq: number; fn: () => void; cancelled: boolean }[] = [];

  after(ms: number, fn: () => void): TimerHandle {
    const entry = { at: this.now + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.pending.push(entry);
    return { cancel: () => { entry.cancelled = true; } };
  }

  advance(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      const due = this.pending
        .filter((p) => !p.cancelled && p.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      due.cancelled = true;
      this.now = due.at;
      due.fn();
    }
    this.now = target;
    this.pending = this.pending.filter((p) => !p.cancelled);
  }

  get activeCount(): number {
    return this.pending.filter((p) => !p.cancelled).length;
  }
}
