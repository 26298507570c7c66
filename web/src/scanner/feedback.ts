import type { Severity } from '../api/types.js';

/**
 * What the door person hears and feels with each answer: a high short beep to
 * admit, two mid beeps for a remark (re-entry), a low long buzz to deny, a
 * siren for an alert (forged code). Phones only play sound after a touch, so
 * `unlockAudio` runs on the first tap.
 */
type Tone = { hz: number; ms: number; wave?: OscillatorType };

const TONES: Record<Severity, Tone[]> = {
  ok: [{ hz: 1320, ms: 140 }],
  warn: [{ hz: 880, ms: 110 }, { hz: 0, ms: 60 }, { hz: 880, ms: 110 }],
  deny: [{ hz: 196, ms: 420, wave: 'square' }],
  alert: [
    { hz: 1200, ms: 160, wave: 'sawtooth' }, { hz: 500, ms: 160, wave: 'sawtooth' },
    { hz: 1200, ms: 160, wave: 'sawtooth' }, { hz: 500, ms: 160, wave: 'sawtooth' },
  ],
};

const VIBRATIONS: Record<Severity, number[]> = {
  ok: [60],
  warn: [60, 80, 60],
  deny: [350],
  alert: [200, 100, 200, 100, 400],
};

let context: AudioContext | undefined;

function audio(): AudioContext | undefined {
  if (context) return context;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return undefined;
  context = new Ctor();
  return context;
}

/** Call from a user gesture: browsers keep audio suspended until then. */
export function unlockAudio(): void {
  const ctx = audio();
  if (ctx?.state === 'suspended') void ctx.resume();
}

function play(tones: Tone[]): void {
  const ctx = audio();
  if (!ctx || ctx.state !== 'running') return;
  let at = ctx.currentTime + 0.01;
  for (const tone of tones) {
    const seconds = tone.ms / 1000;
    if (tone.hz > 0) {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = tone.wave ?? 'sine';
      oscillator.frequency.value = tone.hz;
      // Short ramps avoid clicks at the edges.
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.35, at + 0.01);
      gain.gain.setValueAtTime(0.35, at + seconds - 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(at);
      oscillator.stop(at + seconds);
    }
    at += seconds;
  }
}

/** Beep and vibrate for an answer; silently does nothing where a device cannot. */
export function signal(severity: Severity): void {
  try {
    play(TONES[severity]);
  } catch {
    // No audio output: the screen still says it.
  }
  if (typeof navigator.vibrate === 'function') navigator.vibrate(VIBRATIONS[severity]);
}
