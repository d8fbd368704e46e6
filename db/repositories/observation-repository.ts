import type { Kysely, Selectable } from 'kysely';
import type { Database, ObservationsTable, ObservationStatus } from '../schema';

export type ObservationRow = Selectable<ObservationsTable>;

export interface NewObservation {
  id: string;
  patientId: string;
  encounterId: string | null;
  codeSystem: string;
  code: string;
  display: string | null;
  /** As measured: "37.0" stays "37.0". */
  valueText: string | null;
  unit: string | null;
  observedAt: string;
  status: ObservationStatus;
  source: 'manual' | 'device' | 'import';
  deviceId: string | null;
  performerId: string | null;
  orderId?: string | null;
  referenceRange?: string | null;
  /** Flags as given (high, critical-low, ...). */
  interpretation?: readonly string[];
  now: string;
}

// SQLite allows 32766 bound variables per statement; 19 columns per row.
const ROWS_PER_STATEMENT = 500;

export class ObservationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts all observations in one transaction: a batch is charted whole or not at all. */
  async insertMany(observations: readonly NewObservation[]): Promise<void> {
    const insert = async (db: Kysely<Database>) => {
      for (let i = 0; i < observations.length; i += ROWS_PER_STATEMENT) {
        const rows = observations.slice(i, i + ROWS_PER_STATEMENT).map(toRow);
        await db.insertInto('observations').values(rows).execute();
      }
    };
    // Inside a caller's transaction (charting device readings) the caller's commit covers it.
    if (this.db.isTransaction) await insert(this.db);
    else await this.db.transaction().execute(insert);
  }

  /** Newest first, with the device's name, for the encounter and vitals views. */
  recentForPatient(patientId: string, options: { encounterId?: string; limit: number }) {
    let q = this.db
      .selectFrom('observations as o')
      .leftJoin('devices as d', 'd.id', 'o.device_id')
      .selectAll('o')
      .select('d.name as device_name')
      .where('o.patient_id', '=', patientId)
      .where('o.deleted', '=', 0);
    if (options.encounterId) q = q.where('o.encounter_id', '=', options.encounterId);
    return q.orderBy('o.observed_at', 'desc').orderBy('o.id', 'desc').limit(options.limit).execute();
  }

  listForPatient(patientId: string, options: { from?: string; to?: string; limit?: number } = {}): Promise<ObservationRow[]> {
    let q = this.db.selectFrom('observations').selectAll().where('patient_id', '=', patientId).where('deleted', '=', 0);
    if (options.from) q = q.where('observed_at', '>=', options.from);
    if (options.to) q = q.where('observed_at', '<', options.to);
    q = q.orderBy('observed_at');
    if (options.limit) q = q.limit(options.limit);
    return q.execute();
  }
}

function toRow(o: NewObservation) {
  const numeric = o.valueText === null ? null : Number(o.valueText);
  return {
    id: o.id,
    patient_id: o.patientId,
    encounter_id: o.encounterId,
    panel_id: null,
    code_system: o.codeSystem,
    code: o.code,
    display: o.display,
    value_text: o.valueText,
    value_numeric: numeric !== null && Number.isFinite(numeric) ? numeric : null,
    unit: o.unit,
    observed_at: o.observedAt,
    status: o.status,
    source: o.source,
    device_id: o.deviceId,
    performer_id: o.performerId,
    order_id: o.orderId ?? null,
    reference_range: o.referenceRange ?? null,
    interpretation: o.interpretation && o.interpretation.length > 0 ? JSON.stringify(o.interpretation) : null,
    created_at: o.now,
    updated_at: o.now,
  };
}
