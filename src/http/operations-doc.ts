/**
 * What /docs says about each operation: a stable operationId (client
 * generators name their methods after it), a one-line summary and, where the
 * schema does not say it, a description. Keyed by "METHOD path" as fastify
 * writes the path; test/http/openapi.test.ts fails when a route has no row.
 * The contract behind these lines is docs/api.md.
 */
export interface OperationDoc {
  id: string; summary: string; description?: string;
  /** The media type of a 200 that is not JSON (its route has no response schema for it). */
  produces?: 'image/svg+xml' | 'image/png' | 'text/plain' | 'text/event-stream' | 'message/rfc822';
}

export const OPERATION_DOCS: Record<string, OperationDoc> = {
  'GET /healthz': { id: 'getHealth', summary: 'Process is up', description: 'Answers 200 while the process runs, whatever the database does.' },
  'GET /readyz': { id: 'getReadiness', summary: 'Database reachable and migrated', description: '503 with `Retry-After` while the database is away or behind this build\'s migrations.' },
  'GET /metrics': { id: 'getMetrics', summary: 'Prometheus metrics', description: 'Prometheus text format: requests, scans, decisions, pool use.', produces: 'text/plain' },

  'POST /v1/events/:eventId/guest-lists': { id: 'createGuestList', summary: 'Make a guest list', description: 'Capacity counts people (guests and plus-ones); closesAt ends additions; admitUntil ends admissions. A promoter\'s lists are their own.' },
  'GET /v1/events/:eventId/guest-lists': { id: 'listGuestLists', summary: 'An event\'s guest lists', description: 'A promoter sees only their own.' },
  'GET /v1/guest-lists/:id': { id: 'getGuestList', summary: 'A guest list, with its people and check-ins' },
  'PATCH /v1/guest-lists/:id': { id: 'updateGuestList', summary: 'Change a guest list', description: 'Name, capacity (never below the people listed), closesAt, admitUntil.' },
  'PUT /v1/events/:eventId/promoters/:promoterId/cap': { id: 'setPromoterCap', summary: 'Cap a promoter\'s guest lists for an event', description: 'At most guestCap people on all of the promoter\'s lists of the event; null removes the cap.' },
  'POST /v1/guest-lists/:id/guests': { id: 'addGuest', summary: 'Add a guest with plus-ones', description: 'A signed code (kind guest) and a share link; 409 list_full or list_closed; near-duplicate names reported as possibleDuplicateOf.' },
  'GET /v1/guest-lists/:id/guests': { id: 'listGuests', summary: 'The guests of a list' },
  'GET /v1/guests/:id': { id: 'getGuest', summary: 'A guest, with the party let in so far' },
  'PATCH /v1/guests/:id': { id: 'updateGuest', summary: 'Change a guest', description: 'More plus-ones take places like an addition; never fewer than the party already in.' },
  'POST /v1/guests/:id/cancel': { id: 'cancelGuest', summary: 'Take a guest off the list', description: 'Frees the places; the code no longer admits.' },
  'GET /v1/guests/:id/qr.svg': { id: 'getGuestQrSvg', summary: 'A guest\'s code as an SVG QR', produces: 'image/svg+xml' },
  'GET /v1/guests/:id/qr.png': { id: 'getGuestQrPng', summary: 'A guest\'s code as a PNG QR', produces: 'image/png' },
  'GET /v1/public/guests/:venueId/:token/qr.svg': { id: 'getSharedGuestQrSvg', summary: 'A guest\'s QR by their share link (SVG)', description: 'No log-in: the link\'s token is the key.', produces: 'image/svg+xml' },
  'GET /v1/public/guests/:venueId/:token/qr.png': { id: 'getSharedGuestQrPng', summary: 'A guest\'s QR by their share link (PNG)', description: 'No log-in: the link\'s token is the key.', produces: 'image/png' },
  'GET /v1/events/:eventId/promoters': { id: 'getPromoterReport', summary: 'What each promoter sold, listed and brought in, and their commission', description: 'A promoter sees only their own row. Commission on people who came in only, by the event\'s rule; a refund or an annulled scan takes its part away.' },
  'PUT /v1/events/:eventId/commission': { id: 'setCommission', summary: 'How the event pays its promoters', description: 'none, revenue_share (basis points of the paid ticket revenue of people who came in, rounded down) or per_head (minor units per person who came in).' },
  'GET /v1/public-url': { id: 'getPublicUrl', summary: 'The address phones reach this server at', description: '`MAGUEY_PUBLIC_URL`, or null when it is unset (then enrolment links only work where the dashboard was opened).' },
  'PATCH /v1/events/:eventId': { id: 'updateEvent', summary: 'Change an event', description: 'Times, door window, capacity, re-entry rule, refund cut-off; each field names itself in a 400.' },
  'PATCH /v1/tables/:id': { id: 'updateTable', summary: 'Change a table', description: 'Number, tier, seats, deposit, minimum spend, and its place and size on the floor plan.' },
  'PATCH /v1/reservations/:id': { id: 'updateReservation', summary: 'Change a booking', description: 'Host and contact; the guest count only while pending (confirming issues one pass per guest).' },
  'PATCH /v1/ticket-types/:id': { id: 'updateTicketType', summary: 'Change a ticket type', description: 'Name, price, inventory (never below sold), re-entry, validity.' },
  'POST /v1/auth/logout': { id: 'logOut', summary: 'End this session', description: 'The token gets 401 from then on; a live stream opened with it ends within 5 s.' },
  'POST /v1/staff/:id/disable': { id: 'disableStaff', summary: 'Disable a staff member', description: 'Owners only. Every session of the member ends at once; they cannot log in again.' },
  'POST /v1/auth/login': { id: 'logIn', summary: 'Log in with e-mail and password', description: 'Returns a session token for `Authorization: Bearer`. Rate-limited per client address (429 with `Retry-After`).' },
  'GET /v1/me': { id: 'getMe', summary: 'Who the token belongs to', description: 'The staff member or device behind the bearer token, with its venue.' },
  'POST /v1/staff': { id: 'createStaff', summary: 'Add a staff member', description: 'Owners add any role; managers add promoters and door staff.' },
  'GET /v1/staff': { id: 'listStaff', summary: 'List the venue\'s staff' },

  'POST /v1/devices': { id: 'enrolDevice', summary: 'Enrol a scanner', description: 'Returns the device and its token; the token is shown once and only its hash is kept.' },
  'GET /v1/devices': { id: 'listDevices', summary: 'List the venue\'s scanners' },
  'GET /v1/gates': { id: 'listGates', summary: 'List the venue\'s gates' },
  'POST /v1/gates': { id: 'createGate', summary: 'Add a gate', description: 'A scan naming a gate the venue does not have is a 400.' },
  'POST /v1/qr.svg': { id: 'drawQrCode', summary: 'Draw a text as a QR code (SVG)', produces: 'image/svg+xml' },
  'POST /v1/devices/:id/revoke': { id: 'revokeDevice', summary: 'Revoke a scanner', description: 'Its token gets 401 from then on.' },

  'POST /v1/events': { id: 'createEvent', summary: 'Create an event' },
  'GET /v1/events': { id: 'listEvents', summary: 'List the venue\'s events', description: 'Paginated: `limit` and the opaque `cursor` of the previous page.' },
  'GET /v1/events/:eventId': { id: 'getEvent', summary: 'Get an event' },
  'POST /v1/events/:eventId/doors/open': { id: 'openEventDoors', summary: 'Open an event\'s door now' },
  'GET /v1/events/:eventId/door-data': { id: 'getDoorData', summary: 'Everything a scanner needs to decide without the server', description: 'Whole without a cursor; with one, the passes, tickets and guests changed since. Holder names are sealed under each code (docs/offline.md). Gzipped.' },
  'GET /v1/events/:eventId/door-search': { id: 'searchDoor', summary: 'Find people by name, table, order or the end of their code', description: 'Up to 20 matches, accent- and case-insensitive: the door\'s fallback when a code cannot be read.' },
  'POST /v1/events/:eventId/tables': { id: 'createTable', summary: 'Add a VIP table to an event' },
  'GET /v1/events/:eventId/tables': { id: 'listTables', summary: 'List an event\'s VIP tables' },

  'POST /v1/events/:eventId/reservations': { id: 'createReservation', summary: 'Book a VIP table', description: 'The reservation starts `pending`; confirming it issues one pass per guest.' },
  'GET /v1/events/:eventId/reservations': { id: 'listReservations', summary: 'List an event\'s reservations' },
  'GET /v1/reservations/:id': { id: 'getReservation', summary: 'Get a reservation with its passes' },
  'POST /v1/reservations/:id/confirm': { id: 'confirmReservation', summary: 'Confirm a reservation and issue its passes', description: '`guestCount` passes with signed codes; pass 1 is the host\'s. 409 when the state machine forbids it.' },
  'POST /v1/reservations/:id/send-passes': { id: 'sendReservationPasses', summary: 'Mail a table\'s passes to its host', description: 'One inline QR code and its code per person, in English or Spanish, to the host\'s e-mail or `to`. 409 unless the booking is confirmed or checked in.' },
  'POST /v1/reservations/:id/cancel': { id: 'cancelReservation', summary: 'Cancel a reservation', description: 'Allowed from `pending` and `confirmed`; 409 otherwise.' },
  'POST /v1/reservations/:id/complete': { id: 'completeReservation', summary: 'Mark a reservation completed', description: 'Allowed from `checked_in`; 409 otherwise.' },
  'POST /v1/reservations/:id/no-show': { id: 'markReservationNoShow', summary: 'Mark a reservation as a no-show', description: 'Allowed from `confirmed`; 409 otherwise.' },
  'POST /v1/reservations/:id/reset': { id: 'resetReservation', summary: 'Reset a reservation (test only, audited)', description: 'Owner only, and only when the server runs with `MAGUEY_ALLOW_RESET=1`: back to `confirmed`, 0 guests, passes `issued`; its scan rows leave the live log (kept, marked with the reset).' },
  'GET /v1/passes/:id/qr.svg': { id: 'getPassQrSvg', summary: 'A pass\'s code as a QR image (SVG)', produces: 'image/svg+xml' },
  'GET /v1/passes/:id/qr.png': { id: 'getPassQrPng', summary: 'A pass\'s code as a QR image (PNG)', produces: 'image/png' },
  'POST /v1/passes/:id/reissue': { id: 'reissuePass', summary: 'Issue a pass a new code', description: 'The old code is revoked at once.' },

  'POST /v1/scans': { id: 'scan', summary: 'Scan a code at the door', description: 'A decided scan, admitted or denied, is always 200. The same (scanner, nonce) returns the first answer with `replayed: true` and writes nothing.' },
  'GET /v1/scans': { id: 'listScans', summary: 'Read the scan log', description: 'Newest first, filtered by event, reservation, subject, device, entry type, decision or time; paginated with `limit` and `cursor`.' },
  'POST /v1/scans/batch': { id: 'uploadOfflineScans', summary: 'Upload scans decided offline', description: 'At most 500, decided in order and placed by `scannedAt`; each is idempotent per (device, nonce). An admission the device made stays an admission and carries a `conflictId` when the server would have refused it.' },
  'GET /v1/events/:eventId/attention': { id: 'listAttention', summary: 'The attention inbox of an event', description: 'Offline admissions the server would have refused, device clocks that were off, and fraud signals of live scans.' },
  'PATCH /v1/venue/attention-thresholds': { id: 'setAttentionThresholds', summary: 'Set the fraud signals\' thresholds', description: 'Per venue; the fields sent change, the others stay. Answers all of them.' },
  'POST /v1/attention/:id/resolve': { id: 'resolveAttention', summary: 'Resolve an attention item', description: 'With a note; records who and when. Resolving again changes nothing.' },
  'POST /v1/scans/:scanId/annul': { id: 'annulScan', summary: 'Undo an admission', description: 'Within 15 minutes, when the person did not pass (the turnstile did not turn): by the scanner that made it, or by an owner or manager from the dashboard\'s log.' },

  'GET /v1/events/:eventId/stats': { id: 'getEventStats', summary: 'Tonight in numbers', description: 'People inside, admissions, denials, per gate, and the VIP guests checked in.' },
  'GET /v1/events/:eventId/occupancy': { id: 'getEventOccupancy', summary: 'People inside over time' },
  'GET /v1/events/:eventId/live': { id: 'streamEvent', summary: 'Live feed of an event (server-sent events)', produces: 'text/event-stream' },

  'POST /v1/events/:eventId/ticket-types': { id: 'createTicketType', summary: 'Add a GA ticket type' },
  'GET /v1/events/:eventId/ticket-types': { id: 'listTicketTypes', summary: 'List an event\'s ticket types' },
  'POST /v1/events/:eventId/orders': { id: 'createOrder', summary: 'Sell GA tickets', description: 'Totals come from the ticket types, never from the request; `paid: true` is for box office and comps. Sold out is 409.' },
  'GET /v1/orders/:id': { id: 'getOrder', summary: 'Get an order with its tickets' },
  'POST /v1/orders/:id/pay': { id: 'payOrder', summary: 'Mark an order paid' },
  'POST /v1/orders/:id/cancel': { id: 'cancelOrder', summary: 'Cancel an order', description: 'Its tickets are cancelled with it.' },
  'POST /v1/orders/:id/refund': { id: 'refundOrder', summary: 'Refund an order, in full or in part', description: 'Through the payment provider, once per `Idempotency-Key`; a full refund cancels and revokes the tickets. A refund the provider refuses is kept on the order (`refunds[].status: refused`) and answered 409 `refund_refused`. A box-office order is refunded in full only.' },
  'POST /v1/payments/stripe/webhook': { id: 'receiveStripeWebhook', summary: 'Stripe webhook', description: '`Stripe-Signature` checked over the raw body (300 s tolerance; 400 otherwise, nothing changed). Each event id is applied once; the objects are re-read from the provider, so events may come twice and in any order. 503 when an order stays locked: Stripe retries.' },
  'GET /v1/events/:eventId/ledger': { id: 'listLedger', summary: 'The event\'s ledger', description: 'Append-only entries in minor units, oldest first, paginated with `limit` and `cursor`.' },
  'POST /v1/public/events/:eventId/checkout': { id: 'startCheckout', summary: 'Buy tickets (public)', description: 'No log-in; rate-limited per address. Prices come from the ticket types; the tickets are held until `expiresAt`; pay at `checkoutUrl`. 503 when the payment provider cannot be reached (nothing is held).' },
  'GET /v1/events/:eventId/money': { id: 'getEventMoney', summary: 'The night\'s money', description: 'From the ledger: gross (charges), provider fees, refunds, disputes and net, with paid orders and their tickets.' },
  'GET /v1/events/:eventId/orders': { id: 'listEventOrders', summary: 'An event\'s orders', description: 'Newest first, with what each paid and got back; paginated with `limit` and `cursor`.' },
  'POST /v1/events/:eventId/cancel': { id: 'cancelEvent', summary: 'Cancel an event and refund it', description: 'Owners only. Sales stop, pending orders are cancelled, and every paid order is refunded in full when the event\'s `refundableUntil` has not passed (or is unset); after it, paid orders are kept and counted. Calling it again retries the refunds the provider could not take (it was down); a refused refund stays refused, on the order, for the owner to settle.' },
  'GET /v1/outbox': { id: 'listOutbox', summary: 'Mail written instead of sent (no SMTP_URL)', description: 'Owners only; the venue\'s messages, newest first. `smtp: true` and no items when the server sends mail.' },
  'GET /v1/outbox/:name': { id: 'getOutboxMessage', summary: 'One message of the outbox (.eml)', description: 'The message as written.', produces: 'message/rfc822' },
  'GET /v1/public/events/:eventId': { id: 'getPublicEvent', summary: 'An event as buyers see it (public)', description: 'Name, dates, currency and the ticket types on sale with what is left.' },
  'GET /v1/tickets/:id': { id: 'getTicket', summary: 'Get a GA ticket' },
  'POST /v1/tickets/:id/link': { id: 'linkTicket', summary: 'Link a GA ticket to a VIP reservation', description: 'The door then shows "Guest of table N".' },
  'POST /v1/tickets/:id/reissue': { id: 'reissueTicket', summary: 'Issue a ticket a new code', description: 'The old code is revoked at once.' },
  'GET /v1/tickets/:id/qr.svg': { id: 'getTicketQrSvg', summary: 'A ticket\'s code as a QR image (SVG)', produces: 'image/svg+xml' },
  'GET /v1/tickets/:id/qr.png': { id: 'getTicketQrPng', summary: 'A ticket\'s code as a QR image (PNG)', produces: 'image/png' },
  'GET /v1/events/:eventId/keys': { id: 'getEventKeys', summary: 'Public keys and revoked codes of an event', description: 'For scanners that verify signed codes offline.' },
  'POST /v1/events/:eventId/keys/rotate': { id: 'rotateEventKey', summary: 'Start signing an event\'s codes with a new key', description: 'Codes signed with older keys stay valid until their key is revoked.' },
  'POST /v1/events/:eventId/keys/:kid/revoke': { id: 'revokeEventKey', summary: 'Revoke an event signing key', description: 'Every code signed with it is refused from then on.' },
};
