/**
 * What an adapter supports, so callers check instead of catch. Declaring a capability is a promise
 * the conformance kit holds the adapter to; a method whose capability is false rejects with
 * NotSupportedError before any request.
 */
export const CAPABILITY_KEYS = [
  'fetchTickers',
  // Recent public trades over REST. Some venues serve public trades only on their stream (venue B).
  'fetchTrades',
  'fetchServerTime',
  'fetchFundingRate',
  'streamTicker',
  'streamOrderBook',
  'streamTrades',
  'streamCandles',
  'streamOrders',
  'streamFills',
  'streamPositions',
  'streamBalances',
  'marketOrders',
  'postOnly',
  'ioc',
  'fok',
  'reduceOnly',
  'conditionalOrders',
  'clientOrderId',
  'amendOrder',
  'cancelAllOrders',
  'positions',
  'setLeverage',
] as const;

export type CapabilityKey = (typeof CAPABILITY_KEYS)[number];
export type Capabilities = Readonly<Record<CapabilityKey, boolean>>;

/** Every capability false: adapters spread this and switch on what they support. */
export const NO_CAPABILITIES: Capabilities = Object.freeze(
  Object.fromEntries(CAPABILITY_KEYS.map((k) => [k, false])) as Record<CapabilityKey, boolean>,
);

/**
 * Every capability true but the listed ones: for a venue that supports nearly everything, so it
 * names only its gaps (and the conformance kit holds it to the rest).
 */
export function capabilitiesExcept(unsupported: Iterable<CapabilityKey>): Capabilities {
  const off = new Set(unsupported);
  return Object.freeze(Object.fromEntries(CAPABILITY_KEYS.map((k) => [k, !off.has(k)])) as Record<CapabilityKey, boolean>);
}
