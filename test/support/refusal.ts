// The typed error a service call is refused with (services raise ProvisioningError with an id, a field and a
// status); fails the test when the call succeeds or throws anything else.
import { ProvisioningError } from '../../server/services/provisioning/errors.js';

export async function refusal(p: Promise<unknown>): Promise<ProvisioningError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProvisioningError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}
