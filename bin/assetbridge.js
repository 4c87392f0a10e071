#!/usr/bin/env node
'use strict';
const { main } = require('../dist/cli/main.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`assetbridge: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  },
);
