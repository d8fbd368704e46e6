/**
 * Delay before reconnect attempt `attempt` (1, 2, ...): doubling from one second to a ceiling, with
 * ±20% jitter so devices unplugged together (a power cut) do not all retry in the same instant.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random, baseMs = 1000, maxMs = 30_000): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jitter = 1 + (random() * 2 - 1) * 0.2;
  return Math.round(exp * jitter);
}
