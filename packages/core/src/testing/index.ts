export type {
  LevelInput,
  ReceivedRequest,
  VenueBook,
  VenueCandle,
  VenueControl,
  VenueFault,
  VenueInstrument,
  VenueTrade,
} from './venue-control.js';
