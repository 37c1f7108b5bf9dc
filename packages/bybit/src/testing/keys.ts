/**
 * What the front says about a key beyond what the sim venue models: the venue knows read/trade
 * (and enforces them); wallet grants and IP binding exist only for `/v5/user/query-api` answers.
 */
export interface SimKeyPermissions {
  /** false: the simulator's key is a read-only one (default true). */
  readonly trade?: boolean;
  /** Wallet → "Withdraw" (default false). */
  readonly withdraw?: boolean;
  /** Wallet → "AccountTransfer" (default false). */
  readonly transfer?: boolean;
  /** IPs the key is bound to (default none: the venue prints ["*"]). */
  readonly ips?: readonly string[];
}
