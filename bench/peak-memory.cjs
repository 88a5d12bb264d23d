// Loaded into a benchmarked process with `node --require`: when it exits, writes its peak
// resident set (bytes) and the CPU seconds it used, as JSON, to the file named by COT_BENCH_RSS.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.COT_BENCH_RSS) writeFileSync(process.env.COT_BENCH_RSS, JSON.stringify({ rss: u.maxRSS * 1024, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
});
