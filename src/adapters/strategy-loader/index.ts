// Public surface of the user-strategy loader: discovery, (re)import and watching of `strategies/`, and the
// template that `alpaca-bot new-strategy` writes. The engine passes the loader's events to the core registry.
// Must never: export the tsx registration itself (importStrategyModule is the one way in).
export { defaultExportOf, importStrategyModule, type ModuleImporter } from './module-importer.js';
export { isStrategyFile, StrategyFileLoader, type StrategyFileEvent, type StrategyFileLoaderOptions } from './strategy-file-loader.js';
export { AUTHOR_KIT_PATH, kitSpecifier, renderStrategyTemplate, STRATEGY_FILE_NAME } from './strategy-template.js';
