import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorBanner } from '../../ui/error-banner';
import { formatDateTime } from '../../ui/format-date-time';
import { LoadingMessage } from '../../ui/loading-message';
import { ModalDialog } from '../../ui/modal-dialog';
import { PROTOCOL_LABELS } from './device-labels';
import { JOURNAL_STATUS_LABELS } from './journal-table';
import { showControlCharacters, spacedHex } from './monitor-log';

function decodedJson(decoded: unknown): string {
  if (decoded === null || decoded === undefined) return 'The message cannot be decoded.';
  try {
    return JSON.stringify(decoded, null, 2);
  } catch {
    return String(decoded);
  }
}

/** One raw journal entry: as hex, as text, and as the decoder reads it now. */
export function JournalEntryDialog({ seq, onClose }: { seq: number; onClose: () => void }) {
  const client = useClient();
  const entry = useApiQuery(() => client.api.devices.journalEntry({ seq }), [client, seq]);
  const e = entry.data;
  return (
    <ModalDialog title={`Journal entry ${seq}`} onClose={onClose}>
      <div className="journal-entry">
        {entry.error ? <ErrorBanner error={entry.error} onRetry={entry.reload} /> : null}
        {e ? (
          <>
            <dl className="facts">
              <dt>Device</dt>
              <dd>{e.deviceName}</dd>
              <dt>Protocol</dt>
              <dd>{PROTOCOL_LABELS[e.protocol]}</dd>
              <dt>Received</dt>
              <dd>{formatDateTime(e.receivedAt, true)}</dd>
              <dt>Message id</dt>
              <dd>{e.messageId ?? '—'}</dd>
              <dt>Status</dt>
              <dd>{JOURNAL_STATUS_LABELS[e.status]}</dd>
              <dt>Readings</dt>
              <dd>{e.readingCount}</dd>
              <dt>Bytes</dt>
              <dd>{e.byteCount}</dd>
            </dl>
            {e.error ? (
              <div className="callout" role="alert">
                <p>Error: {e.error}</p>
              </div>
            ) : null}
            <h3>Text</h3>
            <pre className="journal-entry__raw" aria-label="Message as text" tabIndex={0}>
              {showControlCharacters(e.text)}
            </pre>
            <h3>Hex</h3>
            <pre className="journal-entry__raw" aria-label="Message as hex" tabIndex={0}>
              {spacedHex(e.hex)}
            </pre>
            <h3>Decoded</h3>
            <pre className="journal-entry__raw" aria-label="Decoded message" tabIndex={0}>
              {decodedJson(e.decoded)}
            </pre>
          </>
        ) : entry.error ? null : (
          <LoadingMessage />
        )}
      </div>
    </ModalDialog>
  );
}
