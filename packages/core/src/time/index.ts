export { ManualClock, systemClock, type Clock } from './clock.js';
