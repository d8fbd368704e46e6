import { useCallback, useEffect, useRef, useState } from 'react';
import type { CapturedReading, OpenEncounter } from '../../../common/domain/captures';
import type { ApiError, Result } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { isReadingEvent } from './capture-events';

export interface PendingReadings {
  /** Pending readings for this encounter, newest observation first; null while loading. */
  readings: CapturedReading[] | null;
  error: ApiError | null;
  reload: () => void;
  /** Applies decisions main has just returned, without waiting for their events. */
  record: (readings: readonly CapturedReading[]) => void;
}

/** A reading as an event (or a decision) told it, numbered in arrival order. */
interface Heard {
  reading: CapturedReading;
  order: number;
}

interface Loaded {
  readings: CapturedReading[];
  /** How many readings had been heard when the request left: main's answer covers those. */
  heardBefore: number;
}

function belongsTo(reading: CapturedReading, encounter: Pick<OpenEncounter, 'id' | 'patient'>): boolean {
  return reading.encounterId === encounter.id || reading.patient?.id === encounter.patient.id;
}

/** A decision is final: once accepted, rejected or superseded a reading never turns pending again. */
function later(known: CapturedReading, heard: CapturedReading): CapturedReading {
  return known.status !== 'pending' && heard.status === 'pending' ? known : heard;
}

/**
 * The readings waiting for a decision in this encounter: main's list plus every 'capture.reading'
 * event since it was asked for. An event for a reading already on screen always counts (a
 * decision may chart it to another patient); a new one counts when it names this encounter or
 * patient.
 */
export function usePendingReadings(encounter: Pick<OpenEncounter, 'id' | 'patient'>, enabled: boolean): PendingReadings {
  const client = useClient();
  const heardCount = useRef(0);
  const query = useApiQuery(async (): Promise<Result<Loaded>> => {
    const heardBefore = heardCount.current;
    if (!enabled) return { ok: true, value: { readings: [], heardBefore } };
    const result = await client.api.capture.pending({ encounterId: encounter.id });
    return result.ok ? { ok: true, value: { readings: result.value, heardBefore } } : result;
  }, [client, encounter.id, enabled]);
  const [heard, setHeard] = useState<ReadonlyMap<string, Heard>>(new Map());
  const shown = useRef<ReadonlySet<string>>(new Set());
  const encounterRef = useRef(encounter);
  encounterRef.current = encounter;

  const hear = useCallback((readings: readonly CapturedReading[], onlyRelevant: boolean) => {
    setHeard((prev) => {
      let next: Map<string, Heard> | null = null;
      for (const reading of readings) {
        const known = prev.get(reading.id);
        if (onlyRelevant && !known && !shown.current.has(reading.id) && !belongsTo(reading, encounterRef.current)) continue;
        next ??= new Map(prev);
        heardCount.current += 1;
        next.set(reading.id, { reading: known ? later(known.reading, reading) : reading, order: heardCount.current });
      }
      return next ?? prev;
    });
  }, []);
  const record = useCallback((readings: readonly CapturedReading[]) => hear(readings, false), [hear]);

  useEffect(() => {
    if (!enabled) return undefined;
    return client.onEvent((event) => {
      if (isReadingEvent(event)) hear([event.payload.reading], true);
    });
  }, [client, enabled, hear]);

  const loaded = query.data;
  if (loaded === null) return { readings: null, error: query.error, reload: query.reload, record };
  const merged = new Map<string, CapturedReading>();
  for (const reading of loaded.readings) merged.set(reading.id, reading);
  for (const { reading, order } of heard.values()) {
    const fromMain = merged.get(reading.id);
    // Main's answer is newer than a "pending" heard before the request left; a decision is final either way.
    if (reading.status === 'pending' && order <= loaded.heardBefore) continue;
    merged.set(reading.id, fromMain ? later(fromMain, reading) : reading);
  }
  const readings = [...merged.values()]
    .filter((r) => r.status === 'pending')
    .sort((a, b) => b.observedAt.localeCompare(a.observedAt) || b.journalSeq - a.journalSeq);
  shown.current = new Set(readings.map((r) => r.id));
  return { readings, error: query.error, reload: query.reload, record };
}
