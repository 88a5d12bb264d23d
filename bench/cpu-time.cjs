// Loaded into a benchmarked process with `node --require`: when it exits, writes the CPU time
// it used (user + system, all threads) to the file named by COT_BENCH_CPU. CPU time, unlike
// the wall clock, does not grow when other programs share the machine.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  if (process.env.COT_BENCH_CPU) writeFileSync(process.env.COT_BENCH_CPU, String((user + system) / 1e6));
});
