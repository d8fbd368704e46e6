import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { CodeMapSchema } from '../../../common/domain/devices';
import type { DecodeCommand } from './cli-arguments';
import { CaptureDecoding, DECODE_CHUNK_BYTES, errorText, formatDecodeSummary } from './capture-decoding';
import { EXIT, type CliIo, type ExitCode } from './cli-io';

/**
 * `decode`: a raw capture in, one JSON line per reading (or message) out. Exit 0 when at least one
 * message decoded, 2 when nothing did (empty input, noise, unreadable file).
 */
export async function runDecode(command: DecodeCommand, io: CliIo): Promise<ExitCode> {
  const codeMap = await loadCodeMap(command.codeMapFile);
  if (!codeMap.ok) {
    await io.stderr.write(`error: ${codeMap.message}\n`);
    return EXIT.unusable;
  }
  const decoding = new CaptureDecoding(command.protocol, { encoding: command.encoding, codeMap: codeMap.value, messages: command.messages });
  const input = command.inFile === null ? io.stdin : createReadStream(command.inFile, { highWaterMark: DECODE_CHUNK_BYTES });
  try {
    for await (const chunk of input) {
      const lines = decoding.push(toBytes(chunk));
      await emit(io, lines);
    }
  } catch (error) {
    await io.stderr.write(`error: cannot read ${command.inFile ?? 'stdin'}: ${errorText(error)}\n`);
    return EXIT.unusable;
  }
  await emit(io, decoding.end());
  const { tally } = decoding;
  await io.stderr.write(formatDecodeSummary(tally));
  if (tally.messages > 0) return EXIT.ok;
  await io.stderr.write(tally.bytes === 0
    ? 'error: no data (the input was empty)\n'
    : `error: nothing decodable: no ${command.protocol} message in ${tally.bytes} bytes (wrong --protocol, line settings or capture?)\n`);
  return EXIT.unusable;
}

async function emit(io: CliIo, lines: { stdout: string; stderr: string }): Promise<void> {
  // stderr first: a rejection is reported before the readings of the message that follows it.
  if (lines.stderr) await io.stderr.write(lines.stderr);
  if (lines.stdout) await io.stdout.write(lines.stdout);
}

/** Streams give Buffers (Uint8Array subclasses); a stream in string mode would give text. */
function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  return Buffer.from(String(chunk), 'latin1');
}

type CodeMapResult = { ok: true; value: Record<string, string> | undefined } | { ok: false; message: string };

async function loadCodeMap(file: string | null): Promise<CodeMapResult> {
  if (file === null) return { ok: true, value: undefined };
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { ok: false, message: `cannot read --codemap ${file}: ${errorText(error)}` };
  }
  const parsed = CodeMapSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
    return { ok: false, message: `--codemap ${file} is not a {"code": "LOINC"} object${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, value: parsed.data };
}
