/**
 * The clipped surrogate objective of PPO/GRPO for one output, and the k3 estimate of the KL
 * divergence to the reference policy, at sequence level (one ratio per output), as in the
 * DeepSeek-R1 paper:
 *
 *   J = (1/G) Σ_i [ min(ρ_i A_i, clip(ρ_i, 1 − ε_low, 1 + ε_high) A_i) − β · KL_i ]
 *   ρ_i = π_θ(o_i|q) / π_old(o_i|q)
 *   KL_i = π_ref/π_θ − log(π_ref/π_θ) − 1        (k3 estimator, always ≥ 0)
 *
 * PPO and GRPO use ε_low = ε_high (0.2 is common); DAPO's "clip-higher" raises only ε_high
 * (0.2 / 0.28) so unlikely tokens can still grow.
 */

export interface ClipOptions {
  /** Lower clip range: ratios below 1 − ε_low stop counting for negative advantages. */
  epsLow: number;
  /** Upper clip range: ratios above 1 + ε_high stop counting for positive advantages. */
  epsHigh: number;
  /** KL coefficient β (0 = no KL term, as in DAPO and Dr. GRPO). */
  beta: number;
}

export const DEFAULT_CLIP: Readonly<ClipOptions> = { epsLow: 0.2, epsHigh: 0.2, beta: 0 };
export const DAPO_CLIP: Readonly<ClipOptions> = { epsLow: 0.2, epsHigh: 0.28, beta: 0 };

export interface SurrogateInput {
  advantage: number;
  /** ρ = π_θ / π_old. Give this, or the two log-probabilities. */
  ratio?: number | null;
  logpNew?: number | null;
  logpOld?: number | null;
  /** log π_ref of the output, for the KL term (with `logpNew`), or `refRatio` directly. */
  logpRef?: number | null;
  /** π_ref / π_θ, for the KL term when log-probabilities are not at hand. */
  refRatio?: number | null;
}

export interface SurrogateResult {
  /** The ratio used (null when none could be formed: the output is left out of the mean). */
  ratio: number | null;
  /** clip(ρ, 1 − ε_low, 1 + ε_high). */
  clippedRatio: number | null;
  /** The clipped term won the min: the output gives no gradient through ρ. */
  clipped: boolean;
  /** min(ρA, clip(ρ)A). */
  surrogate: number | null;
  /** k3 KL estimate (null without a reference). */
  kl: number | null;
  /** surrogate − β·KL (the KL term only when known). */
  objective: number | null;
}

function num(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** k3 estimate of KL(π_θ ‖ π_ref) from x = π_ref/π_θ: x − log x − 1 (null for x ≤ 0 or not finite). */
export function k3(refRatio: number): number | null {
  if (!num(refRatio) || refRatio <= 0) return null;
  const value = refRatio - Math.log(refRatio) - 1;
  return Number.isFinite(value) ? Math.max(0, value) : null;
}

/** k3 from log-probabilities: with d = log π_ref − log π_θ, e^d − d − 1 (computed without forming the ratio's log again). */
export function k3FromLogProbs(logpTheta: number, logpRef: number): number | null {
  if (!num(logpTheta) || !num(logpRef)) return null;
  const d = logpRef - logpTheta;
  const value = Math.expm1(d) - d;
  return Number.isFinite(value) ? Math.max(0, value) : null;
}

/** The clipped surrogate (and KL) of one output. */
export function surrogate(input: SurrogateInput, options: ClipOptions = DEFAULT_CLIP): SurrogateResult {
  const A = num(input.advantage) ? input.advantage : 0;
  let ratio: number | null = null;
  if (num(input.ratio) && input.ratio >= 0) ratio = input.ratio;
  else if (num(input.logpNew) && num(input.logpOld)) {
    const r = Math.exp(input.logpNew - input.logpOld);
    ratio = Number.isFinite(r) ? r : null;
  }
  let kl: number | null = null;
  if (num(input.logpNew) && num(input.logpRef)) kl = k3FromLogProbs(input.logpNew, input.logpRef);
  else if (num(input.refRatio)) kl = k3(input.refRatio);

  if (ratio === null) return { ratio: null, clippedRatio: null, clipped: false, surrogate: null, kl, objective: null };
  const low = 1 - Math.max(0, options.epsLow);
  const high = 1 + Math.max(0, options.epsHigh);
  const clippedRatio = Math.min(Math.max(ratio, low), high);
  const plain = ratio * A;
  const bounded = clippedRatio * A;
  // The min picks the clipped term (strictly) only when the ratio has left the trust region
  // in the direction the advantage pushes: above 1 + ε_high with A > 0, below 1 − ε_low with A < 0.
  const clipped = bounded < plain;
  const value = Math.min(plain, bounded);
  const beta = num(options.beta) ? options.beta : 0;
  const objective = value - (kl !== null ? beta * kl : 0);
  return { ratio, clippedRatio, clipped, surrogate: value, kl, objective };
}

/** Per-output surrogates and their mean objective (1/G Σ, over outputs with a ratio). */
export function groupSurrogate(inputs: ReadonlyArray<SurrogateInput>, options: ClipOptions = DEFAULT_CLIP): { outputs: SurrogateResult[]; objective: number | null; clippedFraction: number } {
  const outputs = inputs.map((input) => surrogate(input, options));
  const counted = outputs.filter((o) => o.objective !== null);
  const objective = counted.length ? counted.reduce((s, o) => s + (o.objective as number), 0) / counted.length : null;
  const clippedFraction = counted.length ? counted.filter((o) => o.clipped).length / counted.length : 0;
  return { outputs, objective, clippedFraction };
}
