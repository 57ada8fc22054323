// The CLI writes out the role and pause-reason lists its --help shows, so that registering the commands never
// loads the services (server/cli/README.md). These lists must stay the services' own.
import { expect } from 'chai';
import { ROLES } from '../../../server/services/users/index.js';
import { PAUSE_REASONS } from '../../../server/services/sla/index.js';
import { ROLE_NAMES } from '../../../server/cli/user-commands.js';
import { PAUSE_REASON_HELP } from '../../../server/cli/sla-tick-commands.js';

describe('CLI help lists', () => {
  it('names every role an account may hold, as services/users does', () => {
    expect(ROLE_NAMES).to.deep.equal(ROLES);
  });

  it('names every reason a clock may be paused for, as services/sla does', () => {
    expect(PAUSE_REASON_HELP).to.deep.equal(PAUSE_REASONS);
  });
});
