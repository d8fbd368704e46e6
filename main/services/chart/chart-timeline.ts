import {
  compareTimeline, DEFAULT_FLOWSHEET_CODES, type TimelineCursor, type TimelineEntry, type TimelineKind, type TimelinePage,
} from '../../../common/domain/chart';
import type { ChartReader, ObservationGroupRow, TimelineRow, TimelineRowKind } from '../../../db/repositories/chart-repository';

const BEGINNING = '0000-01-01T00:00:00.000Z';
const END = '9999-12-31T23:59:59.999Z';
/** Above every UUID (hex and dashes): "all rows at the cursor's time". */
const ALL_IDS = '~';

export interface TimelineQuery {
  patientId: string;
  kinds: readonly TimelineKind[];
  from?: string;
  to?: string;
  after?: TimelineCursor;
  limit: number;
}

const ROW_KIND_ORDER: readonly TimelineRowKind[] = ['encounter', 'order', 'plan', 'note', 'problem', 'allergy'];

/**
 * The id below which rows of `kind` at exactly the cursor's time come after the cursor. Keys are
 * `<kind>:<id>` and no kind name is a prefix of another, so comparing keys compares kinds first.
 */
function idBoundFor(kind: TimelineKind, cursor: TimelineCursor | undefined): string {
  if (!cursor) return ALL_IDS;
  const [cursorKind, ...rest] = cursor.key.split(':');
  if (kind === cursorKind) return rest.join(':');
  return kind < (cursorKind ?? '') ? ALL_IDS : '';
}

function entryOfRow(kind: TimelineRowKind, row: TimelineRow): TimelineEntry {
  const title = kind === 'encounter' ? (row.title ? `Encounter: ${row.title}` : 'Encounter') : row.title;
  return {
    key: `${kind}:${row.id}`,
    kind,
    time: row.time,
    title,
    summary: row.detail ?? '',
    status: row.status,
    links: {
      encounterId: row.encounter_id,
      orderId: row.order_id,
      carePlanId: kind === 'plan' ? row.id : null,
      noteId: kind === 'note' ? row.id : null,
      problemId: kind === 'problem' ? row.id : null,
      allergyId: kind === 'allergy' ? row.id : null,
    },
  };
}

function describeItems(items: string): string {
  return items
    .split('\u001e')
    .map((item) => {
      const [name = '', value = '', unit = ''] = item.split('\u001f');
      return `${name} ${value}${unit ? ` ${unit}` : ''}`;
    })
    .sort()
    .join(' · ');
}

function entryOfGroup(kind: 'vitals' | 'result', row: ObservationGroupRow): TimelineEntry {
  const count = row.items.split('\u001e').length;
  return {
    key: `${kind}:${row.time}`,
    kind,
    time: row.time,
    title: kind === 'vitals' ? 'Vital signs' : count === 1 ? 'Result' : `Results (${count})`,
    summary: describeItems(row.items),
    status: null,
    links: { encounterId: row.encounter_id, orderId: row.order_id, carePlanId: null, noteId: null, problemId: null, allergyId: null },
  };
}

/**
 * One page of the timeline: each chosen kind is read newest first from the cursor on, at most a
 * page of it, and the candidates are merged by (time, key). Every query is a bounded index range
 * scan, so the cost of a page does not grow with the length of the history.
 */
export function readTimelinePage(reader: ChartReader, q: TimelineQuery): TimelinePage {
  const from = q.from ?? BEGINNING;
  const upper = q.after ? (q.to && q.to < q.after.time ? q.to : q.after.time) : (q.to ?? END);
  const take = q.limit + 1;
  const candidates: TimelineEntry[] = [];
  const kinds = new Set(q.kinds);

  for (const kind of ROW_KIND_ORDER) {
    if (!kinds.has(kind)) continue;
    const bound = q.after && upper === q.after.time ? idBoundFor(kind, q.after) : ALL_IDS;
    for (const row of reader.rowsOfKind(kind, q.patientId, from, upper, bound, take)) candidates.push(entryOfRow(kind, row));
  }
  for (const kind of ['vitals', 'result'] as const) {
    if (!kinds.has(kind)) continue;
    // A group's key is its time, so "before the cursor" at the cursor's time is one comparison.
    const strict = q.after !== undefined && upper === q.after.time && !(`${kind}:${upper}` < q.after.key);
    const groups = reader.observationGroups(kind === 'vitals', DEFAULT_FLOWSHEET_CODES, q.patientId, from, upper, strict, take);
    for (const row of groups) candidates.push(entryOfGroup(kind, row));
  }

  candidates.sort(compareTimeline);
  const entries = candidates.slice(0, q.limit);
  const last = entries.at(-1);
  const nextCursor = candidates.length > q.limit && last ? { time: last.time, key: last.key } : null;
  return { entries, nextCursor };
}
