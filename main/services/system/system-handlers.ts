import type { systemContract } from '../../../common/contract/system.contract';
import type { Handlers } from '../../../common/rpc/dispatcher';
import type { Clock } from '../../ports/clock';

export interface SystemDeps {
  clock: Clock;
  appName: string;
  version: string;
  runMode: 'electron' | 'headless' | 'test';
}

export function createSystemHandlers(deps: SystemDeps): Handlers<typeof systemContract> {
  return {
    'system.info'() {
      return { appName: deps.appName, version: deps.version, runMode: deps.runMode };
    },
    'system.ping'(input) {
      return { echo: input.echo ?? null, at: deps.clock.now().toISOString() };
    },
  };
}
