// The CoT Trace language server (see issue: language server). Placeholder entry so the bundle exists.
export {};
