import { useState } from 'react';
import type { Device } from '../../../common/domain/devices';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadingMessage } from '../../ui/loading-message';
import { SelectField, type SelectOption } from '../../ui/select-field';
import { JournalEntryDialog } from './journal-entry-dialog';
import { focusJournalRow, JOURNAL_STATUS_LABELS, JournalTable } from './journal-table';
import { useDeviceJournal, type JournalFilter, type JournalStatus } from './use-device-journal';

const STATUS_OPTIONS: readonly SelectOption<JournalStatus | ''>[] = [
  { value: '', label: 'Any status' },
  ...(['pending', 'processed', 'failed'] as const).map((s) => ({ value: s, label: JOURNAL_STATUS_LABELS[s] })),
];

export interface JournalSectionProps {
  devices: readonly Device[] | null;
  filter: JournalFilter;
  onFilter: (filter: JournalFilter) => void;
}

/** The raw messages every device sent, newest first, kept whether or not they could be decoded. */
export function JournalSection({ devices, filter, onFilter }: JournalSectionProps) {
  const journal = useDeviceJournal(filter);
  const [openSeq, setOpenSeq] = useState<number | null>(null);
  const deviceOptions: SelectOption<string>[] = [
    { value: '', label: 'All devices' },
    ...(devices ?? []).map((d) => ({ value: d.id, label: d.name })),
  ];
  // A device filter from the URL shows even before (or without) the device list.
  if (filter.deviceId && !deviceOptions.some((o) => o.value === filter.deviceId)) {
    deviceOptions.push({ value: filter.deviceId, label: 'The chosen device' });
  }

  return (
    <section aria-labelledby="journal-title" className="section">
      <div className="devices-section__header">
        <h2 id="journal-title">Message journal</h2>
        <Button variant="secondary" onClick={journal.refresh} aria-disabled={journal.loading || undefined}>
          Refresh journal
        </Button>
      </div>
      <div className="toolbar">
        <SelectField label="Device" name="journalDevice" value={filter.deviceId ?? ''} options={deviceOptions} onChange={(id) => onFilter({ ...filter, deviceId: id || null })} />
        <SelectField label="Status" name="journalStatus" value={filter.status ?? ''} options={STATUS_OPTIONS} onChange={(s) => onFilter({ ...filter, status: s || null })} />
      </div>
      {journal.loaded ? <JournalTable entries={journal.entries} onOpen={setOpenSeq} /> : null}
      {journal.error ? <ErrorBanner error={journal.error} onRetry={journal.retry} /> : null}
      {journal.loading ? <LoadingMessage /> : null}
      {journal.loaded && !journal.error ? (
        <div className="list-footer">
          {journal.hasMore ? (
            <Button variant="secondary" onClick={journal.loadMore} aria-disabled={journal.loading || undefined}>
              Load more
            </Button>
          ) : (
            <p className="muted">{journal.entries.length === 0 ? '' : 'No older messages.'}</p>
          )}
        </div>
      ) : null}
      {openSeq !== null ? (
        <JournalEntryDialog
          seq={openSeq}
          onClose={() => {
            const seq = openSeq;
            setOpenSeq(null);
            requestAnimationFrame(() => focusJournalRow(seq));
          }}
        />
      ) : null}
    </section>
  );
}
