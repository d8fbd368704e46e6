import type { ApiClient } from '../../../common/rpc/client';
import { berlin, MONDAY, setUpScheduleClinic, type ScheduleClinic } from '../../support/schedule-fixtures';
import { unwrap, type TestWorkstation } from '../../support/test-workstation';

export interface ClinicalClinic extends ScheduleClinic {
  /** Two physicians: notes are signed by their author only. */
  doctor: ApiClient;
  otherDoctor: ApiClient;
  doctorId: string;
}

/** The schedule clinic plus two signed-in physicians. */
export async function setUpClinicalClinic(tw: TestWorkstation): Promise<ClinicalClinic> {
  const clinic = await setUpScheduleClinic(tw);
  const signIn = async (username: string) => {
    const user = unwrap(await clinic.admin.api.users.create({ username, displayName: `Dr ${username}`, role: 'physician', password: `${username} password` }));
    const client = tw.client();
    unwrap(await client.api.auth.login({ username, password: `${username} password` }));
    return { user, client };
  };
  const doctor = await signIn('maria.doc');
  const other = await signIn('omar.doc');
  return { ...clinic, doctor: doctor.client, otherDoctor: other.client, doctorId: doctor.user.id };
}

/** Books and checks in a patient at `time` on Monday: an encounter planned, open for documentation. */
export async function checkedInEncounter(tw: TestWorkstation, c: ScheduleClinic, patientId: string, time: string): Promise<{ encounterId: string; appointmentId: string }> {
  const appt = unwrap(await c.desk.api.schedule.book({ patientId, providerId: c.providers.maria, typeId: c.types.checkup.id, startsAt: berlin(MONDAY, time) }));
  unwrap(await c.desk.api.queue.checkIn({ appointmentId: appt.id }));
  const row = tw.workstation.database.raw.prepare('SELECT id FROM encounters WHERE appointment_id = ?').get(appt.id) as { id: string };
  return { encounterId: row.id, appointmentId: appt.id };
}
