import { useState } from 'react';
import { allergyWarningsFor, type Allergy } from '../../../common/domain/allergies';
import type { Order, OrderResult } from '../../../common/domain/orders';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { Button } from '../../ui/button';
import { DataTable, type Column } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { Form, FormActions } from '../../ui/form';
import { formatDateTime } from '../../ui/format-date-time';
import { LoadingMessage } from '../../ui/loading-message';
import { Notice } from '../../ui/notice';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { AllergyWarnings } from './allergy-warnings';
import { flagText } from './encounter-format';
import { LabOrderForm } from './lab-order-form';
import { MedicationOrderForm } from './medication-order-form';
import { drugCodeOf, medicationSummary, ORDER_STATUS_LABELS, ORDER_STATUS_TONES, PRIORITY_LABELS, SPECIMEN_LABELS } from './order-labels';

export interface OrdersPanelProps {
  patientId: string;
  encounterId: string;
  allergies: readonly Allergy[];
  canWrite: boolean;
  canSign: boolean;
  /** Changes when results may have been charted (accepted readings). */
  refresh: number;
}

type Editor = { kind: 'medication' } | { kind: 'lab' } | { kind: 'sign'; order: Order } | { kind: 'cancel'; order: Order } | null;

/** The patient's orders: drafts to sign, active ones to complete or cancel, lab results attached. */
export function OrdersPanel({ patientId, encounterId, allergies, canWrite, canSign, refresh }: OrdersPanelProps) {
  const client = useClient();
  const orders = useApiQuery(() => client.api.orders.list({ patientId }), [client, patientId, refresh]);
  const [editor, setEditor] = useState<Editor>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<Parameters<typeof ErrorBanner>[0]['error']>(null);

  const done = (message: string) => {
    setEditor(null);
    setNotice(message);
    orders.reload();
  };

  const warningsOf = (order: Order) => (order.kind === 'medication' ? allergyWarningsFor({ name: order.display, code: drugCodeOf(order) }, allergies) : []);

  const sign = async (order: Order) => {
    if (warningsOf(order).length > 0) {
      setEditor({ kind: 'sign', order });
      return;
    }
    setBusyId(order.id);
    const result = await client.api.orders.sign({ orderId: order.id, expectedVersion: order.version });
    setBusyId(null);
    if (result.ok) done(`Signed: ${order.display}`);
    else if (result.error.field === 'overrideAllergy') setEditor({ kind: 'sign', order });
    else setActionError(result.error);
  };

  const complete = async (order: Order) => {
    setBusyId(order.id);
    const result = await client.api.orders.complete({ orderId: order.id, expectedVersion: order.version });
    setBusyId(null);
    if (result.ok) done(`Completed: ${order.display}`);
    else setActionError(result.error);
  };

  const columns: Column<Order>[] = [
    { header: 'Ordered', cell: (o) => <time dateTime={o.createdAt}>{formatDateTime(o.createdAt, true)}</time> },
    { header: 'Order', rowHeader: true, cell: (o) => <OrderDescription order={o} /> },
    {
      header: 'Status',
      cell: (o) => (
        <>
          <span className={`badge badge--${ORDER_STATUS_TONES[o.status]}`}>{ORDER_STATUS_LABELS[o.status]}</span>
          {o.signedByName ? <span className="order-meta">Signed by {o.signedByName}</span> : null}
          {o.allergyOverrideReason ? <span className="order-meta">Allergy override: {o.allergyOverrideReason}</span> : null}
          {o.statusReason ? <span className="order-meta">Reason: {o.statusReason}</span> : null}
        </>
      ),
    },
    {
      header: 'Actions',
      cell: (o) => (
        <div className="row-actions">
          {o.status === 'draft' && canSign ? (
            <Button variant="primary" busy={busyId === o.id} onClick={() => void sign(o)} aria-label={`Sign ${o.display}`}>
              Sign
            </Button>
          ) : null}
          {o.status === 'active' && canWrite ? (
            <Button busy={busyId === o.id} onClick={() => void complete(o)} aria-label={`Complete ${o.display}`}>
              Complete
            </Button>
          ) : null}
          {(o.status === 'draft' || o.status === 'active') && canWrite ? (
            <Button variant="quiet" onClick={() => setEditor({ kind: 'cancel', order: o })} aria-label={`Cancel ${o.display}`}>
              Cancel order
            </Button>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <section className="card encounter-panel orders-panel" aria-labelledby="orders-title">
      <div className="encounter-panel__header">
        <h2 id="orders-title">Orders</h2>
        {canWrite ? (
          <div className="encounter-panel__actions">
            <Button onClick={() => setEditor({ kind: 'medication' })}>New medication order</Button>
            <Button onClick={() => setEditor({ kind: 'lab' })}>New lab order</Button>
          </div>
        ) : null}
      </div>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorBanner error={actionError} />
      {orders.error ? <ErrorBanner error={orders.error} onRetry={orders.reload} /> : null}
      {editor?.kind === 'medication' ? (
        <MedicationOrderForm
          patientId={patientId}
          encounterId={encounterId}
          allergies={allergies}
          onDrafted={(o) => done(`Draft saved: ${o.display}${canSign ? '' : '. A physician signs it.'}`)}
          onCancel={() => setEditor(null)}
        />
      ) : null}
      {editor?.kind === 'lab' ? (
        <LabOrderForm
          patientId={patientId}
          encounterId={encounterId}
          onDrafted={(o) => done(`Draft saved: ${o.display}, accession number ${o.lab?.accessionNumber ?? '—'}`)}
          onCancel={() => setEditor(null)}
        />
      ) : null}
      {editor?.kind === 'sign' ? (
        <SignWithOverrideForm order={editor.order} warnings={warningsOf(editor.order)} onSigned={() => done(`Signed with allergy override: ${editor.order.display}`)} onCancel={() => setEditor(null)} />
      ) : null}
      {editor?.kind === 'cancel' ? (
        <CancelOrderForm order={editor.order} onCancelled={() => done(`Cancelled: ${editor.order.display}`)} onCancel={() => setEditor(null)} />
      ) : null}
      {!orders.data && !orders.error ? <LoadingMessage /> : null}
      {orders.data ? (
        <DataTable caption="Orders, newest first" captionHidden columns={columns} rows={orders.data} rowKey={(o) => o.id} emptyMessage="No orders yet." />
      ) : null}
    </section>
  );
}

function OrderDescription({ order }: { order: Order }) {
  return (
    <div className="order-description">
      <span className="order-description__name">
        {order.kind === 'lab' ? 'Lab: ' : ''}
        {order.display}
      </span>
      {order.medication ? <span className="order-meta">{medicationSummary(order.medication)}</span> : null}
      {order.medication?.instructions ? <span className="order-meta">{order.medication.instructions}</span> : null}
      {order.lab ? (
        <span className="order-meta">
          {SPECIMEN_LABELS[order.lab.specimen]} · {PRIORITY_LABELS[order.lab.priority]} · Accession <strong>{order.lab.accessionNumber}</strong>
        </span>
      ) : null}
      {order.kind === 'lab' ? <LabResults order={order} /> : null}
    </div>
  );
}

const resultColumns: Column<OrderResult>[] = [
  { header: 'Test', rowHeader: true, cell: (r) => r.display ?? r.code },
  { header: 'Result', cell: (r) => <span className={r.abnormal ? 'lab-result--abnormal' : undefined}>{r.value === null ? '—' : `${r.value}${r.unit ? ` ${r.unit}` : ''}`}</span> },
  { header: 'Reference range', cell: (r) => r.referenceRange ?? <span className="muted">—</span> },
  {
    header: 'Flags',
    cell: (r) =>
      r.flags.length === 0 ? (
        <span className="muted">Normal</span>
      ) : (
        r.flags.map((f) => (
          <span key={f} className={`badge ${r.abnormal ? 'badge--danger' : 'badge--warn'} reading-flag`}>
            {flagText(f)}
          </span>
        ))
      ),
  },
  { header: 'Time', cell: (r) => <time dateTime={r.observedAt}>{formatDateTime(r.observedAt, true)}</time> },
];

function LabResults({ order }: { order: Order }) {
  if (order.results.length === 0) return <span className="order-meta muted">No results yet</span>;
  return (
    <div className="lab-results">
      <DataTable caption={`Results of ${order.display}`} columns={resultColumns} rows={order.results} rowKey={(r) => r.observationId} emptyMessage="No results yet." />
    </div>
  );
}

function SignWithOverrideForm({ order, warnings, onSigned, onCancel }: { order: Order; warnings: ReturnType<typeof allergyWarningsFor>; onSigned: () => void; onCancel: () => void }) {
  const client = useClient();
  const form = useFormSubmit({ fallbackField: 'overrideAllergy.reason' });
  const [reason, setReason] = useState('');
  const submit = async () => {
    const signed = await form.run(() => client.api.orders.sign({ orderId: order.id, expectedVersion: order.version, overrideAllergy: { reason } }));
    if (signed) onSigned();
  };
  return (
    <Form title={`Sign ${order.display} despite an allergy`} titleLevel={3} form={form} onSubmit={() => void submit()} className="clinical-form">
      <AllergyWarnings warnings={warnings} />
      <TextField label="Reason for overriding the allergy warning" {...form.field('overrideAllergy.reason')} value={reason} onChange={setReason} maxLength={300} required autoFocus />
      <FormActions form={form} submitLabel="Sign with override" onCancel={onCancel} />
    </Form>
  );
}

function CancelOrderForm({ order, onCancelled, onCancel }: { order: Order; onCancelled: () => void; onCancel: () => void }) {
  const client = useClient();
  const form = useFormSubmit({ fallbackField: 'reason' });
  const [reason, setReason] = useState('');
  const submit = async () => {
    const cancelled = await form.run(() => client.api.orders.cancel({ orderId: order.id, expectedVersion: order.version, reason }));
    if (cancelled) onCancelled();
  };
  return (
    <Form title={`Cancel ${order.display}`} titleLevel={3} form={form} onSubmit={() => void submit()} className="clinical-form">
      <TextField label="Reason for cancelling" {...form.field('reason')} value={reason} onChange={setReason} maxLength={200} required autoFocus />
      <FormActions form={form} submitLabel="Cancel order" onCancel={onCancel} />
    </Form>
  );
}
