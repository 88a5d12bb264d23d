import type { BuildOptions, Plugin } from 'esbuild';

export const LAZY_BUNDLES: Record<string, string[]>;
export const lazyLibraries: Plugin;
export function lazyBundleConfigs(options: BuildOptions, outdir: string): BuildOptions[];
