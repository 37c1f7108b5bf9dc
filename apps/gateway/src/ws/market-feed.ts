// Venue streams behind the market topics: one upstream subscription per topic, opened when the first
// client of this instance wants it and closed when the last one leaves. Items go to the bus as
// droppable, instance-local messages.
import type { Clock, Subscription, Timeframe } from '@exkit/core';
import type { EventBus } from '../contracts/events.js';
import type { Venue } from '../contracts/venues.js';
import { busMessage } from '../events/message.js';
import { candleData, tickerData, tradeData } from './market-data.js';
import { marketTopicName, type MarketStream } from './topics.js';

export interface MarketTopic {
  readonly stream: MarketStream;
  /** Unified symbol. */
  readonly symbol: string;
  readonly timeframe?: Timeframe;
}

interface Feed {
  refs: number;
  readonly subscription: Subscription<unknown>;
}

export interface MarketFeedOptions {
  readonly venue: () => Venue;
  readonly bus: EventBus;
  readonly clock: Clock;
  /** The venue refused or could not open a stream (its subscribers get an error and are unsubscribed). */
  readonly onStreamError?: (topic: string, error: unknown) => void;
}

export class MarketFeed {
  readonly #feeds = new Map<string, Feed>();
  readonly #options: MarketFeedOptions;

  constructor(options: MarketFeedOptions) {
    this.#options = options;
  }

  /** Topics with an upstream subscription open now. */
  get activeTopics(): readonly string[] {
    return [...this.#feeds.keys()];
  }

  /** Resolves when the venue confirmed the upstream subscription (at once when it already runs). */
  acquire(topic: MarketTopic): Promise<void> {
    const name = marketTopicName(topic.stream, topic.symbol, topic.timeframe);
    const existing = this.#feeds.get(name);
    if (existing !== undefined) {
      existing.refs++;
      return existing.subscription.ready;
    }
    let subscription: Subscription<unknown>;
    try {
      subscription = this.#open(name, topic);
    } catch (error) {
      this.#options.onStreamError?.(name, error);
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.#feeds.set(name, { refs: 1, subscription });
    subscription.ready.catch((error: unknown) => this.#options.onStreamError?.(name, error));
    return subscription.ready;
  }

  release(name: string): void {
    const feed = this.#feeds.get(name);
    if (feed === undefined) return;
    feed.refs--;
    if (feed.refs > 0) return;
    this.#feeds.delete(name);
    void feed.subscription.close();
  }

  async close(): Promise<void> {
    const feeds = [...this.#feeds.values()];
    this.#feeds.clear();
    await Promise.all(feeds.map((f) => f.subscription.close()));
  }

  #open(name: string, topic: MarketTopic): Subscription<unknown> {
    const venue = this.#options.venue();
    const streams = venue.client.streams;
    const publish = (data: unknown): void =>
      this.#options.bus.publish(busMessage(name, topic.stream, data, { droppable: true, local: true, at: this.#options.clock.now() }));
    if (topic.stream === 'price_update') {
      const s = streams.ticker(topic.symbol);
      s.onItem((t) => publish(tickerData(venue.id, t)));
      return s as Subscription<unknown>;
    }
    if (topic.stream === 'trade') {
      const s = streams.trades(topic.symbol);
      s.onItem((t) => publish(tradeData(venue.id, t)));
      return s as Subscription<unknown>;
    }
    const s = streams.candles(topic.symbol, topic.timeframe ?? '1m');
    s.onItem((c) => publish(candleData(venue.id, c)));
    return s as Subscription<unknown>;
  }
}
