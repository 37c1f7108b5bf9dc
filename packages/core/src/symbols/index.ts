export { formatUnifiedSymbol, parseUnifiedSymbol, symbolMatchesType, type SymbolParts } from './unified-symbol.js';
export { isOnStep, passiveRounding, roundToStep, stepDecimals, type RoundingMode } from './rounding.js';
export { MarketRegistry, type GridPolicy, type OrderInput, type PreparedOrder } from './market-registry.js';
