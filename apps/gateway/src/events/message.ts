// Building and validating bus messages: one shape for what producers publish and what Redis relays.
import { z } from 'zod';
import type { BusMessage } from '../contracts/events.js';

export const busMessageSchema = z.object({
  topic: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  droppable: z.boolean(),
  timestamp: z.string().min(1),
  data: z.unknown(),
  local: z.boolean().optional(),
});

export interface MessageOptions {
  readonly droppable?: boolean;
  readonly local?: boolean;
  /** Epoch ms of the event; ISO-8601 in the message. */
  readonly at: number;
}

export function busMessage(topic: string, type: string, data: unknown, options: MessageOptions): BusMessage {
  return {
    topic,
    type,
    droppable: options.droppable ?? false,
    timestamp: new Date(options.at).toISOString(),
    data,
    ...(options.local === true && { local: true }),
  };
}
