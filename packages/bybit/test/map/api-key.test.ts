/**
 * `/v5/user/query-api` schema + mapper. The example follows the response documented at
 * https://bybit-exchange.github.io/docs/v5/user/apikey-info (field set as in bybit-api's
 * `ApiKeyInfoV5`); ids and keys are placeholders.
 */
import { apiKeyInfoSchema } from '@exkit/core';
import { describe, expect, it } from 'vitest';
import { mapApiKeyInfo } from '../../src/map/api-key.js';
import { apiKeyInfoResponseSchema, apiKeyInfoResultSchema } from '../../src/rest/schemas/user.js';

const documented = {
  retCode: 0,
  retMsg: '',
  result: {
    id: '13770661',
    note: 'placeholder',
    apiKey: 'XXXXXX',
    readOnly: 0,
    secret: '',
    permissions: {
      ContractTrade: ['Order', 'Position'],
      Spot: ['SpotTrade'],
      Wallet: ['AccountTransfer', 'SubMemberTransfer'],
      Options: ['OptionsTrade'],
      Derivatives: [],
      CopyTrading: [],
      BlockTrade: [],
      Exchange: [],
      NFT: [],
      Affiliate: [],
    },
    ips: ['*'],
    type: 1,
    deadlineDay: 66,
    expiredAt: '2023-12-22T07:20:25Z',
    createdAt: '2022-10-16T02:24:40Z',
    unified: 0,
    uta: 0,
    userID: 24617703,
    inviterID: 0,
    vipLevel: 'No VIP',
    mktMakerLevel: '0',
    affiliateID: 0,
    rsaPublicKey: '',
    isMaster: true,
    parentUid: '0',
    kycLevel: 'LEVEL_DEFAULT',
    kycRegion: '',
  },
  retExtInfo: {},
  time: 1697525990798,
};

const wire = (over: Record<string, unknown>) => apiKeyInfoResultSchema.parse({ ...documented.result, ...over });

describe('GET /v5/user/query-api', () => {
  it('parses the documented answer and maps it: trade ✓, transfer ✓, withdraw ✗, not IP-bound, expiry', () => {
    const res = apiKeyInfoResponseSchema.parse(documented);
    const info = mapApiKeyInfo(res.result);
    expect(apiKeyInfoSchema.parse(info)).toEqual(info);
    expect(info).toEqual({
      readOnly: false,
      permissions: { read: true, trade: true, withdraw: false, transfer: true },
      expiresAt: Date.UTC(2023, 11, 22, 7, 20, 25),
      venuePermissions: {
        ContractTrade: ['Order', 'Position'],
        Spot: ['SpotTrade'],
        Wallet: ['AccountTransfer', 'SubMemberTransfer'],
        Options: ['OptionsTrade'],
      },
    });
  });

  it('Wallet → Withdraw is reported as withdraw enabled; bound IPs are kept', () => {
    const info = mapApiKeyInfo(wire({ permissions: { ContractTrade: ['Order'], Wallet: ['Withdraw'] }, ips: ['10.0.0.1', '10.0.0.2'], expiredAt: '' }));
    expect(info.permissions).toEqual({ read: true, trade: true, withdraw: true, transfer: false });
    expect(info.ipWhitelist).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(info.expiresAt).toBeUndefined();
  });

  it('a read-only key trades nothing, whatever groups it lists', () => {
    const info = mapApiKeyInfo(wire({ readOnly: 1 }));
    expect(info.readOnly).toBe(true);
    expect(info.permissions.trade).toBe(false);
  });

  it('a key without trade groups cannot trade', () => {
    const info = mapApiKeyInfo(wire({ permissions: { Wallet: [], Spot: [] } }));
    expect(info.permissions).toEqual({ read: true, trade: false, withdraw: false, transfer: false });
    expect(info.venuePermissions).toEqual({});
  });

  it('an unknown readOnly value fails the parse', () => {
    expect(apiKeyInfoResultSchema.safeParse({ ...documented.result, readOnly: 2 }).success).toBe(false);
    expect(apiKeyInfoResultSchema.safeParse({ ...documented.result, permissions: { Wallet: 'Withdraw' } }).success).toBe(false);
  });
});
