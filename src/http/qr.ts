import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';

export const QR_FORMATS = ['svg', 'png'] as const;

/** A code as a QR image; a 120-character signed code fits version 7 at level M. */
export async function sendQr(reply: FastifyReply, text: string, format: (typeof QR_FORMATS)[number]) {
  reply.header('cache-control', 'private, no-store');
  return format === 'svg'
    ? reply.type('image/svg+xml').send(await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }))
    : reply.type('image/png').send(await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 2, scale: 8 }));
}
