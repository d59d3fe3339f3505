// `alpaca-bot run`: run the bot (sim, paper or live). Not built yet; see issue #5.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'run', 'run the bot (sim, paper or live)', 'issue #5');
};
