export { silentLogger, type LogFn, type Logger } from './logger.js';
