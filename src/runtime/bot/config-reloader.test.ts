// The config reloader over real files in a temp folder: live keys applied and logged old → new, restart-only keys
// logged once and not applied, an invalid file (or an invalid strategy param) rejected whole with the old config
// kept, an override beating config.yaml, log level and strategy/watchlist changes reaching the running parts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../adapters/logging/memory-logger.js';
import { loadConfig, type StrategyConfig } from '../../config/index.js';
import { BUILTIN_STRATEGIES, StrategyRegistry, type InstanceSummary } from '../../core/strategies/index.js';
import { ConfigReloader, reloadInput, type ReloadTargets } from './config-reloader.js';
import { LiveConfig } from './live-config.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-reloader-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

const writeYaml = (text: string): void => { writeFileSync(join(dir, 'config.yaml'), text); };

function setUp(yaml: string, env: Record<string, string> = {}) {
  writeYaml(yaml);
  const input = { env, cwd: dir, argvMode: 'sim' };
  const live = new LiveConfig(loadConfig(input));
  const logger = new MemoryLogger({ level: 'info' });
  const overrides = new Map<string, unknown>();
  const reloader = new ConfigReloader({ input, live, logger, registry: new StrategyRegistry(BUILTIN_STRATEGIES), readOverrides: () => overrides });
  const lines = (level?: string): string[] => logger.entries.filter((e) => level === undefined || e.level === level).map((e) => e.msg);
  return { live, logger, overrides, reloader, lines };
}

/** Fake running parts that record what the reloader asked of them. */
function fakeTargets(held: { strategy: string; symbol: string }[] = []) {
  const calls: { configured: { entries: readonly StrategyConfig[]; watchlist: readonly string[] }[]; subscribed: (readonly string[])[] } = { configured: [], subscribed: [] };
  let summaries: InstanceSummary[] = [];
  const summary = (strategy: string, symbol: string): InstanceSummary => ({ strategy, symbol, timeframe: '1Min', status: 'active', message: '', barCount: 0, warmUp: 30, lastCandleTs: undefined });
  const targets: ReloadTargets = {
    runner: {
      configure: (entries, watchlist) => {
        calls.configured.push({ entries, watchlist });
        summaries = entries.filter((e) => e.enabled).flatMap((e) => (e.symbols ?? watchlist).map((s) => summary(e.name, s)));
        return [];
      },
      summaries: () => summaries,
    },
    engine: { configure: () => undefined, symbols: () => [...new Set(summaries.map((s) => s.symbol))] },
    feed: { setSymbols: (symbols) => { calls.subscribed.push(symbols); return Promise.resolve(); } },
    held: () => held,
  };
  return { targets, calls, prime: (watchlist: readonly string[]) => { summaries = watchlist.map((s) => summary('sma_crossover', s)); } };
}

describe('ConfigReloader', () => {
  it('applies a live change and logs it old → new with its source', async () => {
    const { live, reloader, lines } = setUp('risk:\n  max_trades_per_day: 20\n');
    writeYaml('risk:\n  max_trades_per_day: 7\n');
    const outcome = await reloader.reload('test');
    expect(outcome.status).toBe('applied');
    expect(live.current().values.risk.max_trades_per_day).toBe(7);
    expect(live.current().sources['risk.max_trades_per_day']).toBe('config.yaml');
    expect(lines('info')).toContain('config change applied: risk.max_trades_per_day 20 → 7 [config.yaml]');
    expect((await reloader.reload('again')).status).toBe('unchanged');
  });

  it('an invalid file is rejected whole with key, value and allowed range; the last good config stays; logged once; recovery is logged', async () => {
    const { live, reloader, lines } = setUp('risk:\n  max_trades_per_day: 20\n');
    const before = live.current();
    writeYaml('risk:\n  max_trades_per_day: 9999\n  max_open_positions: 3\n');
    const outcome = await reloader.reload('test');
    expect(outcome.status).toBe('rejected');
    expect(outcome.problems).toEqual(['risk.max_trades_per_day = 9999 is out of range: allowed 1–500 (whole number) [config.yaml]']);
    expect(live.current()).toBe(before);
    expect(live.current().values.risk.max_open_positions).toBe(5);
    expect(lines('error')).toEqual(['config reload rejected, the bot keeps running with the last good configuration: risk.max_trades_per_day = 9999 is out of range: allowed 1–500 (whole number) [config.yaml]']);
    await reloader.reload('again');
    expect(lines('error')).toHaveLength(1);
    writeYaml('risk:\n  max_trades_per_day: 12\n');
    expect((await reloader.reload('fixed')).status).toBe('applied');
    expect(lines('info')).toContain('config reload: the configuration is valid again');
    expect(live.current().values.risk.max_trades_per_day).toBe(12);
  });

  it('broken YAML and unknown keys are rejected too', async () => {
    const { live, reloader } = setUp('');
    const before = live.current();
    writeYaml('risk: [unclosed\n');
    expect((await reloader.reload('test')).problems[0]).toMatch(/is not valid YAML/);
    writeYaml('risk:\n  max_trade_per_day: 3\n');
    expect((await reloader.reload('test')).problems).toEqual(['config.yaml: unknown key risk.max_trade_per_day (did you mean risk.max_trades_per_day?)']);
    expect(live.current()).toBe(before);
  });

  it('never half-applies: a valid risk change with a strategy param its schema refuses is rejected as a whole', async () => {
    const { live, reloader } = setUp('');
    const targets = fakeTargets();
    reloader.attach(targets.targets);
    writeYaml('risk:\n  max_trades_per_day: 5\nstrategies:\n  - name: sma_crossover\n    params: { fast: 40, slow: 20 }\n');
    const outcome = await reloader.reload('test');
    expect(outcome.status).toBe('rejected');
    expect(outcome.problems.join('\n')).toContain('strategy sma_crossover: params.');
    expect(live.current().values.risk.max_trades_per_day).toBe(20);
    expect(targets.calls.configured).toEqual([]);
    writeYaml('strategies:\n  - name: no_such_strategy\n');
    expect((await reloader.reload('test')).problems[0]).toMatch(/^strategies\.no_such_strategy: unknown strategy "no_such_strategy": allowed momentum_breakout, mtf_sma, rsi_mean_reversion, sma_crossover, velez$/);
  });

  it('restart-only changes are logged once as needing a restart and not applied; live changes in the same file still apply', async () => {
    const { live, reloader, lines } = setUp('sim:\n  seed: 42\n');
    writeYaml('sim:\n  seed: 7\nweb:\n  port: 8123\nrisk:\n  max_open_positions: 2\n');
    const outcome = await reloader.reload('test');
    expect(outcome.needsRestart.map((c) => c.key)).toEqual(['web.port', 'sim.seed']);
    expect(outcome.applied.map((c) => c.key)).toEqual(['risk.max_open_positions']);
    expect(live.current().values.sim.seed).toBe(42);
    expect(live.current().values.web.port).toBe(8000);
    expect(live.current().values.risk.max_open_positions).toBe(2);
    expect(lines('warn')).toEqual(['config change needs a restart (not applied): web.port 8000 → 8123 [config.yaml]', 'config change needs a restart (not applied): sim.seed 42 → 7 [config.yaml]']);
    await reloader.reload('again');
    expect(lines('warn')).toHaveLength(2);
  });

  it('credentials changed in .env need a restart and their values are never logged', async () => {
    const { reloader, logger } = setUp('');
    writeFileSync(join(dir, '.env'), 'ALPACA_API_KEY=PKRELOADSECRET000001\nALPACA_SECRET_KEY=reloadsecretvalue000000001\n');
    const outcome = await reloader.reload('test');
    expect(outcome.needsRestart.map((c) => `${c.key} ${c.from} → ${c.to}`)).toEqual(['alpaca.api_key (hidden) → (hidden)', 'alpaca.secret_key (hidden) → (hidden)']);
    expect(JSON.stringify(logger.entries)).not.toMatch(/PKRELOADSECRET|reloadsecretvalue/);
  });

  it('a settings override beats config.yaml; clearing it brings the file value back', async () => {
    const { live, reloader, overrides, lines } = setUp('risk:\n  max_trades_per_day: 7\n');
    overrides.set('risk.max_trades_per_day', 9);
    await reloader.reload('test');
    expect(live.current().values.risk.max_trades_per_day).toBe(9);
    expect(lines('info')).toContain('config change applied: risk.max_trades_per_day 7 → 9 [settings override]');
    writeYaml('risk:\n  max_trades_per_day: 11\n');
    expect((await reloader.reload('test')).status).toBe('unchanged');
    expect(live.current().values.risk.max_trades_per_day).toBe(9);
    overrides.delete('risk.max_trades_per_day');
    await reloader.reload('test');
    expect(live.current().values.risk.max_trades_per_day).toBe(11);
  });

  it('an override that no longer fits is ignored with a warning (once) and does not block the reload', async () => {
    const { live, reloader, overrides, lines } = setUp('');
    overrides.set('web.port', 9000);
    overrides.set('risk.max_open_positions', 4);
    await reloader.reload('test');
    await reloader.reload('again');
    expect(live.current().values.risk.max_open_positions).toBe(4);
    expect(live.current().values.web.port).toBe(8000);
    expect(lines('warn').filter((l) => l.startsWith('settings override ignored: settings_overrides web.port cannot be changed at run time'))).toHaveLength(1);
  });

  it('a log level change reaches the logger', async () => {
    const { reloader, logger } = setUp('');
    writeYaml('log:\n  level: warn\n');
    await reloader.reload('test');
    logger.info('hidden now');
    expect(logger.entries.map((e) => e.msg)).not.toContain('hidden now');
    expect(logger.entries.map((e) => e.msg)).toContain('config change applied: log.level info → warn [config.yaml]');
  });

  it('strategy and watchlist changes reconfigure the runner and the subscription; a stopped instance holding a position is warned about', async () => {
    const { reloader, lines } = setUp('watchlist: [AAPL, MSFT]\n');
    const fake = fakeTargets([{ strategy: 'sma_crossover', symbol: 'MSFT' }]);
    fake.prime(['AAPL', 'MSFT']);
    reloader.attach(fake.targets);
    writeYaml('watchlist: [AAPL, TSLA]\nstrategies:\n  - name: sma_crossover\n    params: { fast: 5, slow: 20 }\n');
    await reloader.reload('test');
    expect(fake.calls.configured).toHaveLength(1);
    expect(fake.calls.configured[0]?.watchlist).toEqual(['AAPL', 'TSLA']);
    expect(fake.calls.configured[0]?.entries.map((e) => [e.name, e.params])).toEqual([['sma_crossover', { fast: 5, slow: 20 }]]);
    expect(fake.calls.subscribed).toEqual([['AAPL', 'TSLA']]);
    expect(lines('warn')).toContain('config reload: strategy sma_crossover on MSFT stopped: its position keeps its broker-side stop, but no strategy exit will be sent for it');
    expect(lines('info')).toContain('config reload: strategy sma_crossover on TSLA (1Min) started; it decides after 30 candles (0 known)');
    expect(lines('warn')).toContain('config reload: the simulator replays only the symbols it started with; TSLA get no bars until a restart');
  });

  it('a risk-only change does not touch the runner', async () => {
    const { reloader } = setUp('');
    const fake = fakeTargets();
    reloader.attach(fake.targets);
    writeYaml('risk:\n  notional_max: 1000\n');
    await reloader.reload('test');
    expect(fake.calls.configured).toEqual([]);
  });

  it('at startup, overrides apply without checking strategies against the registry (user files load later)', async () => {
    const { live, reloader, overrides } = setUp('strategies:\n  - name: my_user_strategy\n    enabled: false\n');
    overrides.set('strategies.my_user_strategy.enabled', true);
    expect((await reloader.reload('interval')).status).toBe('rejected');
    const outcome = await reloader.applyAtStartup();
    expect(outcome.status).toBe('applied');
    expect(live.current().values.strategies[0]?.enabled).toBe(true);
  });

  it('reloads the file the bot started with, in its mode; a deleted config.yaml is an error, not a return to the defaults', async () => {
    writeYaml('risk:\n  max_trades_per_day: 7\n');
    const started = loadConfig({ env: {}, cwd: dir });
    const input = reloadInput(started, {}, dir);
    expect(input).toMatchObject({ argvMode: 'sim', argvDryRun: false, env: { CONFIG_PATH: join(dir, 'config.yaml') } });
    const live = new LiveConfig(started);
    const reloader = new ConfigReloader({ input, live, logger: new MemoryLogger(), registry: new StrategyRegistry(BUILTIN_STRATEGIES), readOverrides: () => new Map() });
    rmSync(join(dir, 'config.yaml'));
    const outcome = await reloader.reload('test');
    expect(outcome.status).toBe('rejected');
    expect(outcome.problems[0]).toContain('does not exist');
    expect(live.current().values.risk.max_trades_per_day).toBe(7);
    expect(reloadInput(loadConfig({ env: {}, cwd: dir }), {}, dir).env).toEqual({});
  });
});
