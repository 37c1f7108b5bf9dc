import { NO_CAPABILITIES, type Capabilities } from '@exkit/core';

/**
 * What the adapter promises. The conformance kit holds every capability declared true to all its
 * cases, so switch one on only when those cases pass; until then the kit lists it as missing.
 */
export const __NAME___CAPABILITIES: Capabilities = Object.freeze({ ...NO_CAPABILITIES });
