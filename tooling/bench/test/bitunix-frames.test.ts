/** Exactness check of the bitunix-frames suite: every book and ticker exkit delivers equals its frame. */
import { describe, expect, it } from 'vitest';
import { exkitDepth, exkitTicker } from '../suites/lib/bitunix-contenders.js';
import { depthDiff, tickerDiff } from '../suites/lib/bitunix-equality.js';
import { bitunixBtcMarket, bitunixDepthFrames, bitunixTickersFrames } from '../suites/lib/bitunix-frames.js';

const market = bitunixBtcMarket();

describe('bitunix frames', () => {
  it('the market is the live BTCUSDT row (price 1 decimal, size 4)', () => {
    expect(market.id).toBe('BTCUSDT');
    expect(market.tickSize.toString()).toBe('0.1');
    expect(market.stepSize.toString()).toBe('0.0001');
  });

  it('every depth frame becomes a book equal to its 15 levels a side', async () => {
    const depth = await exkitDepth(market);
    const frames = bitunixDepthFrames(40);
    for (const f of frames) {
      depth.feed(f);
      expect(depthDiff(depth.subscription.latest, f)).toBeUndefined();
    }
    expect(depth.subscription.latest?.bids).toHaveLength(15);
    await depth.close();
  });

  it('every tickers frame becomes a ticker equal to its BTCUSDT item', async () => {
    const ticker = await exkitTicker(market);
    for (const f of bitunixTickersFrames(40)) {
      ticker.feed(f);
      expect(tickerDiff(ticker.subscription.latest, f, market.id)).toBeUndefined();
    }
    await ticker.close();
  });

  it('the checks catch a book or ticker from another frame', async () => {
    const [a, b] = bitunixDepthFrames(2);
    const depth = await exkitDepth(market);
    depth.feed(a!);
    expect(depthDiff(depth.subscription.latest, b!)).toMatch(/bids|asks/);
    await depth.close();
    const [t1, t2] = bitunixTickersFrames(2);
    const ticker = await exkitTicker(market);
    ticker.feed(t1!);
    expect(tickerDiff(ticker.subscription.latest, t2!, market.id)).toBeDefined();
    await ticker.close();
  });
});
