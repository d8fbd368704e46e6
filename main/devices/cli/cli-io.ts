/** Where a device-cli command writes text: process.stdout/stderr in the tool, arrays in tests. */
export interface TextSink {
  /** May return a promise that resolves once the text is flushed (back-pressure on big outputs). */
  write(text: string): void | Promise<void>;
}

export interface CliIo {
  /** The raw capture for `decode` without `--in`; read lazily, never by other commands. */
  stdin: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  stdout: TextSink;
  stderr: TextSink;
  /** Aborted on Ctrl-C: simulate and capture stop and print their summary. */
  interrupt?: AbortSignal;
}

/** Documented in DEVICE_CLI_USAGE; stable, scripts rely on them. */
export const EXIT = {
  ok: 0,
  /** simulate: not every message acknowledged, or the port/connection failed; capture: port failed. */
  failed: 1,
  /** Bad arguments, or decode found nothing decodable (empty input, only noise, unreadable file). */
  unusable: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
