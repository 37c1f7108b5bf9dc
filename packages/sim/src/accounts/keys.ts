import { markBalance, type Ctx } from '../context.js';
import { reject } from '../errors.js';
import { parseDecimal } from '../matching/parse.js';
import { Account } from './account.js';
import { EXTERNAL } from './ledger.js';
import type { ApiKeyInfo, Permission } from './types.js';

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function createAccount(ctx: Ctx, wallet: Readonly<Record<string, string>>): Account {
  const id = String(100_000 + ++ctx.ids.account);
  const acct = new Account(id, ctx.clock.now());
  ctx.accounts.set(id, acct);
  for (const [coin, amount] of Object.entries(wallet).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) deposit(ctx, id, coin, amount);
  return acct;
}

/** Money entering (or, negative, leaving) the venue. */
export function deposit(ctx: Ctx, accountId: string, coin: string, amount: string): void {
  const acct = ctx.accounts.get(accountId) ?? reject('UNKNOWN_ACCOUNT', `unknown account ${accountId}`);
  const d = parseDecimal(amount, 'INVALID_PARAMETER', 'amount');
  if (d.isNegative() && ctx.ledger.get(coin, acct.holder).minus(acct.usedIn(coin)).lt(d.negated())) reject('INSUFFICIENT_BALANCE', `cannot withdraw ${d.negated().toFixed()} ${coin}`);
  ctx.ledger.open(coin, acct.holder);
  ctx.ledger.transfer(coin, EXTERNAL, acct.holder, d);
  markBalance(ctx, accountId, coin);
}

export function createApiKey(ctx: Ctx, accountId: string, permissions: readonly Permission[]): ApiKeyInfo {
  if (!ctx.accounts.has(accountId)) reject('UNKNOWN_ACCOUNT', `unknown account ${accountId}`);
  for (const p of permissions) if (p !== 'read' && p !== 'trade') reject('INVALID_PARAMETER', `unknown permission ${String(p)}`);
  let apiKey: string;
  do apiKey = ctx.keyRng.text(18, ALPHANUM);
  while (ctx.keys.has(apiKey));
  const info: ApiKeyInfo = {
    apiKey,
    apiSecret: ctx.keyRng.text(36, ALPHANUM),
    accountId,
    permissions: [...new Set(permissions)].sort(),
    createdAt: ctx.clock.now(),
  };
  ctx.keys.set(apiKey, info);
  return info;
}

/** The key's record when it may do `need` ('trade' implies nothing about 'read': both are listed). */
export function authorize(ctx: Ctx, apiKey: string, need: Permission): ApiKeyInfo {
  const info = ctx.keys.get(apiKey) ?? reject('UNKNOWN_API_KEY', 'unknown API key');
  if (!info.permissions.includes(need)) reject('PERMISSION_DENIED', `this API key has no ${need} permission`);
  return info;
}
