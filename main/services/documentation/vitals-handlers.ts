import type { Kysely } from 'kysely';
import type { documentationContract } from '../../../common/contract/documentation.contract';
import type { ChartObservation } from '../../../common/domain/captures';
import { bodyMassIndex, toCanonicalValue, type VitalEntry } from '../../../common/domain/clinical-notes';
import { VITAL_SIGNS } from '../../../common/domain/observation-codes';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { ObservationRepository, type NewObservation } from '../../../db/repositories/observation-repository';
import type { Database } from '../../../db/schema';
import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/id-generator';
import type { CriticalResultCheck } from '../critical-results/critical-result-check';
import { callerOf, encounterFor, requireOpen } from './encounter-access';

type VitalsContract = Pick<typeof documentationContract, 'vitals.record'>;

const LOINC_SYSTEM = 'http://loinc.org';
/** A clock a few minutes apart from the workstation's is no reason to refuse a measurement. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Vitals measured by hand, charted as observations next to the device readings: values stored as
 * typed ("37.0" stays "37.0") in the unit entered. Ranges and units are checked by the contract.
 */
export function createVitalsHandlers(deps: { db: Kysely<Database>; clock: Clock; ids: IdGenerator; criticalResults?: CriticalResultCheck }): Handlers<VitalsContract> {
  return {
    'vitals.record': async (input, ctx) => {
      const userId = callerOf(ctx);
      const at = deps.clock.now();
      input.vitals.forEach((v, i) => {
        if (Date.parse(v.observedAt) > at.getTime() + FUTURE_TOLERANCE_MS) {
          throw new AppError('VALIDATION', 'A measurement cannot be taken in the future', `vitals.${i}.observedAt`);
        }
      });
      const charted = await deps.db.transaction().execute(async (trx) => {
        const encounter = await encounterFor(trx, input.encounterId, ctx);
        requireOpen(encounter, 'vitals');
        const base = { patientId: encounter.patient_id, encounterId: encounter.id, performerId: userId, now: at.toISOString() };
        const observations: NewObservation[] = input.vitals.map((v) => manualObservation(deps.ids.uuid(), v.measure, v.value, v.unit, v.observedAt, base));
        const bmi = bmiOf(input.vitals);
        if (bmi) observations.push(manualObservation(deps.ids.uuid(), 'bmi', bmi.value, 'kg/m2', bmi.observedAt, base));
        await new ObservationRepository(trx).insertMany(observations);
        return observations.map(toChartObservation);
      });
      await deps.criticalResults?.checkObservations(charted.map((o) => o.id));
      return charted;
    },
  };
}

function manualObservation(
  id: string,
  measure: keyof typeof VITAL_SIGNS,
  value: string,
  unit: string,
  observedAt: string,
  base: { patientId: string; encounterId: string; performerId: string; now: string },
): NewObservation {
  const code = VITAL_SIGNS[measure];
  return {
    id,
    patientId: base.patientId,
    encounterId: base.encounterId,
    codeSystem: LOINC_SYSTEM,
    code: code.loinc,
    display: code.display,
    valueText: value,
    unit,
    observedAt,
    status: 'final',
    source: 'manual',
    deviceId: null,
    performerId: base.performerId,
    now: base.now,
  };
}

/** BMI when the recording has one weight and one height; left out when the result is implausible. */
function bmiOf(vitals: readonly VitalEntry[]): { value: string; observedAt: string } | null {
  const weights = vitals.filter((v) => v.measure === 'bodyWeight');
  const heights = vitals.filter((v) => v.measure === 'bodyHeight');
  if (weights.length !== 1 || heights.length !== 1) return null;
  const weight = weights[0]!;
  const height = heights[0]!;
  const kg = toCanonicalValue('bodyWeight', Number(weight.value), weight.unit);
  const cm = toCanonicalValue('bodyHeight', Number(height.value), height.unit);
  if (kg === null || cm === null) return null;
  const value = bodyMassIndex(kg, cm);
  const { min, max } = VITAL_SIGNS.bmi.plausible;
  if (Number(value) < min || Number(value) > max) return null;
  return { value, observedAt: weight.observedAt > height.observedAt ? weight.observedAt : height.observedAt };
}

function toChartObservation(o: NewObservation): ChartObservation {
  return {
    id: o.id,
    patientId: o.patientId,
    encounterId: o.encounterId,
    orderId: null,
    codeSystem: o.codeSystem,
    code: o.code,
    display: o.display,
    value: o.valueText,
    unit: o.unit,
    referenceRange: null,
    flags: [],
    observedAt: o.observedAt,
    status: o.status,
    source: o.source,
    deviceId: null,
    deviceName: null,
    performerId: o.performerId,
  };
}
