export { ManualClock, systemClock, type Clock } from './clock.js';
export { systemTimers, type TimerHandle, type TimerOptions, type Timers } from './timers.js';
export { ManualTimers } from './manual-timers.js';
export { sleep, type SleepOptions } from './sleep.js';
export type { ServerTimeReading, ServerTimeSample, TimeSyncStatus, TimestampSource } from './server-time.js';
export { ServerTimeSync, type ServerTimeSyncOptions } from './server-time-sync.js';
export { DATE_HEADER_PRECISION_MS, serverTimeFromDateHeader } from './date-header.js';
