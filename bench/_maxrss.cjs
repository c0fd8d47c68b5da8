// Preloaded into a measured child (`node --require bench/_maxrss.cjs ...`): when it exits, writes
// its peak resident memory (bytes) and the CPU time it used (seconds, user + system) to the file
// named by BENCH_RSS_FILE. CPU time hardly moves with the neighbours' load, which wall time does.
const fs = require('fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(file, JSON.stringify({ rss: usage.maxRSS * 1024, cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
  });
}
