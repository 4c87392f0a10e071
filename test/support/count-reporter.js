// Writes jest's own totals to a file so that .ci/run can print the plain
// "N passed, N failed" line that CI reads.
const fs = require('node:fs');

class CountReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.ASSETBRIDGE_TEST_COUNTS;
    if (!file) return;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed`;
    fs.writeFileSync(file, `${line}\n`);
  }
}

module.exports = CountReporter;
