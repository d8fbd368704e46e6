/** What the charting services need of the critical-result monitor: check results right after they are committed. */
export interface CriticalResultCheck {
  checkReadings(readingIds: readonly string[]): Promise<unknown>;
  checkObservations(observationIds: readonly string[]): Promise<unknown>;
}
