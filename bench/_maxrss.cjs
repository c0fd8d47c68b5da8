// Preloaded into a measured child (`node --require bench/_maxrss.cjs ...`): when it exits, writes
// its peak resident memory (bytes) to the file named by BENCH_RSS_FILE.
const fs = require('fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    fs.writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
}
