// Alpaca's Account and Position JSON (PROTOCOL §3.1, §3.2; fixtures rest/account.json, rest/position.json)
// built from the ledger and the last prices: every key of the fixtures, decimals as strings.
// Must never: emit a number for an amount, or value a position at a price from the future.
import type { AlpacaAccount, AlpacaPosition } from '../contracts.js';
import { Decimal } from '../../domain/decimal.js';
import type { VenueCore } from '../orders/venue-core.js';
import { rfc3339 } from '../orders/order-json.js';
import { buyingPower, heldForOrders, initialMargin, priceDecimal } from './buying-power.js';
import type { LedgerPosition } from './ledger.js';

const MAINTENANCE_LONG = Decimal.of('0.25');
const MAINTENANCE_SHORT = Decimal.of('0.3');
const REGT_MULTIPLIER = Decimal.of(2);

const ratio = (a: Decimal, b: Decimal): string => (b.isZero() ? '0' : a.div(b).toString());

/** The wire Position of one ledger position. */
export function positionJson(core: VenueCore, pos: LedgerPosition): AlpacaPosition {
  const asset = core.assets.get(pos.symbol);
  const lastNum = core.refPrice(pos.symbol);
  const avg = pos.costBasis.abs().div(pos.qty.abs());
  const current = lastNum === undefined ? avg : priceDecimal(lastNum);
  const lastDayNum = core.prices.lastDay(pos.symbol);
  const lastDay = lastDayNum === undefined ? current : priceDecimal(lastDayNum);
  const marketValue = pos.qty.times(current);
  const unrealized = marketValue.minus(pos.costBasis);
  const intradayBase = lastDayNum === undefined ? pos.costBasis : pos.qty.times(lastDay);
  const intraday = marketValue.minus(intradayBase);
  const short = pos.qty.isNegative();
  const held = heldForOrders(core.book.openOf(pos.symbol), short ? 'buy' : 'sell').held;
  const available = Decimal.max(pos.qty.abs().minus(held), Decimal.ZERO);
  return {
    asset_class: 'us_equity',
    asset_id: pos.assetId,
    asset_marginable: asset?.marginable ?? true,
    avg_entry_price: avg.toString(),
    change_today: ratio(current.minus(lastDay), lastDay),
    cost_basis: pos.costBasis.toString(),
    current_price: current.toString(),
    exchange: asset?.exchange ?? 'NASDAQ',
    lastday_price: lastDay.toString(),
    market_value: marketValue.toString(),
    qty: pos.qty.toString(),
    qty_available: (short ? available.neg() : available).toString(),
    side: short ? 'short' : 'long',
    symbol: pos.symbol,
    unrealized_intraday_pl: intraday.toString(),
    unrealized_intraday_plpc: ratio(intraday, intradayBase.abs()),
    unrealized_pl: unrealized.toString(),
    unrealized_plpc: ratio(unrealized, pos.costBasis.abs()),
  };
}

/** Identity and history fields of the account that the ledger does not know. */
export interface AccountInfo {
  readonly id: string;
  readonly accountNumber: string;
  readonly createdAt: number;
  readonly lastEquity: Decimal;
  readonly balanceAsOf: string;
}

/** The wire Account (Reg-T model documented in buying-power.ts). */
export function accountJson(core: VenueCore, info: AccountInfo): AlpacaAccount {
  const v = core.valuation();
  const m = core.settings.multiplier;
  const reserved = core.reserved();
  const bp = buyingPower(v, m, reserved).toString();
  const maintenance = v.longValue.times(MAINTENANCE_LONG).plus(v.shortValue.abs().times(MAINTENANCE_SHORT));
  const cashAvailable = v.cash.minus(reserved);
  return {
    account_blocked: false,
    account_number: info.accountNumber,
    accrued_fees: '0',
    balance_asof: info.balanceAsOf,
    buying_power: bp,
    cash: v.cash.toString(),
    created_at: rfc3339(info.createdAt),
    currency: 'USD',
    daytrade_count: 0,
    daytrading_buying_power: bp,
    equity: v.equity.toString(),
    id: info.id,
    initial_margin: initialMargin(v, m).toString(),
    intraday_adjustments: '0',
    last_equity: info.lastEquity.toString(),
    last_maintenance_margin: maintenance.toString(),
    long_market_value: v.longValue.toString(),
    maintenance_margin: maintenance.toString(),
    multiplier: m.toString(),
    non_marginable_buying_power: Decimal.max(cashAvailable, Decimal.ZERO).toString(),
    options_approved_level: 0,
    options_buying_power: Decimal.max(cashAvailable, Decimal.ZERO).toString(),
    options_trading_level: 0,
    pattern_day_trader: false,
    pending_reg_taf_fees: '0',
    portfolio_value: v.equity.toString(),
    regt_buying_power: buyingPower(v, Decimal.min(m, REGT_MULTIPLIER), reserved).toString(),
    short_market_value: v.shortValue.toString(),
    shorting_enabled: core.settings.shortingEnabled,
    sma: '0',
    status: 'ACTIVE',
    trade_suspended_by_user: false,
    trading_blocked: false,
    transfers_blocked: false,
  };
}
