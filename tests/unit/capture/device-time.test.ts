import { describe, expect, it } from 'vitest';
import { observedInstant } from '../../../main/services/capture/device-time';

const RECEIVED = new Date('2026-03-02T08:15:30.000Z');

describe('when a device reading was measured', () => {
  it('reads device wall time in the clinic zone and times with an offset as given', () => {
    expect(observedInstant('2026-03-02T09:15:00', RECEIVED, 'Europe/Berlin')).toBe('2026-03-02T08:15:00.000Z');
    expect(observedInstant('2026-03-02T09:10:00+01:00', RECEIVED, 'Europe/Berlin')).toBe('2026-03-02T08:10:00.000Z');
  });

  it('uses the arrival time for no time, an unreadable one, one from the future, or one over a week old', () => {
    for (const bad of [null, 'yesterday', '2026-03-02T18:15:00', '2026-02-20T09:00:00']) {
      expect(observedInstant(bad, RECEIVED, 'Europe/Berlin'), String(bad)).toBe(RECEIVED.toISOString());
    }
    // A few minutes ahead is clock drift, kept.
    expect(observedInstant('2026-03-02T09:18:00', RECEIVED, 'Europe/Berlin')).toBe('2026-03-02T08:18:00.000Z');
  });
});
