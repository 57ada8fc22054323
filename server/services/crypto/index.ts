// Secrets at rest, password hashes and the password policy, initial passwords, random nonces.
export { assertAsciiPassword, generateInitialPassword, PasswordPolicyError } from './initial-password.js';
export {
  BULK_PROVISIONING_ROUNDS, BULK_PROVISIONING_SCHEME, hashPassword, USER_CHOSEN_SCHEME, verifyPassword,
} from './password-hash.js';
export type { PasswordScheme } from './password-hash.js';
export { randomHex } from './random-hex.js';
export { openSecret, sealSecret, type SealPurpose } from './secret-box.js';
