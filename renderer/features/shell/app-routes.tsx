import { Route, Routes } from 'react-router';
import { AccountPage } from '../account/account-page';
import { AuditPage } from '../audit/audit-page';
import { FirstRunPage } from '../auth/first-run-page';
import { LoginPage } from '../auth/login-page';
import { RequireSession } from '../auth/require-session';
import { PatientChartPage } from '../chart/chart-page';
import { ClinicPage } from '../clinic/clinic-page';
import { DevicesPage } from '../devices/devices-page';
import { EncounterPage } from '../encounters/encounter-page';
import { EncountersPage } from '../encounters/encounters-page';
import { HomePage } from '../home/home-page';
import { PatientRecordPage } from '../patients/patient-record-page';
import { PatientsPage } from '../patients/patients-page';
import { QueuePage } from '../queue/queue-page';
import { RegisterPatientPage } from '../patients/register-patient-page';
import { SchedulePage } from '../schedule/schedule-page';
import { UsersPage } from '../users/users-page';
import { WorklistPage } from '../worklist/worklist-page';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';
import { RequirePermission } from './require-permission';
import { PATHS } from './app-paths';

export function AppRoutes() {
  return (
    <Routes>
      <Route path={PATHS.setup} element={<FirstRunPage />} />
      <Route path={PATHS.login} element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<HomePage />} />
        <Route
          path={PATHS.users}
          element={
            <RequirePermission permission="users.manage">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path={PATHS.clinic}
          element={
            <RequirePermission permission="clinic.manage">
              <ClinicPage />
            </RequirePermission>
          }
        />
        <Route
          path={PATHS.devices}
          element={
            <RequirePermission permission="devices.manage">
              <DevicesPage />
            </RequirePermission>
          }
        />
        <Route
          path={PATHS.patients}
          element={
            <RequirePermission permission="patients.read">
              <PatientsPage />
            </RequirePermission>
          }
        />
        <Route
          path={PATHS.registerPatient}
          element={
            <RequirePermission permission="patients.write">
              <RegisterPatientPage />
            </RequirePermission>
          }
        />
        <Route
          path={PATHS.patient}
          element={
            <RequirePermission permission="patients.read">
              <PatientRecordPage />
            </RequirePermission>
          }
        />
        <Route
          path={PATHS.patientChart}
          element={
            <RequirePermission permission="clinical.read">
              <PatientChartPage />
            </RequirePermission>
          }
        />
        <Route
          path={PATHS.schedule}
          element={
            <RequirePermission permission="schedule.read">
              <SchedulePage />
            </RequirePermission>
          }
        />
        <Route
          path={PATHS.queue}
          element={
            <RequirePermission permission="schedule.read">
              <QueuePage />
            </RequirePermission>
          }
        />
        <Route
          path={PATHS.encounters}
          element={
            <RequirePermission permission="clinical.read">
              <EncountersPage />
            </RequirePermission>
          }
        />
        <Route
          path={PATHS.encounter}
          element={
            <RequirePermission permission="clinical.read">
              <EncounterPage />
            </RequirePermission>
          }
        />
        <Route
          path={PATHS.worklist}
          element={
            <RequirePermission permission="clinical.read">
              <WorklistPage />
            </RequirePermission>
          }
        />
        <Route
          path={PATHS.audit}
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route path={PATHS.account} element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
