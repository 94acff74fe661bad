/**
 * Calibrated confidence: a temperature per head, fitted on its validation split, so that "90%" is
 * right about 9 times in 10. Heads output softmax probabilities; log p equals the logits up to a
 * constant, so p^(1/T) renormalised is softmax(logits / T) without needing the logits.
 */

/** softmax(log p / T): T > 1 softens overconfident heads, T < 1 sharpens timid ones. */
export function temper(probs: ArrayLike<number>, temperature: number): Float32Array {
  const out = new Float32Array(probs.length);
  let max = -Infinity;
  for (let i = 0; i < probs.length; i++) max = Math.max(max, Math.log(Math.max(probs[i], 1e-12)) / temperature);
  let sum = 0;
  for (let i = 0; i < probs.length; i++) {
    out[i] = Math.exp(Math.log(Math.max(probs[i], 1e-12)) / temperature - max);
    sum += out[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

/** Mean negative log-likelihood of the true classes. */
export function nll(probs: readonly ArrayLike<number>[], labels: readonly number[], temperature = 1): number {
  let s = 0;
  probs.forEach((p, i) => {
    s -= Math.log(Math.max(temper(p, temperature)[labels[i]], 1e-12));
  });
  return probs.length ? s / probs.length : 0;
}

/** The temperature minimising validation NLL (golden-section search on log T over [0.05, 20]). */
export function fitTemperature(probs: readonly ArrayLike<number>[], labels: readonly number[]): number {
  if (probs.length === 0) return 1;
  const f = (logT: number) => nll(probs, labels, Math.exp(logT));
  let a = Math.log(0.05);
  let b = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 40; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  const t = Math.exp((a + b) / 2);
  return f(Math.log(t)) <= f(0) ? t : 1; // never worse than no temperature
}

/** Expected calibration error over equal-width confidence bins: 0 = confidence means what it says. */
export function calibrationError(probs: readonly ArrayLike<number>[], labels: readonly number[], bins = 10): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const right = new Array<number>(bins).fill(0);
  probs.forEach((p, i) => {
    let top = 0;
    for (let j = 1; j < p.length; j++) if (p[j] > p[top]) top = j;
    const b = Math.min(bins - 1, Math.floor(p[top] * bins));
    count[b]++;
    conf[b] += p[top];
    right[b] += top === labels[i] ? 1 : 0;
  });
  let e = 0;
  for (let b = 0; b < bins; b++) if (count[b]) e += Math.abs(right[b] - conf[b]);
  return probs.length ? e / probs.length : 0;
}
