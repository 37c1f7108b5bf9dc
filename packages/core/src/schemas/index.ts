export { decimalSchema, wireDecimal, wireOptionalDecimal } from './decimal-schemas.js';
export { epochMsSchema, toEpochMs, wireTimestamp } from './time-schemas.js';
