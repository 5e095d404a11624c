// Preloaded into the language server by the memory test (NODE_OPTIONS=--expose-gc --require …):
// SIGUSR2 runs a full garbage collection, so the resident set the test then reads holds what the
// server keeps, not what V8 has not got round to collecting yet. Production never loads this.
if (typeof global.gc === 'function') {
  process.on('SIGUSR2', () => global.gc());
}
