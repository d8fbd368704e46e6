import type { MethodOutput } from '../../../common/contract';

type RunMode = MethodOutput<'system.info'>['runMode'];

export const RUN_MODE_LABELS: Readonly<Record<RunMode, string>> = {
  electron: 'Desktop application',
  headless: 'Headless (in a web browser)',
  test: 'Test mode',
};
