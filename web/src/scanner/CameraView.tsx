import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n, type Translate } from '../i18n/index.js';
import { createQrDecoder, type QrDecoder } from './qrDecoder.js';

/** Time between decode attempts: ~8 looks a second is quick at a door and leaves the phone cool. */
const DECODE_EVERY_MS = 120;

type CameraState =
  | { kind: 'off' }
  | { kind: 'starting' }
  | { kind: 'on'; engine: QrDecoder['engine'] }
  | { kind: 'error'; message: string };

function cameraError(error: unknown, t: Translate): string {
  if (!window.isSecureContext) return t('camera.insecure');
  const name = (error as Error).name;
  if (name === 'NotAllowedError') return t('camera.denied');
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return t('camera.missing');
  if (name === 'NotReadableError') return t('camera.inUse');
  return t('camera.failed', { reason: (error as Error).message || name });
}

/**
 * The camera finder: starts on a tap (phones insist), reads QR codes from the
 * frames and hands each text to `onCode`. The parent decides what to do with
 * a code it has just seen.
 */
export function CameraView({ onCode, autoStart, onRunningChange }: {
  onCode(text: string): void;
  /** Start without a tap (the camera was on last time, so permission is likely granted). */
  autoStart: boolean;
  onRunningChange?(running: boolean): void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  /** Each start gets a number; a decode loop of an earlier start ends by itself. */
  const generation = useRef(0);
  const stream = useRef<MediaStream | null>(null);
  const { t } = useI18n();
  // Read through a ref: a change of language must not restart the camera.
  const tRef = useRef(t);
  tRef.current = t;
  const [state, setState] = useState<CameraState>({ kind: 'off' });
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  const runningRef = useRef(onRunningChange);
  runningRef.current = onRunningChange;

  const stop = useCallback(() => {
    generation.current++;
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    setState({ kind: 'off' });
    runningRef.current?.(false);
  }, []);

  const start = useCallback(async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      setState({ kind: 'error', message: cameraError(new Error('getUserMedia is not available'), tRef.current) });
      return;
    }
    const mine = ++generation.current;
    setState({ kind: 'starting' });
    try {
      const media = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
      stream.current = media;
      const element = video.current!;
      element.srcObject = media;
      await element.play();
      const decoder = await createQrDecoder();
      setState({ kind: 'on', engine: decoder.engine });
      runningRef.current?.(true);
      void decodeLoop(decoder, mine);
    } catch (error) {
      stream.current?.getTracks().forEach((t) => t.stop());
      stream.current = null;
      setState({ kind: 'error', message: cameraError(error, tRef.current) });
    }
  }, []);

  const decodeLoop = async (decoder: QrDecoder, mine: number) => {
    while (generation.current === mine && stream.current && video.current) {
      const element = video.current;
      if (element.readyState >= element.HAVE_CURRENT_DATA) {
        try {
          const text = await decoder.decode(element);
          if (text) onCodeRef.current(text);
        } catch {
          // A frame that could not be read: try the next one.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, DECODE_EVERY_MS));
    }
  };

  // Only the first render decides: turning the camera on later must not restart it.
  const [startAtMount] = useState(autoStart);
  useEffect(() => {
    if (startAtMount) void start();
    return () => {
      generation.current++;
      stream.current?.getTracks().forEach((t) => t.stop());
      stream.current = null;
    };
  }, [startAtMount, start]);

  return (
    <section className={`camera camera-${state.kind}`} aria-label={t('camera.label')}>
      <video ref={video} muted playsInline aria-hidden="true" />
      {state.kind === 'on' && <div className="camera-frame" aria-hidden="true" />}
      {state.kind === 'on' && (
        <button type="button" className="camera-stop" onClick={stop}>{t('camera.stop')}</button>
      )}
      {state.kind !== 'on' && (
        <div className="camera-placeholder">
          {state.kind === 'error' && <p className="camera-error">{state.message}</p>}
          <button type="button" className="button button-primary button-large" onClick={() => void start()} disabled={state.kind === 'starting'}>
            {state.kind === 'starting' ? t('camera.starting') : t('camera.start')}
          </button>
        </div>
      )}
    </section>
  );
}
