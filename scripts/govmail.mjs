#!/usr/bin/env node
// The `govmail` bin: loads TypeScript through tsx, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../server/cli.ts');
process.exit(await runCli(process.argv.slice(2)));
