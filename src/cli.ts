#!/usr/bin/env node
import { explain, run } from './cli/commands.js';

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(explain(error));
    process.exit(1);
  },
);
