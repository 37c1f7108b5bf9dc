import { balanceSchema } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { mapWalletCoin } from '../../src/map/balance.js';
import { walletCoinSchema } from '../../src/rest/schemas/account.js';
import { walletBalanceResponseSchema } from '../../src/rest/schemas/account.js';
import { wsWalletFrameSchema } from '../../src/ws/schemas/private.js';
import { fixture } from '../helpers/fixtures.js';
import { plain } from '../helpers/markets.js';

const coin = (fields: Record<string, string>) => walletCoinSchema.parse({ coin: 'USDT', ...fields });

describe('mapWalletCoin', () => {
  it.each([
    ['nothing reserved', { walletBalance: '100' }, { total: '100', used: '0', free: '100' }],
    ['position and order margin', { walletBalance: '100', totalPositionIM: '20', totalOrderIM: '5.5' }, { total: '100', used: '25.5', free: '74.5' }],
    ['spot locked + bonus', { walletBalance: '10', locked: '1.25', bonus: '0.75' }, { total: '10', used: '2', free: '8' }],
    ['"" deprecated fields count as 0', { walletBalance: '3', totalOrderIM: '', totalPositionIM: '', locked: '' }, { total: '3', used: '0', free: '3' }],
    ['reserved above the balance is capped (used ≤ total)', { walletBalance: '10', totalPositionIM: '12' }, { total: '10', used: '10', free: '0' }],
    ['a negative balance (borrowed) reserves nothing', { walletBalance: '-2', totalOrderIM: '1' }, { total: '-2', used: '0', free: '-2' }],
    ['exact at many decimals', { walletBalance: '0.00102964', totalOrderIM: '0.00000001' }, { total: '0.00102964', used: '0.00000001', free: '0.00102963' }],
  ])('%s', (_name, fields, expected) => {
    const b = mapWalletCoin(coin(fields), 1700000000000);
    expect(plain(b)).toEqual({ currency: 'USDT', timestamp: 1700000000000, ...expected });
    expect(b.free.plus(b.used).eq(b.total)).toBe(true);
  });

  it('the REST fixture and the WS wallet push map the same way', () => {
    const rest = walletBalanceResponseSchema.parse(fixture('wallet-balance.json'));
    const b = mapWalletCoin(rest.result.list[0]!.coin[0]!, rest.time);
    expect(balanceSchema.safeParse(b).success).toBe(true);
    expect(plain(b)).toEqual({ currency: 'BTC', free: '0', used: '0', total: '0', timestamp: 1690872862481 });
    const ws = wsWalletFrameSchema.parse(fixture('ws-wallet.json'));
    expect(plain(mapWalletCoin(ws.data[0]!.coin[0]!, ws.creationTime))).toEqual({
      currency: 'BTC',
      free: '0.00102964',
      used: '0',
      total: '0.00102964',
      timestamp: 1700034722104,
    });
  });
});
