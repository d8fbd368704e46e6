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
  now: string;
}

// SQLite allows 32766 bound variables per statement; 16 columns per row.
const ROWS_PER_STATEMENT = 500;

export class ObservationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts all observations in one transaction: a batch is charted whole or not at all. */
  async insertMany(observations: readonly NewObservation[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < observations.length; i += ROWS_PER_STATEMENT) {
        const rows = observations.slice(i, i + ROWS_PER_STATEMENT).map(toRow);
        await trx.insertInto('observations').values(rows).execute();
      }
    });
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
    created_at: o.now,
    updated_at: o.now,
  };
}
