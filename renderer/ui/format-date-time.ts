const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A stored UTC instant in the workstation's local time; "—" for none. */
export function formatDateTime(instant: string | null, withSeconds = false): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return (withSeconds ? dateTimeSeconds : dateTime).format(date);
}
