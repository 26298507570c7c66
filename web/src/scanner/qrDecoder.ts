/**
 * Reads QR codes from camera frames: the browser's own BarcodeDetector where
 * it has one (Chrome on Android, Safari 17+ behind a flag), else jsQR on a
 * downscaled canvas copy of the frame. jsQR is loaded only when needed.
 */
export interface QrDecoder {
  readonly engine: 'BarcodeDetector' | 'jsQR';
  /** The text of a QR code visible in the frame, or null. */
  decode(video: HTMLVideoElement): Promise<string | null>;
}

interface DetectedBarcode { rawValue: string }
interface BarcodeDetectorLike { detect(source: CanvasImageSource): Promise<DetectedBarcode[]> }
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** jsQR's cost grows with pixels: 480 px on the long side finds a phone-held code and stays near 20 ms. */
const JSQR_MAX_SIDE = 480;

export async function createQrDecoder(): Promise<QrDecoder> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Detector) {
    try {
      if ((await Detector.getSupportedFormats()).includes('qr_code')) {
        const detector = new Detector({ formats: ['qr_code'] });
        return {
          engine: 'BarcodeDetector',
          async decode(video) {
            const [first] = await detector.detect(video);
            return first?.rawValue || null;
          },
        };
      }
    } catch {
      // Present but unusable (no platform support): fall back to jsQR.
    }
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  return {
    engine: 'jsQR',
    async decode(video) {
      const { videoWidth: w, videoHeight: h } = video;
      if (!w || !h) return null;
      const scale = Math.min(1, JSQR_MAX_SIDE / Math.max(w, h));
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      // Codes shown on a phone in dark mode are light on dark: try both ways.
      return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data || null;
    },
  };
}
