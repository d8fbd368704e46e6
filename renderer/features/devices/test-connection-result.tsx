import { useState } from 'react';
import type { MethodOutput } from '../../../common/contract';
import { SelectField, type SelectOption } from '../../ui/select-field';
import { MonitorLog, type MonitorView } from './monitor-log';

export type ConnectionTestResult = MethodOutput<'devices.testConnection'>;

const VIEW_OPTIONS: readonly SelectOption<MonitorView>[] = [
  { value: 'text', label: 'Text' },
  { value: 'hex', label: 'Hex' },
];

/** What a connection test found: whether the port opened, what arrived and what the decoder made of it. */
export function TestConnectionResult({ result }: { result: ConnectionTestResult }) {
  const [view, setView] = useState<MonitorView>('text');
  const headline = result.opened
    ? `Port opened. ${result.bytesReceived} bytes received, ${result.messagesDecoded} messages decoded, ${result.framesRejected} frames rejected.`
    : `Could not open the port${result.error ? `: ${result.error}` : '.'}`;
  return (
    <section className={`test-result ${result.opened ? 'test-result--ok' : 'test-result--failed'}`} aria-label="Connection test result">
      <h3>Connection test</h3>
      <p role="status" className="test-result__headline">
        {headline}
      </p>
      {result.opened && result.error ? <p className="test-result__error">{result.error}</p> : null}
      <dl className="facts">
        <dt>Opened</dt>
        <dd>{result.opened ? 'Yes' : 'No'}</dd>
        <dt>Bytes received</dt>
        <dd>{result.bytesReceived}</dd>
        <dt>Messages decoded</dt>
        <dd>{result.messagesDecoded}</dd>
        <dt>Frames rejected</dt>
        <dd>{result.framesRejected}</dd>
      </dl>
      {result.notices.length > 0 ? (
        <>
          <h4>Decoder notices</h4>
          <ul className="ability-list">
            {result.notices.map((notice, i) => (
              <li key={i}>{notice}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h4>Sample</h4>
      {result.sample.length > 0 ? <SelectField label="Sample view" name="sampleView" value={view} options={VIEW_OPTIONS} onChange={setView} /> : null}
      <MonitorLog chunks={result.sample} view={view} label="Sample of the traffic received" emptyMessage="Nothing arrived during the test." />
    </section>
  );
}
