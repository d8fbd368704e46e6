import { useMemo } from 'react';
import { OCCUPYING_STATUSES, type Appointment } from '../../../common/domain/scheduling';
import { instantOfWallTime, localMinutesOf, wallTimeOfMinutes } from '../../../common/domain/time-zone';
import { AppointmentBlock } from './appointment-block';

const SLOT_MINUTES = 5;

export interface GridColumn {
  key: string;
  label: string;
  providerId: string;
  date: string;
  hours: { startsAt: string; endsAt: string }[];
  breaks: { startsAt: string; endsAt: string }[];
  appointments: Appointment[];
}

export interface TimeGridProps {
  caption: string;
  columns: readonly GridColumn[];
  zone: string;
  selectedId: string | null;
  onSelect: (appointment: Appointment) => void;
  /** A click on free working time: book there (mouse convenience; the keyboard uses "New appointment"). */
  onPickSlot: (column: GridColumn, time: string) => void;
}

type CellState = 'work' | 'break' | 'off';

interface PlacedColumn {
  column: GridColumn;
  /** Row index -> the appointment starting there and how many rows it covers. */
  starts: Map<number, { appointment: Appointment; span: number }>;
  covered: Set<number>;
  states: CellState[];
  /** Appointments that could not be placed (overlapping legacy data); listed under the grid. */
  overflow: Appointment[];
}

const within = (ms: number, intervals: { startsAt: string; endsAt: string }[]) =>
  intervals.some((i) => Date.parse(i.startsAt) <= ms && ms < Date.parse(i.endsAt));

/** The rows shown: whole hours around every column's working time and appointments. */
function rowRange(columns: readonly GridColumn[], zone: string): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const c of columns) {
    for (const i of [...c.hours, ...c.appointments]) {
      first = Math.min(first, localMinutesOf(Date.parse(i.startsAt), zone));
      const end = localMinutesOf(Date.parse(i.endsAt), zone);
      last = Math.max(last, end === 0 ? 24 * 60 : end);
    }
  }
  if (first === Infinity) return { first: 8 * 60, last: 17 * 60 };
  return { first: Math.floor(first / 60) * 60, last: Math.min(24 * 60, Math.ceil(last / 60) * 60) };
}

function place(column: GridColumn, rows: number[], zone: string): PlacedColumn {
  const first = rows[0] ?? 0;
  const states = rows.map((minutes): CellState => {
    const at = instantOfWallTime(column.date, minutes, zone);
    return within(at, column.breaks) ? 'break' : within(at, column.hours) ? 'work' : 'off';
  });
  const starts = new Map<number, { appointment: Appointment; span: number }>();
  const covered = new Set<number>();
  const overflow: Appointment[] = [];
  for (const a of column.appointments.filter((x) => OCCUPYING_STATUSES.includes(x.status))) {
    const startMin = localMinutesOf(Date.parse(a.startsAt), zone);
    const row = Math.max(0, Math.floor((startMin - first) / SLOT_MINUTES));
    const duration = (Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 60_000;
    const span = Math.max(1, Math.min(rows.length - row, Math.ceil(duration / SLOT_MINUTES)));
    const rowsNeeded = Array.from({ length: span }, (_, i) => row + i);
    if (row >= rows.length || rowsNeeded.some((r) => covered.has(r) || starts.has(r))) {
      overflow.push(a);
      continue;
    }
    starts.set(row, { appointment: a, span });
    for (const r of rowsNeeded.slice(1)) covered.add(r);
  }
  return { column, starts, covered, states, overflow };
}

/**
 * A time grid as a real table: a row per 5 minutes, a column per provider (day) or per day (one
 * provider's week); appointments span their rows. Tabbing walks the appointments in time order.
 */
export function TimeGrid({ caption, columns, zone, selectedId, onSelect, onPickSlot }: TimeGridProps) {
  const rows = useMemo(() => {
    const { first, last } = rowRange(columns, zone);
    return Array.from({ length: (last - first) / SLOT_MINUTES }, (_, i) => first + i * SLOT_MINUTES);
  }, [columns, zone]);
  const placed = useMemo(() => columns.map((c) => place(c, rows, zone)), [columns, rows, zone]);
  const overflow = placed.flatMap((p) => p.overflow);

  return (
    <div className="time-grid">
      <table className="time-grid__table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="time-grid__corner">
              Time
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="time-grid__head">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((minutes, r) => (
            <tr key={minutes} className={minutes % 60 === 0 ? 'time-grid__row time-grid__row--hour' : 'time-grid__row'}>
              <th scope="row" className="time-grid__time">
                {minutes % 15 === 0 ? wallTimeOfMinutes(minutes) : <span className="visually-hidden">{wallTimeOfMinutes(minutes)}</span>}
              </th>
              {placed.map((p) => {
                if (p.covered.has(r)) return null;
                const start = p.starts.get(r);
                if (start) {
                  return (
                    <td key={p.column.key} rowSpan={start.span} className="time-grid__cell time-grid__cell--appt">
                      <AppointmentBlock appointment={start.appointment} zone={zone} selected={start.appointment.id === selectedId} onSelect={onSelect} />
                    </td>
                  );
                }
                const state = p.states[r] ?? 'off';
                return (
                  <td
                    key={p.column.key}
                    className={`time-grid__cell time-grid__cell--${state}`}
                    onClick={state === 'work' ? () => onPickSlot(p.column, wallTimeOfMinutes(minutes)) : undefined}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {overflow.length > 0 ? (
        <div className="time-grid__overflow">
          <h3>Also at these times</h3>
          <ul className="appt-list">
            {overflow.map((a) => (
              <li key={a.id}>
                <AppointmentBlock appointment={a} zone={zone} selected={a.id === selectedId} onSelect={onSelect} showProvider />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
