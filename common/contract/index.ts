import type { z } from 'zod';
import type { Result } from '../rpc/errors';
import { auditContract } from './audit.contract';
import { authContract } from './auth.contract';
import { patientsContract } from './patients.contract';
import { clinicContract } from './clinic.contract';
import { queueContract } from './queue.contract';
import { scheduleContract } from './schedule.contract';
import { systemContract } from './system.contract';
import { usersContract } from './users.contract';
import { devicesContract } from './devices.contract';
import { captureContract } from './capture.contract';
import { ordersContract } from './orders.contract';
import { careContract } from './care.contract';
import { documentationContract } from './documentation.contract';
import { criticalResultsContract } from './critical-results.contract';
import { chartContract } from './chart.contract';
import { fhirContract } from './fhir.contract';

/** The one application contract: every way the renderer reaches main goes through these methods. */
export const appContract = {
  ...systemContract,
  ...authContract,
  ...usersContract,
  ...clinicContract,
  ...scheduleContract,
  ...queueContract,
  ...auditContract,
  ...patientsContract,
  ...devicesContract,
  ...captureContract,
  ...ordersContract,
  ...careContract,
  ...documentationContract,
  ...criticalResultsContract,
  ...chartContract,
  ...fhirContract,
} as const;

export type AppContract = typeof appContract;
export type MethodName = keyof AppContract & string;
export type MethodInput<M extends MethodName> = z.input<AppContract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<AppContract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<AppContract[M]['output']>;

type Namespace<K> = K extends `${infer N}.${string}` ? N : never;

/** The typed client the renderer sees: `api.users.create(input)` resolves to a Result. */
export type AppApi = {
  [N in Namespace<MethodName>]: {
    [K in MethodName as K extends `${N}.${infer F}` ? F : never]: (
      input: MethodInput<K>,
    ) => Promise<Result<MethodOutput<K>>>;
  };
};

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(appContract, name);
}

export const METHOD_NAMES = Object.keys(appContract) as MethodName[];

export * from './events.contract';
