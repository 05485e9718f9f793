/**
 * Bench feedback sounds, synthesized with the Web Audio API: no sound files to ship or unpack, and the tones are
 * chosen to be told apart without looking: a short high beep for a good scan, a low double buzz for a refusal.
 * The context is created on first use, which is always after a key press (browsers only allow audio after a gesture).
 */
let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
    return ctx;
  } catch {
    // No audio device (a headless test browser, a locked-down kiosk): the screen still says everything.
    return null;
  }
}

function tone(a: AudioContext, freq: number, type: OscillatorType, startS: number, lengthS: number, volume: number): void {
  const osc = a.createOscillator();
  const gain = a.createGain();
  osc.type = type;
  osc.frequency.value = freq;
  // A short ramp in and out: a hard edge clicks and sounds like a fault.
  const t0 = a.currentTime + startS;
  gain.gain.setValueAtTime(0, t0);
  gain.gain.linearRampToValueAtTime(volume, t0 + 0.005);
  gain.gain.setValueAtTime(volume, t0 + lengthS - 0.01);
  gain.gain.linearRampToValueAtTime(0, t0 + lengthS);
  osc.connect(gain).connect(a.destination);
  osc.start(t0);
  osc.stop(t0 + lengthS + 0.02);
}

export type BenchSound = 'good' | 'refused' | 'done';

export function playBenchSound(sound: BenchSound): void {
  const a = audio();
  if (!a) return;
  switch (sound) {
    case 'good':
      tone(a, 1760, 'sine', 0, 0.08, 0.25);
      return;
    case 'refused':
      // Square waves are harsh on purpose: a refusal must be heard over a noisy room.
      tone(a, 150, 'square', 0, 0.18, 0.3);
      tone(a, 150, 'square', 0.26, 0.18, 0.3);
      return;
    case 'done':
      tone(a, 1046, 'sine', 0, 0.1, 0.22);
      tone(a, 1568, 'sine', 0.11, 0.16, 0.22);
      return;
    default: {
      const never: never = sound;
      return never;
    }
  }
}
