import ajvFormats from 'ajv-formats';
import { isText, isTimestamp } from '../domain/input-formats.js';

// ajv-formats is CommonJS: its function is both module.exports and .default.
const addFormats = ajvFormats.default;
type Ajv = Parameters<typeof addFormats>[0];

/**
 * The request validator's formats: ajv-formats' standard ones, with
 * `date-time` made strict (no leap second, years 1–9999 in UTC) and `text`
 * (no NUL, no unpaired surrogate) for every free-text field
 * (src/domain/input-formats.ts says why each is refused).
 */
// Given ajv-formats itself (its function is named formatsPlugin), fastify does
// not add it again after ours, which would put the loose date-time back.
export const AJV_PLUGINS = [
  addFormats,
  (ajv: Ajv) => {
    ajv.addFormat('date-time', { type: 'string', validate: isTimestamp });
    ajv.addFormat('text', { type: 'string', validate: isText });
  },
];

/** What a failed format says to the client, per format. */
export const FORMAT_MESSAGES: Record<string, string> = {
  'date-time': 'must be an ISO 8601 timestamp with an offset, seconds 00–59, between years 1 and 9999',
  text: 'must not contain NUL characters or unpaired UTF-16 surrogates',
  uuid: 'must be a UUID',
  email: 'must be an e-mail address',
};
