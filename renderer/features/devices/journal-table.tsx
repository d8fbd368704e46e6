import type { JournalEntry } from '../../../common/domain/devices';
import { Button } from '../../ui/button';
import { DataTable, type Column } from '../../ui/data-table';
import { formatDateTime } from '../../ui/format-date-time';

export const JOURNAL_STATUS_LABELS: Record<JournalEntry['status'], string> = {
  pending: 'Pending',
  processed: 'Processed',
  failed: 'Failed',
};

const STATUS_TONES: Record<JournalEntry['status'], string> = {
  pending: 'badge--warn',
  processed: 'badge--ok',
  failed: 'badge--danger',
};

/** Marks each row's View button so focus can return to it when the entry closes. */
const VIEW_ATTRIBUTE = 'data-journal-seq';

export function focusJournalRow(seq: number): void {
  document.querySelector<HTMLButtonElement>(`[${VIEW_ATTRIBUTE}="${seq}"]`)?.focus();
}

export function JournalTable({ entries, onOpen }: { entries: readonly JournalEntry[]; onOpen: (seq: number) => void }) {
  const columns: Column<JournalEntry>[] = [
    {
      header: 'Seq',
      rowHeader: true,
      cell: (e) => (
        <Button variant="quiet" onClick={() => onOpen(e.seq)} aria-label={`View journal entry ${e.seq}`} {...{ [VIEW_ATTRIBUTE]: e.seq }}>
          {e.seq}
        </Button>
      ),
    },
    { header: 'Received', cell: (e) => formatDateTime(e.receivedAt, true) },
    { header: 'Device', cell: (e) => e.deviceName },
    { header: 'Message id', cell: (e) => e.messageId ?? '—' },
    {
      header: 'Status',
      cell: (e) => (
        <>
          <span className={`badge ${STATUS_TONES[e.status]}`}>{JOURNAL_STATUS_LABELS[e.status]}</span>
          {e.error ? <span className="data-table__sub">{e.error}</span> : null}
        </>
      ),
    },
    { header: 'Readings', className: 'device-number', cell: (e) => e.readingCount },
    { header: 'Bytes', className: 'device-number', cell: (e) => e.byteCount },
    { header: 'Preview', className: 'journal-preview', cell: (e) => <code>{e.preview}</code> },
  ];
  return <DataTable caption="Raw message journal" captionHidden columns={columns} rows={entries} rowKey={(e) => String(e.seq)} emptyMessage="No messages match." />;
}
