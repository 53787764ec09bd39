// Preloaded into a command under test (node --import): reports the process's peak resident memory as it exits.
process.on('exit', () => process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\n`));
