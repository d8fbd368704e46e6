import type { DeviceProtocol, DeviceState, DeviceStatus, DeviceTransportConfig, MonitorChunk, TextEncoding } from '../../common/domain/devices';
import type { Clock } from '../ports/clock';
import type { DeviceStream, DeviceTransportFactory, OpenedTransport } from '../ports/device-transport';
import type { TimerHandle, Timers } from '../ports/timers';
import { dedupeKeyOf } from './dedupe-key';
import type { DeviceJournal, JournalRecorder } from './device-journal';
import type { DecodedMessage, DecoderEvent, DeliveryOutcome, LinkLayer } from './driver';
import { driverFor } from './drivers';
import { LineNoiseDetector } from './line-noise-detector';
import { reconnectDelayMs } from './reconnect-backoff';

export interface DeviceRuntimeConfig {
  id: string;
  name: string;
  protocol: DeviceProtocol;
  transport: DeviceTransportConfig;
  encoding: TextEncoding;
  codeMap: Readonly<Record<string, string>>;
  active: boolean;
}

/** Prepares the capture of a decoded message (targets looked up) before its journal commit. */
export type CapturePreparer = (deviceId: string, message: DecodedMessage, receivedAt: string) => Promise<JournalRecorder | null>;

export interface DeviceSessionDeps {
  factory: DeviceTransportFactory;
  prepareCapture?: CapturePreparer;
  journal: DeviceJournal;
  timers: Timers;
  clock: Clock;
  random?: () => number;
  onStatus: (status: DeviceStatus, stateChanged: boolean) => void;
  /** Every chunk in and out, and decoder notices, for the raw monitor (formatted only when shown). */
  onTraffic: (deviceId: string, direction: MonitorChunk['direction'], bytes: Uint8Array, at: Date) => void;
}

/** No bytes for this long after receiving: the device is idle (still connected). */
export const IDLE_AFTER_MS = 5000;
/** This many rejected frames in a row with nothing decodable: the line settings are probably wrong. */
export const GARBAGE_THRESHOLD = 5;

/**
 * One configured device's connection: opens its transport, runs the protocol's link layer on each
 * stream, journals every message before the link acknowledges it, reconnects with backoff when the
 * port vanishes, and reports its status.
 */
export class DeviceSession {
  private transport: OpenedTransport | null = null;
  private readonly links = new Set<LinkLayer>();
  private stopped = true;
  private retryTimer: TimerHandle | null = null;
  private idleTimer: TimerHandle | null = null;
  private rejectedInARow = 0;
  private readonly lineNoise: LineNoiseDetector | null;
  private generation = 0;
  private current: DeviceStatus;

  constructor(
    readonly config: DeviceRuntimeConfig,
    private readonly deps: DeviceSessionDeps,
  ) {
    this.lineNoise = config.protocol === 'astm' || config.protocol === 'hl7' || config.protocol === 'scale' ? new LineNoiseDetector() : null;
    this.current = {
      deviceId: config.id,
      state: config.active ? 'disconnected' : 'disabled',
      reason: null,
      since: deps.clock.now().toISOString(),
      lastMessageAt: null,
      messagesReceived: 0,
      framesRejected: 0,
      reconnectAttempt: 0,
      nextRetryAt: null,
    };
  }

  get status(): DeviceStatus {
    return { ...this.current };
  }

  start(): void {
    if (!this.config.active) return this.setState('disabled', null);
    this.stopped = false;
    void this.connect();
  }

  async stop(state: 'disconnected' | 'disabled' = 'disconnected'): Promise<void> {
    this.stopped = true;
    this.generation++;
    this.retryTimer?.cancel();
    this.idleTimer?.cancel();
    this.retryTimer = this.idleTimer = null;
    const transport = this.transport;
    this.transport = null;
    this.resetLinks();
    if (transport) await transport.close().catch(() => undefined);
    this.current.reconnectAttempt = 0;
    this.current.nextRetryAt = null;
    this.setState(state, null);
  }

  /** Close and open again now (admin "reconnect", or after a settings change). */
  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.retryTimer = null;
    this.current.nextRetryAt = null;
    this.setState('connecting', null);
    let transport: OpenedTransport;
    try {
      transport = await this.deps.factory.open(this.config.transport);
    } catch (error) {
      if (generation !== this.generation) return;
      return this.scheduleReconnect(error instanceof Error ? error.message : String(error));
    }
    if (generation !== this.generation || this.stopped) {
      await transport.close().catch(() => undefined);
      return;
    }
    this.transport = transport;
    this.rejectedInARow = 0;
    this.lineNoise?.reset();
    transport.onStream((stream) => this.attach(stream, generation));
    transport.onClosed((reason) => {
      if (generation !== this.generation || reason === null) return;
      this.transport = null;
      this.resetLinks();
      this.scheduleReconnect(reason);
    });
    this.current.reconnectAttempt = 0;
    this.setState('connected', this.config.transport.type === 'tcp' ? `listening on port ${this.config.transport.listenPort}` : null);
  }

  private scheduleReconnect(reason: string): void {
    if (this.stopped) return;
    this.idleTimer?.cancel();
    const attempt = this.current.reconnectAttempt + 1;
    const delay = reconnectDelayMs(attempt, this.deps.random);
    this.current.reconnectAttempt = attempt;
    this.current.nextRetryAt = new Date(this.deps.clock.now().getTime() + delay).toISOString();
    this.setState('error', reason);
    this.retryTimer = this.deps.timers.after(delay, () => void this.connect());
  }

  private attach(stream: DeviceStream, generation: number): void {
    const driver = driverFor(this.config.protocol);
    const link = driver.createLink(
      {
        write: (bytes) => {
          this.traffic('out', bytes);
          stream.write(bytes);
        },
        deliver: (event) => this.deliver(event),
        notice: (event) => this.notice(event),
      },
      { encoding: this.config.encoding, codeMap: this.config.codeMap, timers: this.deps.timers },
    );
    this.links.add(link);
    stream.onData((chunk) => {
      if (generation !== this.generation) return;
      this.traffic('in', chunk);
      const noisy = this.lineNoise?.push(chunk) ?? false;
      if (noisy && this.current.state !== 'error') {
        const hint = this.config.transport.type === 'serial' ? ': check baud rate, parity and data bits' : ': check the protocol and encoding';
        this.setState('error', `receiving unreadable bytes (${this.lineNoise!.bytesSeen} since the last message look like line noise)${hint}`);
      }
      // A garbled line stays in error until a message decodes; other errors clear with new data.
      if (this.current.state !== 'error' || (!noisy && this.rejectedInARow < GARBAGE_THRESHOLD)) this.markReceiving();
      link.receive(chunk);
    });
    stream.onEnd(() => {
      link.reset();
      this.links.delete(link);
    });
  }

  private async deliver(event: Extract<DecoderEvent, { kind: 'message' }>): Promise<DeliveryOutcome> {
    try {
      const receivedAt = this.deps.clock.now().toISOString();
      // Where its readings go is looked up before the commit, so the journal entry and its
      // readings are written together; if that fails, the journal processor does it later.
      const recorder = await this.deps.prepareCapture?.(this.config.id, event.message, receivedAt).catch(() => null);
      const result = await this.deps.journal.append(
        {
          deviceId: this.config.id,
          protocol: this.config.protocol,
          receivedAt,
          raw: event.raw,
          dedupeKey: dedupeKeyOf(this.config.protocol, event.raw, event.message),
          messageId: event.message.messageId,
        },
        recorder ?? null,
      );
      this.rejectedInARow = 0;
      this.lineNoise?.reset();
      if (!result.duplicate) this.current.messagesReceived++;
      this.current.lastMessageAt = this.deps.clock.now().toISOString();
      // Recovering from "cannot be decoded": the chunk that completed this message did not mark
      // the line as receiving, so do it here, idle timer included, or the status stays
      // "receiving" for good once the device falls silent.
      if (this.current.state === 'error' && this.transport) this.markReceiving();
      else this.publish(false);
      return { stored: true, duplicate: result.duplicate };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.traffic('note', new TextEncoder().encode(`journal write failed: ${reason}`));
      return { stored: false, reason: 'the workstation could not store the message' };
    }
  }

  private notice(event: Exclude<DecoderEvent, { kind: 'message' }>): void {
    const text = event.kind === 'rejected' ? `rejected (${event.reason}): ${event.detail}` : `duplicate: ${event.detail}`;
    this.traffic('note', new TextEncoder().encode(text));
    if (event.kind !== 'rejected') return;
    this.current.framesRejected++;
    this.rejectedInARow++;
    if (this.rejectedInARow >= GARBAGE_THRESHOLD && this.current.state !== 'error') {
      const hint = this.config.transport.type === 'serial' ? ': check baud rate, parity, data bits and the protocol' : ': check the protocol and encoding';
      this.setState('error', `receiving data that cannot be decoded (${this.rejectedInARow} bad frames in a row)${hint}`);
    } else {
      this.publish(false);
    }
  }

  private markReceiving(): void {
    if (this.current.state !== 'receiving') this.setState('receiving', null);
    this.idleTimer?.cancel();
    this.idleTimer = this.deps.timers.after(IDLE_AFTER_MS, () => {
      this.idleTimer = null;
      if (this.current.state === 'receiving') this.setState('idle', null);
    });
  }

  private resetLinks(): void {
    for (const link of this.links) link.reset();
    this.links.clear();
  }

  private traffic(direction: MonitorChunk['direction'], bytes: Uint8Array): void {
    this.deps.onTraffic(this.config.id, direction, bytes, this.deps.clock.now());
  }

  private setState(state: DeviceState, reason: string | null): void {
    const changed = state !== this.current.state || reason !== this.current.reason;
    if (changed) {
      this.current.state = state;
      this.current.reason = reason;
      this.current.since = this.deps.clock.now().toISOString();
    }
    this.publish(changed);
  }

  private publish(stateChanged: boolean): void {
    this.deps.onStatus(this.status, stateChanged);
  }
}
