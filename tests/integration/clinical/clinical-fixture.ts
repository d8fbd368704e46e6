import type { ApiClient } from '../../../common/rpc/client';
import { setUpScheduleClinic, type ScheduleClinic } from '../../support/schedule-fixtures';
import { unwrap, type TestWorkstation } from '../../support/test-workstation';

export interface ClinicalClinic extends ScheduleClinic {
  physician: ApiClient;
}

/** The schedule clinic plus a signed-in physician (the only role that signs). */
export async function setUpClinicalClinic(tw: TestWorkstation): Promise<ClinicalClinic> {
  const c = await setUpScheduleClinic(tw);
  unwrap(await c.admin.api.users.create({ username: 'doc', displayName: 'Dana Doctor', role: 'physician', password: 'doc password' }));
  const physician = tw.client();
  unwrap(await physician.api.auth.login({ username: 'doc', password: 'doc password' }));
  return { ...c, physician };
}
