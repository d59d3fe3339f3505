// `alpaca-bot backtest`: backtest a strategy over stored or CSV bars. Not built yet; see issue #6.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'backtest', 'backtest a strategy over stored or CSV bars', 'issue #6');
};
