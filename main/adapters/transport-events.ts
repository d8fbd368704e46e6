/**
 * Event plumbing shared by the device transports: an event that happens once (a stream or a
 * transport ending) and tells late listeners too, so nobody misses an end that raced ahead of them.
 */
export class OnceEvent<T> {
  private fired = false;
  private value: T | undefined;
  private listeners: ((value: T) => void)[] = [];

  get hasFired(): boolean {
    return this.fired;
  }

  listen(listener: (value: T) => void): void {
    if (this.fired) listener(this.value as T);
    else this.listeners.push(listener);
  }

  /** Fires the event; later calls are ignored. Returns whether this call fired it. */
  fire(value: T): boolean {
    if (this.fired) return false;
    this.fired = true;
    this.value = value;
    for (const listener of this.listeners.splice(0)) listener(value);
    return true;
  }
}
