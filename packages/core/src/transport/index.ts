export { RestTransport } from './rest-transport.js';
export type { RestTransportOptions } from './options.js';
export { encodeQuery } from './query.js';
export type {
  DecodeResult,
  HttpMethod,
  QueryValue,
  RateLimitHeaderReader,
  RequestEndInfo,
  RequestSigner,
  RequestStartInfo,
  ResponseContext,
  ResponseDecoder,
  ResponseHeaders,
  RestRequest,
  RestResponse,
  SignInput,
  SignOutput,
  StatusClassifier,
  TransportHooks,
} from './types.js';
