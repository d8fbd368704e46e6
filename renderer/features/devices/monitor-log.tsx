import { useEffect, useRef } from 'react';
import type { MonitorChunk } from '../../../common/domain/devices';

export type MonitorView = 'hex' | 'text';

const DIRECTION_LABELS: Record<MonitorChunk['direction'], string> = { in: 'IN', out: 'OUT', note: 'NOTE' };
const DIRECTION_NAMES: Record<MonitorChunk['direction'], string> = { in: 'from the device', out: 'sent to the device', note: 'decoder notice' };

const CONTROL_NAMES: Record<number, string> = {
  0x00: 'NUL', 0x02: 'STX', 0x03: 'ETX', 0x04: 'EOT', 0x05: 'ENQ', 0x06: 'ACK', 0x0a: 'LF', 0x0b: 'VT',
  0x0d: 'CR', 0x15: 'NAK', 0x17: 'ETB', 0x1c: 'FS', 0x1d: 'GS', 0x1e: 'RS', 0x1f: 'US', 0x7f: 'DEL',
};

/** Control characters as <STX>, <CR>, ...: invisible bytes are what framing problems are made of. */
export function showControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1f\x7f]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return `<${CONTROL_NAMES[code] ?? `0x${code.toString(16).padStart(2, '0').toUpperCase()}`}>`;
  });
}

/** "0231480d" or "02 31 48 0D" -> "02 31 48 0D". */
export function spacedHex(hex: string): string {
  const digits = hex.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return digits.match(/.{1,2}/g)?.join(' ') ?? '';
}

function formatTime(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return `${date.toLocaleTimeString(undefined, { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

export interface MonitorLogProps {
  chunks: readonly MonitorChunk[];
  view: MonitorView;
  label: string;
  /** Keep the newest chunk in sight as traffic arrives. */
  follow?: boolean;
  emptyMessage: string;
}

/** Raw traffic, one chunk a line: time, direction (in words and colour), then hex or text. */
export function MonitorLog({ chunks, view, label, follow = false, emptyMessage }: MonitorLogProps) {
  const ref = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const list = ref.current;
    if (follow && list) list.scrollTop = list.scrollHeight;
  }, [chunks, follow]);
  if (chunks.length === 0) return <p className="muted monitor-log__empty">{emptyMessage}</p>;
  return (
    <ol ref={ref} className="monitor-log" aria-label={label} tabIndex={0}>
      {chunks.map((chunk, index) => (
        <li key={`${index}-${chunk.at}`} className={`monitor-log__chunk monitor-log__chunk--${chunk.direction}`}>
          <span className="monitor-log__time">{formatTime(chunk.at)}</span>
          <span className="monitor-log__direction" title={DIRECTION_NAMES[chunk.direction]}>
            {DIRECTION_LABELS[chunk.direction]}
          </span>
          <span className="monitor-log__data">
            {chunk.direction === 'note' || view === 'text' ? showControlCharacters(chunk.text) : spacedHex(chunk.hex)}
          </span>
        </li>
      ))}
    </ol>
  );
}
