import { createWriteStream } from 'node:fs';
import { openSerialChannel, type OpenChannel } from './byte-channels';
import type { CaptureCommand } from './cli-arguments';
import { errorText } from './capture-decoding';
import { EXIT, type CliIo, type ExitCode } from './cli-io';

export interface CaptureDeps {
  openSerial(settings: CaptureCommand['settings']): Promise<OpenChannel>;
}

/**
 * `capture`: what a device sends on a serial port, byte for byte, into a file `decode` reads.
 * Listens only; stops after --seconds, on Ctrl-C, or when the port goes away (exit 1).
 */
export async function runCapture(
  command: CaptureCommand,
  io: CliIo,
  deps: CaptureDeps = { openSerial: openSerialChannel },
): Promise<ExitCode> {
  const say = (line: string) => void io.stderr.write(`${line}\n`);
  let open: OpenChannel;
  try {
    open = await deps.openSerial(command.settings);
  } catch (error) {
    say(`error: ${errorText(error)}`);
    return EXIT.failed;
  }
  const file = createWriteStream(command.outFile);
  let fileError: string | null = null;
  file.on('error', (error) => { fileError ??= error.message; });
  let bytes = 0;
  const started = Date.now();
  const off = open.channel.onData((chunk) => {
    bytes += chunk.length;
    file.write(chunk);
  });
  say(`capturing ${open.name} to ${command.outFile}${command.seconds === null ? ' (Ctrl-C to stop)' : ` for ${command.seconds} s`}`);

  const lost = await new Promise<string | null>((resolve) => {
    const timer = command.seconds === null ? null : setTimeout(() => resolve(null), command.seconds * 1000);
    const done = (reason: string | null) => {
      if (timer) clearTimeout(timer);
      io.interrupt?.removeEventListener('abort', onInterrupt);
      resolve(reason);
    };
    const onInterrupt = () => done(null);
    io.interrupt?.addEventListener('abort', onInterrupt, { once: true });
    if (io.interrupt?.aborted) onInterrupt();
    open.onClose((reason) => { if (reason !== null) done(reason); });
  });
  off();
  if (lost === null) await open.close().catch(() => undefined);
  await new Promise<void>((resolve) => file.end(() => resolve()));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (lost !== null) say(`failed: ${lost}`);
  if (fileError !== null) say(`error: cannot write ${command.outFile}: ${fileError}`);
  say(`captured ${bytes} bytes from ${open.name} to ${command.outFile} in ${seconds} s`);
  return lost === null && fileError === null ? EXIT.ok : EXIT.failed;
}
