import { useEffect, useId, useState } from 'react';
import { AMENDMENT_REASON_MAX, SOAP_SECTION_MAX, SOAP_SECTIONS, type ClinicalNote, type SoapSection } from '../../../common/domain/clinical-notes';
import { useClient } from '../../api/client-context';
import { useApiQuery } from '../../api/use-api-query';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Form } from '../../ui/form';
import { formatDateTime } from '../../ui/format-date-time';
import { LoadingMessage } from '../../ui/loading-message';
import { TextAreaField } from '../../ui/textarea-field';
import { TextField } from '../../ui/text-field';
import { useFormSubmit } from '../../ui/use-form-submit';

const SECTION_LABELS: Readonly<Record<SoapSection, string>> = { subjective: 'Subjective', objective: 'Objective', assessment: 'Assessment', plan: 'Plan' };
const STATUS_LABELS: Readonly<Record<ClinicalNote['status'], string>> = { draft: 'Draft', signed: 'Signed', amended: 'Amended', 'entered-in-error': 'Entered in error' };

export interface NotesPanelProps {
  encounterId: string;
  /** New notes only while the encounter is under way; amendments any time. */
  encounterOpen: boolean;
  userId: string;
  canWrite: boolean;
  canSign: boolean;
}

/**
 * The encounter's SOAP notes. The signed-in clinician edits their own draft; signed notes are
 * read-only and corrected by an amendment, whose history stays visible.
 */
export function NotesPanel({ encounterId, encounterOpen, userId, canWrite, canSign }: NotesPanelProps) {
  const client = useClient();
  const notes = useApiQuery(() => client.api.notes.list({ encounterId }), [client, encounterId]);
  const [startError, setStartError] = useState<string | null>(null);
  const titleId = useId();
  const list = notes.data ?? [];
  const ownDraft = canWrite ? [...list].reverse().find((n) => n.status === 'draft' && n.authorId === userId) : undefined;
  const chains = chainsOf(list.filter((n) => n !== ownDraft));

  const startNote = async () => {
    setStartError(null);
    const result = await client.api.notes.saveDraft({ encounterId });
    if (result.ok) notes.reload();
    else setStartError(result.error.message);
  };

  return (
    <section className="card encounter-panel" aria-labelledby={titleId}>
      <div className="encounter-panel__header">
        <h2 id={titleId}>Notes</h2>
        {canWrite && encounterOpen && !ownDraft && notes.data ? <Button onClick={() => void startNote()}>New note</Button> : null}
      </div>
      <ErrorBanner error={startError} />
      {notes.error ? <ErrorBanner error={notes.error} onRetry={notes.reload} /> : null}
      {!notes.data && !notes.error ? <LoadingMessage /> : null}
      {ownDraft ? <NoteEditor key={ownDraft.id} note={ownDraft} amends={list.find((n) => n.id === ownDraft.amendsNoteId)} canSign={canSign} onChanged={notes.reload} /> : null}
      {notes.data && chains.length === 0 && !ownDraft ? <p className="muted">No notes yet.</p> : null}
      {chains.map((chain) => (
        <NoteChain key={chain[0]!.id} chain={chain} canAmend={canWrite && !ownDraft} onAmended={notes.reload} />
      ))}
    </section>
  );
}

/** Each original note followed by its amendments, oldest first. */
function chainsOf(notes: readonly ClinicalNote[]): ClinicalNote[][] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const rootOf = (n: ClinicalNote): string => {
    let current = n;
    for (let hops = 0; current.amendsNoteId && byId.has(current.amendsNoteId) && hops < 100; hops += 1) current = byId.get(current.amendsNoteId)!;
    return current.id;
  };
  const chains = new Map<string, ClinicalNote[]>();
  for (const n of notes) {
    const root = rootOf(n);
    chains.set(root, [...(chains.get(root) ?? []), n]);
  }
  return [...chains.values()];
}

function NoteChain({ chain, canAmend, onAmended }: { chain: ClinicalNote[]; canAmend: boolean; onAmended: () => void }) {
  const current = [...chain].reverse().find((n) => n.status === 'signed') ?? chain[chain.length - 1]!;
  const history = chain.filter((n) => n !== current);
  const headingId = useId();
  return (
    <article className="note" aria-labelledby={headingId}>
      <h3 id={headingId} className="note__title">
        Note by {current.authorName} <span className={`badge ${current.status === 'signed' ? 'badge--ok' : 'badge--muted'}`}>{STATUS_LABELS[current.status]}</span>
      </h3>
      <NoteMeta note={current} />
      <NoteSections note={current} />
      {canAmend && current.status === 'signed' ? <AmendForm note={current} onAmended={onAmended} /> : null}
      {history.length > 0 ? (
        <details className="note__history">
          <summary>Amendment history ({history.length})</summary>
          <ol>
            {history.map((n) => (
              <li key={n.id}>
                <p>
                  <span className="badge badge--muted">{STATUS_LABELS[n.status]}</span> by {n.authorName}
                </p>
                <NoteMeta note={n} />
                <NoteSections note={n} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </article>
  );
}

function NoteMeta({ note }: { note: ClinicalNote }) {
  return (
    <p className="note__meta muted">
      {note.signedAt ? `Signed ${formatDateTime(note.signedAt)}` : `Started ${formatDateTime(note.createdAt)}`}
      {note.amendmentReason ? ` · Amendment: ${note.amendmentReason}` : ''}
    </p>
  );
}

function NoteSections({ note }: { note: ClinicalNote }) {
  return (
    <dl className="note__sections">
      {SOAP_SECTIONS.map((s) => (
        <div key={s}>
          <dt>{SECTION_LABELS[s]}</dt>
          <dd>{note[s] === '' ? <span className="muted">—</span> : note[s]}</dd>
        </div>
      ))}
    </dl>
  );
}

function AmendForm({ note, onAmended }: { note: ClinicalNote; onAmended: () => void }) {
  const client = useClient();
  const form = useFormSubmit();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <Button onClick={() => setOpen(true)} aria-label={`Amend note by ${note.authorName}`}>
        Amend
      </Button>
    );
  }
  return (
    <Form
      title="Amend this note"
      titleLevel={3}
      form={form}
      onSubmit={() =>
        void form.run(() => client.api.notes.amend({ noteId: note.id, reason })).then((amendment) => {
          if (amendment) onAmended();
        })
      }
    >
      <TextField label="Reason for the amendment" value={reason} onChange={setReason} maxLength={AMENDMENT_REASON_MAX} {...form.field('reason')} />
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={form.pending}>
          Start amendment
        </Button>
        <Button onClick={() => setOpen(false)}>Cancel</Button>
      </div>
    </Form>
  );
}

type Sections = Record<SoapSection, string>;
const sectionsOf = (n: ClinicalNote): Sections => ({ subjective: n.subjective, objective: n.objective, assessment: n.assessment, plan: n.plan });

function NoteEditor({ note, amends, canSign, onChanged }: { note: ClinicalNote; amends: ClinicalNote | undefined; canSign: boolean; onChanged: () => void }) {
  const client = useClient();
  const form = useFormSubmit();
  const [sections, setSections] = useState<Sections>(() => sectionsOf(note));
  const [version, setVersion] = useState(note.version);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setVersion(note.version), [note.version]);

  const dirty = SOAP_SECTIONS.some((s) => sections[s] !== note[s]) || version !== note.version;
  const save = () =>
    form.run(() => client.api.notes.saveDraft({ encounterId: note.encounterId, noteId: note.id, expectedVersion: version, ...sections }));

  const saveDraft = async () => {
    setMessage(null);
    const saved = await save();
    if (saved) {
      setVersion(saved.version);
      setMessage('Draft saved.');
      onChanged();
    }
  };

  const sign = async () => {
    setMessage(null);
    let at = version;
    if (dirty) {
      const saved = await save();
      if (!saved) return;
      at = saved.version;
      setVersion(at);
    }
    if (await form.run(() => client.api.notes.sign({ noteId: note.id, expectedVersion: at }))) onChanged();
  };

  return (
    <Form
      title={amends ? 'Amendment (draft)' : 'Draft note'}
      titleLevel={3}
      form={form}
      className="note-editor"
      intro={amends ? <p>Amends the note signed {formatDateTime(amends.signedAt)} · Reason: {note.amendmentReason}</p> : null}
      onSubmit={() => void saveDraft()}
    >
      {SOAP_SECTIONS.map((s) => (
        <TextAreaField
          key={s}
          label={SECTION_LABELS[s]}
          value={sections[s]}
          onChange={(v) => setSections((old) => ({ ...old, [s]: v }))}
          maxLength={SOAP_SECTION_MAX}
          {...form.field(s)}
        />
      ))}
      <div className="form__actions">
        <Button type="submit" variant={canSign ? 'secondary' : 'primary'} busy={form.pending}>
          Save draft
        </Button>
        {canSign ? (
          <Button variant="primary" busy={form.pending} onClick={() => void sign()}>
            Sign
          </Button>
        ) : null}
        {message ? (
          <p className="muted" role="status">
            {message}
          </p>
        ) : null}
      </div>
    </Form>
  );
}
