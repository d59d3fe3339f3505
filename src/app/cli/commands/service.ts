// `alpaca-bot service`: install as a systemd, launchd or pm2 service. Not built yet; see a later issue.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'service', 'install as a systemd, launchd or pm2 service', 'a later issue');
};
