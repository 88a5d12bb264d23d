// Loaded into a benchmarked process with `node --require`: when it exits, writes the CPU time
// it used (user + system, all threads) to the file named by COT_BENCH_CPU, and its peak
// memory (maximum resident set size, in kB) to the file named by COT_BENCH_RSS when set.
// CPU time, unlike the wall clock, does not grow when other programs share the machine.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  if (process.env.COT_BENCH_CPU) writeFileSync(process.env.COT_BENCH_CPU, String((user + system) / 1e6));
  if (process.env.COT_BENCH_RSS) writeFileSync(process.env.COT_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
