import { eventsContract, type EventName, type EventPayload, type PushEvent } from '../../common/contract';
import { roleHasPermission, type Permission } from '../../common/domain/permissions';
import type { ActiveSession } from '../../common/rpc/dispatcher';
import type { EventPublisher, PublishOptions } from '../ports/event-publisher';

export interface SessionPeek {
  peek(token: string): ActiveSession | undefined;
}

interface Subscriber {
  session: () => string | null;
  deliver: (event: PushEvent) => void;
}

/**
 * Fans main's events out to every connected renderer, over whichever transport it uses. An event
 * reaches a connection only if that connection's session holds the event's permission, or if it is
 * addressed to that very session.
 */
export class EventHub implements EventPublisher {
  private readonly subscribers = new Set<Subscriber>();

  constructor(
    private readonly sessions: SessionPeek,
    private readonly onDeliveryError: (error: unknown) => void = () => undefined,
  ) {}

  subscribe(session: () => string | null, deliver: (event: PushEvent) => void): () => void {
    const subscriber: Subscriber = { session, deliver };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  hasAudience(name: EventName): boolean {
    const def = eventsContract[name];
    for (const subscriber of this.subscribers) {
      if (def.access === 'public') return true;
      const token = subscriber.session();
      const session = token ? this.sessions.peek(token) : undefined;
      if (session && this.allows(session.role, def.access)) return true;
    }
    return false;
  }

  private allows(role: Parameters<typeof roleHasPermission>[0], access: (typeof eventsContract)[EventName]['access']): boolean {
    const needed: readonly Permission[] = typeof access === 'string' ? [access as Permission] : access;
    return needed.some((p) => roleHasPermission(role, p));
  }

  publish<E extends EventName>(name: E, payload: EventPayload<E>, options: PublishOptions = {}): void {
    const def = eventsContract[name];
    const checked = def.payload.parse(payload) as EventPayload<E>;
    const event = { name, payload: checked } as PushEvent;
    for (const subscriber of this.subscribers) {
      const token = subscriber.session();
      if (options.toSession !== undefined) {
        if (token !== options.toSession) continue;
      } else if (def.access !== 'public') {
        const session = token ? this.sessions.peek(token) : undefined;
        if (!session || !this.allows(session.role, def.access)) continue;
      }
      try {
        subscriber.deliver(event);
      } catch (error) {
        this.onDeliveryError(error);
      }
    }
  }
}
