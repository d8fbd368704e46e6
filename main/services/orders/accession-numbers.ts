import type { OrderRepository } from '../../../db/repositories/order-repository';

/** `ACC-YYYYMMDD-`: the clinic-local day, so a day's tubes share a readable prefix. */
export function accessionPrefix(localDate: string): string {
  return `ACC-${localDate.replaceAll('-', '')}-`;
}

/**
 * The next accession number of the day: one past the highest ever given with that prefix (never
 * reused, even when its order was cancelled), at least four digits: ACC-20260302-0001.
 */
export async function nextAccessionNumber(orders: OrderRepository, localDate: string): Promise<string> {
  const prefix = accessionPrefix(localDate);
  const last = await orders.lastAccessionWithPrefix(prefix);
  const n = last && /^\d+$/.test(last.slice(prefix.length)) ? Number(last.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(4, '0')}`;
}
