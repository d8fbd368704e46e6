import { useCallback, useEffect, useRef, useState } from 'react';
import type { MonitorChunk } from '../../../common/domain/devices';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { isMonitorEvent } from './device-events';

/** The monitor keeps only the latest traffic; older chunks scroll off the top. */
export const MONITOR_CAPACITY = 500;

export interface DeviceMonitor {
  /** What the view shows: the live traffic, or the snapshot taken when it was paused. */
  chunks: readonly MonitorChunk[];
  started: boolean;
  error: ApiError | null;
  paused: boolean;
  /** Chunks that arrived while paused and will show on resume. */
  waiting: number;
  setPaused: (paused: boolean) => void;
  clear: () => void;
}

function capped(chunks: readonly MonitorChunk[]): MonitorChunk[] {
  return chunks.length > MONITOR_CAPACITY ? chunks.slice(chunks.length - MONITOR_CAPACITY) : [...chunks];
}

const chunkKey = (c: MonitorChunk) => `${c.at}|${c.direction}|${c.hex}`;

/**
 * Turns the raw monitor of one device on while mounted and off on unmount. Events are listened
 * to before the monitor is started, and those already in `recent` are not shown twice.
 */
export function useDeviceMonitor(deviceId: string): DeviceMonitor {
  const client = useClient();
  const [live, setLive] = useState<MonitorChunk[]>([]);
  const [started, setStarted] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [snapshot, setSnapshot] = useState<MonitorChunk[] | null>(null);
  const [arrivedWhilePaused, setArrivedWhilePaused] = useState(0);
  const pausedRef = useRef(false);

  useEffect(() => {
    let gone = false;
    // Until the recent traffic arrives, live chunks wait here so they land after it.
    let early: MonitorChunk[] | null = [];
    const unsubscribe = client.onEvent((event) => {
      if (!isMonitorEvent(event) || event.payload.deviceId !== deviceId) return;
      const chunk = event.payload;
      if (early) early.push(chunk);
      else {
        setLive((current) => capped([...current, chunk]));
        if (pausedRef.current) setArrivedWhilePaused((n) => n + 1);
      }
    });
    void client.api.devices
      .monitor({ id: deviceId, enabled: true })
      .catch(() => ({ ok: false as const, error: { code: 'INTERNAL' as const, message: 'The monitor could not be started' } }))
      .then((result) => {
        if (gone) return;
        const buffered = early ?? [];
        early = null;
        if (!result.ok) {
          setError(result.error);
          setLive(capped(buffered));
          return;
        }
        const seen = new Set(result.value.recent.map(chunkKey));
        setLive(capped([...result.value.recent, ...buffered.filter((c) => !seen.has(chunkKey(c)))]));
        setStarted(true);
      });
    return () => {
      gone = true;
      unsubscribe();
      void client.api.devices.monitor({ id: deviceId, enabled: false }).catch(() => undefined);
    };
  }, [client, deviceId]);

  const setPaused = useCallback(
    (paused: boolean) => {
      pausedRef.current = paused;
      setArrivedWhilePaused(0);
      setSnapshot(paused ? live : null);
    },
    [live],
  );

  const clear = useCallback(() => {
    setLive([]);
    setArrivedWhilePaused(0);
    setSnapshot((current) => (current ? [] : null));
  }, []);

  return {
    chunks: snapshot ?? live,
    started,
    error,
    paused: snapshot !== null,
    waiting: Math.min(arrivedWhilePaused, MONITOR_CAPACITY),
    setPaused,
    clear,
  };
}
