import type { DemoClinicSummary } from '../services/demo/demo-clinic';

export function formatDemoSummary(summary: DemoClinicSummary): string {
  const lines = [
    `${summary.alreadyPresent ? 'Demo clinic already present' : 'Demo clinic created'}: ${summary.organizationName}`,
    `  ${summary.locations} locations, ${summary.providers} providers, ${summary.patients} patients`,
    '  Demo accounts (demo data only):',
    ...summary.accounts.map((a) => `    ${a.role.padEnd(10)} username ${a.username.padEnd(10)} password ${a.password}`),
  ];
  return lines.join('\n');
}
