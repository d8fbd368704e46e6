import type { EventName, EventPayload } from '../../common/contract';

export interface PublishOptions {
  /** Deliver only to the connection(s) of this session (e.g. "your session ended"). */
  toSession?: string;
}

/** How services push events to renderers; the transports deliver them, filtered by permission. */
export interface EventPublisher {
  publish<E extends EventName>(name: E, payload: EventPayload<E>, options?: PublishOptions): void;
  /** Whether any connected renderer would receive `name`: lets busy producers skip building payloads. */
  hasAudience?(name: EventName): boolean;
}
