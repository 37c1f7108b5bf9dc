import type { MarketType } from '../models/enums.js';

export interface SymbolParts {
  readonly base: string;
  readonly quote: string;
  readonly settle?: string;
}

const UNIFIED = /^([A-Z0-9]{1,20})\/([A-Z0-9]{1,20})(?::([A-Z0-9]{1,20}))?$/;

/** Parses `BASE/QUOTE` or `BASE/QUOTE:SETTLE`; undefined when it is not a unified symbol. */
export function parseUnifiedSymbol(symbol: string): SymbolParts | undefined {
  const m = UNIFIED.exec(symbol);
  if (!m) return undefined;
  const [, base, quote, settle] = m as unknown as [string, string, string, string | undefined];
  return settle === undefined ? { base, quote } : { base, quote, settle };
}

export function formatUnifiedSymbol(parts: SymbolParts): string {
  return parts.settle === undefined ? `${parts.base}/${parts.quote}` : `${parts.base}/${parts.quote}:${parts.settle}`;
}

/** Spot symbols carry no settle suffix; derivatives always do. */
export function symbolMatchesType(symbol: string, type: MarketType): boolean {
  const parts = parseUnifiedSymbol(symbol);
  if (!parts) return false;
  return type === 'spot' ? parts.settle === undefined : parts.settle !== undefined;
}
