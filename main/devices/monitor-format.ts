const CONTROL_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL', 0x01: 'SOH', 0x02: 'STX', 0x03: 'ETX', 0x04: 'EOT', 0x05: 'ENQ', 0x06: 'ACK', 0x0a: 'LF',
  0x0b: 'VT', 0x0d: 'CR', 0x15: 'NAK', 0x17: 'ETB', 0x1c: 'FS', 0x1e: 'RS', 0x1f: 'US',
};

/** Bytes as spaced uppercase hex: "02 31 48 7C". */
export function toHex(bytes: Uint8Array, max = bytes.length): string {
  const parts: string[] = [];
  const n = Math.min(bytes.length, max);
  for (let i = 0; i < n; i++) parts.push(bytes[i]!.toString(16).toUpperCase().padStart(2, '0'));
  return parts.join(' ') + (bytes.length > n ? ' …' : '');
}

/**
 * Bytes as readable text for troubleshooting: printable Latin-1 as is, control characters by name
 * (<STX>, <CR>), CR LF also breaks the line.
 */
export function toMonitorText(bytes: Uint8Array, max = bytes.length): string {
  let out = '';
  const n = Math.min(bytes.length, max);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else if (b >= 0xa0) out += String.fromCharCode(b);
    else {
      const name = CONTROL_NAMES[b];
      out += name ? `<${name}>` : `<${b.toString(16).toUpperCase().padStart(2, '0')}>`;
      if (b === 0x0a) out += '\n';
    }
  }
  return out + (bytes.length > n ? '…' : '');
}
