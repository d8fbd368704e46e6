import { runCapture } from './capture-command';
import { DEVICE_CLI_USAGE, parseDeviceCliArguments } from './cli-arguments';
import { EXIT, type CliIo, type ExitCode } from './cli-io';
import { runDecode } from './decode-command';
import { runSimulate } from './simulate-command';

/**
 * The device command-line tool for IT support (README, "Device command-line tool"): parses the
 * arguments and runs one command. Resolves with the exit status; never rejects.
 */
export async function runDeviceCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseDeviceCliArguments(argv);
  if (!parsed.ok) {
    await io.stderr.write(`error: ${parsed.message}\n\n${DEVICE_CLI_USAGE}\n`);
    return EXIT.unusable;
  }
  const command = parsed.value;
  try {
    switch (command.command) {
      case 'help':
        await io.stdout.write(`${DEVICE_CLI_USAGE}\n`);
        return EXIT.ok;
      case 'decode':
        return await runDecode(command, io);
      case 'simulate':
        return await runSimulate(command, io);
      case 'capture':
        return await runCapture(command, io);
    }
  } catch (error) {
    // A bug, not the input: say so plainly instead of a stack trace, and fail.
    await io.stderr.write(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return command.command === 'decode' ? EXIT.unusable : EXIT.failed;
  }
}
