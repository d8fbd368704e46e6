// `npm run device -- <command>`: the device command-line tool for IT support (decode a capture,
// simulate a device, capture a port). The commands live in main/devices/cli/.
import type { Writable } from 'node:stream';
import type { TextSink } from '../devices/cli/cli-io';
import { runDeviceCli } from '../devices/cli/run-device-cli';

/** Writes with back-pressure, so decoding a large capture into a slow pipe does not buffer it all. */
function sink(stream: Writable): TextSink {
  return {
    write: (text) => new Promise<void>((resolve) => {
      if (stream.write(text)) resolve();
      else stream.once('drain', resolve);
    }),
  };
}

// `... | head` closes stdout early: stop quietly instead of dying on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const interrupt = new AbortController();
process.on('SIGINT', () => {
  // A second Ctrl-C leaves at once, should a port refuse to close.
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
});
process.on('SIGTERM', () => interrupt.abort());

void runDeviceCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: sink(process.stdout),
  stderr: sink(process.stderr),
  interrupt: interrupt.signal,
}).then((code) => {
  process.exitCode = code;
  // Everything is closed by now; should a native handle linger, do not hang the shell.
  setTimeout(() => process.exit(code), 2000).unref();
});
