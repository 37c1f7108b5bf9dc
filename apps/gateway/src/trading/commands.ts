// Engine command transitions (gateway-api.md § Trading engine) and the bus form of a forwarded command.
import { z } from 'zod';
import type { EngineCommand, EngineState } from '../contracts/engine.js';

export function nextState(from: EngineState, command: EngineCommand): { state: EngineState; change: boolean } {
  switch (command) {
    case 'start':
      return from === 'stopped' ? { state: 'running', change: true } : { state: from, change: false };
    case 'stop':
      return from === 'stopped' ? { state: from, change: false } : { state: 'stopped', change: true };
    case 'pause':
      return from === 'running' ? { state: 'paused', change: true } : { state: from, change: false };
    case 'resume':
      return from === 'paused' ? { state: 'running', change: true } : { state: from, change: false };
    case 'restart':
      return { state: 'running', change: true };
  }
}

export const commandMessageSchema = z.object({
  command: z.enum(['start', 'stop', 'pause', 'resume', 'restart']),
  parameters: z.record(z.string(), z.unknown()),
  reason: z.string().max(1000).nullable(),
  issued_by: z.string().min(1).max(200),
});
