// The `cot-trace` command-line tool (see issue: reward engine). Placeholder entry so the bundle exists.
export {};
