import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { checkGates, MODES, resolveMode, type GateConfig, type Mode } from './safety-gates.js';

function config(o: { key?: boolean; secret?: boolean; paper?: boolean; allowLive?: boolean; dryRun?: boolean; apiBaseUrl?: string }): GateConfig {
  return {
    alpaca: { api_key: o.key === true ? 'PKTESTKEYVISIBLE123' : '', secret_key: o.secret === true ? 'SECRETVALUE987654321' : '', paper: o.paper ?? true, api_base_url: o.apiBaseUrl ?? '' },
    safety: { allow_live_trading: o.allowLive ?? false, dry_run: o.dryRun ?? false },
  };
}

function messages(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => i.message).join('\n');
  }
  throw new Error('expected a ConfigError');
}

describe('resolveMode: named cases (SPEC S1)', () => {
  it('no --mode: paper with credentials, sim without', () => {
    expect(resolveMode({ config: config({ key: true, secret: true }) }).mode).toBe('paper');
    expect(resolveMode({ config: config({}) }).mode).toBe('sim');
  });

  it('--mode wins', () => {
    expect(resolveMode({ cliMode: 'sim', config: config({ key: true, secret: true }) }).mode).toBe('sim');
    expect(resolveMode({ cliMode: 'backtest', config: config({}) }).mode).toBe('backtest');
  });

  it('live only with ALPACA_PAPER=false, ALLOW_LIVE_TRADING=true and --mode live', () => {
    expect(resolveMode({ cliMode: 'live', config: config({ key: true, secret: true, paper: false, allowLive: true }) }).mode).toBe('live');
  });

  it('keys + ALPACA_PAPER=false without ALLOW_LIVE_TRADING, no --mode: error naming ALLOW_LIVE_TRADING', () => {
    const text = messages(() => resolveMode({ config: config({ key: true, secret: true, paper: false }) }));
    expect(text).toMatch(/half set/);
    expect(text).toMatch(/ALLOW_LIVE_TRADING=true .*missing/);
  });

  it('--mode live without ALPACA_PAPER=false names ALPACA_PAPER (and ALLOW_LIVE_TRADING when also missing)', () => {
    expect(messages(() => resolveMode({ cliMode: 'live', config: config({ key: true, secret: true, allowLive: true }) }))).toMatch(/but ALPACA_PAPER=false is missing/);
    const both = messages(() => resolveMode({ cliMode: 'live', config: config({ key: true, secret: true }) }));
    expect(both).toMatch(/but ALPACA_PAPER=false and ALLOW_LIVE_TRADING=true are missing/);
  });

  it('both flags but no --mode live is a half-set gate naming --mode live', () => {
    expect(messages(() => resolveMode({ config: config({ key: true, secret: true, paper: false, allowLive: true }) }))).toMatch(/--mode live is missing/);
  });

  it('--mode paper|live without credentials names the missing key variables', () => {
    expect(messages(() => resolveMode({ cliMode: 'paper', config: config({}) }))).toMatch(/--mode paper needs Alpaca credentials: ALPACA_API_KEY \(or APCA_API_KEY_ID\) and ALPACA_SECRET_KEY \(or APCA_API_SECRET_KEY\) are not set/);
    expect(messages(() => resolveMode({ cliMode: 'live', config: config({ key: true, paper: false, allowLive: true }) }))).toMatch(/--mode live needs Alpaca credentials: ALPACA_SECRET_KEY/);
  });

  it('half-set credentials without --mode are an error, not a silent fall back to sim', () => {
    expect(messages(() => resolveMode({ config: config({ key: true }) }))).toMatch(/ALPACA_SECRET_KEY .*is not set but ALPACA_API_KEY/);
  });

  it('an API endpoint override pointing at the live API is refused in paper mode (and paper API in live mode)', () => {
    expect(messages(() => resolveMode({ config: config({ key: true, secret: true, apiBaseUrl: 'https://api.alpaca.markets' }) }))).toMatch(/live trading API but the mode is paper/);
    expect(messages(() => resolveMode({ cliMode: 'live', config: config({ key: true, secret: true, paper: false, allowLive: true, apiBaseUrl: 'https://paper-api.alpaca.markets' }) }))).toMatch(/paper trading API but the mode is live/);
  });

  it('DRY_RUN or --dry-run sets dryRun', () => {
    expect(resolveMode({ config: config({ dryRun: true }) }).dryRun).toBe(true);
    expect(resolveMode({ cliDryRun: true, config: config({}) }).dryRun).toBe(true);
    expect(resolveMode({ config: config({}) }).dryRun).toBe(false);
  });

  it('messages never contain the credentials', () => {
    const text = messages(() => resolveMode({ cliMode: 'live', config: config({ key: true, secret: true }) }));
    expect(text).not.toContain('PKTESTKEYVISIBLE123');
    expect(text).not.toContain('SECRETVALUE987654321');
  });
});

describe('resolveMode: every combination of flags, --mode and credentials', () => {
  const cliModes: (Mode | undefined)[] = [undefined, ...MODES];
  const creds = [{ key: false, secret: false }, { key: true, secret: false }, { key: false, secret: true }, { key: true, secret: true }];
  const cases = [false, true].flatMap((paperFalse) => [false, true].flatMap((allowLive) => cliModes.flatMap((cliMode) => creds.map((c) => ({ paperFalse, allowLive, cliMode, ...c })))));

  it.each(cases)('ALPACA_PAPER=false:$paperFalse ALLOW_LIVE_TRADING:$allowLive --mode=$cliMode key=$key secret=$secret', ({ paperFalse, allowLive, cliMode, key, secret }) => {
    const { decision, issues } = checkGates({ cliMode, config: config({ key, secret, paper: !paperFalse, allowLive }) });
    const liveParts = [paperFalse, allowLive, cliMode === 'live'].filter(Boolean).length;
    const hasCreds = key && secret;
    const halfGate = liveParts > 0 && liveParts < 3;
    const credProblem = ((cliMode === 'paper' || cliMode === 'live') && !hasCreds) || (cliMode === undefined && key !== secret);
    expect(issues.length > 0).toBe(halfGate || credProblem);
    if (issues.length === 0) {
      const expected = cliMode ?? (hasCreds ? 'paper' : 'sim');
      expect(decision.mode).toBe(expected);
    }
    // live is only ever allowed with all three parts and credentials.
    if (issues.length === 0 && decision.mode === 'live') expect(liveParts === 3 && hasCreds).toBe(true);
    if (halfGate) expect(issues.map((i) => i.message).join('\n')).toMatch(/half set/);
  });
});
