// The main job: `npm start`. Runs the roles in GOVMAIL_ROLES (web, worker and scheduler by default) in one process
// (server/roles.ts); `govmail web|worker|scheduler` runs one role each. Migrates, and seeds the demo province on
// first start.
import { env, ConfigError } from './config/env.js';
import { rolesFrom, runRoles } from './roles.js';

async function main(): Promise<void> {
  let config;
  try {
    config = env();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`govmail cannot start.\n${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  await runRoles(config, rolesFrom(config.GOVMAIL_ROLES));
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`govmail failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
