// Public surface of the Alpaca execution adapter: the factory, its settings and tuning, the typed errors and
// the mapper (reused by anything that reads recorded Alpaca payloads). Must never: export the SDK objects.
export { createAlpacaExecutionClient, DEFAULT_EXECUTION_TUNING, type CreateAlpacaExecutionClientOptions, type ExecutionTuning } from './create-alpaca-execution-client.js';
export { ALPACA_TRADING_HOSTS, resolveExecutionSettings, streamUrlFor, type AlpacaConfigValues, type AlpacaExecutionSettings } from './execution-settings.js';
export {
  AlpacaExecutionError, BrokerAuthError, BrokerRequestError, BrokerUnavailableError, CloseAmbiguousError, EXECUTION_ERROR_CODES,
  ExecutionConfigError, InvalidOrderCommandError, MalformedPayloadError, UnknownOrderStatusError,
  type ErrorAction, type ExecutionErrorCode,
} from './execution-errors.js';
export { BROKER_ORDER_STATUSES, mapAccount, mapOrder, mapOrders, mapPosition, mapPositions, mapTradeUpdate, toPostOrderRequest } from './execution-mapper.js';
export { CANCEL_RETRIES } from './cancel-order.js';
export { READ_RETRIES } from './cached-read.js';
export { SUBMIT_RETRIES, isDuplicateClientOrderId } from './submit-order.js';
export { reconnectDelayMs, type ReconnectPolicy } from './trade-update-stream.js';
