/**
 * GET /v5/user/query-api "Get API Key Information" (https://bybit-exchange.github.io/docs/v5/user/apikey-info):
 * answers about the signing key — trade groups from the venue's key permission, Wallet grants and
 * IP binding from the front's per-key settings. Any permission may call it. The secret is never printed ("").
 */
import { RET } from '../../codes.js';
import { fail } from '../envelope.js';
import type { Route } from '../types.js';

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const userRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v5/user/query-api',
    auth: 'read',
    operation: 'other',
    handle: ({ key }) => {
      if (key === undefined) return fail(RET.API_KEY, 'API key is invalid.');
      const { info, grants } = key;
      const trade = info.permissions.includes('trade');
      const wallet = [...(grants.transfer === true ? ['AccountTransfer'] : []), ...(grants.withdraw === true ? ['Withdraw'] : [])];
      const ips = grants.ips !== undefined && grants.ips.length > 0 ? [...grants.ips] : ['*'];
      return {
        id: String(info.createdAt),
        note: 'exkit simulator',
        apiKey: info.apiKey,
        readOnly: trade ? 0 : 1,
        secret: '',
        permissions: {
          ContractTrade: trade ? ['Order', 'Position'] : [],
          Spot: trade ? ['SpotTrade'] : [],
          Wallet: wallet,
          Options: [],
          Derivatives: [],
          Exchange: [],
          Earn: [],
          BlockTrade: [],
          Affiliate: [],
          NFT: [],
        },
        ips,
        type: 1,
        deadlineDay: ips[0] === '*' ? 90 : -1,
        expiredAt: ips[0] === '*' ? iso(info.createdAt + 90 * 86_400_000) : '',
        createdAt: iso(info.createdAt),
        unified: 0,
        uta: 1,
        userID: 1,
        inviterID: 0,
        vipLevel: 'No VIP',
        mktMakerLevel: '0',
        affiliateID: 0,
        rsaPublicKey: '',
        isMaster: true,
        parentUid: '0',
        kycLevel: 'LEVEL_DEFAULT',
        kycRegion: '',
      };
    },
  },
];
