// Short beeps with the Web Audio API: a high double tone for a check-in, a middle tone for 已签到, a
// low buzz for an error. Browsers start audio only after a user gesture: the first key or click unlocks it.

/** What the beep announces. */
export type Tone = 'ok' | 'duplicate' | 'error';

/** The notes of each tone: [frequency Hz, duration s] played one after another. */
export const TONES: Record<Tone, { wave: OscillatorType; notes: [number, number][] }> = {
  ok: { wave: 'sine', notes: [[880, 0.09], [1320, 0.14]] },
  duplicate: { wave: 'sine', notes: [[660, 0.22]] },
  error: { wave: 'square', notes: [[220, 0.18], [180, 0.28]] },
};

let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof window === 'undefined' || typeof window.AudioContext !== 'function') return null;
  ctx ??= new window.AudioContext();
  if (ctx.state === 'suspended') void ctx.resume();
  return ctx;
}

/** Plays one tone; silent where audio is unavailable. */
export function beep(tone: Tone) {
  const ac = audio();
  if (!ac) return;
  const { wave, notes } = TONES[tone];
  let t = ac.currentTime;
  for (const [freq, dur] of notes) {
    const osc = ac.createOscillator();
    const gain = ac.createGain();
    osc.type = wave;
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + dur);
    osc.connect(gain).connect(ac.destination);
    osc.start(t);
    osc.stop(t + dur + 0.02);
    t += dur + 0.03;
  }
}

/** Call on the first user gesture so later beeps are allowed to play. */
export function unlockAudio() {
  audio();
}
