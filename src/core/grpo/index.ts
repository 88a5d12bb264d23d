/**
 * GRPO maths shared by the calculator panel, the "advantages from selection" command and
 * `cot-trace advantages`: group-relative advantages with the options of TRL, verl, Dr. GRPO
 * and the paper; the clipped surrogate and the k3 KL estimate; reading rewards from text;
 * grouping scored records.
 */
export * from './advantages';
export * from './surrogate';
export * from './selection';
export { formatAdvantage } from './format';
