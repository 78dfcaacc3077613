/* global process, module */
// Mocha adds files named on the command line to the configured spec, so `npx mocha test/x.test.ts`
// would run the whole suite; with files named, only those run.
const named = process.argv.slice(2).some((a) => !a.startsWith('-') && /\.test\.ts$/.test(a));

module.exports = {
  require: ['tsx/cjs'],
  extension: ['ts'],
  ...(named ? {} : { spec: ['test/**/*.test.ts'] }),
  ignore: ['test/e2e/**'],
  timeout: 20000,
  exit: true,
};
