import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database, ObservationsTable, OrdersTable } from '../schema';

export type OrderRow = Selectable<OrdersTable> & { ordered_by_name: string | null; signed_by_name: string | null };
export type OrderResultRow = Pick<
  Selectable<ObservationsTable>,
  'id' | 'order_id' | 'code' | 'display' | 'value_text' | 'unit' | 'reference_range' | 'interpretation' | 'observed_at' | 'status'
>;

export interface NewOrder {
  id: string;
  patientId: string;
  encounterId: string | null;
  kind: OrdersTable['kind'];
  codeSystem: string;
  code: string;
  display: string;
  details: string;
  sampleId: string | null;
  accessionNumber: string | null;
  priority: 'routine' | 'urgent' | 'stat' | null;
  specimen: string | null;
  orderedBy: string;
  now: string;
}

export class OrderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(o: NewOrder): Promise<void> {
    await this.db
      .insertInto('orders')
      .values({
        id: o.id, patient_id: o.patientId, encounter_id: o.encounterId, kind: o.kind, code_system: o.codeSystem, code: o.code,
        display: o.display, details: o.details, status: 'draft', sample_id: o.sampleId, accession_number: o.accessionNumber,
        priority: o.priority, specimen: o.specimen, ordered_by: o.orderedBy, created_at: o.now, updated_at: o.now,
      })
      .execute();
  }

  private select() {
    return this.db
      .selectFrom('orders as o')
      .leftJoin('users as ob', 'ob.id', 'o.ordered_by')
      .leftJoin('users as sb', 'sb.id', 'o.signed_by')
      .selectAll('o')
      .select(['ob.display_name as ordered_by_name', 'sb.display_name as signed_by_name'])
      .where('o.deleted', '=', 0);
  }

  find(id: string): Promise<OrderRow | undefined> {
    return this.select().where('o.id', '=', id).executeTakeFirst();
  }

  forPatient(patientId: string, options: { encounterId?: string | undefined; limit: number }): Promise<OrderRow[]> {
    let q = this.select().where('o.patient_id', '=', patientId);
    if (options.encounterId) q = q.where('o.encounter_id', '=', options.encounterId);
    return q.orderBy('o.created_at', 'desc').orderBy('o.id', 'desc').limit(options.limit).execute();
  }

  /** Charted results of these orders, oldest first. */
  async resultsOf(orderIds: readonly string[]): Promise<OrderResultRow[]> {
    if (orderIds.length === 0) return [];
    return this.db
      .selectFrom('observations')
      .select(['id', 'order_id', 'code', 'display', 'value_text', 'unit', 'reference_range', 'interpretation', 'observed_at', 'status'])
      .where('order_id', 'in', [...orderIds])
      .where('deleted', '=', 0)
      .orderBy('observed_at')
      .orderBy('id')
      .execute();
  }

  /** Is this accession held by a live lab order? */
  async accessionInUse(accession: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('orders')
      .select('id')
      .where('accession_number', '=', accession)
      .where('kind', '=', 'lab')
      .where('deleted', '=', 0)
      .where('status', 'not in', ['cancelled', 'entered-in-error'])
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The highest accession number with this prefix ever given (live or not): numbers are never reused. */
  async lastAccessionWithPrefix(prefix: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('orders')
      .select('accession_number')
      .where('accession_number', '>=', prefix)
      .where('accession_number', '<', `${prefix}\uffff`)
      // Longest first, so ...-10000 comes after ...-9999.
      .orderBy(sql`length(accession_number)`, 'desc')
      .orderBy('accession_number', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.accession_number ?? null;
  }

  /** Applies the change only at `expectedVersion` and in status `from`; false otherwise. */
  async transition(id: string, expectedVersion: number, from: OrdersTable['status'], changes: Updateable<OrdersTable>, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('orders')
      .set((eb) => ({ ...changes, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('status', '=', from)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }
}
